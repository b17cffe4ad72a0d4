import { periodYears, type RuleSet } from '../engine.ts';
import { portalReading, programmeRule } from '../provenance.ts';
import { FIND_OUT_STEPS, KENT_CONSENT, SAFEGUARDING_STEP } from './shared.ts';
import { FIXED_EXCLUSIONS_READING } from './tf-phase-2.ts';

/**
 * Phase 1 in Kent (2012 to 2015): crime and anti-social behaviour, education, and long-term
 * worklessness; families nominated to the local project delivery manager and checked by the
 * programme's analyst.
 * Sources: seed 000 (the three criteria; nominations to the LPDM; the analyst verifies them;
 * local operational groups prioritise and allocate), seed 001 (long-term worklessness;
 * Kent's first-year measure of more than 3 unauthorised absences in one year), seed 002
 * (Phase 1 ran from 2012 to 2015). The sources do not say how many of the three a family
 * needed: the decision rule is marked as the portal's reading, with its reasons.
 */

/** The one place Phase 1's dates are set. */
export const PHASE_1_PERIOD = { effectiveFrom: '2012-04-01', effectiveTo: '2015-03-31' } as const;

const THREE_CRITERIA = programmeRule('000_7879946378b0d45b.txt', 'the three main criteria (crime/ASB, education and worklessness)');
const FIRST_YEAR_MEASURE = 'more than 3 unauthorised school absences in one year';

const TWELVE_MONTHS = {
  text: 'the last 12 months',
  source: portalReading("The source documents set no period for this criterion. Kent's first-year absence measure counted one year, so this check uses the last 12 months.", {
    document: '001_2405a645ae975d27.txt',
    quote: FIRST_YEAR_MEASURE,
  }),
};

const THREE_TERMS = {
  text: 'the last three school terms',
  source: portalReading("The sources set no period for the entry test. Kent's education result looks back over the last three school terms, so this check does the same.", {
    document: '000_7879946378b0d45b.txt',
    quote: 'in the last three school terms',
  }),
};

