/** Plain words for the states and events of places on training sessions. */
import type { BookingStatus, ReservationEvent } from './model.ts';

export const STATUS_LABELS: Record<BookingStatus, string> = {
  booked: 'Booked',
  waiting: 'Waiting',
  offered: 'Offered a place',
  'awaiting-approval': 'Awaiting approval',
  attended: 'Attended',
  'no-show': 'Did not attend',
  cancelled: 'Cancelled',
  expired: 'Offer expired',
  declined: 'Offer declined',
};

export const EVENT_LABELS: Record<string, string> = {
  booked: 'Booked a place',
  waitlisted: 'Joined the waiting list',
  offered: 'Offered a place from the waiting list',
  promoted: 'Accepted the offer of a place',
  declined: 'Declined the offer of a place',
  'offer-expired': 'Offer ran out',
  cancelled: 'Cancelled their place',
  'session-cancelled': 'Session cancelled',
  'session-changed': 'Session time or place changed',
  moved: 'Moved from the waiting list',
  attended: 'Marked as attended',
  'no-show': 'Marked as did not attend',
  'cancelled-late': 'Gave up their place after the cut-off',
  'transfer-offered': 'Offered their place to a colleague',
  'transfer-declined': 'Colleague turned down the place',
  'transferred-out': 'Passed their place to a colleague',
  'transferred-in': 'Took a place passed on by a colleague',
  'approval-requested': 'Line manager asked to approve the place',
  approved: 'Line manager approved the place',
  'approval-declined': 'Line manager declined the place',
  'approval-expired': 'No answer from the line manager in time',
};

/**
 * The words for a place that ended while a line manager was asked to approve it, which is
 * not an offer declined or run out; undefined for any other place.
 * @example approvalEndingLabel('declined', 'manager@kent.gov.uk') // 'Not approved'
 */
export function approvalEndingLabel(status: string, managerEmail: string | null): string | undefined {
  if (managerEmail === null) return undefined;
  if (status === 'declined') return 'Not approved';
  if (status === 'expired') return 'No approval in time';
  return undefined;
}

/** A place's state in words for the trainer; pass the manager's address of a place on a course that needs approval. */
export function statusLabel(status: string, managerEmail: string | null = null): string {
  return approvalEndingLabel(status, managerEmail) ?? STATUS_LABELS[status as BookingStatus] ?? status;
}

export function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? event;
}

/** "14 of 20 (70%)" */
export function fillText(held: number, capacity: number): string {
  return `${held} of ${capacity} (${fillPercent(held, capacity)}%)`;
}

export function fillPercent(held: number, capacity: number): number {
  return capacity > 0 ? Math.round((held / capacity) * 100) : 0;
}

/** Where a session happens, in a word or two: "Online", or its district. */
export function sessionPlace(s: { mode: string; district: string | null }): string {
  return s.mode === 'online' ? 'Online' : (s.district ?? 'In person');
}

/** A session's state for a trainer, with the key its status badge is styled by. */
export function sessionState(s: { status: string; startsAt: number; open: boolean }, now: number): { key: 'cancelled' | 'past' | 'scheduled'; label: string } {
  if (s.status === 'cancelled') return { key: 'cancelled', label: 'Cancelled' };
  if (s.startsAt < now) return { key: 'past', label: 'Taken place' };
  return s.open ? { key: 'scheduled', label: 'Booking open' } : { key: 'past', label: 'Booking closed' };
}

export const RESERVATION_EVENT_LABELS: Record<ReservationEvent, string> = {
  reserved: 'Places set aside',
  removed: 'Places set aside were removed',
  released: 'Places set aside were released on their date',
};

/** Plain words for an entry in the history of a session's places set aside. */
export function reservationEventLabel(event: string): string {
  return RESERVATION_EVENT_LABELS[event as ReservationEvent] ?? event;
}
