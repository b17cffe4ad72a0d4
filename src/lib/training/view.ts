/**
 * Words and small decisions for the practitioner's training pages: reading the catalogue
 * filter, describing seats and places, and what each booking outcome means. Pure functions,
 * so they are unit tested without a server.
 */
import { DELIVERY_MODES, KENT_DISTRICTS, isActive, type BookingStatus, type DeliveryMode } from '../domain/training/model.ts';
import { approvalEndingLabel } from '../domain/training/labels.ts';
import { OFFER_PERIOD, holdEndsOnDay } from '../domain/training/places.ts';
import { formatDate, formatDateTime } from '../format.ts';
import type { WaitingReason } from '../domain/training/reserved-seats.ts';

export const MODE_LABELS: Record<DeliveryMode, string> = { 'in-person': 'In person', online: 'Online' };

export interface FilterValues {
  domain: string;
  district: string;
  mode: string;
  from: string;
  to: string;
}

export interface ParsedFilter {
  values: FilterValues;
  filter: { domain?: string; district?: string; mode?: DeliveryMode; from?: number; to?: number };
  errors: Record<string, string>;
  /** True when any filter is applied. */
  active: boolean;
}

const DAY = 86400;

/**
 * Midnight at the start of a UK calendar day ("2026-11-27"), as unix seconds, or undefined
 * when the text is not a real date.
 */
export function ukDayStart(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const date = new Date(utc);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  // London is UTC or UTC+1; midnight London is 00:00 or 23:00 UTC the day before.
  const hourInLondon = Number(
    new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/London' }).format(date),
  );
  return utc / 1000 - hourInLondon * 3600;
}

/** Reads the catalogue filter from the query string, ignoring values that are not offered. */
export function parseFilter(params: URLSearchParams, domains: readonly string[]): ParsedFilter {
  const get = (k: string) => (params.get(k) ?? '').trim();
  const values: FilterValues = { domain: get('domain'), district: get('district'), mode: get('mode'), from: get('from'), to: get('to') };
  const filter: ParsedFilter['filter'] = {};
  const errors: Record<string, string> = {};
  if (values.domain && domains.includes(values.domain)) filter.domain = values.domain;
  else values.domain = '';
  if (values.district && (KENT_DISTRICTS as readonly string[]).includes(values.district)) filter.district = values.district;
  else values.district = '';
  if (values.mode && (DELIVERY_MODES as readonly string[]).includes(values.mode)) filter.mode = values.mode as DeliveryMode;
  else values.mode = '';
  if (values.from) {
    const from = ukDayStart(values.from);
    if (from === undefined) errors.from = 'Date from must be a real date, for example 27 November 2026';
    else filter.from = from;
  }
  if (values.to) {
    const to = ukDayStart(values.to);
    if (to === undefined) errors.to = 'Date to must be a real date, for example 27 November 2026';
    // The whole of the last day counts.
    else filter.to = ukDayStart(new Date((to + DAY + 7200) * 1000).toISOString().slice(0, 10)) ?? to + DAY;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from) {
    errors.to = 'Date to must be the same as or after date from';
    delete filter.to;
  }
  const active = Boolean(values.domain || values.district || values.mode || values.from || values.to);
  return { values, filter, errors, active };
}

/**
 * Live seats, in words.
 * @example seatsText({ capacity: 20, seatsLeft: 3, waiting: 0 }) // '3 of 20 places left'
 */
export function seatsText(s: { capacity: number; seatsLeft: number; waiting: number }): string {
  if (s.seatsLeft > 0 && s.waiting === 0) return `${s.seatsLeft} of ${s.capacity} place${s.capacity === 1 ? '' : 's'} left`;
  if (s.waiting === 0) return 'Full';
  return `Full: ${s.waiting} on the waiting list`;
}

/** True when a newcomer would join the waiting list rather than get a seat. */
export function isFull(s: { seatsLeft: number; waiting: number }): boolean {
  return s.seatsLeft === 0 || s.waiting > 0;
}

