import type { Criterion, Question, RuleSet } from '../engine.ts';
import { CONSENT, KENT_NEXT_STEPS, KENT_OTHERWISE } from './shared.ts';

/**
 * Phase 2 (2015 to 2022): at least two of six headline problems.
 * Sources: Kent's Troubled Families web page (about 2018) for the six criteria; Achieving for
 * Children's delivery framework 2015 to 2020 for the wording of the criteria and the
 * persistent absence measure (85% attendance or less); Kent's approach booklet (2013) for
 * 3 or more fixed exclusions and 15% unauthorised absence.
 */
export const PHASE_2_CRITERIA: readonly Criterion[] = [
  {
    key: 'crime-asb',
    title: 'Crime and anti-social behaviour',
    kind: 'headline',
    description: 'Parents or children involved in crime or anti-social behaviour.',
    evidence: ['police records of offences or anti-social behaviour', 'records from the youth offending service, the council or the landlord'],
  },
  {
    key: 'school-attendance',
    title: 'School attendance',
    kind: 'headline',
    description: 'Children who have not been attending school regularly, including those excluded.',
    evidence: ['school attendance records', 'exclusion records'],
  },
  {
    key: 'children-need-help',
    title: 'Children who need help',
    kind: 'headline',
    description: 'Children who need help, including in the early years, and children in need or with a protection plan.',
    evidence: ["children's social care or early help records", 'a Common Assessment Framework (CAF) assessment'],
  },
  {
    key: 'worklessness',
    title: 'Worklessness and financial exclusion',
    kind: 'headline',
    description: 'Adults out of work or at risk of financial exclusion, and young people at risk of worklessness.',
    evidence: ['JobCentre Plus (DWP) records of out-of-work benefits', 'evidence of debt or rent arrears', 'records of young people not in education, employment or training'],
  },
  {
    key: 'domestic-abuse',
    title: 'Domestic violence and abuse',
    kind: 'headline',
    description: 'Families affected by domestic violence and abuse.',
    evidence: ['police call-out records', 'Multi-agency Risk Assessment Conference (MARAC) records', 'what the family or a professional has reported'],
  },
  {
    key: 'health',
    title: 'Health',
    kind: 'headline',
    description: 'Parents and children with a range of health problems, including mental health and drug or alcohol misuse.',
    evidence: ['health or mental health service records', 'drug and alcohol service records', 'what a professional working with the family has recorded'],
  },
];

export const PHASE_2_QUESTIONS: readonly Question[] = [
  {
    key: 'child-crime-asb',
    type: 'boolean',
    text: 'In the last six months, has a child or young person in the family committed an offence or been involved in anti-social behaviour?',
    criterion: 'crime-asb',
    metReason: 'a child or young person has offended or been involved in anti-social behaviour in the last six months',
  },
  {
    key: 'adult-crime-asb',
    type: 'boolean',
    text: 'In the last six months, has an adult in the family committed an offence or been involved in anti-social behaviour?',
    criterion: 'crime-asb',
    metReason: 'an adult has offended or been involved in anti-social behaviour in the last six months',
  },
  {
    key: 'attendance',
    type: 'number',
    text: 'What is the attendance of the child who misses the most school?',
    hint: 'As a percentage of possible sessions this school year. 85% or less is persistent absence and counts.',
    criterion: 'school-attendance',
    min: 0,
    max: 100,
    integer: false,
    suffix: '%',
    meets: { op: '<=', value: 85 },
    metReason: "a child's attendance",
  },
  {
    key: 'fixed-exclusions',
    type: 'number',
    text: 'How many fixed-term exclusions has the child with the most had in the last three school terms?',
    hint: '3 or more counts.',
    criterion: 'school-attendance',
    min: 0,
    max: 100,
    integer: true,
    meets: { op: '>=', value: 3 },
    metReason: 'fixed-term exclusions in the last three terms',
  },
  {
    key: 'excluded-or-alternative-provision',
    type: 'boolean',
    text: 'Has a child in the family been permanently excluded, or are they in a pupil referral unit or alternative provision?',
    criterion: 'school-attendance',
    metReason: 'a child has been permanently excluded or is in a pupil referral unit or alternative provision',
  },
  {
    key: 'child-in-need',
    type: 'boolean',
    text: "Is a child in the family a child in need, on a child protection plan, or known to children's social care?",
    criterion: 'children-need-help',
    metReason: "a child is a child in need, on a protection plan or known to children's social care",
  },
  {
    key: 'early-help',
    type: 'boolean',
    text: 'Does a child in the family, including a baby or young child, need extra help that one service alone cannot give?',
    hint: 'For example, a child with a Common Assessment Framework (CAF) or early help assessment.',
    criterion: 'children-need-help',
    metReason: 'a child needs help that one service alone cannot give',
  },
  {
    key: 'out-of-work-benefits',
    type: 'boolean',
    text: 'Is an adult in the family claiming out-of-work benefits?',
    criterion: 'worklessness',
    metReason: 'an adult claims out-of-work benefits',
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
    text: 'Is a young person in the family not in education, employment or training, or at risk of it?',
    criterion: 'worklessness',
    metReason: 'a young person is, or is at risk of being, out of education, employment or training',
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
  },
];

export const tfPhase2: RuleSet = {
  id: 'tf-phase-2',
  title: 'Troubled Families Phase 2 (2015 to 2022)',
  effectiveFrom: '2015-04-01',
  effectiveTo: '2022-03-31',
  source:
    "Kent County Council, Troubled Families web page (about 2018); Achieving for Children, Strengthening Families five-year delivery framework 2015 to 2020; Kent County Council, Kent's approach (2013)",
  description:
    'The second phase widened the programme to six headline problems. A family with at least two of them could join. This is the rule set the portal uses unless you choose another.',
  criteria: PHASE_2_CRITERIA,
  questions: PHASE_2_QUESTIONS,
  decision: {
    headline: { likely: 2 },
    summary: 'A family with at least two of the six headline problems is likely to qualify.',
  },
  nextSteps: KENT_NEXT_STEPS,
  otherwise: KENT_OTHERWISE,
  consent: CONSENT,
};
