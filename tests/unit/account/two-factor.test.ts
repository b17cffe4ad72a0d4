import { describe, expect, test } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import {
  formatRecoveryCode,
  matchTotpStep,
  normaliseCode,
  requiresTwoFactor,
  secondStep,
  secretInGroups,
  totpStep,
  totpUri,
} from '../../../src/lib/domain/account/two-factor.ts';

// RFC 6238 appendix B: SHA-1 key "12345678901234567890"; at T = 59 s the 8-digit code is
// 94287082, so the 6-digit code is 287082.
const RFC_KEY = new TextEncoder().encode('12345678901234567890');

describe('matchTotpStep', () => {
  test('accepts the RFC 6238 test vector and says which step it was', () => {
    expect(matchTotpStep(RFC_KEY, '287082', 59, null)).toBe(1);
  });

  test('accepts a code one step either side of now, for clocks a little out', () => {
    const now = 1_800_000_000;
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      expect(matchTotpStep(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step + offset), 6), now, null)).toBe(step + offset);
    }
    expect(matchTotpStep(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step + 2), 6), now, null)).toBeNull();
    expect(matchTotpStep(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step - 2), 6), now, null)).toBeNull();
  });

  test('refuses a code from a step already used, or older', () => {
    const now = 1_800_000_000;
    const step = totpStep(now);
    const code = generateHOTP(RFC_KEY, BigInt(step), 6);
    expect(matchTotpStep(RFC_KEY, code, now, step)).toBeNull();
    expect(matchTotpStep(RFC_KEY, code, now, step + 1)).toBeNull();
    expect(matchTotpStep(RFC_KEY, code, now, step - 1)).toBe(step);
  });

  test.each(['', '12345', '1234567', 'abcdef', '28708２'])('refuses %j', (code) => {
    expect(matchTotpStep(RFC_KEY, code, 59, null)).toBeNull();
  });

  test('ignores spaces and hyphens people type', () => {
    expect(matchTotpStep(RFC_KEY, ' 287 082 ', 59, null)).toBe(1);
    expect(normaliseCode('ABCD-efgh ijkl')).toBe('abcdefghijkl');
  });
});

describe('who needs two-factor sign-in', () => {
  test.each([
    [['practitioner'], false],
    [['practitioner', 'trainer'], true],
    [['practitioner', 'moderator'], true],
    [['practitioner', 'editor'], true],
    [['practitioner', 'admin'], true],
  ] as const)('%j: %s', (roles, expected) => {
    expect(requiresTwoFactor(roles)).toBe(expected);
  });

  test.each([
    [{ twoFactorEnabled: false, roles: ['practitioner'] }, false, 'none'],
    [{ twoFactorEnabled: true, roles: ['practitioner'] }, false, 'verify'],
    [{ twoFactorEnabled: true, roles: ['practitioner'] }, true, 'none'],
    [{ twoFactorEnabled: false, roles: ['practitioner', 'trainer'] }, false, 'setup'],
    [{ twoFactorEnabled: true, roles: ['practitioner', 'admin'] }, false, 'verify'],
    [{ twoFactorEnabled: false, roles: ['practitioner', 'admin'] }, true, 'none'],
  ] as const)('secondStep(%j, verified %s) is %s', (account, verified, expected) => {
    expect(secondStep(account, verified)).toBe(expected);
  });
});

describe('showing the secret', () => {
  test('groups the base32 secret in fours and builds an otpauth link', () => {
    expect(secretInGroups(RFC_KEY)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    const uri = new URL(totpUri(RFC_KEY, 'jo@kent.gov.uk'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('digits')).toBe('6');
  });

  test('formats recovery codes in groups of four', () => {
    expect(formatRecoveryCode('abcdefghijklmnop')).toBe('abcd-efgh-ijkl-mnop');
  });
});
