import { periodYears, type RuleSet } from '../engine.ts';
import { portalReading, programmeRule, type ProgrammeRule } from '../provenance.ts';
import { FIND_OUT_STEPS, SAFEGUARDING_STEP } from './shared.ts';
import { PHASE_2_CRITERIA, PHASE_2_HEADLINE_SOURCE, PHASE_2_QUESTIONS } from './tf-phase-2.ts';

/**
 * An example of a local overlay: Kingston and Richmond's Phase 2 programme (Strengthening
 * Families, run by Achieving for Children) took the national rule, added seven local
 * priorities of which a family must meet at least one, required three defining
 * characteristics and the family's consent, then a checkpoint group placed each eligible
 * family at one of three levels of need. A family that does not meet the criteria keeps
 * its support from Children's Social Care, the Family Support Service or the Youth
 * Offending Service.
 * Source: seed 003, Achieving for Children's five-year delivery framework 2015/2020.
 */

/** The one place this overlay's dates are set: the framework's five years. */
export const KINGSTON_RICHMOND_PERIOD = { effectiveFrom: '2015-04-01', effectiveTo: '2020-03-31' } as const;

const F = '003_819ce969de96165e.txt' as const;
const local = (quote: string): ProgrammeRule => programmeRule(F, quote);
const CHARACTERISTICS = 'The families that are eligible for the programme must have three defining characteristics';

