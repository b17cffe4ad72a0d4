/**
 * The answer to a sign-in from an address over its wrong-password limit
 * (SIGN_IN_FAILURE_LIMITS): a small 429 page with the message and a link back, instead of
 * reading the form and drawing the whole sign-in page. Under a flood of wrong passwords every
 * request ends here.
 *
 * Plain server code, with no Astro module, so the server's own entry point
 * (src/cli/serve.ts) can refuse before the request reaches Astro at all. That entry point and
 * the middleware each remember the addresses they have seen refused, so during a flood
 * neither reads the database again until the wait is over.
 */
import type { PortalDb } from '../../../db/client.ts';
import { SIGN_IN_FAILURE_LIMITS } from '../domain/account/throttling.ts';
import { escapeHtml } from '../domain/html.ts';
import { describeWait } from '../domain/wait.ts';
import { signInFailureKey } from './accounts.ts';
import { checkRateLimit } from './rate-limit.ts';

/** A response as plain parts, for Astro (a `Response`) and for Node's own server alike. */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The small 429 page for a sign-in refused for `retryAfter` seconds, linking back to the form. */
export function signInRefusal(retryAfter: number, returnTo: string): PlainAnswer {
  const message = `You have tried too many times. Wait ${describeWait(retryAfter)} and try again`;
  const back = `/login?returnTo=${encodeURIComponent(returnTo)}`;
  const body = `<!doctype html>
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
  return {
    status: 429,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': String(retryAfter), 'Cache-Control': 'no-store' },
    body,
  };
}

/**
 * For a sign-in from `address`: the refusal when the address is over the wrong-password
 * limit, otherwise null. Reads the database once, unless this process already knows.
 */
export async function signInRefusalFor(portal: PortalDb, address: string, returnTo: string, now?: number): Promise<PlainAnswer | null> {
  const gate = await checkRateLimit(portal, signInFailureKey(address), SIGN_IN_FAILURE_LIMITS, now);
  return gate.allowed ? null : signInRefusal(gate.retryAfter, returnTo);
}
