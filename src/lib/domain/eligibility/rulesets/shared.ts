/**
 * Pieces shared by the rule sets: the Kent nomination route and the consent every route
 * needs. Kept here so a change to the route is made once.
 */
export const KENT_NEXT_STEPS = [
  'Talk to the family about the programme and ask for their consent before you share anything about them.',
  "With consent, nominate the family to the local project delivery manager (LPDM) for the district where they live. Nominations are open all year, whenever you become aware of a family who might need multi-agency support.",
  "The LPDM brings the nomination to the district's local operational group, which checks the criteria against partners' records, decides on priority and allocates a dedicated worker.",
  'Keep supporting the family as you do now while the nomination is considered.',
] as const;

export const KENT_OTHERWISE = [
  'The family does not seem to meet the programme\'s criteria on these answers, but they can still get help: carry on with your own service\'s support, and consider a Common Assessment Framework (CAF) assessment if they have needs that no single service can meet.',
  'If you were not sure about some answers, finding them out may change the result.',
  'If you are worried a child is at risk of harm, follow your safeguarding procedures now.',
] as const;

export const CONSENT =
  "The family must agree before their details are shared or a nomination is made. Explain what the programme offers, what information will be shared, with whom and why. Record their consent as the information sharing procedure describes; where sharing without consent may be justified, for example to protect a child, follow your agency's safeguarding and information sharing rules.";
