import { periodYears, type Criterion, type Question, type RuleSet } from '../engine.ts';
import { portalReading } from '../provenance.ts';
import { FIND_OUT_STEPS, SAFEGUARDING_STEP } from './shared.ts';

/** Supporting Families is later than every source document: all of it is the portal's summary. */
const LATER = portalReading(
  "Not in the portal's source documents, which end in 2020. This is the portal's summary of the national Supporting Families outcome framework (2022), as on the Later frameworks page: check current national guidance.",
);

/** The one place this framework's dates are set. */
export const SF_2022_PERIOD = { effectiveFrom: '2022-04-01', effectiveTo: null } as const;

/**
 * Supporting Families (2022): a later national framework, after the period the portal's
 * guidance covers. Ten headline outcomes; a family with dependent children (or an expectant
 * parent) and at least three of the ten needs is eligible.
 * Source: Supporting Families Programme Guide and National Outcome Framework (2022), as
 * summarised on the portal's "Later frameworks" page.
 */
const NEEDS: readonly [key: string, title: string, question: string, reason: string, sensitive?: boolean][] = [
  ['early-years', 'Getting a good start in life', 'Does a young child in the family need help to get a good start, for example with early development or school readiness?', 'a young child needs help to get a good start'],
  ['education', 'Getting a good education', 'Does a child in the family have problems with school, such as poor attendance, exclusion or special educational needs that are not being met?', 'a child has problems with school'],
  ['health', 'Improved mental and physical health', 'Does anyone in the family have a physical or mental health need that is affecting family life?', 'someone has a health need affecting family life', true],
  ['substance-use', 'Promoting recovery and reducing harm from substance use', 'Does anyone in the family misuse drugs or alcohol?', 'someone misuses drugs or alcohol', true],
  ['family-relationships', 'Improved family relationships', 'Are relationships in the family causing harm, such as serious conflict between parents or between parents and children?', 'family relationships are causing harm'],
  ['children-safe', 'Children safe from abuse and exploitation', 'Does a child in the family need help to stay safe from abuse or exploitation?', 'a child needs help to stay safe from abuse or exploitation', true],
  ['crime', 'Crime prevention and tackling crime', 'Is anyone in the family involved in crime or anti-social behaviour, or at risk of it?', 'someone is involved in, or at risk of, crime or anti-social behaviour'],
  ['domestic-abuse', 'Safe from domestic abuse', 'Is anyone in the family affected by domestic abuse?', 'someone is affected by domestic abuse', true],
  ['housing', 'Secure housing', 'Is the family homeless, at risk of losing its home, or living in unsuitable housing?', 'the family is homeless, at risk of losing its home or badly housed'],
  ['financial-stability', 'Financial stability', 'Is the family struggling with money, such as problem debt, or is an adult out of work?', 'the family is struggling with money or an adult is out of work'],
];

const criteria: Criterion[] = [
  {
    key: 'household',
    title: 'Dependent children or an expectant parent',
    kind: 'gate',
    description: 'The family includes dependent children, or a parent expecting a baby.',
    evidence: ['who lives in the household'],
    source: LATER,
  },
  ...NEEDS.map(([key, title]) => ({
    key,
    title,
    kind: 'headline' as const,
    description: `A need under the headline outcome "${title.toLowerCase()}".`,
    evidence: ['records from the agency that knows about the need, or a professional\'s assessment'],
    source: LATER,
  })),
];

const questions: Question[] = [
  {
    key: 'household',
    type: 'boolean',
    text: 'Does the family include dependent children, or a parent who is expecting a baby?',
    criterion: 'household',
    metReason: 'the family includes dependent children or an expectant parent',
  },
  ...NEEDS.map(([key, , text, reason, sensitive]) => ({
    key,
    type: 'boolean' as const,
    text,
    criterion: key,
    metReason: reason,
    ...(sensitive ? { sensitive } : {}),
  })),
];

export const sf2022: RuleSet = {
  id: 'sf-2022',
  title: `Supporting Families outcome framework (${periodYears(SF_2022_PERIOD).replace('from ', '')}): later framework`,
  ...SF_2022_PERIOD,
  periodSources: [LATER],
  source: 'Department for Levelling Up, Housing and Communities, Supporting Families Programme Guide and National Outcome Framework (2022)',
  later: true,
  description:
    'The national framework that followed the Troubled Families Programme. It is later than the Kent guidance on this portal, which has not been updated for it: check current national guidance and Kent\'s current arrangements before you rely on this result.',
  criteria,
  questions,
  decision: {
    required: ['household'],
    headline: { likely: 3 },
    summary: 'A family with dependent children, or an expectant parent, and at least three of the ten headline needs is likely to qualify.',
    sources: { likely: LATER, required: LATER },
  },
  nextSteps: [
    { text: 'Ask the family for their consent before you share anything about them.', source: LATER },
    {
      text: 'Contact your local Supporting Families or early help team to find out how to refer the family today: the Kent routes on this portal describe the earlier programme.',
      source: LATER,
    },
  ],
  otherwise: [
    { text: "The family does not seem to meet the framework's criteria on these answers. Your local early help team can advise on other support.", source: LATER },
    SAFEGUARDING_STEP,
  ],
  findOut: FIND_OUT_STEPS,
  consent: {
    text: "The family must agree before their details are shared or a referral is made. Explain what the programme offers, what information will be shared, with whom and why; where sharing without consent may be justified, for example to protect a child, follow your agency's safeguarding and information sharing rules.",
    source: LATER,
  },
};
