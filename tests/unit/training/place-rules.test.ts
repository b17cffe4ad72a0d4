import { describe, expect, test } from 'vitest';
import { ACTIVE_STATUSES, BOOKING_STATUSES, ENDED_STATUSES, SEAT_HOLDING, hasEnded, holdsSeat, isActive, type BookingStatus } from '../../../src/lib/domain/training/model.ts';
import {
  OFFER_HOURS,
  OFFER_PERIOD,
  bookingOpen,
  calendarState,
  capacityFits,
  changesCalendar,
  cutoffOf,
  decideBooking,
  existingPlaceRefusal,
  offerExpiry,
  pickOffers,
  placesCountingTowardsLimit,
  queuePosition,
  reminderDue,
  rosterOrder,
  seatsFree,
  transition,
  type BookingRequest,
  type PlaceAction,
} from '../../../src/lib/domain/training/places.ts';

const H = 3600;
// A session starting at 100 hours, booking closing 24 hours before (at 76 hours).
type TestSession = { status: 'scheduled' | 'cancelled'; startsAt: number; cutoffHours: number; capacity: number };
const session: TestSession = { status: 'scheduled', startsAt: 100 * H, cutoffHours: 24, capacity: 2 };

describe('the status lists', () => {
  test('every status is exactly one of holding a seat, waiting, or ended', () => {
    for (const status of BOOKING_STATUSES) {
      const kinds = [SEAT_HOLDING.includes(status), status === 'waiting', ENDED_STATUSES.includes(status)].filter(Boolean);
      expect(kinds, status).toHaveLength(1);
    }
  });
  test.each<[BookingStatus, boolean, boolean, boolean]>([
    ['booked', true, true, false],
    ['offered', true, true, false],
    ['waiting', false, true, false],
    ['attended', true, false, false],
    ['no-show', true, false, false],
    ['cancelled', false, false, true],
    ['expired', false, false, true],
    ['declined', false, false, true],
  ])('%s: holds a seat %s, active %s, ended %s', (status, seat, active, ended) => {
    expect([holdsSeat(status), isActive(status), hasEnded(status)]).toEqual([seat, active, ended]);
    expect(ACTIVE_STATUSES.includes(status)).toBe(active);
  });
});

describe('time rules', () => {
  test.each<[string, TestSession, number, boolean]>([
    ['open well before the cut-off', session, 10 * H, true],
    ['open one second before the cut-off', session, 76 * H - 1, true],
    ['closed at the cut-off', session, 76 * H, false],
    ['closed for a cancelled session', { ...session, status: 'cancelled' }, 10 * H, false],
  ])('bookingOpen: %s', (_, s, now, open) => {
    expect(bookingOpen(s, now)).toBe(open);
  });

  test('the cut-off is the start less the cut-off hours', () => {
    expect(cutoffOf(session)).toBe(76 * H);
  });

  test.each<[string, number, { untilStart?: boolean; hours?: number }, number | null]>([
    ['an offer lasts OFFER_HOURS', 10 * H, {}, 10 * H + OFFER_HOURS * H],
    ['but never beyond the cut-off', 60 * H, {}, 76 * H],
    ['no offer once booking has closed', 76 * H, {}, null],
    ['a seat given up late may be offered until the start', 80 * H, { untilStart: true }, 100 * H],
    ['but not once the session has started', 100 * H, { untilStart: true }, null],
    ['the offer length can be set', 10 * H, { hours: 2 }, 12 * H],
  ])('offerExpiry: %s', (_, now, options, expected) => {
    expect(offerExpiry(session, now, options)).toBe(expected);
  });

  test('no offer is made on a cancelled session', () => {
    expect(offerExpiry({ ...session, status: 'cancelled' }, 10 * H)).toBeNull();
  });

  test('the offer period in words matches the hours', () => {
    expect(OFFER_PERIOD).toBe(`${OFFER_HOURS} hours`);
  });

  test.each<[number, boolean]>([
    [10 * H, false],
    [52 * H, true],
    [99 * H, true],
    [100 * H, false],
  ])('reminderDue at %i seconds: %s', (now, due) => {
    expect(reminderDue(session, now)).toBe(due);
  });
});

