/**
 * The signed-in hint: a cookie that says only "this browser has a session", which the
 * page's script may read (the session cookie itself is HttpOnly). Guidance pages are static
 * and the same for everyone, so they carry the signed-out header links; a script asks the
 * server for the member's own links only when the hint is present. Readers who are not
 * signed in, most of them, cost no second request and no session lookup.
 *
 * The hint grants nothing: the links are drawn from the real session by the server, and a
 * stale or forged hint gets the signed-out links back and is removed.
 */

/** The hint cookie's value. */
export const SIGNED_IN_HINT_VALUE = '1';

/** Where a static page fetches the header's account links from. */
export const ACCOUNT_LINKS_PATH = '/header/account-links';

/**
 * Where a content page fetches "Updated since you last read it" (which also records the
 * reading), with the page's address as `?page=`.
 */
export const UPDATED_SINCE_PATH = '/account/reading/updated-since';

/**
 * The hint cookie's name: in production with the `__Host-` prefix, like the session cookie,
 * so no subdomain or plain-HTTP page can set it.
 */
export function signedInHintName(production: boolean): string {
  return production ? '__Host-signed-in' : 'signed-in';
}

/**
 * Whether a `document.cookie` string holds the hint, under either name.
 * @example hasSignedInHint('theme=dark; signed-in=1') // true
 * @example hasSignedInHint('not-signed-in=1') // false
 */
export function hasSignedInHint(cookies: string): boolean {
  return cookies.split(';').some((part) => {
    const [name, value] = part.trim().split('=');
    return (name === signedInHintName(false) || name === signedInHintName(true)) && value === SIGNED_IN_HINT_VALUE;
  });
}
