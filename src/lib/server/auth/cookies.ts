/**
 * The two authentication cookies, and the signed-in hint beside the session cookie
 * (lib/domain/account/signed-in-hint.ts). In production they use the `__Host-` prefix, which
 * the browser only accepts with Secure, Path=/ and no Domain: no subdomain or plain-HTTP
 * page can plant or overwrite them.
 */
import type { AstroCookies } from 'astro';
import { SIGNED_IN_HINT_VALUE, signedInHintName } from '../../domain/account/signed-in-hint.ts';
import { ABSOLUTE_TIMEOUT } from './session.ts';

/** How long a browser stays trusted for lockout purposes. */
const DEVICE_LIFETIME = 365 * 24 * 60 * 60;

/** Cookie names for this environment. */
export function cookieNames(production: boolean) {
  return production
    ? { session: '__Host-session', device: '__Host-device', signedIn: signedInHintName(true) }
    : { session: 'session', device: 'device', signedIn: signedInHintName(false) };
}

function options(production: boolean, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: production, path: '/', maxAge };
}

/** Sets the session cookie and, beside it, the signed-in hint. */
export function setSessionCookie(cookies: AstroCookies, token: string, production: boolean): void {
  cookies.set(cookieNames(production).session, token, options(production, ABSOLUTE_TIMEOUT));
  setSignedInHint(cookies, production);
}

/** Deletes the session cookie and the signed-in hint. */
export function deleteSessionCookie(cookies: AstroCookies, production: boolean): void {
  cookies.delete(cookieNames(production).session, { path: '/', secure: production, httpOnly: true, sameSite: 'lax' });
  deleteSignedInHint(cookies, production);
}

/** The hint is read by the page's script, so it is not HttpOnly; it holds only "1". */
export function setSignedInHint(cookies: AstroCookies, production: boolean): void {
  cookies.set(cookieNames(production).signedIn, SIGNED_IN_HINT_VALUE, { ...options(production, ABSOLUTE_TIMEOUT), httpOnly: false });
}

export function deleteSignedInHint(cookies: AstroCookies, production: boolean): void {
  cookies.delete(cookieNames(production).signedIn, { path: '/', secure: production, sameSite: 'lax' });
}

export function hasSignedInHintCookie(cookies: AstroCookies, production: boolean): boolean {
  return cookies.get(cookieNames(production).signedIn)?.value === SIGNED_IN_HINT_VALUE;
}

export function setDeviceCookie(cookies: AstroCookies, token: string, production: boolean): void {
  cookies.set(cookieNames(production).device, token, options(production, DEVICE_LIFETIME));
}

export function readSessionCookie(cookies: AstroCookies, production: boolean): string | undefined {
  return cookies.get(cookieNames(production).session)?.value;
}

export function readDeviceCookie(cookies: AstroCookies, production: boolean): string | undefined {
  return cookies.get(cookieNames(production).device)?.value;
}
