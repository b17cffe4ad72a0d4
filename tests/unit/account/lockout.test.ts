import { describe, expect, test } from 'vitest';
import { isLockedOut, lockoutSeconds, MAX_LOCKOUT_SECONDS, recordFailure } from '../../../src/lib/domain/account/lockout.ts';

describe('lockoutSeconds', () => {
  test.each([
    [1, 0],
    [9, 0],
    [10, 60],
    [11, 120],
    [12, 240],
    [16, 3840],
    [30, MAX_LOCKOUT_SECONDS],
    [500, MAX_LOCKOUT_SECONDS],
  ])('after %i failures in a row: %i seconds', (failures, seconds) => {
    expect(lockoutSeconds(failures)).toBe(seconds);
  });
});

describe('recordFailure', () => {
  test('locks on the tenth wrong password, not before', () => {
    let state = { failures: 0, lockedUntil: null as number | null };
    for (let i = 1; i <= 9; i++) {
      state = recordFailure(state, 1000);
      expect(isLockedOut(state, 1000)).toBe(false);
    }
    state = recordFailure(state, 1000);
    expect(state).toEqual({ failures: 10, lockedUntil: 1060 });
    expect(isLockedOut(state, 1059)).toBe(true);
    expect(isLockedOut(state, 1060)).toBe(false);
  });
});

describe('isLockedOut', () => {
  test('is false with no record', () => {
    expect(isLockedOut(null, 0)).toBe(false);
    expect(isLockedOut({ failures: 3, lockedUntil: null }, 0)).toBe(false);
  });
});
