import { describe, expect, test } from 'vitest';
import {
  EVALUATION_OPEN_DAYS,
  EVALUATION_TEXT_MAX,
  PERSONAL_DATA_ERROR,
  RESULTS_THRESHOLD,
  SAFEGUARDING_ERROR,
  checkEvaluationForm,
  confidenceChangeText,
  evaluationEligibility,
  evaluationKeepCutoff,
  resultsNotYetText,
  summariseEvaluations,
  type EvaluationAnswers,
  type EvaluationPlace,
} from '../../../src/lib/domain/training/evaluation.ts';

const DAY = 86_400;
const startsAt = 1_800_000_000;
const place = (over: Partial<EvaluationPlace> = {}): EvaluationPlace => ({ status: 'attended', sessionStatus: 'scheduled', startsAt, answered: false, ...over });

describe('evaluationEligibility', () => {
  test('a person marked attended may answer after the session', () => {
    expect(evaluationEligibility(place(), startsAt + 3 * 3600)).toEqual({ ok: true });
  });

  test.each([
    ['booked', 'not-attended'],
    ['no-show', 'not-attended'],
    ['waiting', 'not-attended'],
    ['cancelled', 'not-attended'],
  ] as const)('a place that is %s cannot answer (%s)', (status, reason) => {
    expect(evaluationEligibility(place({ status }), startsAt + DAY)).toEqual({ ok: false, reason });
  });

  test('only once per session', () => {
    expect(evaluationEligibility(place({ answered: true }), startsAt + DAY)).toEqual({ ok: false, reason: 'answered' });
  });

  test('the form closes a fixed number of days after the start', () => {
    const closes = startsAt + EVALUATION_OPEN_DAYS * DAY;
    expect(evaluationEligibility(place(), closes - 1)).toEqual({ ok: true });
    expect(evaluationEligibility(place(), closes)).toEqual({ ok: false, reason: 'closed' });
  });

  test('a cancelled session has no evaluation', () => {
    expect(evaluationEligibility(place({ sessionStatus: 'cancelled' }), startsAt + DAY)).toEqual({ ok: false, reason: 'cancelled' });
  });
});

describe('evaluationKeepCutoff', () => {
  test('answers are kept two years after the session', () => {
    expect(evaluationKeepCutoff(startsAt)).toBe(startsAt - 730 * DAY);
  });
});

describe('checkEvaluationForm', () => {
  const good = { usefulness: '4', confidenceBefore: '2', confidenceAfter: '4', useful: ' The role play on first visits. ', improve: '' };

  test('accepts the three scales, trims the free text and allows it to be empty', () => {
    expect(checkEvaluationForm(good)).toEqual({
      ok: true,
      data: { usefulness: 4, confidenceBefore: 2, confidenceAfter: 4, useful: 'The role play on first visits.', improve: '' },
    });
  });

  test('each missing or made-up score gets its own message', () => {
    const result = checkEvaluationForm({ usefulness: '', confidenceBefore: '6', confidenceAfter: '1.5' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      usefulness: 'Select how useful the course was for your work',
      confidenceBefore: 'Select how confident you felt before the course',
      confidenceAfter: 'Select how confident you feel now',
    });
  });

  test('free text that names a person is refused with the forum’s wording and findings', () => {
    const result = checkEvaluationForm({ ...good, improve: 'Mrs Khan at 14 Station Road kept interrupting' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.improve).toBe(PERSONAL_DATA_ERROR);
    expect(result.guard?.field).toBe('improve');
    expect(result.guard?.messages.join(' ')).toMatch(/address|name/i);
  });

  test('probable identification, which the forum would hold for a moderator, is refused too', () => {
    const result = checkEvaluationForm({ ...good, useful: 'The case study about Kayleigh was helpful' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.useful).toBe(PERSONAL_DATA_ERROR);
  });

  test('text suggesting a child at risk now gets the safeguarding message', () => {
    const result = checkEvaluationForm({ ...good, improve: 'A child in my caseload is being hit tonight and nobody is doing anything' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.improve).toBe(SAFEGUARDING_ERROR);
  });

  test('long or hidden-character answers are refused with the field named', () => {
    const result = checkEvaluationForm({ ...good, useful: 'a'.repeat(EVALUATION_TEXT_MAX + 1), improve: 'fine\u202e' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.useful).toBe('What was most useful must be 1,000 characters or fewer');
    expect(result.errors.improve).toBe('What could be better must not contain hidden characters that change the direction of text');
  });
});

describe('summariseEvaluations', () => {
  const answer = (usefulness: number, before: number, after: number, useful = '', improve = ''): EvaluationAnswers =>
    ({ usefulness, confidenceBefore: before, confidenceAfter: after, useful, improve }) as EvaluationAnswers;

  test('shows nothing but the count below the threshold', () => {
    const four = [answer(5, 1, 5, 'Zebra'), answer(4, 2, 4), answer(3, 3, 3), answer(2, 2, 3)];
    expect(summariseEvaluations(four)).toEqual({ ready: false, count: 4, threshold: RESULTS_THRESHOLD });
    expect(summariseEvaluations([])).toEqual({ ready: false, count: 0, threshold: 5 });
  });

  test('at the threshold: counts per score, mean change and comments apart from scores', () => {
    const five = [
      answer(5, 1, 4, 'Zebra crossings of ideas', 'More breaks'),
      answer(4, 2, 4, '', 'longer lunch'),
      answer(4, 3, 3, 'apple'),
      answer(2, 2, 3),
      answer(1, 4, 3, 'Mapping the family network'),
    ];
    const summary = summariseEvaluations(five);
    expect(summary).toEqual({
      ready: true,
      count: 5,
      usefulness: [1, 1, 0, 2, 1],
      confidenceBefore: [1, 2, 1, 1, 0],
      confidenceAfter: [0, 0, 3, 2, 0],
      meanConfidenceChange: 1,
      useful: ['apple', 'Mapping the family network', 'Zebra crossings of ideas'],
      improve: ['longer lunch', 'More breaks'],
    });
  });

  test('the order of comments does not follow the order of answers', () => {
    const a = [answer(1, 1, 1, 'b'), answer(1, 1, 1, 'a'), answer(1, 1, 1, 'c'), answer(1, 1, 1), answer(1, 1, 1)];
    const b = [...a].reverse();
    const ready = (s: ReturnType<typeof summariseEvaluations>) => (s.ready ? s.useful : []);
    expect(ready(summariseEvaluations(a))).toEqual(ready(summariseEvaluations(b)));
  });
});

describe('wording', () => {
  test('the threshold notice says how many so far', () => {
    expect(resultsNotYetText(3)).toBe('Results appear once 5 people have answered; 3 so far');
  });

  test.each([
    [1.4, 'up 1.4 points on average'],
    [1, 'up 1.0 point on average'],
    [-0.5, 'down 0.5 points on average'],
    [0, 'no change on average'],
  ])('a change of %s reads "%s"', (change, text) => {
    expect(confidenceChangeText(change)).toBe(text);
  });
});
