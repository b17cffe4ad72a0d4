/**
 * The self-check's journey, one question a page: which questions are on the path for the
 * answers so far, which comes next, which answers still count after one changes, and how an
 * answer reads back on the check answers page. Pure: where the answers are kept between
 * pages (a browser-session cookie) is `lib/server/eligibility-answers.ts`'s business.
 *
 * The rule it follows is the engine's: once a criterion is met, its other questions cannot
 * change the result, so they are skipped (`questionsToAsk`), and answers to questions that
 * drop off the path are forgotten (`pruneAnswers`).
 */
import { pruneAnswers, questionsToAsk, type Answers, type AnswerValue, type Question, type RuleSet } from './engine.ts';

/** Answers as kept between pages: `null` means the question was asked and the answer is "not sure". */
export type StoredAnswers = Record<string, AnswerValue | null>;

/** The answers the engine evaluates: "not sure" is simply absent. */
export function knownAnswers(stored: StoredAnswers): Answers {
  return Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== null)) as Answers;
}

/** The questions on the path for these answers, and the first one not yet answered. */
export function progress(ruleset: RuleSet, stored: StoredAnswers): { path: Question[]; next: Question | undefined } {
  const path = questionsToAsk(ruleset, knownAnswers(stored));
  return { path, next: path.find((q) => !(q.key in stored)) };
}

/**
 * Whether one question's page may be shown for these answers, and if so the question before
 * it on the path (for the back link). A question the answers so far have made unnecessary,
 * or one not reached yet, is not shown: the user goes to the first question still to answer,
 * or to check answers when none is left (`goTo` is that page's last path segment).
 */
export function placeOfQuestion(
  ruleset: RuleSet,
  stored: StoredAnswers,
  questionKey: string,
): { show: true; previous: Question | undefined } | { show: false; goTo: string } {
  const { path, next } = progress(ruleset, stored);
  const position = path.findIndex((q) => q.key === questionKey);
  if (position === -1 || (next && path.indexOf(next) < position)) return { show: false, goTo: next ? next.key : 'check-answers' };
  return { show: true, previous: path[position - 1] };
}

/**
 * Records one answer (`null` for "not sure") and forgets the answers to questions it takes off
 * the path, so a changed answer leaves nothing stale. Returns the answers to keep and where to
 * go: the next unanswered question, or check answers. After a change from check answers the
 * user goes back there unless the change opened a new question.
 */
export function answerQuestion(
  ruleset: RuleSet,
  stored: StoredAnswers,
  questionKey: string,
  value: AnswerValue | null,
): { stored: StoredAnswers; next: Question | undefined } {
  const kept = pruneAnswers(ruleset, { ...stored, [questionKey]: value });
  return { stored: kept, next: progress(ruleset, kept).next };
}

/** How a stored answer reads on the check answers page. */
export function describeAnswer(question: Question, value: AnswerValue | null | undefined): string {
  if (value === null || value === undefined) return 'Not sure';
  if (question.type === 'boolean') return value ? 'Yes' : 'No';
  if (question.type === 'number') return `${value}${question.suffix ?? ''}`;
  return question.options.find((o) => o.value === value)?.label ?? String(value);
}
