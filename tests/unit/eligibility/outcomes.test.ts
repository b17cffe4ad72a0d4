import { describe, expect, test } from 'vitest';
import {
  ASB_REDUCTION_PERCENT,
  FIELD_ORDER,
  FIXED_EXCLUSIONS_LIMIT,
  OFFENDING_REDUCTION_PERCENT,
  PHASE1_FUNDING_PER_FAMILY,
  PHASE1_YEARS,
  PHASE1_YEAR_ONE_REWARD,
  PHASE1_YEAR_ONE_UPFRONT,
  PHASE2_ATTACHMENT_FEE,
  PHASE2_FIRST_YEAR_NATIONAL_FUNDING,
  PHASE2_PAYMENTS,
  PHASE2_RESULTS_PAYMENT,
  UNAUTHORISED_ABSENCE_LIMIT_PERCENT,
  assessOutcomes,
  assessReduction,
  assessSchool,
  assessWork,
  formatPercent,
  formatPounds,
  parseOutcomesForm,
  paymentFor,
  type FamilyFigures,
  type ProgrammeYear,
} from '../../../src/lib/domain/eligibility/outcomes.ts';

/** A family that meets every Phase 1 outcome; tests change one thing at a time. */
function family(overrides: Partial<FamilyFigures> = {}): FamilyFigures {
  return {
    year: '2013-14',
    children: [{ fixedExclusions: 0, unauthorisedAbsencePercent: 5 }],
    antisocialBehaviour: { before: 10, latest: 2 },
    offendingByMinors: { before: 6, latest: 2 },
    adultIntoContinuousEmployment: false,
    ...overrides,
  };
}

describe('programme figures match the source documents', () => {
  test('Phase 1 thresholds', () => {
    expect(FIXED_EXCLUSIONS_LIMIT).toBe(3);
    expect(UNAUTHORISED_ABSENCE_LIMIT_PERCENT).toBe(15);
    expect(ASB_REDUCTION_PERCENT).toBe(60);
    expect(OFFENDING_REDUCTION_PERCENT).toBe(33);
  });

  test('Phase 1 funding and yearly shares', () => {
    expect(PHASE1_FUNDING_PER_FAMILY).toBe(4000);
    expect(PHASE1_YEARS.map((y) => [y.year, y.attachmentPercent, y.resultsPercent])).toEqual([
      ['2012-13', 80, 20],
      ['2013-14', 60, 40],
      ['2014-15', 40, 60],
    ]);
    // Kent's July 2012 offer is the 2012/13 split of £4,000.
    const first = paymentFor('2012-13', true);
    expect([first.attachmentPounds, first.resultsPounds]).toEqual([PHASE1_YEAR_ONE_UPFRONT, PHASE1_YEAR_ONE_REWARD]);
    expect([PHASE1_YEAR_ONE_UPFRONT, PHASE1_YEAR_ONE_REWARD]).toEqual([3200, 800]);
  });

  test('Phase 2 figures, which are Kingston and Richmond’s', () => {
    expect(PHASE2_ATTACHMENT_FEE).toBe(1000);
    expect(PHASE2_RESULTS_PAYMENT).toBe(800);
    expect(PHASE2_FIRST_YEAR_NATIONAL_FUNDING).toBe(200_000_000);
    expect(PHASE2_PAYMENTS).toMatchObject({ area: 'Kingston and Richmond', attachmentFee: 1000, resultsPayment: 800 });
    expect(PHASE2_PAYMENTS.routes).toHaveLength(2);
    expect(PHASE2_PAYMENTS.routes[1]).toContain('continuous employment');
  });
});

