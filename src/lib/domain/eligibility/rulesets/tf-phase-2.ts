import { periodYears, type Criterion, type Question, type RuleSet, type Step } from '../engine.ts';
import { portalReading, programmeRule } from '../provenance.ts';
import { FIND_OUT_STEPS, KENT_CONSENT, SAFEGUARDING_STEP } from './shared.ts';

/**
 * Phase 2 in Kent (2015 to March 2020): at least two of six headline problems, with
 * families identified through Kent's Early Help services.
 * Sources: seed 003 (the six problems and the two-of-six rule; five years from 2015/16),
 * seed 002 (the six criteria in Kent; runs until March 2020; integrated into Early Help;
 * every family known to Early Help assessed against the six), seed 004 (early help
 * notifications; district managers refer to the commissioned family support services).
 * Thresholds and look-back periods the sources do not set are marked as the portal's
 * reading on each question.
 */

/** The one place Phase 2's dates are set: the rule set, its title, the pages and the API read them. */
export const PHASE_2_PERIOD = { effectiveFrom: '2015-04-01', effectiveTo: '2020-03-31' } as const;

const SIX = programmeRule('003_819ce969de96165e.txt', 'Each family must have at least two of the following six issues');

export const PHASE_2_CRITERIA: readonly Criterion[] = [
  {
    key: 'crime-asb',
    title: 'Crime and anti-social behaviour',
    kind: 'headline',
    description: 'Parents or children involved in crime or anti-social behaviour.',
    evidence: ['police records of offences or anti-social behaviour', 'records from the youth offending service, the council or the landlord'],
    source: programmeRule('003_819ce969de96165e.txt', 'parents and children involved in crime and anti-social behaviour'),
  },
  {
    key: 'school-attendance',
    title: 'Education',
    kind: 'headline',
    description: 'Children who have not been attending school regularly.',
    evidence: ['school attendance records', 'exclusion records'],
    source: programmeRule('003_819ce969de96165e.txt', 'children who have not been attending school regularly'),
  },
  {
    key: 'children-need-help',
    title: 'Children who need help',
    kind: 'headline',
    description: "Children who need help, including in the early years. Kent's page calls this criterion children in need.",
    evidence: ["children's social care or early help records", 'an early help or Common Assessment Framework (CAF) assessment'],
    source: programmeRule('003_819ce969de96165e.txt', 'children who need help, including those in the early years'),
  },
  {
    key: 'worklessness',
    title: 'Out of work or at risk of financial exclusion',
    kind: 'headline',
    description: 'Adults out of work or at risk of financial exclusion, and young people at risk of worklessness.',
    evidence: ['JobCentre Plus (DWP) records of out-of-work benefits', 'evidence of debt or rent arrears', 'records of young people not in education, employment or training'],
    source: programmeRule('003_819ce969de96165e.txt', 'adults out of work or at risk of financial exclusion and young people at risk of worklessness'),
  },
  {
    key: 'domestic-abuse',
    title: 'Domestic violence and abuse',
    kind: 'headline',
    description: 'Families affected by domestic violence and abuse.',
    evidence: ['police call-out records', 'Multi-agency Risk Assessment Conference (MARAC) records', 'what the family or a professional has reported'],
    source: programmeRule('003_819ce969de96165e.txt', 'families affected by domestic violence and abuse'),
  },
  {
    key: 'health',
    title: 'Health',
    kind: 'headline',
    description: 'Parents and children with a range of health problems.',
    evidence: ['health or mental health service records', 'what a professional working with the family has recorded'],
    source: programmeRule('003_819ce969de96165e.txt', 'parents and children with a range of health problems'),
  },
];

const SIX_MONTHS = {
  text: 'the last six months',
  source: portalReading(
    "The sources set no period for this criterion. The Kingston and Richmond framework's national figures on crime and anti-social behaviour look back six months, so this check does the same.",
    { document: '003_819ce969de96165e.txt', quote: 'an adult with a proven offence in the last six months' },
  ),
};

const THREE_TERMS_EXCLUSIONS = {
  text: 'the last three school terms',
  source: portalReading(
    "The sources set no period for the entry test. Kent's Phase 1 education result looks back over the last three school terms, so this check does the same.",
    { document: '000_7879946378b0d45b.txt', quote: 'fewer than three fixed exclusions and less than 15% unauthorised absences in the last three school terms' },
  ),
};

/** Three or more fixed-term exclusions as an entry test: a reading, not a rule. */
export const FIXED_EXCLUSIONS_READING = portalReading(
  'The sources give "fewer than three fixed exclusions" as a result a family should achieve, not as a test for joining. This check reads three or more as a sign that a child is not attending school regularly.',
  { document: '000_7879946378b0d45b.txt', quote: 'fewer than three fixed exclusions' },
);

