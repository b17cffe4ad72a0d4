/**
 * The training area's vocabulary: districts, delivery modes, session and place states, which
 * states hold a seat, and the events kept in a place's history. The database schema
 * (db/schema.ts) builds its columns and checks from these lists; nothing here knows the
 * database.
 */

/** Kent's twelve districts, where in-person sessions are held. */
export const KENT_DISTRICTS = [
  'Ashford',
  'Canterbury',
  'Dartford',
  'Dover',
  'Folkestone and Hythe',
  'Gravesham',
  'Maidstone',
  'Sevenoaks',
  'Swale',
  'Thanet',
  'Tonbridge and Malling',
  'Tunbridge Wells',
] as const;
export type KentDistrict = (typeof KENT_DISTRICTS)[number];

export const DELIVERY_MODES = ['in-person', 'online'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;

/**
 * A place's state. `booked`, `offered`, `awaiting-approval` (held while the person's line
 * manager is asked), `attended` and `no-show` hold a seat; `waiting` is in the queue; the
 * rest are ended.
 */
export const BOOKING_STATUSES = ['booked', 'waiting', 'offered', 'awaiting-approval', 'attended', 'no-show', 'cancelled', 'expired', 'declined'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/**
 * The one list of states that hold a seat on a session: every seat count (the booking
 * statement's guard, the catalogue's places left, the trainer's fill rate, the benchmark)
 * is a count of places in these states.
 */
export const SEAT_HOLDING: readonly BookingStatus[] = ['booked', 'offered', 'awaiting-approval', 'attended', 'no-show'];

/** Places still to come: a seat held, offered or awaiting approval, or a place in the queue. */
export const ACTIVE_STATUSES: readonly BookingStatus[] = ['booked', 'offered', 'awaiting-approval', 'waiting'];

/** Places that have ended; the same person may book the session again from these. */
export const ENDED_STATUSES: readonly BookingStatus[] = ['cancelled', 'expired', 'declined'];

/** True when a place in `status` holds a seat. */
export function holdsSeat(status: BookingStatus): boolean {
  return SEAT_HOLDING.includes(status);
}

/** True when a place in `status` is still to come (booked, offered, awaiting approval or waiting). */
export function isActive(status: BookingStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** True when a place in `status` has ended (cancelled, offer expired or declined). */
export function hasEnded(status: BookingStatus): boolean {
  return ENDED_STATUSES.includes(status);
}

export const BOOKING_EVENTS = [
  'booked',
  'waitlisted',
  'offered',
  'promoted',
  'declined',
  'offer-expired',
  'cancelled',
  'session-cancelled',
  'session-changed',
  'moved',
  'attended',
  'no-show',
  'cancelled-late',
  'transfer-offered',
  'transfer-declined',
  'transferred-out',
  'transferred-in',
  'approval-requested',
  'approved',
  'approval-declined',
  'approval-expired',
] as const;
export type BookingEvent = (typeof BOOKING_EVENTS)[number];

/**
 * What became of an offer to pass a place to a colleague: still open (null), taken up,
 * turned down, or replaced by a newer offer for the same place.
 */
export const TRANSFER_OUTCOMES = ['accepted', 'declined', 'withdrawn'] as const;
export type TransferOutcome = (typeof TRANSFER_OUTCOMES)[number];

/**
 * What became of a request for a line manager's approval: still open (null), approved,
 * declined, run out, or ended because the place ended first (cancelled by the person, or the
 * session cancelled).
 */
export const APPROVAL_OUTCOMES = ['approved', 'declined', 'expired', 'withdrawn'] as const;
export type ApprovalOutcome = (typeof APPROVAL_OUTCOMES)[number];

/**
 * What is kept in the history of places set aside for an organisation on a session: a
 * trainer set them aside or removed them, or their release date came and they joined the
 * open pool.
 */
export const RESERVATION_EVENTS = ['reserved', 'removed', 'released'] as const;
export type ReservationEvent = (typeof RESERVATION_EVENTS)[number];

/** How a reservation ended: released on its date, or removed by a trainer. */
export const RESERVATION_ENDINGS = ['released', 'removed'] as const;
export type ReservationEnding = (typeof RESERVATION_ENDINGS)[number];