describe('payment split for each programme year', () => {
  test.each<[ProgrammeYear, string, number, number, number, number]>([
    ['2012-13', '2012 to 2013', 80, 3200, 20, 800],
    ['2013-14', '2013 to 2014', 60, 2400, 40, 1600],
    ['2014-15', '2014 to 2015', 40, 1600, 60, 2400],
  ])('%s (%s): attachment %s%% (£%s), results %s%% (£%s)', (year, label, aPct, aPounds, rPct, rPounds) => {
    expect(paymentFor(year, true)).toEqual({
      year,
      yearLabel: label,
      perFamily: 4000,
      attachmentPercent: aPct,
      attachmentPounds: aPounds,
      resultsPercent: rPct,
      resultsPounds: rPounds,
      resultsPaymentDue: rPounds,
    });
    expect(aPounds + rPounds).toBe(4000);
  });

  test('no results payment is due when no claim is possible', () => {
    expect(paymentFor('2014-15', false)).toMatchObject({ resultsPounds: 2400, resultsPaymentDue: 0, attachmentPounds: 1600 });
  });

  test('the result carries the chosen year', () => {
    expect(assessOutcomes(family({ year: '2012-13' })).payment).toMatchObject({ yearLabel: '2012 to 2013', resultsPaymentDue: 800 });
    expect(assessOutcomes(family({ year: '2014-15' })).payment).toMatchObject({ yearLabel: '2014 to 2015', resultsPaymentDue: 2400 });
  });
});

describe('school outcome', () => {
  test.each([
    // exclusions, absence %, exclusions met, absence met, met
    [0, 0, true, true, true],
    [2, 10, true, true, true],
    [3, 10, false, true, false],
    [4, 10, false, true, false],
    [0, 14.9, true, true, true],
    [0, 14.99, true, true, true],
    [0, 15, true, false, false],
    [0, 15.1, true, false, false],
    [2, 14.9, true, true, true],
    [3, 15, false, false, false],
    [0, 100, true, false, false],
  ])('%s exclusions and %s%% absence', (fixedExclusions, unauthorisedAbsencePercent, exclusionsMet, absenceMet, met) => {
    const finding = assessSchool([{ fixedExclusions, unauthorisedAbsencePercent }]);
    expect(finding.children[0]).toMatchObject({ child: 1, exclusionsMet, absenceMet, met });
    expect(finding.status).toBe(met ? 'met' : 'not-met');
  });

  test('every child must meet it', () => {
    const finding = assessSchool([
      { fixedExclusions: 2, unauthorisedAbsencePercent: 14.9 },
      { fixedExclusions: 3, unauthorisedAbsencePercent: 2 },
      { fixedExclusions: 0, unauthorisedAbsencePercent: 15 },
    ]);
    expect(finding.status).toBe('not-met');
    expect(finding.summary).toBe(
      'Not met for child 2 and child 3: each child needs fewer than 3 fixed-term exclusions and under 15% unauthorised absence in the last 3 school terms',
    );
    expect(finding.children.map((c) => c.text)).toEqual([
      'Child 1: 2 fixed-term exclusions (fewer than 3 needed) and 14.9% unauthorised absence (under 15% needed): met',
      'Child 2: 3 fixed-term exclusions (fewer than 3 needed) and 2% unauthorised absence (under 15% needed): not yet met',
      'Child 3: 0 fixed-term exclusions (fewer than 3 needed) and 15% unauthorised absence (under 15% needed): not yet met',
    ]);
  });

  test('absence is shown as entered, so 14.99% never reads as 15%', () => {
    expect(assessSchool([{ fixedExclusions: 1, unauthorisedAbsencePercent: 14.99 }]).children[0]!.text).toBe(
      'Child 1: 1 fixed-term exclusion (fewer than 3 needed) and 14.99% unauthorised absence (under 15% needed): met',
    );
  });

  test('all children meeting it', () => {
    expect(assessSchool([
      { fixedExclusions: 0, unauthorisedAbsencePercent: 1 },
      { fixedExclusions: 1, unauthorisedAbsencePercent: 2 },
    ]).summary).toBe('All 2 children have had fewer than 3 fixed-term exclusions and under 15% unauthorised absence in the last 3 school terms');
  });

  test('no school-age children: does not apply', () => {
    expect(assessSchool([])).toEqual({
      key: 'school',
      title: 'School attendance and exclusions',
      route: 'education-crime-asb',
      status: 'not-applicable',
      summary: 'No school-age children, so this outcome does not apply',
      children: [],
    });
  });
});

