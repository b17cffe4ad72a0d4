import type { APIRoute } from 'astro';
import { questionsToAsk } from '../../lib/domain/eligibility/engine.ts';
import { DEFAULT_RULESET_ID, findRuleset } from '../../lib/domain/eligibility/rulesets.ts';
import { isProduction } from '../../lib/server/config.ts';
import { clearStoredAnswers } from '../../lib/server/eligibility-answers.ts';
import { readForm } from '../../lib/server/forms.ts';

export const prerender = false;

/** Starts a new check: any earlier answers are wiped, then the first question. */
export const POST: APIRoute = async ({ request, cookies, redirect }) => {
  const form = await readForm(request);
  const ruleset = findRuleset(form.ruleset ?? '') ?? findRuleset(DEFAULT_RULESET_ID)!;
  clearStoredAnswers(cookies, isProduction);
  const first = questionsToAsk(ruleset, {})[0]!;
  return redirect(`/eligibility/${ruleset.id}/${first.key}`, 303);
};

/** A bookmarked or typed start address goes to the start page. */
export const GET: APIRoute = ({ redirect }) => redirect('/eligibility/', 303);
