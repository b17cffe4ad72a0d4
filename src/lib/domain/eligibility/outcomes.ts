/**
 * The results calculator for lead workers: checks a family's figures against Kent's four
 * Phase 1 outcomes, says whether a results claim looks possible and on which route, and
 * shows the payment that goes with it. Phase 2 payments are shown as the source documents
 * give them.
 *
 * Pure: no Astro, no database, no I/O, no logging. The page at /eligibility/outcomes/
 * passes the posted answers in and renders what comes back; nothing is kept.
 *
 * Every programme figure below comes from the source documents (seeds 000 to 004, cited
 * by file name); the comment on each constant names the seed and line. Nothing
 * here is a figure of our own, except MAX_CHILDREN and MAX_COUNT, which are limits of the
 * form, not of the programme.
 *
 * Seeds:
 * - 000: Kent County Council, "Kent Troubled Families Programme: Kent's approach" (2013)
 * - 001: Kent Communities Cabinet Committee report (July 2012)
 * - 002: Kent web page on Troubled Families (about 2018)
 * - 003: Achieving for Children (Kingston and Richmond) delivery framework 2015 to 2020
 */

// ---------------------------------------------------------------------------------------
// Programme figures
// ---------------------------------------------------------------------------------------

/** Phase 1 funding available for each family, in pounds. Seed 000 lines 96 and 100; seed 001 line 32. */
export const PHASE1_FUNDING_PER_FAMILY = 4000;

/** Kent's 2012 offer: paid at the start, in pounds. Seed 001 line 32 (matches 80% of £4,000). */
export const PHASE1_YEAR_ONE_UPFRONT = 3200;

/** Kent's 2012 offer: the reward for results, in pounds. Seed 001 line 32 (matches 20% of £4,000). */
export const PHASE1_YEAR_ONE_REWARD = 800;

export type ProgrammeYear = '2012-13' | '2013-14' | '2014-15';

export interface YearSplit {
  year: ProgrammeYear;
  /** As the page shows it, e.g. "2012 to 2013". */
  label: string;
  /** Share of the per-family funding paid up front as the attachment fee. */
  attachmentPercent: number;
  /** Share paid in arrears once results are shown. */
  resultsPercent: number;
}

/**
 * Phase 1 attachment fee and results shares by year. Seed 000 lines 98 and 101 to 104
 * (80/20 in 2012/13, 60/40 in 2013/14, 40/60 in 2014/15).
 */
export const PHASE1_YEARS: readonly YearSplit[] = [
  { year: '2012-13', label: '2012 to 2013', attachmentPercent: 80, resultsPercent: 20 },
  { year: '2013-14', label: '2013 to 2014', attachmentPercent: 60, resultsPercent: 40 },
  { year: '2014-15', label: '2014 to 2015', attachmentPercent: 40, resultsPercent: 60 },
];

/** Outcome 1: each child must have had fewer than this many fixed-term exclusions. Seed 000 line 225. */
export const FIXED_EXCLUSIONS_LIMIT = 3;

/** Outcome 1: each child's unauthorised absence must be under this per cent. Seed 000 line 225. */
export const UNAUTHORISED_ABSENCE_LIMIT_PERCENT = 15;

/** Outcome 2: anti-social behaviour across the family must fall by at least this per cent. Seed 000 line 226. */
export const ASB_REDUCTION_PERCENT = 60;

/**
 * Outcome 3: offending by all minors in the family must fall by at least this per cent.
 * Seed 000 line 227 says 33%, not "a third": a fall of exactly 33% (100 to 67) counts as met,
 * although it is a little under a third.
 */
export const OFFENDING_REDUCTION_PERCENT = 33;

/** The school outcome looks at the last three school terms. Seed 000 line 225. */
export const SCHOOL_TERMS_MEASURED = 3;

/** The other three outcomes look at the last six months. Seed 000 lines 226 to 228. */
export const MONTHS_MEASURED = 6;

/**
 * Phase 2 attachment fee per family, in pounds. Kingston and Richmond's figure, not Kent's:
 * seed 003 line 75. The Kent documents give no Phase 2 rates.
 */
export const PHASE2_ATTACHMENT_FEE = 1000;

/** Phase 2 extra payment per family that achieves its outcomes, in pounds. Kingston and Richmond: seed 003 line 75. */
export const PHASE2_RESULTS_PAYMENT = 800;