export const tfPhase1: RuleSet = {
  id: 'tf-phase-1',
  title: `Troubled Families Phase 1 (${periodYears(PHASE_1_PERIOD)})`,
  ...PHASE_1_PERIOD,
  periodSources: [
    programmeRule('002_e00246ac28e39f9e.txt', 'Phase 1 involved meeting our target of 2,560 families between 2012 and 2015'),
    portalReading('The documents give the years, not the days. The programme\'s payments ran by financial year from 2012-13, so this check takes 1 April 2012 to 31 March 2015.', {
      document: '000_7879946378b0d45b.txt',
      quote: 'For 2012-13 this attachment fee will be set at 80 per cent',
    }),
  ],
  source:
    "Kent County Council, Kent Troubled Families Programme: Kent's approach (2013); Kent Communities Cabinet Committee report on the Kent Troubled Families Programme (July 2012); Kent County Council, Troubled families web page (about 2018)",
  description:
    'The first phase of the programme worked with families with problems of crime or anti-social behaviour, education, and long-term worklessness. Partners nominated families to their district\'s local project delivery manager. Use it to understand how a family would have been identified between 2012 and 2015.',
  criteria: [
    {
      key: 'crime-asb',
      title: 'Crime and anti-social behaviour',
      kind: 'headline',
      description: 'Youth offending, or anti-social behaviour by young people and their families.',
      evidence: ['police records of offences by under-18s', 'records of anti-social behaviour from the police, the council or the landlord'],
      source: THREE_CRITERIA,
    },
    {
      key: 'education',
      title: 'Education',
      kind: 'headline',
      description: 'A child in the family is absent from school without permission.',
      evidence: ['school attendance records', 'exclusion records'],
      source: THREE_CRITERIA,
    },
    {
      key: 'worklessness',
      title: 'Long-term worklessness',
      kind: 'headline',
      description: 'An adult in the family has been out of work for a long time.',
      evidence: ['confirmation of out-of-work benefits from JobCentre Plus (DWP) records'],
      source: programmeRule('001_2405a645ae975d27.txt', 'anti-social behaviour by young people and their families and long term worklessness'),
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
      reading: portalReading('The report names youth offending without defining it. This check counts a young person found guilty of, or cautioned for, an offence.', {
        document: '001_2405a645ae975d27.txt',
        quote: 'engagement in youth offending and anti-social behaviour',
      }),
      window: TWELVE_MONTHS,
    },
    {
      key: 'asb',
      type: 'boolean',
      text: 'Has anyone in the family been involved in anti-social behaviour in the last 12 months?',
      hint: 'For example, a warning, an injunction or action by the landlord because of anti-social behaviour.',
      criterion: 'crime-asb',
      metReason: 'someone in the family has been involved in anti-social behaviour in the last 12 months',
      window: TWELVE_MONTHS,
    },
    {
      key: 'unauthorised-absences',
      type: 'number',
      text: 'How many unauthorised absences from school has the child with the most had in the last year?',
      hint: "Kent's first-year measure was more than 3 unauthorised absences in one year.",
      criterion: 'education',
      min: 0,
      max: 400,
      integer: true,
      meets: { op: '>', value: 3 },
      threshold: programmeRule('001_2405a645ae975d27.txt', FIRST_YEAR_MEASURE),
      window: { text: 'the last year', source: programmeRule('001_2405a645ae975d27.txt', FIRST_YEAR_MEASURE) },
      metReason: 'unauthorised absences from school in the last year',
    },
    {
      key: 'unauthorised-absence-rate',
      type: 'number',
      text: 'What share of school time has the child with the most absence missed without permission over the last three terms?',
      hint: 'As a percentage of possible sessions. This check counts 15% or more.',
      criterion: 'education',
      min: 0,
      max: 100,
      integer: false,
      suffix: '%',
      meets: { op: '>=', value: 15 },
      threshold: portalReading(
        'The sources give "less than 15% unauthorised absences" as a result a family should achieve, not as a test for joining. This check reads 15% or more as a sign of the education problem.',
        { document: '000_7879946378b0d45b.txt', quote: 'less than 15% unauthorised absences in the last three school terms' },
      ),
      window: THREE_TERMS,
      metReason: 'unauthorised absence over the last three terms',
    },
    {
      key: 'fixed-exclusions',
      type: 'number',
      text: 'How many fixed-term exclusions has the child with the most had in the last three school terms?',
      hint: 'This check counts 3 or more.',
      criterion: 'education',
      min: 0,
      max: 100,
      integer: true,
      meets: { op: '>=', value: 3 },
      threshold: FIXED_EXCLUSIONS_READING,
      window: THREE_TERMS,
      metReason: 'fixed-term exclusions in the last three terms',
    },
    {
      key: 'permanently-excluded',
      type: 'boolean',
      text: 'Has a child in the family been permanently excluded from school, or are they in a pupil referral unit or alternative provision?',
      criterion: 'education',
      metReason: 'a child has been permanently excluded or is in a pupil referral unit or alternative provision',
      reading: portalReading(
        "Kent's Phase 1 documents measure the education criterion by absence and exclusions. This check also counts permanent exclusion or a place in a pupil referral unit or alternative provision as a sign of it.",
      ),
    },
    {
      key: 'long-term-worklessness',
      type: 'boolean',
      text: 'Has an adult in the family been out of work, claiming out-of-work benefits, for a long time?',
      hint: 'Phase 1 looked for long-term worklessness, not just being out of work now.',
      criterion: 'worklessness',
      metReason: 'an adult in the family has been out of work for a long time',
      window: {
        text: 'a long time',
        source: portalReading(
          "The sources say \"long term worklessness\" but do not say how long. Answer from what you know: the programme's analyst checked this criterion against partners' records.",
          { document: '001_2405a645ae975d27.txt', quote: 'long term worklessness' },
        ),
      },
    },
  ],
  decision: {
    headline: { likely: 3, discretion: 2 },
    summary:
      'A family meeting all three criteria was likely to qualify. A family meeting two of the three might have been included at local discretion. (The source documents do not set this rule: it is the portal\'s reading.)',
    sources: {
      likely: portalReading(
        "The booklet speaks of families who \"meet the three key government criteria\" but does not say whether all three were needed. This check reads all three as a clear case.",
        { document: '000_7879946378b0d45b.txt', quote: 'meet the three key government criteria' },
      ),
      discretion: portalReading(
        "Kent identified its first-year families by school absence, youth offending and anti-social behaviour, without a worklessness measure, so meeting two of the three could be enough. The documents do not say \"local discretion\": this check uses it for a case to discuss with the local project delivery manager.",
        { document: '001_2405a645ae975d27.txt', quote: 'identified using a criteria of more than 3 unauthorised school absences in one year, engagement in youth offending and anti-social behaviour' },
      ),
    },
  },
  nextSteps: [
    {
      text: 'Talk to the family about the programme and ask for their consent before you share anything about them.',
      source: programmeRule('000_7879946378b0d45b.txt', "The CAF processes can only be undertaken with a family's consent"),
    },
    {
      text: "Nominate the family to the local project delivery manager (LPDM) for the district where they live. From the programme's second year, nominations were open all year, whenever a partner became aware of a family who met the criteria and needed multi-agency support.",
      source: programmeRule('000_7879946378b0d45b.txt', 'enabling partners to nominate families for inclusion in the programme to the local project delivery manager'),
    },
    {
      text: "The programme's analyst gathers data from partners to verify that a nominated family meets the criteria.",
      source: programmeRule('000_7879946378b0d45b.txt', 'the analyst is responsible for gathering the data from partners to verify that the families nominated for the programme meet the criteria'),
    },
    {
      text: "The district's local operational group, overseen by the LPDM, prioritises the family and allocates a dedicated worker.",
      source: programmeRule('000_7879946378b0d45b.txt', 'Local operational groups prioritise and allocate families'),
    },
    {
      text: 'Keep supporting the family as you do now while the nomination is considered.',
      source: portalReading("The source documents do not say what a partner should do meanwhile; carrying on avoids a gap in the family's support."),
    },
  ],
  otherwise: [
    {
      text: "The family does not seem to meet the programme's criteria on these answers, but they can still get help: carry on with your own service's support, and consider a Common Assessment Framework (CAF) assessment if they have needs that universal services are not meeting.",
      source: programmeRule('000_7879946378b0d45b.txt', "a family's additional needs which are not being met by universal services"),
    },
    SAFEGUARDING_STEP,
  ],
  findOut: FIND_OUT_STEPS,
  consent: KENT_CONSENT,
};
