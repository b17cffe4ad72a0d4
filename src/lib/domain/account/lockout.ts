/**
 * Account lockout after repeated wrong passwords (OWASP Authentication Cheat Sheet:
 * exponential lockout, and "device cookies" so strangers cannot lock the owner out).
 */

/** Wrong passwords in a row before the first lockout. */
export const LOCKOUT_THRESHOLD = 10;
/** First lockout, in seconds; it doubles with every further failure. */
export const FIRST_LOCKOUT_SECONDS = 60;
/** The longest a lockout lasts. */
export const MAX_LOCKOUT_SECONDS = 24 * 60 * 60;

/** Failures so far for one e-mail address (or one trusted browser). */
export interface FailureState {
  failures: number;
  /** Seconds since the epoch; null when not locked. */
  lockedUntil: number | null;
}

/**
 * How long to lock after the `failures`-th wrong password in a row.
 * @example lockoutSeconds(9) // 0
 * @example lockoutSeconds(10) // 60
 * @example lockoutSeconds(12) // 240
 */
export function lockoutSeconds(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  const doublings = Math.min(failures - LOCKOUT_THRESHOLD, 20);
  return Math.min(FIRST_LOCKOUT_SECONDS * 2 ** doublings, MAX_LOCKOUT_SECONDS);
}

/** The state after one more wrong password at `now`. */
export function recordFailure(state: FailureState, now: number): FailureState {
  const failures = state.failures + 1;
  const seconds = lockoutSeconds(failures);
  return { failures, lockedUntil: seconds > 0 ? now + seconds : null };
}

/** True while a lockout is in force. */
export function isLockedOut(state: FailureState | null | undefined, now: number): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil > now);
}