export const PHASE_2_QUESTIONS: readonly Question[] = [
  {
    key: 'child-crime-asb',
    type: 'boolean',
    text: 'In the last six months, has a child or young person in the family committed an offence or been involved in anti-social behaviour?',
    criterion: 'crime-asb',
    metReason: 'a child or young person has offended or been involved in anti-social behaviour in the last six months',
    window: SIX_MONTHS,
  },
  {
    key: 'adult-crime-asb',
    type: 'boolean',
    text: 'In the last six months, has an adult in the family committed an offence or been involved in anti-social behaviour?',
    criterion: 'crime-asb',
    metReason: 'an adult has offended or been involved in anti-social behaviour in the last six months',
    window: SIX_MONTHS,
  },
  {
    key: 'attendance',
    type: 'number',
    text: 'What is the attendance of the child who misses the most school?',
    hint: 'As a percentage of possible sessions this school year. This check counts 85% or less.',
    criterion: 'school-attendance',
    min: 0,
    max: 100,
    integer: false,
    suffix: '%',
    meets: { op: '<=', value: 85 },
    threshold: portalReading(
      'The sources set no attendance level for joining. The Kingston and Richmond framework gives 85% attendance or less as the official measure of persistent absence, so this check uses it.',
      { document: '003_819ce969de96165e.txt', quote: 'the official measure for persistent unauthorised absence is 85% attendance or less' },
    ),
    window: {
      text: 'this school year',
      source: portalReading('The sources set no period for attendance; this check uses the current school year.'),
    },
    metReason: "a child's attendance",
  },
  {
    key: 'fixed-exclusions',
    type: 'number',
    text: 'How many fixed-term exclusions has the child with the most had in the last three school terms?',
    hint: 'This check counts 3 or more.',
    criterion: 'school-attendance',
    min: 0,
    max: 100,
    integer: true,
    meets: { op: '>=', value: 3 },
    threshold: FIXED_EXCLUSIONS_READING,
    window: THREE_TERMS_EXCLUSIONS,
    metReason: 'fixed-term exclusions in the last three terms',
  },
  {
    key: 'excluded-or-alternative-provision',
    type: 'boolean',
    text: 'Has a child in the family been permanently excluded, or are they in a pupil referral unit or alternative provision?',
    criterion: 'school-attendance',
    metReason: 'a child has been permanently excluded or is in a pupil referral unit or alternative provision',
    reading: portalReading(
      'The criterion is about children not attending school regularly. The Kingston and Richmond framework notes that children in a pupil referral unit or alternative provision, or permanently excluded, make up many of the families on the programme, so this check counts them.',
      { document: '003_819ce969de96165e.txt', quote: 'Children in a pupil referral unit or alternative provision and those with fixed and permanent exclusions' },
    ),
  },
  {
    key: 'child-in-need',
    type: 'boolean',
    text: "Is a child in the family a child in need, on a child protection plan, or known to children's social care?",
    criterion: 'children-need-help',
    metReason: "a child is a child in need, on a protection plan or known to children's social care",
    reading: portalReading("Kent's page names the criterion \"children in need\". This check also counts a child protection plan or other involvement with children's social care as a child who needs help.", {
      document: '002_e00246ac28e39f9e.txt',
      quote: 'children in need',
    }),
  },
  {
    key: 'early-help',
    type: 'boolean',
    text: 'Does a child in the family, including a baby or young child, need extra help that one service alone cannot give?',
    hint: 'For example, a child with an early help or Common Assessment Framework (CAF) assessment.',
    criterion: 'children-need-help',
    metReason: 'a child needs help that one service alone cannot give',
    reading: portalReading(
      'The criterion names children who need help, including in the early years, without defining the help. This check counts a child whose needs one service alone cannot meet, the kind of need an early help or CAF assessment is for.',
      { document: '003_819ce969de96165e.txt', quote: 'children who need help, including those in the early years' },
    ),
  },
  {
    key: 'out-of-work-benefits',
    type: 'boolean',
    text: 'Is an adult in the family out of work?',
    hint: 'For example, claiming out-of-work benefits.',
    criterion: 'worklessness',
    metReason: 'an adult is out of work',
  },
  {
    key: 'financial-exclusion',
    type: 'boolean',
    text: 'Is the family at risk of financial exclusion?',
    hint: 'For example, serious debt, rent arrears or losing income because of changes to benefits.',
    criterion: 'worklessness',
    metReason: 'the family is at risk of financial exclusion',
  },
  {
    key: 'young-person-worklessness',
    type: 'boolean',
    text: 'Is a young person in the family at risk of worklessness, for example not in education, employment or training?',
    criterion: 'worklessness',
    metReason: 'a young person is at risk of worklessness',
  },
  {
    key: 'domestic-abuse',
    type: 'boolean',
    text: 'Has anyone in the family been affected by domestic violence or abuse?',
    hint: 'Include abuse reported to the police or known to a professional, and abuse that was never reported.',
    criterion: 'domestic-abuse',
    sensitive: true,
    metReason: 'someone in the family has been affected by domestic violence or abuse',
  },
  {
    key: 'health',
    type: 'boolean',
    text: 'Does a parent or child in the family have a physical or mental health problem, or misuse drugs or alcohol?',
    criterion: 'health',
    sensitive: true,
    metReason: 'a parent or child has a health problem or misuses drugs or alcohol',
    reading: portalReading(
      'The criterion covers "a range of health problems" without listing them. Kent found most families meeting it had emotional health and wellbeing needs; this check also counts drug or alcohol misuse as a health problem.',
      { document: '004_6bd36e657942e2d6.txt', quote: 'the majority is due to having emotional health and well-being issues' },
    ),
  },
];

