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
 * A place's state. `booked`, `offered`, `attended` and `no-show` hold a seat; `waiting` is
 * in the queue; the rest are ended.
 */
export const BOOKING_STATUSES = ['booked', 'waiting', 'offered', 'attended', 'no-show', 'cancelled', 'expired', 'declined'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const SEAT_HOLDING: readonly BookingStatus[] = ['booked', 'offered', 'attended', 'no-show'];

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
] as const;
export type BookingEvent = (typeof BOOKING_EVENTS)[number];
