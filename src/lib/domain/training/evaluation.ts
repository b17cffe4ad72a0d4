/**
 * The evaluation a practitioner gives after a course: how useful it was, their confidence
 * before and after on a 1 to 5 scale, and two optional free-text answers. Pure rules: who
 * may answer, how answers are checked, and how a course's answers are summed up for its
 * trainers without ever showing who said what.
 *
 * Policy source: the programme's workforce development offer is to be evaluated for the
 * suitability of what is provided, the quality of delivery and its impact on practice
 * (seed 000, "Workforce development", "Evaluation"). Confidence before and after is the
 * portal's way of asking about impact on practice; the threshold of five answers and the
 * time limits below are the portal's reading, explained beside each.
 */
import { checkPersonalData, guardMessages, type GuardResult } from '../forum/guard.ts';
import { unsafeCharactersProblem } from '../text.ts';
import type { BookingStatus } from './model.ts';

/** The points of every scale, lowest first. */
export const SCALE = [1, 2, 3, 4, 5] as const;
export type ScalePoint = (typeof SCALE)[number];

/** How useful the course was for the person's work, by point. */
export const USEFULNESS_LABELS: Record<ScalePoint, string> = {
  1: 'Not useful',
  2: 'A little useful',
  3: 'Quite useful',
  4: 'Very useful',
  5: 'Extremely useful',
};

/** How confident the person felt about the course's subject, by point. */
export const CONFIDENCE_LABELS: Record<ScalePoint, string> = {
  1: 'Not confident',
  2: 'A little confident',
  3: 'Quite confident',
  4: 'Very confident',
  5: 'Extremely confident',
};

/**
 * Answers a trainer needs before seeing any result. Below five, counts per score and a
 * single comment could point to one person in a small group (the ICO's guidance on
 * anonymisation: small numbers let people be singled out). The portal's reading.
 */
export const RESULTS_THRESHOLD = 5;

/**
 * Days after a session starts during which its attendees can answer. Answers given long
 * after the event say little about it, and the limit bounds how long a form stays open.
 * The portal's reading.
 */
export const EVALUATION_OPEN_DAYS = 90;

/**
 * How long answers are kept: two years after the session, long enough to compare a course
 * across two years of sessions, then deleted (with the records of who answered). The
 * portal's reading, stated in the privacy notice.
 */
export const EVALUATION_KEEP_DAYS = 730;

/** Longest free-text answer, in characters. */
export const EVALUATION_TEXT_MAX = 1000;

const DAY = 86_400;

/** Why a person cannot answer a session's evaluation. */
export type EvaluationRefusal = 'not-attended' | 'answered' | 'closed' | 'cancelled';

/** Everything the eligibility rule looks at, for one person's place on one session. */
export interface EvaluationPlace {
  status: BookingStatus;
  sessionStatus: 'scheduled' | 'cancelled';
  startsAt: number;
  /** The person has already answered this session's evaluation. */
  answered: boolean;
}

/**
 * Whether a person may answer a session's evaluation now: only once a trainer has marked
 * them as attending (the register is the only proof they were there), once per session, and
 * within EVALUATION_OPEN_DAYS of the start.
 * @example evaluationEligibility({ status: 'attended', sessionStatus: 'scheduled', startsAt: 0, answered: false }, 3600) // { ok: true }
 */
