/**
 * The two authentication cookies. In production they use the `__Host-` prefix, which the
 * browser only accepts with Secure, Path=/ and no Domain: no subdomain or plain-HTTP page
 * can plant or overwrite them.
 */
import type { AstroCookies } from 'astro';
import { ABSOLUTE_TIMEOUT } from './session.ts';

/** How long a browser stays trusted for lockout purposes. */
const DEVICE_LIFETIME = 365 * 24 * 60 * 60;

/** Cookie names for this environment. */
export function cookieNames(production: boolean) {
  return production
    ? { session: '__Host-session', device: '__Host-device' }
    : { session: 'session', device: 'device' };
}

function options(production: boolean, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: production, path: '/', maxAge };
}

export function setSessionCookie(cookies: AstroCookies, token: string, production: boolean): void {
  cookies.set(cookieNames(production).session, token, options(production, ABSOLUTE_TIMEOUT));
}

export function deleteSessionCookie(cookies: AstroCookies, production: boolean): void {
  cookies.delete(cookieNames(production).session, { path: '/', secure: production, httpOnly: true, sameSite: 'lax' });
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
