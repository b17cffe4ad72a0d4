import type { APIRoute } from 'astro';
import { checkAnswers, evaluate } from '../../../lib/domain/eligibility/engine.ts';
import { DEFAULT_RULESET_ID, findRuleset } from '../../../lib/domain/eligibility/rulesets.ts';
import { json, readJsonObject } from '../../../lib/server/json.ts';

export const prerender = false;

/**
 * Checks a family's answers against a rule set. Answers may be partial: an unanswered
 * question counts as not met and is listed. Nothing is stored or logged.
 */
export const POST: APIRoute = async ({ request }) => {
  const body = await readJsonObject(request);
  if (!body.ok) return json({ error: 'bad-request', message: body.message }, body.status);

  const errors: Record<string, string> = {};
  for (const key of Object.keys(body.value)) {
    if (key !== 'ruleset' && key !== 'answers') errors[key] = 'Unknown field: send only "ruleset" and "answers"';
  }
  const rulesetId = body.value.ruleset ?? DEFAULT_RULESET_ID;
  const ruleset = typeof rulesetId === 'string' ? findRuleset(rulesetId) : undefined;
  if (!ruleset) errors.ruleset = `Not a rule set: use one of the ids from GET /api/eligibility/rulesets`;

  const rawAnswers = body.value.answers ?? {};
  if (!rawAnswers || typeof rawAnswers !== 'object' || Array.isArray(rawAnswers)) {
    errors.answers = 'Must be an object of question keys and answers';
  } else if (ruleset) {
    const checked = checkAnswers(ruleset, rawAnswers as Record<string, unknown>);
    if (!checked.ok) for (const [key, message] of Object.entries(checked.errors)) errors[`answers.${key}`] = message;
    if (checked.ok && Object.keys(errors).length === 0) {
      const result = evaluate(ruleset, checked.answers);
      return json({
        ruleset: ruleset.id,
        rulesetTitle: ruleset.title,
        outcome: result.outcome,
        criteriaMet: result.criteriaMet,
        reasons: result.reasons,
        unanswered: result.unanswered,
        priority: result.priority ? { level: result.priority.criterion, title: result.priority.title } : null,
        evidence: result.evidence,
        consent: ruleset.consent,
        nextSteps: result.nextSteps,
        notADecision: 'This is a guide to whether the family might qualify, not a decision.',
      });
    }
  }
  return json({ error: 'invalid', message: 'Some fields are not valid', errors }, 400);
};
