/**
 * Every role check in the portal. Pages, actions and the middleware ask these functions;
 * nothing else decides who may do what.
 */
import { ACCOUNT_LINKS_PATH } from './signed-in-hint.ts';

/** All roles. Every active account is a practitioner; the rest are granted by an admin. */
export const ROLES = ['practitioner', 'trainer', 'moderator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The parts of a signed-in user that permissions depend on. */
export interface Principal {
  /** Granted roles; `practitioner` is implied for every active account. */
  roles: readonly Role[];
  /** The password no longer meets the account's rules and must be changed first. */
  passwordChangeRequired?: boolean;
}

/** True when the user holds `role`. Practitioner is held by everyone signed in. */
export function hasRole(user: Principal | null | undefined, role: Role): boolean {
  if (!user) return false;
  return role === 'practitioner' || user.roles.includes(role);
}

/**
 * Roles that need a longer password, because the accounts can change other people's data or
 * read what the public sent in. Editors are treated as moderators are: both read text from
 * others that the personal-data guard may have missed.
 */
export function isPrivileged(roles: readonly Role[]): boolean {
  return roles.includes('admin') || roles.includes('moderator') || roles.includes('editor');
}

/** A protected area of the site and the role it needs. Order matters: first match wins. */
export interface RouteRule {
  /** Path prefix, matched on whole segments. */
  prefix: string;
  role: Role;
  /** A second role that may also enter (admins see what editors see). */
  orRole?: Role;
}

/** Protected routes. Anything not listed is public. */
export const ROUTE_RULES: readonly RouteRule[] = [
  { prefix: '/admin', role: 'admin' },
  { prefix: '/trainer', role: 'trainer' },
  { prefix: '/forum/moderation', role: 'moderator' },
  { prefix: '/editor', role: 'editor', orRole: 'admin' },
  // The forum is for members only: reading as well as posting.
  { prefix: '/forum', role: 'practitioner' },
  { prefix: '/account', role: 'practitioner' },
];

/** What to do with a request for a path. */
export type RouteDecision = 'allow' | 'sign-in' | 'forbidden' | 'change-password';

/**
 * Where someone who must change their password may still go: the account page (where the
 * password is changed), signing out or in again, the reset-password pages, and the header's
 * account links.
 */
export const PASSWORD_CHANGE_PATHS: readonly string[] = ['/account', '/logout', '/login', '/forgot-password', '/reset-password', '/healthz', ACCOUNT_LINKS_PATH];

/** Where the account page's password form is. */
export const CHANGE_PASSWORD_PATH = '/account#password';

function matchesPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** A path as the route rules compare it: doubled slashes collapsed, lower case. */
function normalisePath(pathname: string): string {
  return pathname.replace(/\/{2,}/g, '/').toLowerCase();
}

/** The rule that protects `pathname`, if any. */
export function ruleFor(pathname: string): RouteRule | undefined {
  const normalised = normalisePath(pathname);
  return ROUTE_RULES.find((rule) => matchesPrefix(normalised, rule.prefix));
}

/**
 * Decides whether a user may open a path: anonymous visitors to a protected path are
 * sent to sign in, signed-in users without the role are refused.
 * @example authorizeRoute(null, '/admin/users') // 'sign-in'
 */
export function authorizeRoute(user: Principal | null, pathname: string): RouteDecision {
  if (user?.passwordChangeRequired && !mayVisitBeforePasswordChange(pathname)) return 'change-password';
  const rule = ruleFor(pathname);
  if (!rule) return 'allow';
  if (!user) return 'sign-in';
  return hasRole(user, rule.role) || (rule.orRole !== undefined && hasRole(user, rule.orRole)) ? 'allow' : 'forbidden';
}

function mayVisitBeforePasswordChange(pathname: string): boolean {
  const normalised = normalisePath(pathname).replace(/(.)\/$/, '$1');
  return PASSWORD_CHANGE_PATHS.includes(normalised) || normalised.startsWith('/_server-islands/');
}

/**
 * Only a local path may follow sign-in, so a crafted link cannot send people to another
 * site. The result is always plain ASCII (anything else percent-encoded), because it goes
 * into a `Location` header, where a raw U+2028 or "∕" would make the response fail.
 * @example safeReturnPath('//evil.example') // '/account'
 * @example safeReturnPath('/\u2028') // '/%E2%80%A8'
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/account'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://portal.invalid');
  } catch {
    return fallback;
  }
  // Anything that resolves off the page's own origin (say "/\t/evil") is refused.
  if (parsed.origin !== 'http://portal.invalid') return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return /^[\x21-\x7e]+$/.test(path) && !path.startsWith('//') ? path : fallback;
}