describe('anti-social behaviour outcome (at least 60% down)', () => {
  test.each([
    [100, 41, 'not-met', 'Anti-social behaviour down 59% (100 to 41): at least 60% needed'],
    [100, 40, 'met', 'Anti-social behaviour down 60% (100 to 40): at least 60% needed'],
    [100, 39, 'met', 'Anti-social behaviour down 61% (100 to 39): at least 60% needed'],
    [5, 2, 'met', 'Anti-social behaviour down 60% (5 to 2): at least 60% needed'],
    [6, 2, 'met', 'Anti-social behaviour down 66.6% (6 to 2): at least 60% needed'],
    [6, 3, 'not-met', 'Anti-social behaviour down 50% (6 to 3): at least 60% needed'],
    // 59.96%: shown rounded down, so it never reads as 60%.
    [2500, 1001, 'not-met', 'Anti-social behaviour down 59.9% (2500 to 1001): at least 60% needed'],
    [4, 0, 'met', 'Anti-social behaviour down 100% (4 to 0): at least 60% needed'],
  ] as const)('%i to %i is %s', (before, latest, status, summary) => {
    const finding = assessReduction('antisocial-behaviour', { before, latest });
    expect(finding.status).toBe(status);
    expect(finding.summary).toBe(summary);
  });

  test('a rise is not met', () => {
    expect(assessReduction('antisocial-behaviour', { before: 2, latest: 5 })).toMatchObject({
      status: 'not-met',
      summary: 'Anti-social behaviour up 150% (2 to 5): it needs to fall, at least 60% needed',
    });
  });

  test('no change is not met', () => {
    expect(assessReduction('antisocial-behaviour', { before: 3, latest: 3 })).toMatchObject({
      status: 'not-met',
      summary: 'Anti-social behaviour has not changed (3 to 3): at least 60% needed',
    });
  });

  test('zero baseline and none since: cannot be shown by a reduction, so does not apply', () => {
    expect(assessReduction('antisocial-behaviour', { before: 0, latest: 0 })).toMatchObject({
      status: 'not-applicable',
      summary: 'No anti-social behaviour in the 6 months before support began or since, so there is nothing to reduce and this outcome does not apply',
    });
  });

  test('zero baseline and some since: no reduction can be shown, not met', () => {
    expect(assessReduction('antisocial-behaviour', { before: 0, latest: 1 })).toMatchObject({
      status: 'not-met',
      summary: 'None in the 6 months before support began, so no reduction can be shown, and there has been 1 incident in the latest 6 months',
    });
    expect(assessReduction('antisocial-behaviour', { before: 0, latest: 3 }).summary).toContain('there have been 3 incidents');
  });
});