export function evaluationEligibility(place: EvaluationPlace, now: number): { ok: true } | { ok: false; reason: EvaluationRefusal } {
  if (place.sessionStatus === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (place.status !== 'attended') return { ok: false, reason: 'not-attended' };
  if (place.answered) return { ok: false, reason: 'answered' };
  if (now >= evaluationClosesAt(place.startsAt)) return { ok: false, reason: 'closed' };
  return { ok: true };
}

/** When a session's evaluation closes. */
export function evaluationClosesAt(startsAt: number): number {
  return startsAt + EVALUATION_OPEN_DAYS * DAY;
}

/** Sessions that started before this time have their answers deleted. */
export function evaluationKeepCutoff(now: number): number {
  return now - EVALUATION_KEEP_DAYS * DAY;
}

/** One person's answers, as stored: nothing in it says who gave them. */
export interface EvaluationAnswers {
  usefulness: ScalePoint;
  confidenceBefore: ScalePoint;
  confidenceAfter: ScalePoint;
  /** What was most useful; may be empty. */
  useful: string;
  /** What could be better; may be empty. */
  improve: string;
}

/** The form's fields, in page order (for the error summary). */
export const EVALUATION_FIELDS = ['usefulness', 'confidenceBefore', 'confidenceAfter', 'useful', 'improve'] as const;
export type EvaluationField = (typeof EVALUATION_FIELDS)[number];

/** The id of the first radio of each scale, which the error summary links to. */
export const EVALUATION_FIELD_IDS: Partial<Record<EvaluationField, string>> = {
  usefulness: 'usefulness-1',
  confidenceBefore: 'confidenceBefore-1',
  confidenceAfter: 'confidenceAfter-1',
};

const SCALE_ERRORS: Record<'usefulness' | 'confidenceBefore' | 'confidenceAfter', string> = {
  usefulness: 'Select how useful the course was for your work',
  confidenceBefore: 'Select how confident you felt before the course',
  confidenceAfter: 'Select how confident you feel now',
};

const TEXT_LABELS: Record<'useful' | 'improve', string> = { useful: 'What was most useful', improve: 'What could be better' };

/** The message beside a free-text answer the personal-data guard refuses (as the forum words it). */
export const PERSONAL_DATA_ERROR = 'Your answer may identify someone. Remove the personal details before you send it';
/** The message when an answer suggests someone is at risk now (as the forum words it). */
export const SAFEGUARDING_ERROR = 'Do not send this. Follow your safeguarding procedures now, and call 999 if someone is in immediate danger';

export type EvaluationCheck =
  | { ok: true; data: EvaluationAnswers }
  | {
      ok: false;
      errors: Partial<Record<EvaluationField, string>>;
      /** The guard's findings on a free-text answer, to show as the forum does. */
      guard?: { field: 'useful' | 'improve'; result: Extract<GuardResult, { ok: false }>; messages: string[] };
    };

function scalePoint(value: string | undefined): ScalePoint | null {
  const n = Number(value);
  return /^[1-5]$/.test(value ?? '') ? (n as ScalePoint) : null;
}

/**
 * Checks a posted evaluation form. The three scales are required; the two free-text answers
 * are optional, at most EVALUATION_TEXT_MAX characters, and go through the forum's
 * personal-data guard: anything it would refuse or hold is refused here, because no
 * moderator reads evaluations before the trainer sees them and a comment must never
 * identify a family or a colleague.
 */
export function checkEvaluationForm(values: Record<string, string | undefined>): EvaluationCheck {
  const errors: Partial<Record<EvaluationField, string>> = {};
  const points = {} as Record<'usefulness' | 'confidenceBefore' | 'confidenceAfter', ScalePoint>;
  for (const field of ['usefulness', 'confidenceBefore', 'confidenceAfter'] as const) {
    const point = scalePoint(values[field]);
    if (point === null) errors[field] = SCALE_ERRORS[field];
    else points[field] = point;
  }
  const texts = { useful: '', improve: '' };
  let guard: Extract<EvaluationCheck, { ok: false }>['guard'];
  for (const field of ['useful', 'improve'] as const) {
    const text = (values[field] ?? '').replace(/\r\n?/g, '\n').trim();
    const label = TEXT_LABELS[field];
    const unsafe = unsafeCharactersProblem(text, label, { multiline: true });
    if (unsafe) {
      errors[field] = unsafe;
      continue;
    }
    if (text.length > EVALUATION_TEXT_MAX) {
      errors[field] = `${label} must be ${EVALUATION_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`;
      continue;
    }
    if (text) {
      const result = checkPersonalData(text);
      if (!result.ok) {
        errors[field] = result.safeguarding ? SAFEGUARDING_ERROR : PERSONAL_DATA_ERROR;
        guard ??= { field, result, messages: guardMessages(result) };
        continue;
      }
    }
    texts[field] = text;
  }
  if (Object.keys(errors).length > 0) return guard ? { ok: false, errors, guard } : { ok: false, errors };
  return { ok: true, data: { ...points, ...texts } };
}

/** Counts of answers at each point of a scale, index 0 for point 1. */
export type ScaleCounts = [number, number, number, number, number];

/** What a course's trainers see. */
export type EvaluationSummary =
  | { ready: false; count: number; threshold: number }
  | {
      ready: true;
      count: number;
      usefulness: ScaleCounts;
      confidenceBefore: ScaleCounts;
      confidenceAfter: ScaleCounts;
      /** Mean of (after − before), to one decimal place. */
      meanConfidenceChange: number;
      /** Free-text answers in alphabetical order, so neither time nor score can be read from where one stands. */
      useful: string[];
      improve: string[];
    };

const countsOf = (values: readonly ScalePoint[]): ScaleCounts => {
  const counts: ScaleCounts = [0, 0, 0, 0, 0];
  for (const v of values) counts[v - 1]!++;
  return counts;
};

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/**
 * Sums up a course's answers for its trainers: counts per score, the mean change in
 * confidence and the free-text answers on their own, in alphabetical order, apart from the
 * scores and from each other, so no comment can be matched with its scores or its writer.
 * Nothing at all until RESULTS_THRESHOLD people have answered.
 */
export function summariseEvaluations(answers: readonly EvaluationAnswers[], threshold = RESULTS_THRESHOLD): EvaluationSummary {
  if (answers.length < threshold) return { ready: false, count: answers.length, threshold };
  const change = answers.reduce((sum, a) => sum + (a.confidenceAfter - a.confidenceBefore), 0) / answers.length;
  const texts = (pick: (a: EvaluationAnswers) => string) =>
    answers
      .map(pick)
      .filter((t) => t.length > 0)
      .sort(collator.compare);
  return {
    ready: true,
    count: answers.length,
    usefulness: countsOf(answers.map((a) => a.usefulness)),
    confidenceBefore: countsOf(answers.map((a) => a.confidenceBefore)),
    confidenceAfter: countsOf(answers.map((a) => a.confidenceAfter)),
    meanConfidenceChange: Math.round(change * 10) / 10,
    useful: texts((a) => a.useful),
    improve: texts((a) => a.improve),
  };
}

/**
 * What a trainer reads while too few have answered.
 * @example resultsNotYetText(3) // 'Results appear once 5 people have answered; 3 so far'
 */
export function resultsNotYetText(count: number, threshold = RESULTS_THRESHOLD): string {
  return `Results appear once ${threshold} people have answered; ${count} so far`;
}

/**
 * A change in confidence as a trainer reads it.
 * @example confidenceChangeText(1.4) // 'up 1.4 points on average'
 */
export function confidenceChangeText(change: number): string {
  if (change === 0) return 'no change on average';
  const size = Math.abs(change).toFixed(1);
  return `${change > 0 ? 'up' : 'down'} ${size} point${size === '1.0' ? '' : 's'} on average`;
}
