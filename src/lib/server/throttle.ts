/** Applies the sign-in, reset and registration limits to a page request. */
import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import type { PortalDb } from '../../../db/client.ts';
import { AUTH_REQUEST_LIMITS, SIGN_IN_FAILURE_LIMITS, type ThrottleResult } from '../domain/account/throttling.ts';
import { signInFailureKey } from './accounts.ts';
import { trustProxy } from './config.ts';
import { getPortalDb } from './db.ts';
import { describeWait, parseForm, readForm, type Parsed } from './forms.ts';
import { checkRateLimit, consumeRateLimit } from './rate-limit.ts';
import { clientIp } from './request.ts';

function addressOf(astro: AstroGlobal): string {
  return clientIp(astro.clientAddress, astro.request.headers.get('x-forwarded-for'), trustProxy);
}

/** Sets 429 and `Retry-After` on the page response and returns the message to show. */
function refuse(astro: AstroGlobal, result: Extract<ThrottleResult, { allowed: false }>): string {
  astro.response.status = 429;
  astro.response.headers.set('Retry-After', String(result.retryAfter));
  return `You have tried too many times. Wait ${describeWait(result.retryAfter)} and try again`;
}

/**
 * Counts a registration or password-reset request from its address. When over the limit,
 * sets 429 and `Retry-After` and returns the message to show; otherwise returns null.
 */
export async function throttleAuthRequest(astro: AstroGlobal, bucket: 'register' | 'reset'): Promise<string | null> {
  const result = await consumeRateLimit(await getPortalDb(), `${bucket}:${addressOf(astro)}`, AUTH_REQUEST_LIMITS);
  return result.allowed ? null : refuse(astro, result);
}

/**
 * Reads a registration or password-reset form, counts the request against its address's
 * limit, and checks the values against `schema`. Over the limit, the outcome is a form
 * error (with 429 and `Retry-After` set) whatever the values.
 */
export async function readAuthForm<S extends z.ZodType>(
  astro: AstroGlobal,
  bucket: 'register' | 'reset',
  schema: S,
): Promise<{ values: Record<string, string>; parsed: Parsed<z.output<S>> }> {
  const values = await readForm(astro.request);
  const throttled = await throttleAuthRequest(astro, bucket);
  return { values, parsed: throttled ? { ok: false, errors: { form: throttled } } : parseForm(schema, values) };
}

/** The client's address as throttling sees it (behind a trusted proxy, the forwarded one). */
export function requestAddress(astro: AstroGlobal): string {
  return addressOf(astro);
}

/** Sets 429 and `Retry-After` for a sign-in refused by `signInFromAddress`, and returns the message. */
export function refuseSignIn(astro: AstroGlobal, retryAfter: number): string {
  return refuse(astro, { allowed: false, retryAfter });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The answer to a sign-in refused by the per-address limit before anything else is done: a
 * small page with the message and a link back, instead of reading the form and drawing the
 * whole sign-in page. Under a flood of wrong passwords every request ends here, so the flood
 * costs one indexed read each and no write.
 */
export function signInRefusedResponse(retryAfter: number, returnTo: string): Response {
  const message = `You have tried too many times. Wait ${describeWait(retryAfter)} and try again`;
  const back = `/login?returnTo=${encodeURIComponent(returnTo)}`;
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Error: Sign in – Troubled Families Practitioner Portal</title>
</head>
<body>
<main>
<h1>Sign in</h1>
<div role="alert">
<h2>There is a problem</h2>
<p>${escapeHtml(message)}.</p>
</div>
<p><a href="${escapeHtml(back)}">Go back to the sign-in page</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 429,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(retryAfter),
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * For a sign-in form post: when its address is over the wrong-password limit
 * (SIGN_IN_FAILURE_LIMITS), the small 429 answer; otherwise null and sign-in goes ahead.
 */
export async function refuseThrottledSignIn(
  portal: PortalDb,
  request: Request,
  clientAddress: string | undefined,
  returnTo: string,
  now?: number,
): Promise<Response | null> {
  const address = clientIp(clientAddress, request.headers.get('x-forwarded-for'), trustProxy);
  const gate = await checkRateLimit(portal, signInFailureKey(address), SIGN_IN_FAILURE_LIMITS, now);
  return gate.allowed ? null : signInRefusedResponse(gate.retryAfter, returnTo);
}
