/**
 * Reading one question's answer from a posted form, with the message a person sees when
 * it is missing or wrong. Pure, so it is tested without a browser.
 */
import { checkNumber, type AnswerValue, type Question } from './engine.ts';

export const NOT_SURE = 'not-sure';

export type FormAnswer = { ok: true; value: AnswerValue | null } | { ok: false; message: string; field: string };

/** The id of the input an error links to. */
export function fieldId(question: Question): string {
  if (question.type === 'number') return 'answer';
  if (question.type === 'choice') return `answer-${question.options[0]?.value ?? NOT_SURE}`;
  return 'answer-yes';
}

export function readAnswer(question: Question, form: Record<string, string>): FormAnswer {
  const raw = (form.answer ?? '').trim();
  switch (question.type) {
    case 'boolean':
      if (raw === 'yes') return { ok: true, value: true };
      if (raw === 'no') return { ok: true, value: false };
      if (raw === NOT_SURE) return { ok: true, value: null };
      return { ok: false, field: 'answer', message: 'Select yes, no or not sure' };
    case 'choice':
      if (raw === NOT_SURE) return { ok: true, value: null };
      if (question.options.some((o) => o.value === raw)) return { ok: true, value: raw };
      return { ok: false, field: 'answer', message: 'Select an answer, or not sure' };
    case 'number': {
      const notSure = form[NOT_SURE] === 'yes';
      if (!raw) {
        if (notSure) return { ok: true, value: null };
        return { ok: false, field: 'answer', message: `Enter a number, or select "I do not know"` };
      }
      const cleaned = raw.replace(/%$/, '').trim();
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, field: 'answer', message: question.suffix === '%' ? 'Enter a percentage as a number, like 82 or 82.5' : 'Enter a number, like 4' };
      const checked = checkNumber(question, Number(cleaned));
      if (!checked.ok) {
        const unit = question.suffix === '%' ? 'The percentage' : 'The number';
        return { ok: false, field: 'answer', message: `${unit} ${checked.message.charAt(0).toLowerCase()}${checked.message.slice(1)}` };
      }
      return { ok: true, value: checked.value };
    }
  }
}