export const BOOKING_OUTCOMES = ['booked', 'awaiting-approval', 'waiting', 'closed', 'cancelled', 'already-booked', 'already-waiting', 'already-offered', 'already-attended', 'course-limit'] as const;
export type BookingOutcome = (typeof BOOKING_OUTCOMES)[number];

export function isBookingOutcome(value: string | null): value is BookingOutcome {
  return value !== null && (BOOKING_OUTCOMES as readonly string[]).includes(value);
}

const WAITING_BECAUSE: Record<WaitingReason, string> = {
  full: 'The session is full',
  'set-aside-for-others': 'The places left are set aside for other organisations',
  'others-waiting-first': 'Others were waiting for a place before you',
};

/**
 * The heading and sentence shown after trying to book; `waitingBecause` says why someone who
 * joined the waiting list did not get a place.
 */
export function outcomeMessage(outcome: BookingOutcome, course: string, position: number | null, { waitingBecause = 'full' }: { waitingBecause?: WaitingReason } = {}): { title: string; body: string; success: boolean } {
  switch (outcome) {
    case 'booked':
      return { success: true, title: `You have booked a place on ${course}`, body: 'We have emailed you a confirmation with a link to add the session to your calendar.' };
    case 'awaiting-approval':
      return {
        success: true,
        title: `We have asked your line manager to approve your place on ${course}`,
        body: 'We are holding the place for you while we wait for their answer, and will email you when they reply.',
      };
    case 'waiting':
      return {
        success: true,
        title: `${WAITING_BECAUSE[waitingBecause]}, so you are ${position ? `number ${position} ` : ''}on the waiting list`,
        body: `If a place comes up, we will email you and hold it for you for ${OFFER_PERIOD}.`,
      };
    case 'closed':
      return { success: false, title: 'Booking has closed for this session', body: 'Places cannot be booked this close to the start. Choose another session.' };
    case 'cancelled':
      return { success: false, title: 'This session has been cancelled', body: 'Choose another session of the course.' };
    case 'already-booked':
      return { success: false, title: 'You already have a place on this session', body: 'You can see and cancel it in your training bookings.' };
    case 'already-waiting':
      return { success: false, title: 'You are already on the waiting list for this session', body: 'We will email you if a place comes up.' };
    case 'already-offered':
      return { success: false, title: 'A place on this session is already being held for you', body: 'Accept it in your training bookings before the offer ends.' };
    case 'already-attended':
      return { success: false, title: 'You have already been on this session', body: 'It counts towards your Skills Matrix progress.' };
    case 'course-limit':
      return {
        success: false,
        title: 'You already have a place on another session of this course',
        body: 'A place on the waiting list counts too. To move to this session, cancel your other place in your training bookings first, then book this one.',
      };
  }
}

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: 'Booked',
  waiting: 'On the waiting list',
  offered: 'Place offered',
  'awaiting-approval': 'Awaiting approval',
  attended: 'Attended',
  'no-show': 'Did not attend',
  cancelled: 'Cancelled',
  expired: 'Offer ended',
  declined: 'Offer declined',
};

/** Places still to come: a seat or a place in the queue. */
export function isActiveStatus(status: BookingStatus): boolean {
  return isActive(status);
}

/**
 * When a seat held for a line manager's answer stops being held, in words: the day, for a
 * hold to the end of a working day; the day and time, for one cut short by the cut-off.
 * @example holdEndText(1796688000) // '7 December 2026' (midnight at the end of that day)
 */
export function holdEndText(expiresAt: number): string {
  return holdEndsOnDay(expiresAt) ? formatDate(expiresAt - 1) : formatDateTime(expiresAt);
}

/**
 * A place's state in words for its holder. A place that ended while its line manager was
 * asked says so, rather than speaking of an offer.
 */
export function placeStatusLabel(status: BookingStatus, managerEmail: string | null): string {
  return approvalEndingLabel(status, managerEmail) ?? STATUS_LABELS[status];
}
