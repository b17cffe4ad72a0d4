import { afterEach, describe, expect, test, vi } from 'vitest';
import { nowSeconds } from '../../src/lib/time.ts';

describe('nowSeconds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test.each([
    ['2026-11-27T10:05:00.000Z', 1_795_773_900],
    ['2026-11-27T10:05:00.999Z', 1_795_773_900],
    ['1970-01-01T00:00:01.500Z', 1],
  ])('at %s is %d, rounded down to the whole second', (iso, seconds) => {
    vi.useFakeTimers({ now: new Date(iso) });
    expect(nowSeconds()).toBe(seconds);
  });
});