describe('decideBooking', () => {
  const base: BookingRequest = { now: 10 * H, session, existing: null, seatsHeld: 0, othersWaiting: 0, heldOnCourse: 0, placesPerPerson: 1 };
  test.each<[string, Partial<BookingRequest>, string]>([
    ['a free seat and nobody waiting: a seat', {}, 'booked'],
    ['the last free seat', { seatsHeld: 1 }, 'booked'],
    ['full: the waiting list', { seatsHeld: 2 }, 'waiting'],
    ['a free seat but others waiting: the queue (first come, first served)', { seatsHeld: 1, othersWaiting: 1 }, 'waiting'],
    ['a cancelled session', { session: { ...session, status: 'cancelled' } }, 'cancelled'],
    ['after the cut-off', { now: 76 * H }, 'closed'],
    ['already booked', { existing: 'booked' }, 'already-booked'],
    ['already waiting', { existing: 'waiting' }, 'already-waiting'],
    ['already offered', { existing: 'offered' }, 'already-offered'],
    ['already attended', { existing: 'attended' }, 'already-attended'],
    ['marked did not attend', { existing: 'no-show' }, 'already-attended'],
    ['a cancelled place may book again', { existing: 'cancelled' }, 'booked'],
    ['an expired offer may book again, at the back of the queue', { existing: 'expired', seatsHeld: 2 }, 'waiting'],
    ['a declined offer may book again', { existing: 'declined' }, 'booked'],
    ['a place on another session of the course', { heldOnCourse: 1 }, 'course-limit'],
    ['the trainer allows two places', { heldOnCourse: 1, placesPerPerson: 2 }, 'booked'],
    ['an existing place is reported before the course limit', { existing: 'booked', heldOnCourse: 1 }, 'already-booked'],
    ['an ended place still meets the course limit', { existing: 'cancelled', heldOnCourse: 1 }, 'course-limit'],
  ])('%s → %s', (_, change, expected) => {
    const d = decideBooking({ ...base, ...change });
    expect(d.ok ? d.to : d.reason).toBe(expected);
    if (d.ok) expect(d.event).toBe(d.to === 'booked' ? 'booked' : 'waitlisted');
  });

  test('existingPlaceRefusal lets only ended places (or none) book again', () => {
    expect(existingPlaceRefusal(null)).toBeNull();
    for (const status of BOOKING_STATUSES) expect(existingPlaceRefusal(status) === null, status).toBe(hasEnded(status));
  });
});

describe('transitions added with the booking rules', () => {
  const ctx = { now: 10 * H, cutoff: 76 * H, startsAt: 100 * H, offerExpiresAt: 20 * H };
  test.each<[BookingStatus, PlaceAction, Partial<typeof ctx>, string]>([
    ['waiting', 'offer', {}, 'offered/offered/keeps'],
    ['booked', 'offer', {}, 'not-active'],
    ['offered', 'offer', {}, 'not-active'],
    ['offered', 'decline', {}, 'declined/declined/frees'],
    ['offered', 'decline', { now: 76 * H }, 'closed'],
    ['booked', 'decline', {}, 'not-active'],
    ['booked', 'cancel-late', { now: 80 * H }, 'cancelled/cancelled-late/frees'],
    ['booked', 'cancel-late', { now: 10 * H }, 'not-late'],
    ['booked', 'cancel-late', { now: 100 * H }, 'started'],
    ['waiting', 'cancel-late', { now: 80 * H }, 'not-active'],
    ['offered', 'cancel-late', { now: 80 * H }, 'not-active'],
    ['booked', 'session-cancelled', {}, 'cancelled/session-cancelled/frees'],
    ['offered', 'session-cancelled', {}, 'cancelled/session-cancelled/frees'],
    ['waiting', 'session-cancelled', {}, 'cancelled/session-cancelled/keeps'],
    ['attended', 'session-cancelled', {}, 'not-active'],
    ['cancelled', 'session-cancelled', {}, 'not-active'],
  ])('%s + %s %o → %s', (status, action, change, expected) => {
    const result = transition(status, action, { ...ctx, ...change });
    const got = result.ok ? `${result.to}/${result.event ?? 'none'}/${result.freesSeat ? 'frees' : 'keeps'}` : result.reason;
    expect(got).toBe(expected);
  });

  test('every transition that succeeds frees a seat exactly when a seat-holding place ends', () => {
    const actions: PlaceAction[] = ['offer', 'accept', 'decline', 'cancel', 'cancel-late', 'expire', 'move', 'attended', 'no-show', 'session-cancelled'];
    for (const status of BOOKING_STATUSES) {
      for (const action of actions) {
        for (const now of [10 * H, 20 * H, 80 * H, 100 * H]) {
          const result = transition(status, action, { ...ctx, now });
          if (!result.ok) continue;
          expect(result.freesSeat, `${status} + ${action} at ${now}`).toBe(holdsSeat(status) && !holdsSeat(result.to));
        }
      }
    }
  });
});

