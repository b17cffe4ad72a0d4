import { findRuleset, rulesetDetail } from '../../../../lib/domain/eligibility/rulesets.ts';
import { apiEndpoint } from '../../../../lib/server/eligibility-api.ts';
import { json } from '../../../../lib/server/json.ts';

export const prerender = false;

/**
 * One rule set's criteria and questions, so a partner's system can map its own fields, with
 * where every rule comes from.
 */
export const { GET, HEAD, OPTIONS, ALL } = apiEndpoint({
  GET: ({ params }) => {
    const ruleset = findRuleset(params.id ?? '');
    if (!ruleset) return json({ error: 'not-found', message: `There is no rule set called "${params.id}"` }, 404);
    return json(rulesetDetail(ruleset));
  },
});