describe('offending by under-18s outcome (at least 33% down)', () => {
  test.each([
    // Just under 33%: not met.
    [1000, 671, 'not-met', 'Offending by under-18s down 32.9% (1000 to 671): at least 33% needed'],
    [4, 3, 'not-met', 'Offending by under-18s down 25% (4 to 3): at least 33% needed'],
    // Exactly 33%: met, though a little under a third (the source says 33%).
    [100, 67, 'met', 'Offending by under-18s down 33% (100 to 67): at least 33% needed'],
    // Exactly a third.
    [3, 2, 'met', 'Offending by under-18s down 33.3% (3 to 2): at least 33% needed'],
    [6, 4, 'met', 'Offending by under-18s down 33.3% (6 to 4): at least 33% needed'],
    // Above a third.
    [3, 1, 'met', 'Offending by under-18s down 66.6% (3 to 1): at least 33% needed'],
    [100, 66, 'met', 'Offending by under-18s down 34% (100 to 66): at least 33% needed'],
  ] as const)('%i to %i is %s', (before, latest, status, summary) => {
    const finding = assessReduction('offending', { before, latest });
    expect(finding.status).toBe(status);
    expect(finding.summary).toBe(summary);
  });

  test('zero baseline and none since does not apply', () => {
    expect(assessReduction('offending', { before: 0, latest: 0 })).toMatchObject({
      status: 'not-applicable',
      summary: 'No offending by under-18s in the 6 months before support began or since, so there is nothing to reduce and this outcome does not apply',
    });
  });

  test('zero baseline and offences since is not met', () => {
    expect(assessReduction('offending', { before: 0, latest: 2 })).toMatchObject({
      status: 'not-met',
      summary: 'None in the 6 months before support began, so no reduction can be shown, and there have been 2 offences in the latest 6 months',
    });
  });

  test('a rise is not met', () => {
    expect(assessReduction('offending', { before: 3, latest: 4 })).toMatchObject({
      status: 'not-met',
      summary: 'Offending by under-18s up 33.3% (3 to 4): it needs to fall, at least 33% needed',
    });
  });
});

describe('work outcome', () => {
  test('yes is met, no is not met', () => {
    expect(assessWork(true)).toMatchObject({ status: 'met', route: 'work' });
    expect(assessWork(false)).toMatchObject({ status: 'not-met', route: 'work' });
  });
});

describe('whether a claim can be made', () => {
  test('every outcome on the first route met', () => {
    const result = assessOutcomes(family());
    expect(result.claimable).toBe(true);
    expect(result.routes).toEqual(['education-crime-asb']);
    expect(result.headline).toBe('A Phase 1 results claim looks possible for improvements in education, crime and anti-social behaviour');
    expect(result.notYetMet.map((o) => o.key)).toEqual(['work']);
    expect(result.outcomes.map((o) => [o.key, o.status])).toEqual([
      ['school', 'met'],
      ['antisocial-behaviour', 'met'],
      ['offending', 'met'],
      ['work', 'not-met'],
    ]);
  });

  test('one of the first three not met: no claim on that route', () => {
    const result = assessOutcomes(family({ antisocialBehaviour: { before: 100, latest: 41 } }));
    expect(result.claimable).toBe(false);
    expect(result.routes).toEqual([]);
    expect(result.headline).toBe('A Phase 1 results claim is not possible yet');
    expect(result.notYetMet.map((o) => o.key)).toEqual(['antisocial-behaviour', 'work']);
    expect(result.payment.resultsPaymentDue).toBe(0);
  });

  test('employment route on its own is enough', () => {
    const result = assessOutcomes(
      family({
        children: [{ fixedExclusions: 5, unauthorisedAbsencePercent: 40 }],
        antisocialBehaviour: { before: 2, latest: 9 },
        offendingByMinors: { before: 1, latest: 1 },
        adultIntoContinuousEmployment: true,
        year: '2012-13',
      }),
    );
    expect(result.claimable).toBe(true);
    expect(result.routes).toEqual(['work']);
    expect(result.headline).toBe('A Phase 1 results claim looks possible because an adult has moved into continuous employment');
    expect(result.notYetMet.map((o) => o.key)).toEqual(['school', 'antisocial-behaviour', 'offending']);
    expect(result.payment.resultsPaymentDue).toBe(800);
  });

  test('both routes: still one results payment', () => {
    const result = assessOutcomes(family({ adultIntoContinuousEmployment: true, year: '2014-15' }));
    expect(result.routes).toEqual(['education-crime-asb', 'work']);
    expect(result.headline).toContain('both routes');
    expect(result.payment.resultsPaymentDue).toBe(2400);
  });

  test('outcomes that do not apply neither help nor block', () => {
    const result = assessOutcomes(
      family({ children: [], antisocialBehaviour: { before: 0, latest: 0 }, offendingByMinors: { before: 3, latest: 2 } }),
    );
    expect(result.outcomes.map((o) => o.status)).toEqual(['not-applicable', 'not-applicable', 'met', 'not-met']);
    expect(result.routes).toEqual(['education-crime-asb']);
  });

  test('nothing applies and no one into work: no claim', () => {
    const result = assessOutcomes(
      family({ children: [], antisocialBehaviour: { before: 0, latest: 0 }, offendingByMinors: { before: 0, latest: 0 } }),
    );
    expect(result.claimable).toBe(false);
    expect(result.headline).toBe(
      'A Phase 1 results claim is not possible yet: none of the school, anti-social behaviour or offending outcomes applies to this family, and no adult has moved into continuous employment',
    );
    expect(result.notYetMet.map((o) => o.key)).toEqual(['work']);
  });

  test('new anti-social behaviour from a zero baseline blocks the first route', () => {
    const result = assessOutcomes(family({ antisocialBehaviour: { before: 0, latest: 2 } }));
    expect(result.claimable).toBe(false);
    expect(result.notYetMet.map((o) => o.key)).toEqual(['antisocial-behaviour', 'work']);
  });

  test('the threshold edges decide the claim', () => {
    const at = (changes: Partial<FamilyFigures>) => assessOutcomes(family(changes)).claimable;
    expect(at({ children: [{ fixedExclusions: 2, unauthorisedAbsencePercent: 14.9 }] })).toBe(true);
    expect(at({ children: [{ fixedExclusions: 3, unauthorisedAbsencePercent: 14.9 }] })).toBe(false);
    expect(at({ children: [{ fixedExclusions: 2, unauthorisedAbsencePercent: 15 }] })).toBe(false);
    expect(at({ antisocialBehaviour: { before: 100, latest: 40 } })).toBe(true);
    expect(at({ antisocialBehaviour: { before: 100, latest: 41 } })).toBe(false);
    expect(at({ offendingByMinors: { before: 100, latest: 67 } })).toBe(true);
    expect(at({ offendingByMinors: { before: 100, latest: 68 } })).toBe(false);
  });

  test('Phase 2 figures come with every result', () => {
    expect(assessOutcomes(family()).phase2).toEqual(PHASE2_PAYMENTS);
  });
});