/** National funding committed for the first of Phase 2's five years, in pounds. Seed 003 line 71. */
export const PHASE2_FIRST_YEAR_NATIONAL_FUNDING = 200_000_000;

/** Form limit: the calculator takes figures for up to this many school-age children. */
export const MAX_CHILDREN = 6;

/** Form limit: the largest count accepted for exclusions, incidents or offences. */
export const MAX_COUNT = 999;

// ---------------------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------------------

export interface ChildFigures {
  /** Fixed-term exclusions in the last three school terms. A whole number, 0 or more. */
  fixedExclusions: number;
  /** Unauthorised absence over the last three school terms, 0 to 100. */
  unauthorisedAbsencePercent: number;
}

export interface BeforeAndLatest {
  /** Count in the six months before support began (the baseline). */
  before: number;
  /** Count in the latest six months. */
  latest: number;
}

export interface FamilyFigures {
  year: ProgrammeYear;
  /** One entry per school-age child; empty when the family has none. */
  children: readonly ChildFigures[];
  /** Anti-social behaviour incidents across the whole family. */
  antisocialBehaviour: BeforeAndLatest;
  /** Offences by family members under 18. */
  offendingByMinors: BeforeAndLatest;
  /** An adult has moved off out-of-work benefits into continuous employment in the last six months. */
  adultIntoContinuousEmployment: boolean;
}

export type OutcomeKey = 'school' | 'antisocial-behaviour' | 'offending' | 'work';

/**
 * The two Phase 1 routes to a results claim, as Kent reported its results (seed 002 line 7):
 * improvements in education, crime and anti-social behaviour; or a family member into work.
 */
export type ClaimRoute = 'education-crime-asb' | 'work';

/** `not-applicable`: nothing to measure for this family, so it neither helps nor blocks a claim. */
export type OutcomeStatus = 'met' | 'not-met' | 'not-applicable';

export interface ChildFinding {
  /** 1-based, as the form numbers them. */
  child: number;
  fixedExclusions: number;
  unauthorisedAbsencePercent: number;
  exclusionsMet: boolean;
  absenceMet: boolean;
  met: boolean;
  /** e.g. "Child 1: 2 fixed-term exclusions (fewer than 3 needed) and 14.9% unauthorised absence (under 15% needed): met" */
  text: string;
}

export interface OutcomeFinding {
  key: OutcomeKey;
  title: string;
  route: ClaimRoute;
  status: OutcomeStatus;
  /** The figures that decided it, in one line. */
  summary: string;
  /** Per-child lines for the school outcome; empty for the others. */
  children: readonly ChildFinding[];
}

export interface PaymentSplit {
  year: ProgrammeYear;
  yearLabel: string;
  perFamily: number;
  attachmentPercent: number;
  attachmentPounds: number;
  resultsPercent: number;
  resultsPounds: number;
  /** The results payment this family's figures would lead to: the results share, or 0. */
  resultsPaymentDue: number;
}

export interface Phase2Payments {
  /** Whose figures these are: the Kent documents give none for Phase 2. */
  area: string;
  attachmentFee: number;
  resultsPayment: number;
  firstYearNationalFunding: number;
  /** The two ways a Phase 2 family can lead to a results payment (seed 003 lines 95 to 99). */
  routes: readonly string[];
}

export interface OutcomesResult {
  claimable: boolean;
  /** The routes that are open, in the order education-crime-asb, work. Empty when not claimable. */
  routes: readonly ClaimRoute[];
  /** One sentence for the top of the result. */
  headline: string;
  outcomes: readonly OutcomeFinding[];
  /** Outcomes with status `not-met`, for the "not yet met" list. */
  notYetMet: readonly OutcomeFinding[];
  payment: PaymentSplit;
  phase2: Phase2Payments;
}

// ---------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------

/** "£4,000". */
export function formatPounds(amount: number): string {
  return `£${amount.toLocaleString('en-GB')}`;
}

/**
 * A percentage to at most one decimal place, rounded towards zero so that a figure shown
 * never crosses a threshold the exact figure did not: 59.96% shows as 59.9%, not 60%.
 * @example formatPercent(66.666) // "66.6%"
 */
