import { describe, expect, test } from 'vitest';
import { SEAT_HOLDING, type BookingStatus } from '../../../src/lib/domain/training/model.ts';
import { checkCourseForm, checkManagerEmail } from '../../../src/lib/domain/training/forms.ts';
import {
  approvalExpiry,
  calendarState,
  decideApprovalAnswer,
  decideBookingWithApproval,
  holdEndsOnDay,
  transition,
  type BookingRequest,
  type PlaceAction,
} from '../../../src/lib/domain/training/places.ts';
import { endOfWorkingDays, isWorkingDate, londonMidnight } from '../../../src/lib/domain/training/working-days.ts';
import { holdEndText, outcomeMessage, placeStatusLabel } from '../../../src/lib/training/view.ts';

const iso = (d: Date) => d.toISOString();
const secs = (s: string) => Date.parse(s) / 1000;

describe('endOfWorkingDays: five working days in England and Wales', () => {
  test.each([
    // [asked at, the moment the hold ends]
    ['2026-11-30T10:00:00Z', '2026-12-08T00:00:00.000Z', 'a Monday: to the end of the next Monday'],
    ['2026-11-30T00:05:00Z', '2026-12-08T00:00:00.000Z', 'the day of asking never counts, however early'],
    ['2026-12-04T16:00:00Z', '2026-12-12T00:00:00.000Z', 'a Friday: to the end of the next Friday'],
    ['2026-12-05T09:00:00Z', '2026-12-12T00:00:00.000Z', 'a Saturday: Monday to Friday of the next week'],
    ['2026-12-23T10:00:00Z', '2027-01-05T00:00:00.000Z', 'over Christmas: skips 25 and 28 December and 1 January'],
    ['2027-03-25T10:00:00Z', '2027-04-05T23:00:00.000Z', 'over Easter 2027, ending in summer time: midnight is 23:00 UTC'],
    ['2026-07-31T23:30:00Z', '2026-08-07T23:00:00.000Z', 'late on Friday in UTC is already Saturday in London'],
  ])('%s → %s (%s)', (asked, ends) => {
    expect(iso(endOfWorkingDays(new Date(asked), 5))).toBe(ends);
  });

  test('knows which dates are working days', () => {
    expect(isWorkingDate('2026-12-07')).toBe(true);
    expect(isWorkingDate('2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDate('2026-12-28')).toBe(false); // substitute Boxing Day
    expect(isWorkingDate('2028-05-01')).toBe(false); // Early May bank holiday 2028
  });

  test('midnight in London, in winter and in summer', () => {
    expect(iso(londonMidnight('2026-12-08'))).toBe('2026-12-08T00:00:00.000Z');
    expect(iso(londonMidnight('2026-07-08'))).toBe('2026-07-07T23:00:00.000Z');
  });
});

const session = (startsAt: string, cutoffHours = 24) => ({ status: 'scheduled' as const, startsAt: secs(startsAt), cutoffHours });
const monday = secs('2026-11-30T10:00:00Z');

describe('approvalExpiry: how long a seat is held for the manager', () => {
  test('five working days when the session is well ahead', () => {
    expect(approvalExpiry(session('2027-01-20T09:30:00Z'), monday)).toBe(secs('2026-12-08T00:00:00Z'));
  });

  test('the booking cut-off when that comes first', () => {
    const s = session('2026-12-03T09:30:00Z', 24);
    expect(approvalExpiry(s, monday)).toBe(secs('2026-12-02T09:30:00Z'));
  });

  test('no hold at or after the cut-off, unless until the start for a seat given up late', () => {
    const s = session('2026-12-01T09:30:00Z', 24);
    expect(approvalExpiry(s, secs('2026-11-30T09:30:00Z'))).toBeNull();
    expect(approvalExpiry(s, secs('2026-11-30T12:00:00Z'), { untilStart: true })).toBe(secs('2026-12-01T09:30:00Z'));
    expect(approvalExpiry({ ...s, status: 'cancelled' }, monday)).toBeNull();
  });
});

describe('decideBookingWithApproval', () => {
  const request = (change: Partial<BookingRequest> = {}, requiresApproval = true) => ({
    now: monday,
    session: { ...session('2027-01-20T09:30:00Z'), capacity: 2 },
    existing: null,
    seatsHeld: 0,
    othersWaiting: 0,
    heldOnCourse: 0,
    placesPerPerson: 1,
    ...change,
    requiresApproval,
  });

  test('a free seat is held awaiting approval until the end of the fifth working day', () => {
    expect(decideBookingWithApproval(request())).toEqual({ ok: true, to: 'awaiting-approval', event: 'approval-requested', holdUntil: secs('2026-12-08T00:00:00Z') });
  });

  test('a full session, or one with people waiting, means the waiting list first', () => {
    expect(decideBookingWithApproval(request({ seatsHeld: 2 }))).toEqual({ ok: true, to: 'waiting', event: 'waitlisted' });
    expect(decideBookingWithApproval(request({ othersWaiting: 1 }))).toEqual({ ok: true, to: 'waiting', event: 'waitlisted' });
  });

  test('a course without approval books straight away, and refusals are unchanged', () => {
    expect(decideBookingWithApproval(request({}, false))).toEqual({ ok: true, to: 'booked', event: 'booked' });
    expect(decideBookingWithApproval(request({ existing: 'awaiting-approval' }))).toEqual({ ok: false, reason: 'already-booked' });
    expect(decideBookingWithApproval(request({ heldOnCourse: 1 }))).toEqual({ ok: false, reason: 'course-limit' });
    expect(decideBookingWithApproval(request({ now: secs('2027-01-19T10:00:00Z') }))).toEqual({ ok: false, reason: 'closed' });
  });
});

describe('the approval transitions of a place', () => {
  const ctx = { now: 1000, cutoff: 2000, startsAt: 3000, offerExpiresAt: 1500 };
  test.each<[BookingStatus, PlaceAction, Partial<typeof ctx>, string]>([
    ['waiting', 'ask-approval', {}, 'awaiting-approval/approval-requested/keeps'],
    ['booked', 'ask-approval', {}, 'not-active'],
    ['awaiting-approval', 'approve', {}, 'booked/approved/keeps'],
    ['awaiting-approval', 'approve', { now: 1500 }, 'expired'],
    ['offered', 'approve', {}, 'not-active'],
    ['declined', 'approve', {}, 'not-active'],
    ['awaiting-approval', 'approval-decline', {}, 'declined/approval-declined/frees'],
    ['awaiting-approval', 'approval-decline', { now: 1500 }, 'expired'],
    ['awaiting-approval', 'approval-expire', { now: 1500 }, 'expired/approval-expired/frees'],
    ['awaiting-approval', 'approval-expire', { now: 1499 }, 'not-active'],
    ['booked', 'approval-expire', { now: 9999 }, 'not-active'],
    ['awaiting-approval', 'cancel', {}, 'cancelled/cancelled/frees'],
    ['awaiting-approval', 'cancel', { now: 2000 }, 'closed'],
    ['awaiting-approval', 'session-cancelled', {}, 'cancelled/session-cancelled/frees'],
    ['awaiting-approval', 'accept', {}, 'not-active'],
    ['awaiting-approval', 'transfer-out', {}, 'not-active'],
    ['awaiting-approval', 'attended', { now: 3000 }, 'not-active'],
  ])('%s + %s %o → %s', (status, action, change, expected) => {
    const result = transition(status, action, { ...ctx, ...change });
    const got = result.ok ? `${result.to}/${result.event ?? 'none'}/${result.freesSeat ? 'frees' : 'keeps'}` : result.reason;
    expect(got).toBe(expected);
  });

  test('a place awaiting approval holds a seat, and shows as provisional in calendars', () => {
    expect(SEAT_HOLDING).toContain('awaiting-approval');
    expect(calendarState('awaiting-approval', 'scheduled')).toBe('tentative');
    expect(calendarState('awaiting-approval', 'cancelled')).toBe('cancelled');
  });
});

describe('decideApprovalAnswer: the manager link', () => {
  const open = { now: 1000, outcome: null, expiresAt: 1500, status: 'awaiting-approval' as BookingStatus };
  test.each([
    [{}, 'ok'],
    [{ outcome: 'approved' }, 'used'],
    [{ outcome: 'declined' }, 'used'],
    [{ outcome: 'withdrawn' }, 'not-active'],
    [{ outcome: 'expired' }, 'expired'],
    [{ now: 1500 }, 'expired'],
    [{ status: 'cancelled' as BookingStatus }, 'not-active'],
  ])('%o → %s', (change, expected) => {
    const r = decideApprovalAnswer({ ...open, ...change });
    expect(r.ok ? 'ok' : r.reason).toBe(expected);
  });
});

describe('how the end of a hold is written', () => {
  test('a hold to the end of a day is written as that day', () => {
    expect(holdEndsOnDay(secs('2026-12-08T00:00:00Z'))).toBe(true);
    expect(holdEndText(secs('2026-12-08T00:00:00Z'))).toBe('7 December 2026');
    expect(holdEndText(secs('2026-07-08T23:00:00Z'))).toBe('8 July 2026');
  });

  test('a hold cut short by the booking cut-off is written with its time', () => {
    expect(holdEndsOnDay(secs('2026-12-02T09:30:00Z'))).toBe(false);
    expect(holdEndText(secs('2026-12-02T09:30:00Z'))).toBe('2 December 2026 at 9:30am');
  });
});

describe('checkManagerEmail', () => {
  test.each([
    ['', 'Enter your line manager’s work email address'],
    ['   ', 'Enter your line manager’s work email address'],
    ['not an address', 'Enter an email address in the correct format, like name@example.com'],
    ['sam@kent', 'Enter an email address in the correct format, like name@example.com'],
    [' Me@Example.org ', 'Enter your line manager’s email address, not your own'],
  ])('%j → %s', (value, error) => {
    expect(checkManagerEmail(value, 'me@example.org')).toEqual({ ok: false, error });
  });

  test('a good address is kept, trimmed and in lower case', () => {
    expect(checkManagerEmail(' Sam.Lee@Kent.gov.uk ', 'me@example.org')).toEqual({ ok: true, email: 'sam.lee@kent.gov.uk' });
  });
});

describe('the course form’s approval setting', () => {
  const course = { title: 'Working with fathers', summary: 'A summary.', audience: 'Lead workers.', outcomes: 'Plan a visit' };
  test('off unless the box is ticked', () => {
    const off = checkCourseForm(course, ['systems-and-it'], ['systems-and-it']);
    const on = checkCourseForm({ ...course, requiresApproval: 'yes' }, ['systems-and-it'], ['systems-and-it']);
    expect(off.ok && off.data.requiresApproval).toBe(false);
    expect(on.ok && on.data.requiresApproval).toBe(true);
  });
});

describe('words for places on a course that needs approval', () => {
  test('a place that ended while the manager was asked does not speak of an offer', () => {
    expect(placeStatusLabel('awaiting-approval', 'sam@kent.gov.uk')).toBe('Awaiting approval');
    expect(placeStatusLabel('declined', 'sam@kent.gov.uk')).toBe('Not approved');
    expect(placeStatusLabel('expired', 'sam@kent.gov.uk')).toBe('No approval in time');
    expect(placeStatusLabel('declined', null)).toBe('Offer declined');
  });

  test('the outcome of asking for approval', () => {
    expect(outcomeMessage('awaiting-approval', 'Lead worker training', null)).toMatchObject({ success: true, title: 'We have asked your line manager to approve your place on Lead worker training' });
  });
});