describe('the waiting list', () => {
  const queue = [
    { id: 7, queuedAt: 200 },
    { id: 3, queuedAt: 100 },
    { id: 5, queuedAt: 100 },
    { id: 9, queuedAt: 300 },
  ];
  test.each<[number, number | null]>([
    [3, 1],
    [5, 2],
    [7, 3],
    [9, 4],
    [42, null],
  ])('queuePosition of place %i is %s: by joining time, then by who asked first', (id, position) => {
    expect(queuePosition(queue, id)).toBe(position);
  });
  test.each<[number, number[]]>([
    [0, []],
    [1, [3]],
    [2, [3, 5]],
    [10, [3, 5, 7, 9]],
  ])('pickOffers with %i free seats offers them to %o', (free, ids) => {
    expect(pickOffers(queue, free).map((q) => q.id)).toEqual(ids);
  });
  test.each<[number, number, number]>([
    [20, 14, 6],
    [20, 20, 0],
    [20, 25, 0],
  ])('seatsFree(%i, %i) = %i', (capacity, held, free) => {
    expect(seatsFree(capacity, held)).toBe(free);
  });
  test.each<[number, number, boolean]>([
    [3, 3, true],
    [3, 4, true],
    [3, 2, false],
  ])('capacityFits(held %i, capacity %i) = %s', (held, capacity, fits) => {
    expect(capacityFits(held, capacity)).toBe(fits);
  });
});

describe('places per person, rosters and calendars', () => {
  const place = (sessionId: number, status: BookingStatus, startsAt: number, sessionStatus: 'scheduled' | 'cancelled' = 'scheduled') => ({ sessionId, status, session: { status: sessionStatus, startsAt } });
  test.each<[string, ReturnType<typeof place>[], number]>([
    ['nothing else', [], 0],
    ['a booked place on another upcoming session', [place(2, 'booked', 500)], 1],
    ['a place on the same session does not count', [place(1, 'booked', 500)], 0],
    ['waiting and offered count', [place(2, 'waiting', 500), place(3, 'offered', 500)], 2],
    ['attended and ended places do not', [place(2, 'attended', 500), place(3, 'cancelled', 500)], 0],
    ['a session that has started does not', [place(2, 'booked', 100)], 0],
    ['a cancelled session does not', [place(2, 'booked', 500, 'cancelled')], 0],
  ])('placesCountingTowardsLimit: %s', (_, places, n) => {
    expect(placesCountingTowardsLimit(places, 1, 100)).toBe(n);
  });

  test('a change of time, length or place moves calendars; a change of capacity does not', () => {
    const s = { startsAt: 1, durationMinutes: 60, mode: 'online', venue: 'Teams', district: null };
    expect(changesCalendar(s, { ...s })).toBe(false);
    expect(changesCalendar(s, { ...s, startsAt: 2 })).toBe(true);
    expect(changesCalendar(s, { ...s, durationMinutes: 90 })).toBe(true);
    expect(changesCalendar(s, { ...s, venue: 'Zoom' })).toBe(true);
    expect(changesCalendar(s, { ...s, mode: 'in-person', district: 'Swale' })).toBe(true);
  });

  test('rosterOrder: seats held, then offers, then the queue in order, then ended places', () => {
    const roster = [
      { id: 1, status: 'cancelled' as const, queuedAt: 1 },
      { id: 2, status: 'waiting' as const, queuedAt: 50 },
      { id: 3, status: 'offered' as const, queuedAt: 1 },
      { id: 4, status: 'waiting' as const, queuedAt: 10 },
      { id: 5, status: 'attended' as const, queuedAt: 99 },
      { id: 6, status: 'booked' as const, queuedAt: 1 },
    ];
    expect([...roster].sort(rosterOrder).map((r) => r.id)).toEqual([5, 6, 3, 4, 2, 1]);
  });

  test.each<[BookingStatus, 'scheduled' | 'cancelled', string]>([
    ['booked', 'scheduled', 'confirmed'],
    ['offered', 'scheduled', 'confirmed'],
    ['attended', 'scheduled', 'confirmed'],
    ['waiting', 'scheduled', 'tentative'],
    ['cancelled', 'scheduled', 'cancelled'],
    ['expired', 'scheduled', 'cancelled'],
    ['declined', 'scheduled', 'cancelled'],
    ['booked', 'cancelled', 'cancelled'],
  ])('calendarState(%s, session %s) = %s', (status, sessionStatus, state) => {
    expect(calendarState(status, sessionStatus)).toBe(state);
  });
});