/** The two-of-six rule, shared with Kingston and Richmond's overlay. */
export const PHASE_2_HEADLINE_SOURCE = SIX;

/** Where Phase 2's dates come from. */
export const PHASE_2_PERIOD_SOURCES = [
  programmeRule('003_819ce969de96165e.txt', 'expand the Troubled Families Programme for a further five years from 2015/16'),
  programmeRule('002_e00246ac28e39f9e.txt', 'Phase 2 of the Troubled Families Programme runs until March 2020'),
] as const;

const NEXT_STEPS: readonly Step[] = [
  {
    text: 'Talk to the family about the help Early Help can give and ask for their consent before you share anything about them.',
    source: programmeRule('000_7879946378b0d45b.txt', "The CAF processes can only be undertaken with a family's consent"),
  },
  {
    text: "Tell Kent's Early Help service about the family by making an early help notification. Schools, the police and health services made most notifications in Phase 2, and other agencies made the rest.",
    source: programmeRule('004_6bd36e657942e2d6.txt', 'Education is the greatest refer at 41.4% of notifications, with the Police following at 21% and Health at 16.4%, with the remainder being from other agencies'),
  },
  {
    text: "Kent's Early Help team website explains how to get support from Early Help for a family who could benefit from it.",
    source: programmeRule('002_e00246ac28e39f9e.txt', 'If you know a family who could benefit from support from Early Help, visit our Early Help team website'),
  },
  {
    text: 'Early Help assesses every family it knows against the six criteria: in Phase 2 this is how Kent identifies families for the programme.',
    source: programmeRule('002_e00246ac28e39f9e.txt', 'All families known to Early Help Units and family support commissioned services are assessed against these 6 criteria'),
  },
  {
    text: "If the family needs one of Kent's commissioned family support services, the district manager makes that referral through the early help notification process: partners do not refer to those services directly.",
    source: programmeRule('004_6bd36e657942e2d6.txt', 'Referrals to the services will be made by district managers through the early help notification process'),
  },
  {
    text: 'Keep supporting the family as you do now while Early Help considers the notification.',
    source: portalReading("The source documents do not say what a partner should do meanwhile; carrying on avoids a gap in the family's support."),
  },
];

const OTHERWISE: readonly Step[] = [
  {
    text: "The family does not seem to meet Phase 2's criteria on these answers, but they can still get help: carry on with your own service's support, and if the family could benefit from Early Help, Kent's Early Help team website explains how to get it.",
    source: programmeRule('002_e00246ac28e39f9e.txt', 'If you know a family who could benefit from support from Early Help, visit our Early Help team website'),
  },
  SAFEGUARDING_STEP,
];

export const tfPhase2: RuleSet = {
  id: 'tf-phase-2',
  title: `Troubled Families Phase 2 (${periodYears(PHASE_2_PERIOD)})`,
  ...PHASE_2_PERIOD,
  periodSources: PHASE_2_PERIOD_SOURCES,
  source:
    "Kent County Council, Troubled families web page (about 2018); Achieving for Children, five-year delivery framework 2015/2020; Kent Troubled Families briefing (2016-17); Kent County Council, Kent's approach (2013)",
  description:
    'The second phase widened the programme to six headline problems. A family with at least two of them could join. In Kent, families were identified through Early Help. This is the rule set the portal uses unless you choose another.',
  criteria: PHASE_2_CRITERIA,
  questions: PHASE_2_QUESTIONS,
  decision: {
    headline: { likely: 2 },
    summary: 'A family with at least two of the six headline problems is likely to qualify.',
    sources: { likely: SIX },
  },
  nextSteps: NEXT_STEPS,
  otherwise: OTHERWISE,
  findOut: FIND_OUT_STEPS,
  consent: KENT_CONSENT,
};
