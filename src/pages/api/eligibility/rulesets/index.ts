import { RULESETS, describeRuleset } from '../../../../lib/domain/eligibility/rulesets.ts';
import { apiEndpoint } from '../../../../lib/server/eligibility-api.ts';
import { json } from '../../../../lib/server/json.ts';

export const prerender = false;

/** Every rule set a partner's system can check against. */
export const { GET, HEAD, OPTIONS, ALL } = apiEndpoint({ GET: () => json(RULESETS.map(describeRuleset)) });
