/** Applies the sign-in, reset and registration limits to a page request. */
import type { AstroGlobal } from 'astro';
import type { z } from 'astro/zod';
import type { PortalDb } from '../../../db/client.ts';
import { AUTH_REQUEST_LIMITS, type ThrottleResult } from '../domain/account/throttling.ts';
import { trustProxy } from './config.ts';
import { getPortalDb } from './db.ts';
import { describeWait, parseForm, readForm, type Parsed } from './forms.ts';
import { consumeRateLimit } from './rate-limit.ts';
import { clientIp } from './request.ts';
import { signInRefusalFor } from './sign-in-refusal.ts';

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
  const refusal = await signInRefusalFor(portal, address, returnTo, now);
  return refusal && new Response(refusal.body, { status: refusal.status, headers: refusal.headers });
}
