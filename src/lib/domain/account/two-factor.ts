/**
 * Two-factor sign-in with time-based one-time codes (RFC 6238 TOTP: 6 digits, 30-second
 * steps, as every authenticator app uses) and single-use recovery codes.
 *
 * Policy: NCSC "Multi-factor authentication for online services" and OWASP ASVS 5.0 V6.3
 * ask for a second factor on accounts that can do more harm; here admins, moderators, editors
 * and trainers must use it, and anyone else may. ASVS V6.5 asks that a code is accepted once
 * only: each account remembers the last step whose code was used.
 */
import { generateHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Role } from './permissions.ts';

/** Seconds per code. */
export const TOTP_PERIOD = 30;
/** Digits per code. */
export const TOTP_DIGITS = 6;
/** Steps either side of now that are still accepted, for phone clocks a little out. */
export const TOTP_DRIFT_STEPS = 1;
/** Recovery codes issued at a time. */
export const RECOVERY_CODE_COUNT = 8;
/** Name shown in the authenticator app. */
export const TOTP_ISSUER = 'Kent Troubled Families Portal';

/** Roles whose holders must sign in with a second factor. */
export const TWO_FACTOR_ROLES: readonly Role[] = ['admin', 'moderator', 'editor', 'trainer'];

/** True when an account with these roles must use two-factor sign-in. */
export function requiresTwoFactor(roles: readonly Role[]): boolean {
  return roles.some((role) => TWO_FACTOR_ROLES.includes(role));
}

/**
 * What a session still needs before it grants anything: nothing, the code from an
 * authenticator already set up, or setting one up (a role that needs it was granted).
 */
export function secondStep(account: { twoFactorEnabled: boolean; roles: readonly Role[] }, sessionVerified: boolean): 'none' | 'verify' | 'setup' {
  if (sessionVerified) return 'none';
  if (account.twoFactorEnabled) return 'verify';
  return requiresTwoFactor(account.roles) ? 'setup' : 'none';
}

/** The time step a moment falls in. */
export function totpStep(nowSeconds: number): number {
  return Math.floor(nowSeconds / TOTP_PERIOD);
}

/**
 * Removes spaces and hyphens people type or paste with a code.
 * @example normaliseCode(' 123 456 ') // '123456'
 */
export function normaliseCode(value: string): string {
  return value.replace(/[\s-]/g, '').toLowerCase();
}

/**
 * The time step whose code `code` is, within the allowed drift of `now` and later than
 * `lastStep` (a code already used, or one older than it, is refused), or null.
 */
export function matchTotpStep(key: Uint8Array, code: string, nowSeconds: number, lastStep: number | null): number | null {
  const typed = normaliseCode(code);
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(typed)) return null;
  const current = totpStep(nowSeconds);
  let matched: number | null = null;
  // Every candidate is computed and compared, so the time taken says nothing about which matched.
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    const expected = generateHOTP(key, BigInt(step), TOTP_DIGITS);
    const same = constantTimeEqual(new TextEncoder().encode(expected), new TextEncoder().encode(typed));
    if (same && (lastStep === null || step > lastStep)) matched = step;
  }
  return matched;
}

/** The `otpauth://` link an authenticator app reads to add the account. */
export function totpUri(key: Uint8Array, email: string): string {
  return createTOTPKeyURI(TOTP_ISSUER, email, key, TOTP_PERIOD, TOTP_DIGITS);
}

/**
 * The secret as people type it into an app by hand: base32 in groups of four.
 * @example secretInGroups(new Uint8Array(5)) // 'AAAA AAAA'
 */
export function secretInGroups(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).match(/.{1,4}/g)!.join(' ');
}

/** Characters in a recovery code: 16 of base32, 80 bits, too many to guess even offline. */
export const RECOVERY_CODE_LENGTH = 16;

/**
 * A recovery code as shown to people: groups of four.
 * @example formatRecoveryCode('abcdefghijklmnop') // 'abcd-efgh-ijkl-mnop'
 */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
