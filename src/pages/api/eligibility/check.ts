import { checkAnswers, evaluate } from '../../../lib/domain/eligibility/engine.ts';
import { DEFAULT_RULESET_ID, evaluationToJson, findRuleset } from '../../../lib/domain/eligibility/rulesets.ts';
import { apiEndpoint } from '../../../lib/server/eligibility-api.ts';
import { json, readJsonObject } from '../../../lib/server/json.ts';

export const prerender = false;

/**
 * Checks a family's answers against a rule set. Answers may be partial: when unknown answers
 * could change the outcome it is `not-enough-information`, with what to find out. Nothing is
 * stored or logged. Only POST with a JSON body: other methods get 405, other bodies 415.
 */
export const { POST, OPTIONS, ALL } = apiEndpoint({
  POST: async ({ request }) => {
    const body = await readJsonObject(request);
    if (!body.ok) {
      const error = body.status === 415 ? 'unsupported-media-type' : body.status === 413 ? 'too-large' : 'bad-request';
      return json({ error, message: body.message }, body.status, body.status === 415 ? { 'Accept-Post': 'application/json' } : {});
    }

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
      if (checked.ok && Object.keys(errors).length === 0) return json(evaluationToJson(ruleset, evaluate(ruleset, checked.answers)));
    }
    return json({ error: 'invalid', message: 'Some fields are not valid', errors }, 400);
  },
});
