import { describe, expect, test } from 'vitest';
import { AUTH_REQUEST_LIMITS, assessAttempts, longestWindow, SIGN_IN_FAILURE_LIMITS } from '../../../src/lib/domain/account/throttling.ts';

const perMinute = [{ windowSeconds: 60, max: 3 }];

describe('assessAttempts', () => {
  test.each([
    ['no attempts yet', [], 1000, { allowed: true }],
    ['fewer than the limit', [990, 995], 1000, { allowed: true }],
    ['at the limit within the window', [950, 960, 990], 1000, { allowed: false, retryAfter: 10 }],
    ['the oldest has just left the window', [940, 960, 990], 1000, { allowed: true }],
    ['over the limit: waits for enough to leave', [945, 950, 960, 990], 1000, { allowed: false, retryAfter: 10 }],
  ] as const)('%s', (_, times, now, expected) => {
    expect(assessAttempts(times, perMinute, now)).toEqual(expected);
  });

  test('a burst straddling a clock minute is limited like any other', () => {
    // 3 attempts at 58, 59 and 60 seconds past the minute: the 4th at 61 is refused.
    expect(assessAttempts([118, 119, 120], perMinute, 121)).toEqual({ allowed: false, retryAfter: 57 });
  });

  test('the strictest exhausted window sets the wait', () => {
    const limits = [
      { windowSeconds: 60, max: 2 },
      { windowSeconds: 3600, max: 3 },
    ];
    expect(assessAttempts([100, 2000, 2010], limits, 2020)).toEqual({ allowed: false, retryAfter: 100 + 3600 - 2020 });
  });
});

describe('the figures', () => {
  test('sign-in failures: half a 300-person office can mistype in ten minutes', () => {
    const tenMinutes = SIGN_IN_FAILURE_LIMITS.find((l) => l.windowSeconds === 600)!;
    expect(tenMinutes.max).toBeGreaterThan(150 - 1);
    // ...but a day's spray from one address stays in the hundreds.
    expect(longestWindow(SIGN_IN_FAILURE_LIMITS)).toBe(24 * 3600);
    expect(SIGN_IN_FAILURE_LIMITS.find((l) => l.windowSeconds === 24 * 3600)!.max).toBeLessThanOrEqual(500);
  });

  test('registration and reset stay tight', () => {
    expect(AUTH_REQUEST_LIMITS).toEqual([
      { windowSeconds: 60, max: 5 },
      { windowSeconds: 3600, max: 20 },
    ]);
  });
});
