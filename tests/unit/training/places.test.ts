import { describe, expect, test } from 'vitest';
import { SEAT_HOLDING, type BookingStatus } from '../../../db/schema.ts';
import { withinCourseLimit, transition, type PlaceAction } from '../../../src/lib/domain/training/places.ts';

const ctx = { now: 1000, cutoff: 2000, startsAt: 3000, offerExpiresAt: 1500 };
const ALL: BookingStatus[] = ['booked', 'waiting', 'offered', 'attended', 'no-show', 'cancelled', 'expired', 'declined'];

describe('the state machine of a place', () => {
  test.each<[BookingStatus, PlaceAction, Partial<typeof ctx>, string]>([
    // cancelling
    ['booked', 'cancel', {}, 'cancelled/cancelled/frees'],
    ['offered', 'cancel', {}, 'declined/declined/frees'],
    ['waiting', 'cancel', {}, 'cancelled/cancelled/keeps'],
    ['waiting', 'cancel', { now: 2500 }, 'cancelled/cancelled/keeps'],
    ['booked', 'cancel', { now: 2000 }, 'closed'],
    ['booked', 'cancel', { now: 1999 }, 'cancelled/cancelled/frees'],
    ['attended', 'cancel', {}, 'not-active'],
    ['cancelled', 'cancel', {}, 'not-active'],
    // accepting an offer
    ['offered', 'accept', {}, 'booked/promoted/keeps'],
    ['offered', 'accept', { now: 1500 }, 'expired'],
    ['waiting', 'accept', {}, 'not-active'],
    ['expired', 'accept', {}, 'not-active'],
    // offers running out
    ['offered', 'expire', { now: 1500 }, 'expired/offer-expired/frees'],
    ['offered', 'expire', { now: 1499 }, 'not-active'],
    ['booked', 'expire', { now: 9999 }, 'not-active'],
    // a trainer moving someone up
    ['waiting', 'move', {}, 'booked/moved/keeps'],
    ['offered', 'move', {}, 'not-active'],
    // attendance
    ['booked', 'attended', { now: 3000 }, 'attended/attended/keeps'],
    ['booked', 'no-show', { now: 3000 }, 'no-show/no-show/keeps'],
    ['attended', 'no-show', { now: 4000 }, 'no-show/no-show/keeps'],
    ['no-show', 'attended', { now: 4000 }, 'attended/attended/keeps'],
    ['attended', 'attended', { now: 4000 }, 'attended/none/keeps'],
    ['booked', 'attended', { now: 2999 }, 'not-started'],
    ['waiting', 'attended', { now: 4000 }, 'not-active'],
    ['cancelled', 'no-show', { now: 4000 }, 'not-active'],
  ])('%s + %s %o → %s', (status, action, change, expected) => {
    const result = transition(status, action, { ...ctx, ...change });
    const got = result.ok ? `${result.to}/${result.event ?? 'none'}/${result.freesSeat ? 'frees' : 'keeps'}` : result.reason;
    expect(got).toBe(expected);
  });

  test('only ended states refuse every action a member can take', () => {
    for (const status of ALL) {
      const anything = (['cancel', 'accept'] as const).some((a) => transition(status, a, ctx).ok);
      expect(anything, status).toBe(['booked', 'waiting', 'offered'].includes(status));
    }
  });

  test('a seat is freed exactly when a seat-holding place ends', () => {
    for (const status of ALL) {
      for (const action of ['cancel', 'accept', 'expire', 'move', 'attended', 'no-show'] as const) {
        const result = transition(status, action, { ...ctx, now: action === 'expire' ? 1500 : action === 'attended' || action === 'no-show' ? 3000 : 1000 });
        if (!result.ok) continue;
        const heldBefore = SEAT_HOLDING.includes(status);
        const heldAfter = SEAT_HOLDING.includes(result.to);
        expect(result.freesSeat, `${status} + ${action}`).toBe(heldBefore && !heldAfter);
      }
    }
  });
});

describe('places per person on a course', () => {
  test('one place per course unless the trainer allows more', () => {
    expect(withinCourseLimit(0, 1)).toBe(true);
    expect(withinCourseLimit(1, 1)).toBe(false);
    expect(withinCourseLimit(1, 2)).toBe(true);
    expect(withinCourseLimit(2, 2)).toBe(false);
    // A broken setting never lets nobody book.
    expect(withinCourseLimit(0, 0)).toBe(true);
  });
});
