import { describe, expect, test } from 'vitest';
import { ARGON2_OPTIONS, hashPassword, verifyAgainstDummy, verifyPassword } from '../../../src/lib/server/auth/password.ts';

describe('hashPassword', () => {
  test('makes an argon2id hash with at least the OWASP parameters', async () => {
    const hash = await hashPassword('lantern-orchard-pebble');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/);
    const [, m, t, p] = hash.match(/m=(\d+),t=(\d+),p=(\d+)/)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(Number(p)).toBe(1);
    expect(ARGON2_OPTIONS.memoryCost).toBe(19456);
  });

  test('salts every hash', async () => {
    expect(await hashPassword('same-password-twice')).not.toBe(await hashPassword('same-password-twice'));
  });
});

describe('verifyPassword', () => {
  test('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('lantern-orchard-pebble');
    expect(await verifyPassword(hash, 'lantern-orchard-pebble')).toBe(true);
    expect(await verifyPassword(hash, 'lantern-orchard-pebbles')).toBe(false);
  });

  test('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('caf\u00e9-au-lait-please');
    expect(await verifyPassword(hash, 'cafe\u0301-au-lait-please')).toBe(true);
  });

  test('returns false rather than throwing for a malformed hash', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});

describe('verifyAgainstDummy', () => {
  test('always fails, after doing a real verification', async () => {
    const started = performance.now();
    expect(await verifyAgainstDummy('whatever-was-typed')).toBe(false);
    // A real argon2id verification takes milliseconds, not microseconds.
    expect(performance.now() - started).toBeGreaterThan(2);
  });
});
