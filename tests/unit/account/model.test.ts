import { describe, expect, test } from 'vitest';
import { USER_STATUSES, USER_STATUS_LABELS, isUserStatus } from '../../../src/lib/domain/account/model.ts';

describe('account states', () => {
  test('every state has a label', () => {
    expect(Object.keys(USER_STATUS_LABELS).sort()).toEqual([...USER_STATUSES].sort());
  });

  test.each<[string, boolean]>([
    ['pending', true],
    ['active', true],
    ['disabled', true],
    ['Active', false],
    ['deleted', false],
    ['', false],
  ])('isUserStatus(%j) is %s', (value, expected) => {
    expect(isUserStatus(value)).toBe(expected);
  });
});
