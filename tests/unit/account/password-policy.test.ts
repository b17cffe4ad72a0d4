import { describe, expect, test } from 'vitest';
import {
  checkPassword,
  COMMON_PASSWORDS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  MIN_PRIVILEGED_PASSWORD_LENGTH,
  minimumPasswordLength,
} from '../../../src/lib/domain/account/password-policy.ts';

describe('checkPassword', () => {
  test.each([
    ['', 'Enter a password'],
    ['a'.repeat(MIN_PASSWORD_LENGTH - 1), `Password must be ${MIN_PASSWORD_LENGTH} characters or more`],
    ['x'.repeat(MAX_PASSWORD_LENGTH + 1), `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`],
  ])('refuses %j with a clear message', (password, message) => {
    expect(checkPassword(password)).toBe(message);
  });

  test.each(['correct horse battery', 'Tuesday-kettle-lighthouse', 'ünïcödé-passphrase'])('accepts a long passphrase: %s', (password) => {
    expect(checkPassword(password)).toBeNull();
  });

  test('accepts exactly the minimum length', () => {
    expect(checkPassword('kfj39dk2ma0q')).toBeNull();
  });

  test('has no composition rules: all lower case letters are fine', () => {
    expect(checkPassword('meadowlarkpianotea')).toBeNull();
  });

  test.each(['123qweasdzxc', 'QWERTY123456', 'leavemealone', 'password1234', 'Password1234', 'iloveyou1234', 'manchesterunited'])('refuses common passwords long enough to pass the length rule: %s', (password) => {
    expect(checkPassword(password)).toMatch(/commonly used passwords/);
  });

  test('refuses repeated common passwords like passwordpassword', () => {
    expect(checkPassword('passwordpassword')).toMatch(/commonly used/);
    expect(checkPassword('aaaaaaaaaaaaaaaa')).toMatch(/commonly used/);
    expect(checkPassword('iloveyouiloveyou')).toMatch(/commonly used/);
  });

  test('asks admins and moderators for 15 characters', () => {
    const fourteen = 'kfj39dk2ma0qzz';
    expect(checkPassword(fourteen)).toBeNull();
    expect(checkPassword(fourteen, { privileged: true })).toBe(
      `Password must be ${MIN_PRIVILEGED_PASSWORD_LENGTH} characters or more`,
    );
    expect(checkPassword(`${fourteen}y`, { privileged: true })).toBeNull();
  });

  test('refuses the account e-mail address as the password', () => {
    expect(checkPassword('someone@kent.gov.uk', { email: 'Someone@Kent.gov.uk' })).toMatch(/must not be your email/);
  });

  test('counts characters, not UTF-16 code units', () => {
    // 11 emoji are 22 code units but only 11 characters.
    expect(checkPassword('🙂'.repeat(11))).toMatch(/12 characters or more/);
  });
});

describe('minimumPasswordLength', () => {
  test.each([
    [false, 12],
    [true, 15],
  ])('privileged %s: %i characters', (privileged, length) => {
    expect(minimumPasswordLength(privileged)).toBe(length);
    expect(checkPassword('k'.repeat(length - 1) + 'Q', { privileged })).toBeNull();
    expect(checkPassword('k'.repeat(length - 2) + 'Q', { privileged })).toBe(`Password must be ${length} characters or more`);
  });
});

describe('COMMON_PASSWORDS', () => {
  test('holds at least 10,000 leaked passwords, every one long enough to pass the length rule', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(10_000);
    expect([...COMMON_PASSWORDS].every((p) => [...p].length >= MIN_PASSWORD_LENGTH)).toBe(true);
    expect([...COMMON_PASSWORDS].every((p) => p === p.toLowerCase())).toBe(true);
    expect(COMMON_PASSWORDS.has('password1234')).toBe(true);
  });
});
