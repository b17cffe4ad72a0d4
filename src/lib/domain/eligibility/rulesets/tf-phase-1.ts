import type { RuleSet } from '../engine.ts';
import { CONSENT, KENT_NEXT_STEPS, KENT_OTHERWISE } from './shared.ts';

/**
 * Phase 1 (2012 to 2015): the three national criteria, with Kent's first-year identification
 * measures asked alongside the national thresholds.
 * Sources: Kent Communities Cabinet Committee report, July 2012 (year-one measures: more than
 * 3 unauthorised absences in a year, youth offending, anti-social behaviour); Kent's approach
 * booklet, 2013 (the three criteria; fewer than 3 fixed exclusions and under 15% unauthorised
 * absence as the education result).
 */
export const tfPhase1: RuleSet = {
  id: 'tf-phase-1',
  title: 'Troubled Families Phase 1 (2012 to 2015)',
  effectiveFrom: '2012-04-01',
  effectiveTo: '2015-03-31',
  source:
    "Kent County Council, Kent Troubled Families Programme: Kent's approach (2013); Kent Communities Cabinet Committee report on the Troubled Families Programme (July 2012)",
  description:
    'The first phase of the programme worked with families who met three national criteria: crime or anti-social behaviour, education, and worklessness. Use it to understand how a family would have been identified between 2012 and 2015.',
  criteria: [
    {
      key: 'crime-asb',
      title: 'Crime and anti-social behaviour',
      kind: 'headline',
      description: 'A young person in the family has offended, or someone in the family has been involved in anti-social behaviour.',
      evidence: ['police records of offences by under-18s', 'records of anti-social behaviour from the police, the council or the landlord'],
    },
    {
      key: 'education',
      title: 'Education',
      kind: 'headline',
      description: 'A child in the family is often absent from school without permission or has been excluded.',
      evidence: ['school attendance records for the last three terms', 'exclusion records'],
    },
    {
      key: 'worklessness',
      title: 'Worklessness',
      kind: 'headline',
      description: 'An adult in the family is claiming out-of-work benefits.',
      evidence: ['confirmation of out-of-work benefits from JobCentre Plus (DWP) records'],
    },
  ],
  questions: [
    {
      key: 'youth-offence',
      type: 'boolean',
      text: 'Has anyone in the family aged under 18 been found guilty of, or cautioned for, an offence in the last 12 months?',
      hint: 'Kent looked for youth offending when it identified its first families.',
      criterion: 'crime-asb',
      metReason: 'a young person in the family has offended in the last 12 months',
    },
    {
      key: 'asb',
      type: 'boolean',
      text: 'Has anyone in the family been involved in anti-social behaviour in the last 12 months?',
      hint: 'For example, a warning, an injunction or action by the landlord because of anti-social behaviour.',
      criterion: 'crime-asb',
      metReason: 'someone in the family has been involved in anti-social behaviour in the last 12 months',
    },
    {
      key: 'unauthorised-absences',
      type: 'number',
      text: 'How many unauthorised absences from school has the child with the most had in the last year?',
      hint: 'Count sessions missed without the school\'s permission. Kent\'s first-year measure was more than 3.',
      criterion: 'education',
      min: 0,
      max: 400,
      integer: true,
      meets: { op: '>', value: 3 },
      metReason: 'unauthorised absences from school in the last year',
    },
    {
      key: 'unauthorised-absence-rate',
      type: 'number',
      text: 'What share of school time has the child with the most absence missed without permission over the last three terms?',
      hint: 'As a percentage of possible sessions. 15% or more counts.',
      criterion: 'education',
      min: 0,
      max: 100,
      integer: false,
      suffix: '%',
      meets: { op: '>=', value: 15 },
      metReason: 'unauthorised absence over the last three terms',
    },
    {
      key: 'fixed-exclusions',
      type: 'number',
      text: 'How many fixed-term exclusions has the child with the most had in the last three school terms?',
      hint: '3 or more counts.',
      criterion: 'education',
      min: 0,
      max: 100,
      integer: true,
      meets: { op: '>=', value: 3 },
      metReason: 'fixed-term exclusions in the last three terms',
    },
    {
      key: 'permanently-excluded',
      type: 'boolean',
      text: 'Has a child in the family been permanently excluded from school, or are they in a pupil referral unit or alternative provision?',
      criterion: 'education',
      metReason: 'a child has been permanently excluded or is in a pupil referral unit or alternative provision',
    },
    {
      key: 'out-of-work-benefits',
      type: 'boolean',
      text: 'Is an adult in the family claiming out-of-work benefits?',
      criterion: 'worklessness',
      metReason: 'an adult in the family claims out-of-work benefits',
    },
  ],
  decision: {
    headline: { likely: 3, discretion: 2 },
    summary:
      'A family meeting all three criteria was likely to qualify. A family meeting two of the three could be included at local discretion.',
  },
  nextSteps: KENT_NEXT_STEPS,
  otherwise: KENT_OTHERWISE,
  consent: CONSENT,
};
