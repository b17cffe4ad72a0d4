/**
 * How many attempts one network address may make at sign-in, registration and password
 * reset. Limits are sliding windows: an attempt is refused when the attempts already made
 * in the `windowSeconds` before it reach `max`, whenever they happened. Windows aligned to
 * the clock would let twice the limit through either side of each boundary.
 *
 * Sources: OWASP Authentication Cheat Sheet ("Account lockout" and "Login throttling"):
 * the main defence against guessing is per account, because limits per network address
 * also catch everyone behind a shared proxy or NAT. OWASP Credential Stuffing Prevention
 * Cheat Sheet: per-address limits slow a spray across many accounts but must be set with
 * shared addresses in mind. Discourse's defaults (`max_logins_per_ip_per_minute` 6,
 * `max_logins_per_ip_per_hour` 30) count every attempt, which a council office at 9 am
 * exceeds; here only wrong passwords count, so the limits can sit where a spray is stopped
 * but an office is not.
 */

/** At most `max` attempts in any `windowSeconds`. */
export interface Limit {
  windowSeconds: number;
  max: number;
}

/**
 * Wrong passwords from one address (right ones are never counted).
 *
 * Sized for a 300-person office behind one public address signing in together at 9 am:
 * even if half of them mistype once in the same ten minutes (150 failures) the rest still
 * get in, and nobody's successful sign-in ever uses up the allowance. A spray of one
 * password across many accounts, which the per-account lockout cannot see, gets at most
 * 150 tries in ten minutes, 250 in an hour and 500 in a day from one address: fewer a day
 * than Discourse's default of 30 attempts an hour, without ever counting successes.
 */
export const SIGN_IN_FAILURE_LIMITS: readonly Limit[] = [
  { windowSeconds: 10 * 60, max: 150 },
  { windowSeconds: 60 * 60, max: 250 },
  { windowSeconds: 24 * 60 * 60, max: 500 },
];

/**
 * Registration and password-reset requests from one address, successful or not. Each sends
 * an e-mail, so these stay tight: nobody in an office registers or resets more than once,
 * and people rarely do it at the same moment.
 */
export const AUTH_REQUEST_LIMITS: readonly Limit[] = [
  { windowSeconds: 60, max: 5 },
  { windowSeconds: 60 * 60, max: 20 },
];

/** The longest window among `limits`: attempts older than this no longer matter. */
export function longestWindow(limits: readonly Limit[]): number {
  return Math.max(...limits.map((l) => l.windowSeconds));
}

export type ThrottleResult = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Whether one more attempt at `now` is within every limit, given the times of earlier
 * attempts (seconds, oldest first). When it is not, `retryAfter` is the seconds until
 * enough attempts have left the strictest exhausted window.
 * @example assessAttempts([100, 101], [{ windowSeconds: 60, max: 2 }], 130) // { allowed: false, retryAfter: 31 }
 * @example assessAttempts([100, 101], [{ windowSeconds: 60, max: 2 }], 161) // { allowed: true }
 */
export function assessAttempts(times: readonly number[], limits: readonly Limit[], now: number): ThrottleResult {
  let retryAfter = 0;
  for (const limit of limits) {
    const inWindow = times.filter((t) => t > now - limit.windowSeconds);
    if (inWindow.length < limit.max) continue;
    // The count drops below the limit once the (length - max + 1) oldest have left.
    const leaving = inWindow[inWindow.length - limit.max]!;
    retryAfter = Math.max(retryAfter, leaving + limit.windowSeconds - now);
  }
  return retryAfter > 0 ? { allowed: false, retryAfter } : { allowed: true };
}
