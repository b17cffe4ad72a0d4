import { describe, expect, test } from 'vitest';
import { checkAnswers, evaluate, pruneAnswers, questionsToAsk, type Answers, type RuleSet } from '../../../src/lib/domain/eligibility/engine.ts';
import { DEFAULT_RULESET_ID, findRuleset, RULESETS, rulesetDetail } from '../../../src/lib/domain/eligibility/rulesets.ts';

const ruleset = (id: string): RuleSet => findRuleset(id)!;

describe('every rule set', () => {
  test.each(RULESETS.map((r) => [r.id, r] as const))('%s is well formed', (_id, r) => {
    const criteria = new Set(r.criteria.map((c) => c.key));
    const questionKeys = r.questions.map((q) => q.key);
    expect(new Set(questionKeys).size, 'question keys are unique').toBe(questionKeys.length);
    expect(criteria.size, 'criterion keys are unique').toBe(r.criteria.length);
    for (const q of r.questions) expect(criteria, `${q.key} names a real criterion`).toContain(q.criterion);
    for (const c of r.criteria) {
      const yesNo = r.questions.filter((q) => q.criterion === c.key && q.type === 'boolean');
      expect(yesNo.length, `${c.key} has a yes/no question`).toBeGreaterThan(0);
    }
    expect(r.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (r.effectiveTo) expect(r.effectiveTo > r.effectiveFrom).toBe(true);
    expect(r.source.length).toBeGreaterThan(20);
    expect(r.nextSteps.length).toBeGreaterThan(0);
    expect(r.findOut.length).toBeGreaterThan(0);
  });

  test.each(RULESETS.map((r) => [r.id, r] as const))("%s: the title's years are the rule set's own dates", (_id, r) => {
    expect(r.title).toContain(r.effectiveTo ? `${r.effectiveFrom.slice(0, 4)} to ${r.effectiveTo.slice(0, 4)}` : r.effectiveFrom.slice(0, 4));
  });

  test('Phase 2 is the default', () => {
    expect(DEFAULT_RULESET_ID).toBe('tf-phase-2');
  });

  test('the rule sets required are all there, with the later one marked', () => {
    expect(RULESETS.map((r) => r.id).sort()).toEqual(['sf-2022', 'tf-phase-1', 'tf-phase-2', 'tf-phase-2-kingston-richmond']);
    expect(ruleset('sf-2022').later).toBe(true);
    expect(RULESETS.filter((r) => r.later)).toHaveLength(1);
  });

  test('"not sure" to everything is not enough information, never "unlikely"', () => {
    for (const r of RULESETS) {
      const result = evaluate(r, {});
      expect(result.outcome, r.id).toBe('not-enough-information');
      expect(result.criteriaMet).toEqual([]);
      expect(result.unanswered).toEqual(r.questions.map((q) => q.key));
      expect(result.nextSteps).toBe(r.findOut);
      // Everything that could change the outcome is listed; levels of need never are.
      const priority = new Set(r.criteria.filter((c) => c.kind === 'priority').map((c) => c.key));
      expect(result.toFindOut).toEqual(r.questions.filter((q) => !priority.has(q.criterion)).map((q) => q.key));
    }
  });

  test('"no" to everything is unlikely, with the rule set\'s own "otherwise" steps', () => {
    for (const r of RULESETS) {
      const answers = Object.fromEntries(r.questions.map((q) => [q.key, q.type === 'number' ? (q.meets.op === '<=' || q.meets.op === '<' ? q.max : q.min) : false]));
      const result = evaluate(r, answers);
      expect(result.outcome, r.id).toBe('unlikely');
      expect(result.toFindOut).toEqual([]);
      expect(result.nextSteps).toBe(r.otherwise);
    }
  });
});

/** Answers to every question that meet no criterion. */
function noneMet(r: RuleSet): Answers {
  return Object.fromEntries(r.questions.map((q) => [q.key, q.type === 'number' ? (q.meets.op === '<=' || q.meets.op === '<' ? q.max : q.min) : false]));
}

describe('tf-phase-1: three national criteria', () => {
  const r = ruleset('tf-phase-1');
  const crime = { 'youth-offence': true };
  const education = { 'fixed-exclusions': 3 };
  const work = { 'long-term-worklessness': true };

  test.each<[string, Answers, string, string[]]>([
    ['all three', { ...crime, ...education, ...work }, 'likely', ['crime-asb', 'education', 'worklessness']],
    ['crime and education', { ...crime, ...education }, 'local-discretion', ['crime-asb', 'education']],
    ['education and work', { ...education, ...work }, 'local-discretion', ['education', 'worklessness']],
    ['one only', { ...work }, 'unlikely', ['worklessness']],
    ['none', { 'youth-offence': false, asb: false, 'long-term-worklessness': false, 'unauthorised-absences': 0, 'unauthorised-absence-rate': 0, 'fixed-exclusions': 0, 'permanently-excluded': false }, 'unlikely', []],
  ])('%s', (_label, answers, outcome, met) => {
    // Every other question answered "no", so nothing unknown could change the outcome.
    const result = evaluate(r, { ...noneMet(r), ...answers });
    expect(result.outcome).toBe(outcome);
    expect(result.criteriaMet).toEqual(met);
  });

  test.each<[number, boolean]>([
    [2, false],
    [3, true],
    [4, true],
  ])('%i fixed exclusions meets education: %s', (n, met) => {
    expect(evaluate(r, { 'fixed-exclusions': n }).criteriaMet.includes('education')).toBe(met);
  });

  test.each<[number, boolean]>([
    [3, false],
    [4, true],
  ])("Kent's year-one measure: %i unauthorised absences in a year meets education: %s", (n, met) => {
    expect(evaluate(r, { 'unauthorised-absences': n }).criteriaMet.includes('education')).toBe(met);
  });

  test.each<[number, boolean]>([
    [14.9, false],
    [15, true],
    [15.1, true],
  ])('%f%% unauthorised absence over three terms meets education: %s', (n, met) => {
    expect(evaluate(r, { 'unauthorised-absence-rate': n }).criteriaMet.includes('education')).toBe(met);
  });

  test('worklessness is long-term worklessness, as the cabinet report says (seed 001)', () => {
    const criterion = r.criteria.find((c) => c.key === 'worklessness')!;
    expect(criterion.title).toBe('Long-term worklessness');
    const questions = r.questions.filter((q) => q.criterion === 'worklessness');
    expect(questions.map((q) => q.key)).toEqual(['long-term-worklessness']);
    expect(questions[0]!.text).toMatch(/for a long time/);
    expect(r.questions.some((q) => q.key === 'out-of-work-benefits')).toBe(false);
  });

  test('next steps are the nomination to the LPDM, with the analyst verifying the criteria (seed 000)', () => {
    const steps = evaluate(r, { ...crime, ...education, ...work }).nextSteps.map((s) => s.text).join(' ');
    expect(steps).toMatch(/local project delivery manager/);
    expect(steps).toMatch(/analyst .* verify/);
    expect(steps).not.toMatch(/local operational group[^.]*checks the criteria/);
  });

  test('reasons say which answer met which criterion, with the threshold', () => {
    const result = evaluate(r, { 'fixed-exclusions': 4, asb: true });
    expect(result.reasons).toEqual([
      { criterion: 'crime-asb', question: 'asb', text: 'someone in the family has been involved in anti-social behaviour in the last 12 months' },
      { criterion: 'education', question: 'fixed-exclusions', text: 'fixed-term exclusions in the last three terms: 4 (3 or more counts)' },
    ]);
  });
});

describe('tf-phase-2: two of six', () => {
  const r = ruleset('tf-phase-2');

  test.each<[number, boolean]>([
    [84, true],
    [85, true],
    [85.5, false],
    [86, false],
  ])('attendance of %f%% is persistent absence: %s', (attendance, met) => {
    expect(evaluate(r, { attendance }).criteriaMet.includes('school-attendance')).toBe(met);
  });

  test.each<[number, boolean]>([
    [2, false],
    [3, true],
  ])('%i fixed exclusions meets school attendance: %s', (n, met) => {
    expect(evaluate(r, { 'fixed-exclusions': n }).criteriaMet.includes('school-attendance')).toBe(met);
  });

  const oneEach: [string, Answers][] = [
    ['crime-asb', { 'adult-crime-asb': true }],
    ['school-attendance', { 'excluded-or-alternative-provision': true }],
    ['children-need-help', { 'early-help': true }],
    ['worklessness', { 'young-person-worklessness': true }],
    ['domestic-abuse', { 'domestic-abuse': true }],
    ['health', { health: true }],
  ];

  test.each(oneEach)('one criterion alone (%s) is unlikely to qualify', (criterion, answers) => {
    const result = evaluate(r, { ...noneMet(r), ...answers });
    expect(result.criteriaMet).toEqual([criterion]);
    expect(result.outcome).toBe('unlikely');
  });

  test('every pair of criteria is likely to qualify', () => {
    for (let i = 0; i < oneEach.length; i++) {
      for (let j = i + 1; j < oneEach.length; j++) {
        const result = evaluate(r, { ...oneEach[i]![1], ...oneEach[j]![1] });
        expect(result.outcome, `${oneEach[i]![0]} + ${oneEach[j]![0]}`).toBe('likely');
        expect(result.criteriaMet).toHaveLength(2);
      }
    }
  });

  test('evidence is listed for each criterion met, and next steps go through Early Help, not the Phase 1 nomination (seeds 002, 004)', () => {
    const result = evaluate(r, { health: true, 'domestic-abuse': true });
    expect(result.outcome).toBe('likely');
    expect(result.evidence.map((e) => e.criterion)).toEqual(['domestic-abuse', 'health']);
    const steps = result.nextSteps.map((s) => s.text).join(' ');
    expect(steps).toMatch(/early help notification/);
    expect(steps).toMatch(/district manager makes that referral/);
    expect(steps).not.toMatch(/local project delivery manager|LPDM|local operational group/);
    expect(result.nextSteps.find((s) => /district manager/.test(s.text))!.source).toMatchObject({ basis: 'programme', document: '004_6bd36e657942e2d6.txt' });
  });

  test('runs until March 2020 (seeds 002, 003), not 2022', () => {
    expect(r.effectiveFrom).toBe('2015-04-01');
    expect(r.effectiveTo).toBe('2020-03-31');
    expect(r.title).toBe('Troubled Families Phase 2 (2015 to 2020)');
  });

  test('one unknown that could make a second criterion: not enough information, listing it', () => {
    const result = evaluate(r, { ...noneMet(r), health: true });
    const answers = Object.fromEntries(Object.entries({ ...noneMet(r), health: true }).filter(([k]) => k !== 'domestic-abuse'));
    const undecided = evaluate(r, answers);
    expect(result.outcome).toBe('unlikely');
    expect(undecided.outcome).toBe('not-enough-information');
    expect(undecided.toFindOut).toEqual(['domestic-abuse']);
  });

  test('unknowns that cannot change a "likely" do not hold it back', () => {
    const result = evaluate(r, { health: true, 'domestic-abuse': true });
    expect(result.outcome).toBe('likely');
    expect(result.toFindOut).toEqual([]);
  });

  test('"no" answers are answered, not unanswered', () => {
    const result = evaluate(r, { health: false });
    expect(result.unanswered).not.toContain('health');
    expect(result.unanswered).toContain('domestic-abuse');
  });
});

describe('tf-phase-2-kingston-richmond: national rule plus a local priority', () => {
  const r = ruleset('tf-phase-2-kingston-richmond');
  const national = { 'child-crime-asb': true, 'out-of-work-benefits': true };
  const gates = { 'multiple-problems': true, 'many-services': true, 'chance-of-turnaround': true, consent: true };

  test.each<[string, Answers, string]>([
    ['two national, one local, the three characteristics and consent', { ...national, ...gates, 'local-two-year-childcare': true }, 'likely'],
    ['two national and no local', { ...national, ...gates }, 'unlikely'],
    ['one national and one local', { ...gates, 'child-crime-asb': true, 'local-cse-risk': true }, 'unlikely'],
    ['local only', { ...gates, 'local-autism-adhd': true, 'local-substance-misuse': true }, 'unlikely'],
    ['no consent', { ...national, ...gates, consent: false, 'local-two-year-childcare': true }, 'unlikely'],
    ['not many services', { ...national, ...gates, 'many-services': false, 'local-two-year-childcare': true }, 'unlikely'],
  ])('%s: %s', (_label, answers, outcome) => {
    expect(evaluate(r, { ...noneMet(r), ...answers }).outcome).toBe(outcome);
  });

  test('two national problems but no local priority is "unlikely", pointing to the services that keep supporting the family (seed 003)', () => {
    const result = evaluate(r, { ...noneMet(r), ...national, ...gates });
    expect(result.outcome).toBe('unlikely');
    expect(result.nextSteps[0]!.text).toMatch(/Children's Social Care, the Family Support Service or the Youth Offending Service/);
    expect(r.decision.local?.otherwise).toBe('unlikely');
  });

  test('asks the three defining characteristics and consent, and requires all four (seed 003)', () => {
    expect(r.decision.required).toEqual(['multiple-problems', 'many-services', 'chance-of-turnaround', 'consent']);
    for (const key of r.decision.required!) expect(r.questions.some((q) => q.criterion === key && q.type === 'boolean')).toBe(true);
  });

  test('what to find out lists only answers that could change the outcome', () => {
    // Two national problems met: more national answers cannot help; a local priority and the gates can.
    const result = evaluate(r, { 'child-crime-asb': true, attendance: 80 });
    expect(result.outcome).toBe('not-enough-information');
    expect(result.toFindOut).not.toContain('child-in-need');
    expect(result.toFindOut).not.toContain('health');
    expect(result.toFindOut).not.toContain('priority-high');
    expect(result.toFindOut).toEqual(expect.arrayContaining(['local-cse-risk', 'local-autism-adhd', 'multiple-problems', 'consent']));
  });

  test('a required characteristic answered "no" decides it: unlikely, nothing to find out', () => {
    const result = evaluate(r, { 'child-crime-asb': true, consent: false });
    expect(result.outcome).toBe('unlikely');
    expect(result.toFindOut).toEqual([]);
  });

  test('consent not yet asked, all else met: not enough information, with consent to find out', () => {
    const answers = Object.fromEntries(Object.entries({ ...noneMet(r), ...national, ...gates, 'local-cse-risk': true }).filter(([k]) => k !== 'consent'));
    const result = evaluate(r, answers);
    expect(result.outcome).toBe('not-enough-information');
    expect(result.toFindOut).toEqual(['consent']);
  });

  test('counts local priorities met', () => {
    const result = evaluate(r, { ...national, ...gates, 'local-two-year-childcare': true, 'local-parental-mental-health': true });
    expect(result.counts).toEqual({ headline: 2, local: 2 });
  });

  test.each<[Answers, string | null]>([
    [{ 'priority-high': true, 'priority-expert': true, 'priority-monitoring': true }, 'High or complex needs'],
    [{ 'priority-high': false, 'priority-expert': true }, 'Additional expert help'],
    [{ 'priority-high': false, 'priority-expert': false, 'priority-monitoring': true }, 'Monitoring'],
    [{ 'priority-high': false, 'priority-expert': false, 'priority-monitoring': false }, null],
  ])('checkpoint level for %o is %s', (answers, level) => {
    const result = evaluate(r, { ...noneMet(r), ...national, ...gates, 'local-cse-risk': true, ...answers });
    expect(result.priority?.title ?? null).toBe(level);
    expect(result.criteriaMet.some((c) => c.startsWith('priority-'))).toBe(false);
  });

  test('an unlikely family gets no level of need', () => {
    expect(evaluate(r, { 'priority-high': true }).priority).toBeNull();
  });
});

describe('sf-2022: dependent children and three of ten', () => {
  const r = ruleset('sf-2022');
  const needs = (n: number) => Object.fromEntries(r.questions.filter((q) => q.key !== 'household').slice(0, n).map((q) => [q.key, true]));

  test.each<[boolean | undefined, number, string]>([
    [true, 3, 'likely'],
    [true, 10, 'likely'],
    [true, 2, 'unlikely'],
    [false, 5, 'unlikely'],
    [undefined, 5, 'not-enough-information'],
  ])('household %s with %i needs: %s', (household, n, outcome) => {
    const answers: Record<string, boolean | number | string> = { ...noneMet(r), ...needs(n) };
    if (household === undefined) delete answers.household;
    else answers.household = household;
    expect(evaluate(r, answers).outcome).toBe(outcome);
  });

  test('has ten headline outcomes', () => {
    expect(r.criteria.filter((c) => c.kind === 'headline')).toHaveLength(10);
  });
});

describe('questionsToAsk', () => {
  const r = ruleset('tf-phase-2');

  test('skips the other questions for a criterion once it is met', () => {
    const keys = questionsToAsk(r, { 'child-crime-asb': true, attendance: 70 }).map((q) => q.key);
    expect(keys).not.toContain('adult-crime-asb');
    expect(keys).not.toContain('fixed-exclusions');
    expect(keys).toContain('child-in-need');
  });

  test('asks every question when nothing is met', () => {
    expect(questionsToAsk(r, {})).toHaveLength(r.questions.length);
  });

  test('always asks local and priority questions', () => {
    const kr = ruleset('tf-phase-2-kingston-richmond');
    const keys = questionsToAsk(kr, { 'local-cse-risk': true }).map((q) => q.key);
    expect(keys).toContain('local-two-year-childcare');
    expect(keys).toContain('priority-monitoring');
  });

  test('pruneAnswers drops answers to questions no longer asked', () => {
    expect(pruneAnswers(r, { 'child-crime-asb': true, 'adult-crime-asb': false, health: true })).toEqual({ 'child-crime-asb': true, health: true });
  });
});

describe('checkAnswers (the API)', () => {
  const r = ruleset('tf-phase-2');

  test('accepts partial answers and null for not known', () => {
    expect(checkAnswers(r, { health: true, attendance: 80, 'domestic-abuse': null })).toEqual({ ok: true, answers: { health: true, attendance: 80 } });
  });

  test.each<[string, unknown, RegExp]>([
    ['attendance', 101, /100% or less/],
    ['attendance', -1, /0% or more/],
    ['attendance', '80', /number/],
    ['fixed-exclusions', 2.5, /whole number/],
    ['fixed-exclusions', -1, /0 or more/],
    ['health', 'yes', /true, false or null/],
    ['no-such-question', true, /Not a question/],
  ])('refuses %s = %o', (key, value, message) => {
    const result = checkAnswers(r, { [key]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[key]).toMatch(message);
  });
});

describe('rulesetDetail', () => {
  test('describes questions with type, criterion and limits', () => {
    const detail = rulesetDetail(ruleset('tf-phase-2'));
    expect(detail.questions.find((q) => q.key === 'attendance')).toMatchObject({ type: 'number', criterion: 'school-attendance', min: 0, max: 100 });
    expect(detail.questions.find((q) => q.key === 'health')).toMatchObject({ type: 'boolean', criterion: 'health' });
    expect(detail.criteria.map((c) => c.key)).toContain('domestic-abuse');
  });
});
