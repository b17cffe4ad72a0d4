/** Applies the sign-in, reset and registration limits to a page request. */
import type { AstroGlobal } from 'astro';
import { trustProxy } from './config.ts';
import { getPortalDb } from './db.ts';
import { describeWait } from './forms.ts';
import { AUTH_LIMITS, consumeRateLimit } from './rate-limit.ts';
import { clientIp } from './request.ts';

/**
 * Counts this request from its address. When over the limit, sets 429 and `Retry-After`
 * on the page response and returns the message to show; otherwise returns null.
 */
export async function throttleAuthRequest(astro: AstroGlobal, bucket: 'sign-in' | 'register' | 'reset'): Promise<string | null> {
  const ip = clientIp(astro.clientAddress, astro.request.headers.get('x-forwarded-for'), trustProxy);
  const result = await consumeRateLimit(await getPortalDb(), `${bucket}:${ip}`, AUTH_LIMITS);
  if (result.allowed) return null;
  astro.response.status = 429;
  astro.response.headers.set('Retry-After', String(result.retryAfter));
  return `You have tried too many times. Wait ${describeWait(result.retryAfter)} and try again`;
}
