/** The demo accounts as the browser tests use them. Imports nothing from the test runner's fixtures. */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { DEMO_TOTP_SECRET } from '../../db/seed.ts';
import { E2E_DIR } from './paths.ts';

/** The current code from the demo accounts' authenticator, as an app would show it. */
export function demoTotpCode(): string {
  return generateTOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), 30, 6);
}

/** The demo accounts that sign in with a code as well as the password. */
export const DEMO_SIGNED_IN_ROLES = ['trainer', 'moderator', 'editor', 'admin'] as const;

/**
 * Where the cookies of a demo account that needs a code are kept for the run. A code is
 * accepted once per account, so each signs in once, in the global set-up (global-setup.ts),
 * and every test that needs the role reuses its cookies.
 */
export function demoSessionFile(role: (typeof DEMO_SIGNED_IN_ROLES)[number]): string {
  return `${E2E_DIR}demo-${role}.json`;
}
