/**
 * Pieces more than one rule set uses, each with where it comes from. Next steps belong to
 * each rule set (Phase 1's nomination route is not Phase 2's); only advice that is the same
 * whatever the rules is kept here.
 */
import type { Step } from '../engine.ts';
import { portalReading, programmeRule } from '../provenance.ts';

/** Advice the portal gives with every result that is not "likely": it is not a programme rule. */
export const SAFEGUARDING_STEP: Step = {
  text: 'If you are worried a child is at risk of harm, follow your safeguarding procedures now.',
  source: portalReading("General safeguarding advice from the portal, not a rule of the programme: this check is not a route for a child who may be at risk of harm now."),
};

/** What to do when unknown answers could still change the outcome. */
export const FIND_OUT_STEPS: readonly Step[] = [
  {
    text: 'Find out the answers listed under "What to find out", then run the check again: they could change the result.',
    source: portalReading('The check does not guess: while an unknown answer could change the outcome either way, it says so rather than giving a result.'),
  },
  {
    text: 'Keep supporting the family as you do now while you find out.',
    source: portalReading('The source documents do not say what a partner should do meanwhile; carrying on avoids a gap in the family\'s support.'),
  },
  SAFEGUARDING_STEP,
];

/** Consent under Kent's approach: the CAF, and sharing under Kent's information sharing procedure. */
export const KENT_CONSENT: Step = {
  text: "The family must agree before an assessment is made or their details are shared. Explain what the programme offers, what information will be shared, with whom and why. Kent's partners share information under the programme's standard operating procedure, which sits under the Kent and Medway Information Sharing Agreement. Where sharing without consent may be justified, for example to protect a child, follow your agency's safeguarding and information sharing rules.",
  source: programmeRule('000_7879946378b0d45b.txt', "The CAF processes can only be undertaken with a family's consent"),
};
