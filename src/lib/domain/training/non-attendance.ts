/**
 * Places booked and not used: a trainer marks someone "did not attend" on the register when
 * they kept their place without cancelling and did not come. Someone who has done that
 * twice in 12 months is shown the service's terms the next time they book, so they know
 * what the service asks of them. The terms are text set by the council (see the
 * TRAINING_BOOKING_TERMS setting); nothing here refuses a booking or penalises anyone.
 *
 * Policy source: issue "Training from request to certificate" (two in 12 months, terms shown,
 * no penalty in code). Counting calendar months back from today, and counting by the date of
 * the session rather than the date it was marked, are the portal's reading: a trainer who
 * marks the register a week late should not shift the window.
 */
import type { BookingStatus } from './model.ts';

/** Non-attendances within the window that bring up the terms. */
export const NON_ATTENDANCE_LIMIT = 2;
/** The window, in calendar months back from now. */
export const NON_ATTENDANCE_MONTHS = 12;

/**
 * The start of the window: the same moment NON_ATTENDANCE_MONTHS calendar months earlier
 * (the last day of the month when that month is shorter, as 29 February 2028 goes back to
 * 28 February 2027).
 * @example nonAttendanceWindowStart(new Date('2026-11-30T10:00:00Z')) // 2025-11-30T10:00:00.000Z
 */
export function nonAttendanceWindowStart(now: Date): Date {
  const start = new Date(now.getTime());
  const day = start.getUTCDate();
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - NON_ATTENDANCE_MONTHS);
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  start.setUTCDate(Math.min(day, lastDay));
  return start;
}

/**
 * How many of a person's places were marked "did not attend" on sessions that started within
 * the window (from its start up to now).
 */
export function countNonAttendances(places: readonly { status: BookingStatus; startsAt: number }[], now: Date): number {
  const from = Math.floor(nonAttendanceWindowStart(now).getTime() / 1000);
  const to = Math.floor(now.getTime() / 1000);
  return places.filter((p) => p.status === 'no-show' && p.startsAt >= from && p.startsAt <= to).length;
}

/** Whether the terms are shown to someone with this many non-attendances in the window. */
export function showsBookingTerms(nonAttendances: number): boolean {
  return nonAttendances >= NON_ATTENDANCE_LIMIT;
}

/**
 * The sentence above the terms.
 * @example nonAttendanceText(2) // 'Our records show 2 sessions in the last 12 months that you booked but did not attend or cancel.'
 */
export function nonAttendanceText(count: number): string {
  return `Our records show ${count} session${count === 1 ? '' : 's'} in the last ${NON_ATTENDANCE_MONTHS} months that you booked but did not attend or cancel.`;
}

/**
 * The terms shown when the council has not set its own (TRAINING_BOOKING_TERMS). Plain
 * words about what the service asks, not a sanction.
 */
export const DEFAULT_BOOKING_TERMS =
  'Places on Skills Matrix training are limited, and a place that is booked but not used is one another practitioner could have had. When you book, please make sure you can come. If you cannot, cancel before booking closes so the place goes to the next person on the waiting list, or give it up with a reason after that. If something stops you coming on the day, tell the trainer as soon as you can.';

/**
 * The terms as paragraphs: the council's text, or DEFAULT_BOOKING_TERMS when it is unset or
 * blank. A blank line starts a new paragraph; so does a written `\n\n`, for hosts whose
 * settings cannot hold a line break.
 * @example termsParagraphs('Come if you book.\\n\\nCancel if you cannot.') // ['Come if you book.', 'Cancel if you cannot.']
 */
export function termsParagraphs(setting: string | undefined): string[] {
  const text = setting?.trim() || DEFAULT_BOOKING_TERMS;
  return text
    .split(/\r?\n\s*\r?\n|\\n\\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}
