import { describe, expect, test } from 'vitest';
import { hasSignedInHint, signedInHintName } from '../../../src/lib/domain/account/signed-in-hint.ts';

describe('hasSignedInHint', () => {
  test.each([
    ['signed-in=1', true],
    ['theme=dark; signed-in=1', true],
    ['__Host-signed-in=1; other=2', true],
    ['', false],
    ['signed-in=0', false],
    ['signed-in=', false],
    ['not-signed-in=1', false],
    ['session=abc.def', false],
    ['xsigned-in=1; signed-in2=1', false],
  ])('%j gives %s', (cookies, expected) => {
    expect(hasSignedInHint(cookies)).toBe(expected);
  });
});

describe('signedInHintName', () => {
  test('uses the __Host- prefix in production only', () => {
    expect(signedInHintName(true)).toBe('__Host-signed-in');
    expect(signedInHintName(false)).toBe('signed-in');
  });
});