export function formatPercent(value: number): string {
  const truncated = Math.trunc(Math.round(value * 1e6) / 1e5) / 10;
  return `${truncated.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function yearSplit(year: ProgrammeYear): YearSplit {
  const found = PHASE1_YEARS.find((y) => y.year === year);
  if (!found) throw new Error(`Not a Phase 1 programme year: ${year}`);
  return found;
}

// ---------------------------------------------------------------------------------------
// The outcomes
// ---------------------------------------------------------------------------------------

/**
 * Outcome 1, school: every child fewer than 3 fixed-term exclusions AND under 15% unauthorised
 * absence over the last three school terms.
 *
 * Edge: a family with no school-age children has nothing to measure, so the outcome does
 * not apply (it neither helps nor blocks a claim on the education, crime and anti-social
 * behaviour route). The limits are strict: 3 exclusions or exactly 15% is not met.
 */
export function assessSchool(children: readonly ChildFigures[]): OutcomeFinding {
  const title = 'School attendance and exclusions';
  if (children.length === 0) {
    return {
      key: 'school',
      title,
      route: 'education-crime-asb',
      status: 'not-applicable',
      summary: 'No school-age children, so this outcome does not apply',
      children: [],
    };
  }
  const findings = children.map((c, i): ChildFinding => {
    const exclusionsMet = c.fixedExclusions < FIXED_EXCLUSIONS_LIMIT;
    const absenceMet = c.unauthorisedAbsencePercent < UNAUTHORISED_ABSENCE_LIMIT_PERCENT;
    const met = exclusionsMet && absenceMet;
    // Shown as entered (not rounded), so 14.99% never reads as 15%.
    const absence = `${String(c.unauthorisedAbsencePercent)}%`;
    return {
      child: i + 1,
      fixedExclusions: c.fixedExclusions,
      unauthorisedAbsencePercent: c.unauthorisedAbsencePercent,
      exclusionsMet,
      absenceMet,
      met,
      text:
        `Child ${i + 1}: ${plural(c.fixedExclusions, 'fixed-term exclusion', 'fixed-term exclusions')} ` +
        `(fewer than ${FIXED_EXCLUSIONS_LIMIT} needed) and ${absence} unauthorised absence ` +
        `(under ${UNAUTHORISED_ABSENCE_LIMIT_PERCENT}% needed): ${met ? 'met' : 'not yet met'}`,
    };
  });
  const missing = findings.filter((f) => !f.met).map((f) => `child ${f.child}`);
  const terms = `the last ${SCHOOL_TERMS_MEASURED} school terms`;
  return {
    key: 'school',
    title,
    route: 'education-crime-asb',
    status: missing.length === 0 ? 'met' : 'not-met',
    summary:
      missing.length === 0
        ? `${children.length === 1 ? 'The child has' : `All ${children.length} children have`} had fewer than ${FIXED_EXCLUSIONS_LIMIT} fixed-term exclusions and under ${UNAUTHORISED_ABSENCE_LIMIT_PERCENT}% unauthorised absence in ${terms}`
        : `Not met for ${joinList(missing)}: each child needs fewer than ${FIXED_EXCLUSIONS_LIMIT} fixed-term exclusions and under ${UNAUTHORISED_ABSENCE_LIMIT_PERCENT}% unauthorised absence in ${terms}`,
    children: findings,
  };
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A reduction outcome (anti-social behaviour, offending by minors): met when the count has
 * fallen by at least `requiredPercent` of the baseline. Worked in whole numbers, so there is
 * no rounding at the edge: 100 to 40 is exactly 60%.
 *
 * Edges:
 * - baseline 0 and latest 0: nothing to reduce, so the outcome cannot be shown by a
 *   reduction. It does not apply, and neither helps nor blocks a claim.
 * - baseline 0 and latest above 0: still no reduction can be shown, and the family now has
 *   incidents it did not have before. We treat this as not met, so the calculator never
 *   suggests a claim for "improved" behaviour that has in fact appeared or got worse.
 * - latest higher than baseline: a rise, reported as such; not met.
 * - latest equal to baseline: no change; not met.
 */
export function assessReduction(
  key: 'antisocial-behaviour' | 'offending',
  figures: BeforeAndLatest,
): OutcomeFinding {
  const title = key === 'antisocial-behaviour' ? 'Anti-social behaviour' : 'Offending by under-18s';
  const what = key === 'antisocial-behaviour' ? 'anti-social behaviour' : 'offending by under-18s';
  const Noun = key === 'antisocial-behaviour' ? 'Anti-social behaviour' : 'Offending by under-18s';
  const requiredPercent = key === 'antisocial-behaviour' ? ASB_REDUCTION_PERCENT : OFFENDING_REDUCTION_PERCENT;
  const unit = key === 'antisocial-behaviour' ? ['incident', 'incidents'] as const : ['offence', 'offences'] as const;
  const needed = `at least ${requiredPercent}% needed`;
  const { before, latest } = figures;
  const base = { key, title, route: 'education-crime-asb' as const, children: [] };

  if (before === 0 && latest === 0) {
    return {
      ...base,
      status: 'not-applicable',
      summary: `No ${what} in the ${MONTHS_MEASURED} months before support began or since, so there is nothing to reduce and this outcome does not apply`,
    };
  }
  if (before === 0) {
    return {
      ...base,
      status: 'not-met',
      summary: `None in the ${MONTHS_MEASURED} months before support began, so no reduction can be shown, and there ${latest === 1 ? 'has' : 'have'} been ${plural(latest, unit[0], unit[1])} in the latest ${MONTHS_MEASURED} months`,
    };
  }
  const change = `(${before} to ${latest})`;
  if (latest > before) {
    return {
      ...base,
      status: 'not-met',
      summary: `${Noun} up ${formatPercent(((latest - before) * 100) / before)} ${change}: it needs to fall, ${needed}`,
    };
  }
  if (latest === before) {
    return { ...base, status: 'not-met', summary: `${Noun} has not changed ${change}: ${needed}` };
  }
  // Whole-number comparison: (before - latest) / before >= required / 100.
  const met = (before - latest) * 100 >= requiredPercent * before;
  return {
    ...base,
    status: met ? 'met' : 'not-met',
    summary: `${Noun} down ${formatPercent(((before - latest) * 100) / before)} ${change}: ${needed}`,
  };
}

/** Outcome 4, work: an adult off out-of-work benefits into continuous employment in the last six months. */
export function assessWork(adultIntoContinuousEmployment: boolean): OutcomeFinding {
  return {
    key: 'work',
    title: 'An adult into work',
    route: 'work',
    status: adultIntoContinuousEmployment ? 'met' : 'not-met',
    summary: adultIntoContinuousEmployment
      ? `An adult has moved off out-of-work benefits into continuous employment in the last ${MONTHS_MEASURED} months`
      : `No adult has yet moved off out-of-work benefits into continuous employment in the last ${MONTHS_MEASURED} months`,
    children: [],
  };
}

export function paymentFor(year: ProgrammeYear, claimable: boolean): PaymentSplit {
  const split = yearSplit(year);
  const attachmentPounds = (PHASE1_FUNDING_PER_FAMILY * split.attachmentPercent) / 100;
  const resultsPounds = (PHASE1_FUNDING_PER_FAMILY * split.resultsPercent) / 100;
  return {
    year,
    yearLabel: split.label,
    perFamily: PHASE1_FUNDING_PER_FAMILY,
    attachmentPercent: split.attachmentPercent,
    attachmentPounds,
    resultsPercent: split.resultsPercent,
    resultsPounds,
    resultsPaymentDue: claimable ? resultsPounds : 0,
  };
}

export const PHASE2_PAYMENTS: Phase2Payments = {
  area: 'Kingston and Richmond',
  attachmentFee: PHASE2_ATTACHMENT_FEE,
  resultsPayment: PHASE2_RESULTS_PAYMENT,
  firstYearNationalFunding: PHASE2_FIRST_YEAR_NATIONAL_FUNDING,
  routes: [
    'significant and sustained progress against all of the family’s problems, compared with when support began',
    'an adult in the family has moved off benefits into continuous employment',
  ],
};

/**
 * Whether a Phase 1 results claim looks possible, and on which route.
 *
 * The claim rule. The Kent documents list the four outcomes (seed 000 lines 224 to 228) and
 * report Phase 1 families as turned around either for education, crime and anti-social
 * behaviour or for work (seed 002 line 7). They do not spell out how the first three combine.
 * The calculator takes the stricter reading, in line with Phase 2's "all the criteria" rule
 * (seed 002 line 27):
 * - education, crime and anti-social behaviour route: every one of the school, anti-social
 *   behaviour and offending outcomes that applies to the family is met, and at least one
 *   applies;
 * - work route: an adult has moved into continuous employment, whatever the other figures.
 * A family on both routes still leads to one results payment: the funding is per family.
 */
export function assessOutcomes(family: FamilyFigures): OutcomesResult {
  const school = assessSchool(family.children);
  const asb = assessReduction('antisocial-behaviour', family.antisocialBehaviour);
  const offending = assessReduction('offending', family.offendingByMinors);
  const work = assessWork(family.adultIntoContinuousEmployment);
  const outcomes = [school, asb, offending, work];

  const firstRoute = [school, asb, offending].filter((o) => o.status !== 'not-applicable');
  const routes: ClaimRoute[] = [];
  if (firstRoute.length > 0 && firstRoute.every((o) => o.status === 'met')) routes.push('education-crime-asb');
  if (work.status === 'met') routes.push('work');
  const claimable = routes.length > 0;

  let headline: string;
  if (routes.length === 2) {
    headline = 'A Phase 1 results claim looks possible on both routes: education, crime and anti-social behaviour, and an adult into work';
  } else if (routes[0] === 'education-crime-asb') {
    headline = 'A Phase 1 results claim looks possible for improvements in education, crime and anti-social behaviour';
  } else if (routes[0] === 'work') {
    headline = 'A Phase 1 results claim looks possible because an adult has moved into continuous employment';
  } else if (firstRoute.length === 0) {
    headline = 'A Phase 1 results claim is not possible yet: none of the school, anti-social behaviour or offending outcomes applies to this family, and no adult has moved into continuous employment';
  } else {
    headline = 'A Phase 1 results claim is not possible yet';
  }

  return {
    claimable,
    routes,
    headline,
    outcomes,
    notYetMet: outcomes.filter((o) => o.status === 'not-met'),
    payment: paymentFor(family.year, claimable),
    phase2: PHASE2_PAYMENTS,
  };
}

// ---------------------------------------------------------------------------------------
// Reading the form
// ---------------------------------------------------------------------------------------

/** Form field names, shared by the page and the parser. */
export const FIELD = {
  year: 'year',
  childCount: 'childCount',
  childExclusions: (n: number) => `child${n}Exclusions`,
  childAbsence: (n: number) => `child${n}Absence`,
  asbBefore: 'asbBefore',
  asbLatest: 'asbLatest',
  offendingBefore: 'offendingBefore',
  offendingLatest: 'offendingLatest',
  employment: 'employment',
} as const;

/** Field names in page order, for the error summary. */
export const FIELD_ORDER: readonly string[] = [
  FIELD.year,
  FIELD.childCount,
  ...Array.from({ length: MAX_CHILDREN }, (_, i) => [FIELD.childExclusions(i + 1), FIELD.childAbsence(i + 1)]).flat(),
  FIELD.asbBefore,
  FIELD.asbLatest,
  FIELD.offendingBefore,
  FIELD.offendingLatest,
  FIELD.employment,
];

export type FormValues = Readonly<Record<string, string | undefined>>;
export type ParsedForm = { ok: true; family: FamilyFigures } | { ok: false; errors: Record<string, string> };

const NUMBER_SHAPE = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** Messages for one count field, written around its name, e.g. "anti-social behaviour incidents in the six months before". */
interface CountWords {
  /** "Enter …" */
  missing: string;
  /** Sentence subject, e.g. "Fixed-term exclusions for child 2". */
  subject: string;
}

type Checked = { ok: true; value: number } | { ok: false; error: string };

/** A whole number from 0 to `max`. */
function readCount(raw: string | undefined, words: CountWords, max = MAX_COUNT): Checked {
  const text = (raw ?? '').trim().replace(/,/g, '');
  if (text === '') return { ok: false, error: words.missing };
  if (!NUMBER_SHAPE.test(text)) return { ok: false, error: `${words.subject} must be a number, like 2` };
  const value = Number(text);
  if (value < 0) return { ok: false, error: `${words.subject} must be 0 or more` };
  if (!Number.isInteger(value)) return { ok: false, error: `${words.subject} must be a whole number, like 2` };
  if (value > max) return { ok: false, error: `${words.subject} must be ${max} or fewer` };
  return { ok: true, value };
}

/** A percentage from 0 to 100; a trailing "%" is allowed. */
function readPercent(raw: string | undefined, words: CountWords): Checked {
  const text = (raw ?? '').trim().replace(/\s*%$/, '');
  if (text === '') return { ok: false, error: words.missing };
  if (!NUMBER_SHAPE.test(text)) return { ok: false, error: `${words.subject} must be a number, like 12.5` };
  const value = Number(text);
  if (value < 0) return { ok: false, error: `${words.subject} must be 0% or more` };
  if (value > 100) return { ok: false, error: `${words.subject} must be 100% or less` };
  return { ok: true, value };
}

function isBlank(raw: string | undefined): boolean {
  return (raw ?? '').trim() === '';
}

/**
 * Checks the posted answers, giving one GOV.UK-style message per field. Child rows beyond
 * the number of children given must be blank (blank rows are ignored); rows within it must
 * be complete.
 */
export function parseOutcomesForm(values: FormValues): ParsedForm {
  const errors: Record<string, string> = {};
  const set = (field: string, checked: Checked): number | undefined => {
    if (checked.ok) return checked.value;
    errors[field] = checked.error;
    return undefined;
  };

  const rawYear = values[FIELD.year];
  const year = PHASE1_YEARS.find((y) => y.year === rawYear)?.year;
  if (!year) errors[FIELD.year] = 'Select the programme year';

  const childCount = set(
    FIELD.childCount,
    readCount(
      values[FIELD.childCount],
      { missing: 'Enter how many school-age children are in the family, or 0 if there are none', subject: 'The number of school-age children' },
      MAX_CHILDREN,
    ),
  );

  const children: ChildFigures[] = [];
  if (childCount !== undefined) {
    for (let n = 1; n <= MAX_CHILDREN; n += 1) {
      const exclusionsField = FIELD.childExclusions(n);
      const absenceField = FIELD.childAbsence(n);
      if (n > childCount) {
        if (!isBlank(values[exclusionsField]) || !isBlank(values[absenceField])) {
          errors[FIELD.childCount] ??=
            `You have entered figures for child ${n}. Change the number of school-age children, or clear the figures for child ${n}`;
        }
        continue;
      }
      const exclusions = set(
        exclusionsField,
        readCount(values[exclusionsField], {
          missing: `Enter the number of fixed-term exclusions for child ${n}, or 0 if there were none`,
          subject: `Fixed-term exclusions for child ${n}`,
        }),
      );
      const absence = set(
        absenceField,
        readPercent(values[absenceField], {
          missing: `Enter unauthorised absence for child ${n} as a percentage`,
          subject: `Unauthorised absence for child ${n}`,
        }),
      );
      if (exclusions !== undefined && absence !== undefined) {
        children.push({ fixedExclusions: exclusions, unauthorisedAbsencePercent: absence });
      }
    }
  }

  const asbBefore = set(
    FIELD.asbBefore,
    readCount(values[FIELD.asbBefore], {
      missing: 'Enter the number of anti-social behaviour incidents in the 6 months before support began, or 0 if there were none',
      subject: 'Anti-social behaviour incidents before support began',
    }),
  );
  const asbLatest = set(
    FIELD.asbLatest,
    readCount(values[FIELD.asbLatest], {
      missing: 'Enter the number of anti-social behaviour incidents in the latest 6 months, or 0 if there were none',
      subject: 'Anti-social behaviour incidents in the latest 6 months',
    }),
  );
  const offendingBefore = set(
    FIELD.offendingBefore,
    readCount(values[FIELD.offendingBefore], {
      missing: 'Enter the number of offences by under-18s in the 6 months before support began, or 0 if there were none',
      subject: 'Offences by under-18s before support began',
    }),
  );
  const offendingLatest = set(
    FIELD.offendingLatest,
    readCount(values[FIELD.offendingLatest], {
      missing: 'Enter the number of offences by under-18s in the latest 6 months, or 0 if there were none',
      subject: 'Offences by under-18s in the latest 6 months',
    }),
  );

  const employment = values[FIELD.employment];
  if (employment !== 'yes' && employment !== 'no') {
    errors[FIELD.employment] = 'Select yes if an adult in the family has moved off out-of-work benefits into continuous employment';
  }

  if (
    Object.keys(errors).length > 0 ||
    !year ||
    asbBefore === undefined ||
    asbLatest === undefined ||
    offendingBefore === undefined ||
    offendingLatest === undefined
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    family: {
      year,
      children,
      antisocialBehaviour: { before: asbBefore, latest: asbLatest },
      offendingByMinors: { before: offendingBefore, latest: offendingLatest },
      adultIntoContinuousEmployment: employment === 'yes',
    },
  };
}
