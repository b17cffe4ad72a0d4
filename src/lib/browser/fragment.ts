/**
 * Browser code shared by static pages that show a signed-in member something of their own:
 * the page asks the server for an HTML fragment only when the browser holds the signed-in
 * hint (lib/domain/account/signed-in-hint.ts), so readers who are not signed in, most of
 * them, cost no second request and no session lookup.
 */
import { hasSignedInHint } from '../domain/account/signed-in-hint.ts';

/**
 * The fragment at `path` for a signed-in member, or null when the browser holds no hint or
 * the answer is anything but the fragment itself (an error, a redirect to sign in because
 * the session has ended, a network failure).
 */
export async function signedInFragment(path: string): Promise<DocumentFragment | null> {
  if (!hasSignedInHint(document.cookie)) return null;
  try {
    const response = await fetch(path, { headers: { Accept: 'text/html' } });
    if (!response.ok || response.redirected || !response.headers.get('content-type')?.startsWith('text/html')) return null;
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    return template.content;
  } catch {
    return null;
  }
}
