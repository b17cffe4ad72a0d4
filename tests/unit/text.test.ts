import { describe, expect, test } from 'vitest';
import { unsafeCharactersProblem } from '../../src/lib/domain/text.ts';

describe('unsafeCharactersProblem', () => {
  test.each([
    ['Jo\u0000Patel', 'control'],
    ['Jo\u0007', 'control'],
    ['Jo\u007f', 'control'],
    ['Jo\u0085', 'control'],
    ['Jo\nPatel', 'control'],
    ['Jo\u2028Patel', 'control'],
    ['Jo \u202eletaP', 'direction'],
    ['\u2066Jo\u2069', 'direction'],
  ])('refuses %j in a one-line field', (value, kind) => {
    expect(unsafeCharactersProblem(value, 'Full name')).toMatch(kind === 'control' ? /^Full name must not contain hidden control characters$/ : /change the direction of text/);
  });

  test.each(['Jo Patel', 'Zoë O’Brien-Smith', 'محمد علي', 'Kent Police (Maidstone)'])('accepts %j', (value) => {
    expect(unsafeCharactersProblem(value, 'Full name')).toBeNull();
  });

  test('lets a post keep its line breaks and tabs, but not NUL or overrides', () => {
    expect(unsafeCharactersProblem('Line one\r\nLine two\tend', 'Message', { multiline: true })).toBeNull();
    expect(unsafeCharactersProblem('Line\u0000', 'Message', { multiline: true })).toMatch(/control/);
    expect(unsafeCharactersProblem('a \u202e b', 'Message', { multiline: true })).toMatch(/direction/);
  });
});