describe('formatting', () => {
  test.each([
    [60, '60%'],
    [66.6666, '66.6%'],
    [59.96, '59.9%'],
    [33.3333, '33.3%'],
    [32.9, '32.9%'],
    [100, '100%'],
  ])('formatPercent(%s) is %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });

  test('formatPounds', () => {
    expect(formatPounds(4000)).toBe('£4,000');
    expect(formatPounds(800)).toBe('£800');
  });
});

describe('reading the form', () => {
  const valid = {
    year: '2013-14',
    childCount: '2',
    child1Exclusions: '0',
    child1Absence: '14.9',
    child2Exclusions: '2',
    child2Absence: '3%',
    asbBefore: '6',
    asbLatest: '2',
    offendingBefore: '3',
    offendingLatest: '2',
    employment: 'no',
  };

  test('a complete form becomes family figures', () => {
    expect(parseOutcomesForm(valid)).toEqual({
      ok: true,
      family: {
        year: '2013-14',
        children: [
          { fixedExclusions: 0, unauthorisedAbsencePercent: 14.9 },
          { fixedExclusions: 2, unauthorisedAbsencePercent: 3 },
        ],
        antisocialBehaviour: { before: 6, latest: 2 },
        offendingByMinors: { before: 3, latest: 2 },
        adultIntoContinuousEmployment: false,
      },
    });
  });

  test('blank rows beyond the number of children are ignored', () => {
    const parsed = parseOutcomesForm({ ...valid, childCount: '0', child1Exclusions: '', child1Absence: '', child2Exclusions: ' ', child2Absence: '' });
    expect(parsed.ok && parsed.family.children).toEqual([]);
  });

  test('an empty form gives a message for every required answer', () => {
    const parsed = parseOutcomesForm({});
    expect(parsed).toEqual({
      ok: false,
      errors: {
        year: 'Select the programme year',
        childCount: 'Enter how many school-age children are in the family, or 0 if there are none',
        asbBefore: 'Enter the number of anti-social behaviour incidents in the 6 months before support began, or 0 if there were none',
        asbLatest: 'Enter the number of anti-social behaviour incidents in the latest 6 months, or 0 if there were none',
        offendingBefore: 'Enter the number of offences by under-18s in the 6 months before support began, or 0 if there were none',
        offendingLatest: 'Enter the number of offences by under-18s in the latest 6 months, or 0 if there were none',
        employment: 'Select yes if an adult in the family has moved off out-of-work benefits into continuous employment',
      },
    });
  });

  test.each([
    ['child1Absence', '120', 'Unauthorised absence for child 1 must be 100% or less'],
    ['child1Absence', '100.1', 'Unauthorised absence for child 1 must be 100% or less'],
    ['child1Absence', '-1', 'Unauthorised absence for child 1 must be 0% or more'],
    ['child1Absence', 'lots', 'Unauthorised absence for child 1 must be a number, like 12.5'],
    ['child1Absence', '', 'Enter unauthorised absence for child 1 as a percentage'],
    ['child2Exclusions', '-1', 'Fixed-term exclusions for child 2 must be 0 or more'],
    ['child2Exclusions', '1.5', 'Fixed-term exclusions for child 2 must be a whole number, like 2'],
    ['child2Exclusions', 'two', 'Fixed-term exclusions for child 2 must be a number, like 2'],
    ['child2Exclusions', '1000', 'Fixed-term exclusions for child 2 must be 999 or fewer'],
    ['child2Exclusions', '', 'Enter the number of fixed-term exclusions for child 2, or 0 if there were none'],
    ['asbBefore', '-3', 'Anti-social behaviour incidents before support began must be 0 or more'],
    ['asbLatest', '2.5', 'Anti-social behaviour incidents in the latest 6 months must be a whole number, like 2'],
    ['offendingBefore', '-0.5', 'Offences by under-18s before support began must be 0 or more'],
    ['offendingLatest', 'x', 'Offences by under-18s in the latest 6 months must be a number, like 2'],
    ['childCount', '7', 'The number of school-age children must be 6 or fewer'],
    ['childCount', '-1', 'The number of school-age children must be 0 or more'],
    ['year', '2015-16', 'Select the programme year'],
    ['employment', 'maybe', 'Select yes if an adult in the family has moved off out-of-work benefits into continuous employment'],
  ])('%s = %j: %s', (field, value, message) => {
    const parsed = parseOutcomesForm({ ...valid, [field]: value });
    expect(parsed).toEqual({ ok: false, errors: { [field]: message } });
  });

  test('the edges of the ranges are accepted', () => {
    const parsed = parseOutcomesForm({ ...valid, child1Absence: '100', child2Absence: '0', asbBefore: '999', childCount: '2' });
    expect(parsed.ok).toBe(true);
  });

  test('figures for a child beyond the number given are an error on the number', () => {
    expect(parseOutcomesForm({ ...valid, childCount: '1' })).toEqual({
      ok: false,
      errors: { childCount: 'You have entered figures for child 2. Change the number of school-age children, or clear the figures for child 2' },
    });
  });

  test('the error summary order follows the page', () => {
    expect(FIELD_ORDER.slice(0, 4)).toEqual(['year', 'childCount', 'child1Exclusions', 'child1Absence']);
    expect(FIELD_ORDER.at(-1)).toBe('employment');
    expect(FIELD_ORDER).toHaveLength(2 + 12 + 5);
  });
});
