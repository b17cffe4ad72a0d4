/**
 * Where the self-check keeps answers between question pages: a cookie in the user's own
 * browser, scoped to /eligibility, gone when the browser closes or the user exits, starts
 * again or presses "Exit this page". Never the database, never a log, never a URL.
 *
 * The cookie holds answers only, no identifiers. It is read back through the rule set's own
 * checks, so an edited cookie can at worst change its own result. Which question comes next,
 * and what an answer changes, is the journey's (`lib/domain/eligibility/journey.ts`).
 */
import type { AstroCookies } from 'astro';
import { findRuleset } from '../domain/eligibility/rulesets.ts';
import { checkAnswer, type RuleSet } from '../domain/eligibility/engine.ts';
import { progress, type StoredAnswers } from '../domain/eligibility/journey.ts';

export const ANSWERS_COOKIE = 'eligibility';
const PATH = '/eligibility';

export function readStoredAnswers(cookies: AstroCookies, ruleset: RuleSet): StoredAnswers {
  const raw = cookies.get(ANSWERS_COOKIE)?.value;
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const { r, a } = parsed as { r?: unknown; a?: unknown };
  if (r !== ruleset.id || !a || typeof a !== 'object') return {};
  const stored: StoredAnswers = {};
  for (const question of ruleset.questions) {
    if (!(question.key in (a as object))) continue;
    const checked = checkAnswer(question, (a as Record<string, unknown>)[question.key]);
    if (checked.ok) stored[question.key] = checked.value ?? null;
  }
  return stored;
}

export function writeStoredAnswers(cookies: AstroCookies, ruleset: RuleSet, answers: StoredAnswers, secure: boolean): void {
  const value = Buffer.from(JSON.stringify({ r: ruleset.id, a: answers }), 'utf8').toString('base64url');
  // No expiry: a browser session cookie, so answers do not outlive the browser window.
  cookies.set(ANSWERS_COOKIE, value, { path: PATH, httpOnly: true, sameSite: 'lax', secure });
}

export function clearStoredAnswers(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(ANSWERS_COOKIE, { path: PATH, httpOnly: true, sameSite: 'lax', secure });
}

/**
 * A check in progress for the pages after the questions: the rule set named in the address,
 * the answers so far, the path they make, and the first question still to answer.
 * Undefined when the rule set does not exist.
 */
export function openCheck(rulesetId: string | undefined, cookies: AstroCookies) {
  const ruleset = findRuleset(rulesetId ?? '');
  if (!ruleset) return undefined;
  const stored = readStoredAnswers(cookies, ruleset);
  return { ruleset, base: `/eligibility/${ruleset.id}`, stored, ...progress(ruleset, stored) };
}
