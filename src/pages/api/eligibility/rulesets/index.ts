import type { APIRoute } from 'astro';
import { RULESETS, describeRuleset } from '../../../../lib/domain/eligibility/rulesets.ts';
import { json } from '../../../../lib/server/json.ts';

export const prerender = false;

/** Every rule set a partner's system can check against. */
export const GET: APIRoute = () => json(RULESETS.map(describeRuleset));
