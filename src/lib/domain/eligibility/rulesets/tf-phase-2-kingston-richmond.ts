import type { RuleSet } from '../engine.ts';
import { CONSENT } from './shared.ts';
import { PHASE_2_CRITERIA, PHASE_2_QUESTIONS } from './tf-phase-2.ts';

/**
 * An example of a local overlay: Kingston and Richmond's Phase 2 programme (Strengthening
 * Families, run by Achieving for Children) took the national rule and added its own
 * priorities, of which a family must meet at least one, then a checkpoint group placed each
 * eligible family at one of three levels of need.
 * Source: Achieving for Children, Strengthening Families five-year delivery framework
 * 2015 to 2020 (local criteria, nominations route, checkpoint and hierarchy of needs).
 */
export const tfPhase2KingstonRichmond: RuleSet = {
  id: 'tf-phase-2-kingston-richmond',
  title: 'Phase 2 with Kingston and Richmond local priorities (2015 to 2020)',
  effectiveFrom: '2015-04-01',
  effectiveTo: '2020-03-31',
  source: 'Achieving for Children, Strengthening Families five-year delivery framework 2015 to 2020 (Royal Borough of Kingston upon Thames and London Borough of Richmond upon Thames)',
  description:
    "An example of how an area adds its own priorities to the national rule. Kingston and Richmond's Strengthening Families programme asked for two of the six national problems and at least one of seven local priorities, then prioritised families into three levels of need.",
  criteria: [
    ...PHASE_2_CRITERIA,
    {
      key: 'local-child-protection-step-down',
      title: 'Stepping down from a child protection plan',
      kind: 'local',
      description: 'A child is stepping down from a child protection plan to become a child in need.',
      evidence: ["children's social care records"],
    },
    {
      key: 'local-cse-risk',
      title: 'Risk of child sexual exploitation',
      kind: 'local',
      description: 'A child is at risk of child sexual exploitation.',
      evidence: ["children's social care or police records"],
    },
    {
      key: 'local-two-year-childcare',
      title: 'Two-year-old eligible for funded childcare',
      kind: 'local',
      description: 'A child aged 2 is eligible for free childcare funding.',
      evidence: ['early years or children\'s centre records'],
    },
    {
      key: 'local-domestic-violence-victim',
      title: 'Parent recorded as a victim of domestic violence',
      kind: 'local',
      description: 'A parent has been recorded as a victim of domestic violence.',
      evidence: ['police or MARAC records'],
    },
    {
      key: 'local-substance-misuse',
      title: 'Parental drug or alcohol misuse',
      kind: 'local',
      description: 'A parent has reported misusing alcohol or drugs.',
      evidence: ['drug and alcohol service records', 'what the parent has told a professional'],
    },
    {
      key: 'local-parental-mental-health',
      title: 'Parental mental health',
      kind: 'local',
      description: 'A parent has recorded mental health or emotional wellbeing concerns.',
      evidence: ['health or mental health service records'],
    },
    {
      key: 'local-autism-adhd',
      title: 'Autism or ADHD with an education, health and care plan',
      kind: 'local',
      description: 'A child has been diagnosed with autism or ADHD under an education, health and care plan.',
      evidence: ['the education, health and care plan'],
    },
    {
      key: 'priority-high',
      title: 'High or complex needs',
      kind: 'priority',
      description: 'Long-standing, deep-rooted problems that need extra capacity from a multi-agency team.',
      evidence: [],
    },
    {
      key: 'priority-expert',
      title: 'Additional expert help',
      kind: 'priority',
      description: 'The family needs expert help to move forward, such as getting back to work or tackling a mental health issue.',
      evidence: [],
    },
    {
      key: 'priority-monitoring',
      title: 'Monitoring',
      kind: 'priority',
      description: 'The family is working well with its current lead professional.',
      evidence: [],
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
    local: { atLeast: 1, otherwise: 'local-discretion' },
    priority: {
      levels: [
        {
          criterion: 'priority-high',
          title: 'High or complex needs',
          description:
            'Support from the Strengthening Families multi-agency team, with extra capacity for deep-rooted problems, priority access to expert help, and a budget the lead professional can use for the family\'s specific needs.',
        },
        {
          criterion: 'priority-expert',
          title: 'Additional expert help',
          description:
            'Expert help from the multi-agency team alongside existing support, priority access to its officers, and a budget that may be handed to the family to buy support directly.',
        },
        {
          criterion: 'priority-monitoring',
          title: 'Monitoring',
          description:
            'The family stays with its current lead professional, with no extra team resource but possibly a budget; the Strengthening Families coordinator checks its progress.',
        },
      ],
      note: 'The checkpoint group decides the level. It also weighs how many local priorities the family meets, how many agencies are working with it (a sign of high cost) and how likely a turnaround is.',
    },
    summary:
      'A family needs at least two of the six national problems and at least one local priority. A family with two national problems but no local priority may still be considered at local discretion.',
  },
  nextSteps: [
    'Ask the family for their consent: a nomination cannot be made without it.',
    'Send a nomination to the Single Point of Access (SPA) on the SPA referral form, with the family\'s key details and the criteria they meet.',
    'The SPA screens the nomination. If the family already has a service or lead professional, the Strengthening Families coordinator contacts that lead professional; if not, the family is assessed by children\'s social care or early help services in the usual way.',
    'The coordinator checks the criteria again, data analysts look for evidence of each one, and the checkpoint group prioritises the family into a level of need.',
  ],
  otherwise: [
    "The family does not seem to meet Strengthening Families' criteria on these answers. They can still get support from children's social care, the family support service or the youth offending service.",
    'If you were not sure about some answers, finding them out may change the result.',
    'If you are worried a child is at risk of harm, follow your safeguarding procedures now.',
  ],
  consent: CONSENT,
};
