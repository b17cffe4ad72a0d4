import { describe, expect, test } from 'vitest';
import {
  generateSecureRandomString,
  hashSecret,
  issueToken,
  parseToken,
  secretMatches,
} from '../../../src/lib/server/auth/tokens.ts';

describe('generateSecureRandomString', () => {
  test('carries at least 120 bits in lower-case base32', () => {
    const value = generateSecureRandomString();
    expect(value).toMatch(/^[a-z2-7]+$/);
    // 5 bits per base32 character.
    expect(value.length * 5).toBeGreaterThanOrEqual(120);
  });

  test('never repeats across many draws', () => {
    const seen = new Set(Array.from({ length: 2000 }, generateSecureRandomString));
    expect(seen.size).toBe(2000);
  });
});

describe('issueToken', () => {
  test('gives an id.secret token whose secret hashes to the stored hash', () => {
    const { id, token, secretHash } = issueToken();
    const parsed = parseToken(token);
    expect(parsed?.id).toBe(id);
    expect(secretMatches(parsed!.secret, secretHash)).toBe(true);
    expect(token).not.toContain(Buffer.from(secretHash).toString('hex'));
  });
});

describe('secretMatches', () => {
  test('is false for a different secret of the same length', () => {
    const { token, secretHash } = issueToken();
    const secret = parseToken(token)!.secret;
    const other = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    expect(secretMatches(other, secretHash)).toBe(false);
  });

  test('is false against a truncated or empty stored hash', () => {
    const { token, secretHash } = issueToken();
    const secret = parseToken(token)!.secret;
    expect(secretMatches(secret, secretHash.slice(0, 16))).toBe(false);
    expect(secretMatches(secret, new Uint8Array())).toBe(false);
  });

  test('compares against the stored hash, not the presented value with itself', () => {
    // Two independent tokens must never validate each other.
    const a = issueToken();
    const b = issueToken();
    expect(secretMatches(parseToken(a.token)!.secret, b.secretHash)).toBe(false);
  });

  test('hashes with SHA-256', () => {
    expect(Buffer.from(hashSecret('abc')).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('parseToken', () => {
  test.each([undefined, null, '', 'nodot', 'a.b.c', 'UPPER.CASEVALUESXXXXXXXXX', 'short.short', `${'a'.repeat(20)}.${'b'.repeat(20)}!`])(
    'rejects %j',
    (value) => {
      expect(parseToken(value)).toBeNull();
    },
  );
});