export const tfPhase2KingstonRichmond: RuleSet = {
  id: 'tf-phase-2-kingston-richmond',
  title: `Phase 2 with Kingston and Richmond local priorities (${periodYears(KINGSTON_RICHMOND_PERIOD)})`,
  ...KINGSTON_RICHMOND_PERIOD,
  periodSources: [local('A five year delivery framework for supporting Troubled Families 2015/2020')],
  source: 'Achieving for Children, five-year delivery framework for supporting Troubled Families 2015/2020 (Royal Borough of Kingston upon Thames and London Borough of Richmond upon Thames)',
  description:
    "An example of how an area adds its own priorities to the national rule. Kingston and Richmond's Strengthening Families programme asked for two of the six national problems, at least one of seven local priorities, three defining characteristics and the family's consent, then prioritised families into three levels of need.",
  criteria: [
    ...PHASE_2_CRITERIA,
    {
      key: 'local-child-protection-step-down',
      title: 'Stepping down from a child protection plan',
      kind: 'local',
      description: 'A child is stepping down from a child protection plan to become a child in need.',
      evidence: ["children's social care records"],
      source: local('any child stepping down from a child protection plan to become a child in need'),
    },
    {
      key: 'local-cse-risk',
      title: 'Risk of child sexual exploitation',
      kind: 'local',
      description: 'A child is at risk of child sexual exploitation.',
      evidence: ["children's social care or police records"],
      source: local('children who are at risk of child sexual exploitation'),
    },
    {
      key: 'local-two-year-childcare',
      title: 'Two-year-old eligible for funded childcare',
      kind: 'local',
      description: 'A child aged 2 is eligible for free childcare funding.',
      evidence: ['early years or children\'s centre records'],
      source: local('children who are 2 years and eligible for funding for free childcare'),
    },
    {
      key: 'local-domestic-violence-victim',
      title: 'Parent recorded as a victim of domestic violence',
      kind: 'local',
      description: 'A parent has been recorded as a victim of domestic violence.',
      evidence: ['police or MARAC records'],
      source: local('parents who have been recorded as victims of domestic violence'),
    },
    {
      key: 'local-substance-misuse',
      title: 'Parental drug or alcohol misuse',
      kind: 'local',
      description: 'A parent has reported misusing alcohol or drugs.',
      evidence: ['drug and alcohol service records', 'what the parent has told a professional'],
      source: local('parents who have reported misusing alcohol and drugs'),
    },
    {
      key: 'local-parental-mental-health',
      title: 'Parental mental health',
      kind: 'local',
      description: 'A parent has recorded mental health or emotional wellbeing concerns.',
      evidence: ['health or mental health service records'],
      source: local('parents who have been recorded with mental health or emotional wellbeing concerns'),
    },
    {
      key: 'local-autism-adhd',
      title: 'Autism or ADHD with an education, health and care plan',
      kind: 'local',
      description: 'A child has been diagnosed with autism or ADHD under an education, health and care plan.',
      evidence: ['the education, health and care plan'],
      source: local('children who have been diagnosed under an education, health and care plans with autism or ADHD'),
    },
    {
      key: 'multiple-problems',
      title: 'Many different problems',
      kind: 'gate',
      description: 'The family has many different problems and issues.',
      evidence: [],
      source: local('have a multitude of differing problems and issues'),
    },
    {
      key: 'many-services',
      title: 'Uses many services',
      kind: 'gate',
      description: 'The family uses many services across the borough, and so costs the public purse a lot.',
      evidence: ['which agencies are working with the family'],
      source: local('use many services across the borough and therefore be of high cost to the public purse'),
    },
    {
      key: 'chance-of-turnaround',
      title: 'A chance of turning their lives around',
      kind: 'gate',
      description: 'With targeted support from different agencies, the family has a chance of turning their lives around.',
      evidence: [],
      source: local('have a chance of turning their lives around with the targeted support of different agencies'),
    },
    {
      key: 'consent',
      title: 'Consent to take part',
      kind: 'gate',
      description: 'The family has agreed to take part in the programme.',
      evidence: ['a record of the family\'s consent'],
      source: local('as well as give consent to participate'),
    },
    {
      key: 'priority-high',
      title: 'High or complex needs',
      kind: 'priority',
      description: 'Long-standing, deep-rooted problems that need extra capacity from a multi-agency team.',
      evidence: [],
      source: local('Those families that need most help will be supported by a Strengthening Families Multi-Agency Team'),
    },
    {
      key: 'priority-expert',
      title: 'Additional expert help',
      kind: 'priority',
      description: 'The family needs expert help to move forward, such as getting back to work or tackling a mental health issue.',
      evidence: [],
      source: local('Families that need expert help to move forward'),
    },
    {
      key: 'priority-monitoring',
      title: 'Monitoring',
      kind: 'priority',
      description: 'The family is working well with its current lead professional.',
      evidence: [],
      source: local('Families eligible for the programme who are working well with their current lead professional'),
    },
  ],
  questions: [
    ...PHASE_2_QUESTIONS,
    {
      key: 'local-child-protection-step-down',
      type: 'boolean',
      text: 'Is a child in the family stepping down from a child protection plan to become a child in need?',
      criterion: 'local-child-protection-step-down',
      metReason: 'a child is stepping down from a child protection plan',
    },
    {
      key: 'local-cse-risk',
      type: 'boolean',
      text: 'Is a child in the family at risk of child sexual exploitation?',
      hint: 'If you think a child is at risk of harm now, follow your safeguarding procedures straight away.',
      criterion: 'local-cse-risk',
      sensitive: true,
      metReason: 'a child is at risk of child sexual exploitation',
    },
    {
      key: 'local-two-year-childcare',
      type: 'boolean',
      text: 'Is there a 2-year-old in the family who is eligible for free childcare funding?',
      criterion: 'local-two-year-childcare',
      metReason: 'a 2-year-old is eligible for funded childcare',
    },
    {
      key: 'local-domestic-violence-victim',
      type: 'boolean',
      text: 'Has a parent been recorded as a victim of domestic violence?',
      criterion: 'local-domestic-violence-victim',
      sensitive: true,
      metReason: 'a parent has been recorded as a victim of domestic violence',
    },
    {
      key: 'local-substance-misuse',
      type: 'boolean',
      text: 'Has a parent reported misusing alcohol or drugs?',
      criterion: 'local-substance-misuse',
      sensitive: true,
      metReason: 'a parent has reported misusing alcohol or drugs',
    },
    {
      key: 'local-parental-mental-health',
      type: 'boolean',
      text: 'Has a parent been recorded as having mental health or emotional wellbeing concerns?',
      criterion: 'local-parental-mental-health',
      sensitive: true,
      metReason: 'a parent has recorded mental health or emotional wellbeing concerns',
    },
    {
      key: 'local-autism-adhd',
      type: 'boolean',
      text: 'Has a child been diagnosed with autism or ADHD under an education, health and care plan?',
      criterion: 'local-autism-adhd',
      metReason: 'a child has an education, health and care plan for autism or ADHD',
    },
    {
      key: 'multiple-problems',
      type: 'boolean',
      text: 'Does the family have many different problems and issues?',
      criterion: 'multiple-problems',
      metReason: 'the family has many different problems and issues',
    },
    {
      key: 'many-services',
      type: 'boolean',
      text: 'Is the family using many services across the borough?',
      hint: 'The framework treats this as a sign that the family costs the public purse a lot.',
      criterion: 'many-services',
      metReason: 'the family uses many services across the borough',
    },
    {
      key: 'chance-of-turnaround',
      type: 'boolean',
      text: 'With targeted support from different agencies, does the family have a chance of turning their lives around?',
      criterion: 'chance-of-turnaround',
      metReason: 'the family has a chance of turning their lives around with targeted support',
    },
    {
      key: 'consent',
      type: 'boolean',
      text: 'Has the family agreed to take part in the programme?',
      hint: 'A nomination cannot be made without their consent. If you have not asked them yet, choose "Not sure".',
      criterion: 'consent',
      metReason: 'the family has agreed to take part',
    },
    {
      key: 'priority-high',
      type: 'boolean',
      text: 'Does the family have long-standing, deep-rooted problems that need more help than the professionals around them can give now?',
      criterion: 'priority-high',
      metReason: 'the family has long-standing problems that need extra capacity',
    },
    {
      key: 'priority-expert',
      type: 'boolean',
      text: 'Does the family need expert help to move forward, such as help getting back to work or with a mental health issue?',
      criterion: 'priority-expert',
      metReason: 'the family needs expert help to move forward',
    },
    {
      key: 'priority-monitoring',
      type: 'boolean',
      text: 'Is the family working well with the lead professional it has now?',
      criterion: 'priority-monitoring',
      metReason: 'the family is working well with its current lead professional',
    },
  ],
  decision: {
    headline: { likely: 2 },
    required: ['multiple-problems', 'many-services', 'chance-of-turnaround', 'consent'],
    local: { atLeast: 1, otherwise: 'unlikely' },
    priority: {
      levels: [
        {
          criterion: 'priority-high',
          source: local('Those families that need most help will be supported by a Strengthening Families Multi-Agency Team'),
          title: 'High or complex needs',
          description:
            'Support from the Strengthening Families multi-agency team, with extra capacity for deep-rooted problems, priority access to expert help, and a budget the lead professional can use for the family\'s specific needs.',
        },
        {
          criterion: 'priority-expert',
          source: local('Families that need expert help to move forward'),
          title: 'Additional expert help',
          description:
            'Expert help from the multi-agency team alongside existing support, priority access to its officers, and a budget that may be handed to the family to buy support directly.',
        },
        {
          criterion: 'priority-monitoring',
          source: local('Families eligible for the programme who are working well with their current lead professional'),
          title: 'Monitoring',
          description:
            'The family stays with its current lead professional, with no extra team resource but possibly a budget; the Strengthening Families coordinator checks its progress.',
        },
      ],
      note: 'The checkpoint group decides the level. It also weighs how many local priorities the family meets, how many agencies are working with it (a sign of high cost) and how likely a turnaround is.',
    },
    summary:
      "A family needs at least two of the six national problems, at least one of the seven local priorities, the framework's three defining characteristics and the family's consent. A family that does not meet these keeps its support from Children's Social Care, the Family Support Service or the Youth Offending Service.",
    sources: {
      likely: PHASE_2_HEADLINE_SOURCE,
      local: local('Families only need meet one of the following local criteria to be included in the programme'),
      localOtherwise: local('If a family does not meet the eligibility criteria, they will continue to receive support through Children\'s Social Care, Family Support Service or the Youth Offending Service'),
      required: local(CHARACTERISTICS),
      priority: portalReading(
        'The checkpoint group decides the level of need; the framework describes the three levels but gives no questions. This check asks one question for each level and shows the highest one answered yes, as an indication only.',
        { document: F, quote: 'the checkpoint group will prioritise them into three levels of need' },
      ),
    },
  },
  nextSteps: [
    {
      text: 'Ask the family for their consent: a nomination cannot be made without it.',
      source: local("The family's consent must be sought before a nomination can be made"),
    },
    {
      text: "Send a nomination to the Single Point of Access (SPA) on the SPA referral form, with the family's key details and the criteria they meet.",
      source: local('through a nominations route to the Single Point of Access (SPA) using the SPA referral form'),
    },
    {
      text: "The SPA screens the nomination. If the family already has a service or lead professional, the Strengthening Families coordinator contacts that lead professional; if not, the family is assessed by Children's Social Care or Early Help Services in the usual way.",
      source: local('Nominations that have not been allocated to a service or lead professional will go for assessment with the relevant team'),
    },
    {
      text: 'The coordinator checks the national criteria and local priority again, and the data analysts look for evidence of each criterion.',
      source: local("the coordinator will double check the family's eligibility (national criteria and local priority)"),
    },
    {
      text: 'The checkpoint group prioritises the family by how many local priorities it meets, how many agencies work with it and how likely a turnaround is.',
      source: local('the nominations will go through a strengthening families checkpoint process, to be prioritised'),
    },
  ],
  otherwise: [
    {
      text: "The family does not seem to meet Strengthening Families' criteria on these answers. Not being eligible does not stop a family getting help: they continue to get support from Children's Social Care, the Family Support Service or the Youth Offending Service.",
      source: local('If a family does not meet the eligibility criteria, they will continue to receive support through Children\'s Social Care, Family Support Service or the Youth Offending Service'),
    },
    SAFEGUARDING_STEP,
  ],
  findOut: FIND_OUT_STEPS,
  consent: {
    text: "The family's consent must be sought before a nomination is made, and a family takes part only if it agrees. Explain what the programme offers, what will be shared, with whom and why.",
    source: local("The family's consent must be sought before a nomination can be made"),
  },
};
