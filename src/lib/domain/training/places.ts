/**
 * The life of a place on a session, as a pure state machine: which actions each state
 * allows, what state follows, and which event is recorded. The booking library applies it
 * inside its write transactions; the seat count itself is checked there, in SQL, because
 * only the database can see every instance's bookings.
 *
 *   waiting ──offer──▶ offered ──accept──▶ booked ──mark──▶ attended / no-show
 *      │                  │  └──expire──▶ expired              ▲      │
 *      └─cancel─▶ cancelled └──decline──▶ declined             └─mark─┘
 *   booked ──cancel (before the cut-off)──▶ cancelled;  waiting ──move (trainer)──▶ booked
 */
import type { BookingEvent, BookingStatus } from './model.ts';

export type PlaceAction = 'cancel' | 'accept' | 'expire' | 'move' | 'attended' | 'no-show';

export interface PlaceContext {
  now: number;
  /** When booking and cancelling close. */
  cutoff: number;
  startsAt: number;
  /** For offered places. */
  offerExpiresAt?: number | null;
}

export type Transition =
  | { ok: true; to: BookingStatus; event: BookingEvent; freesSeat: boolean }
  | { ok: true; to: BookingStatus; event: null; freesSeat: false }
  | { ok: false; reason: 'not-active' | 'closed' | 'expired' | 'not-started' };

/** What `action` does to a place in `status`, or why it cannot. */
export function transition(status: BookingStatus, action: PlaceAction, ctx: PlaceContext): Transition {
  switch (action) {
    case 'cancel':
      if (status === 'waiting') return { ok: true, to: 'cancelled', event: 'cancelled', freesSeat: false };
      if (status !== 'booked' && status !== 'offered') return { ok: false, reason: 'not-active' };
      if (ctx.now >= ctx.cutoff) return { ok: false, reason: 'closed' };
      return status === 'offered'
        ? { ok: true, to: 'declined', event: 'declined', freesSeat: true }
        : { ok: true, to: 'cancelled', event: 'cancelled', freesSeat: true };
    case 'accept':
      if (status !== 'offered') return { ok: false, reason: 'not-active' };
      if ((ctx.offerExpiresAt ?? 0) <= ctx.now) return { ok: false, reason: 'expired' };
      return { ok: true, to: 'booked', event: 'promoted', freesSeat: false };
    case 'expire':
      if (status !== 'offered' || (ctx.offerExpiresAt ?? 0) > ctx.now) return { ok: false, reason: 'not-active' };
      return { ok: true, to: 'expired', event: 'offer-expired', freesSeat: true };
    case 'move':
      if (status !== 'waiting') return { ok: false, reason: 'not-active' };
      return { ok: true, to: 'booked', event: 'moved', freesSeat: false };
    case 'attended':
    case 'no-show':
      if (status !== 'booked' && status !== 'attended' && status !== 'no-show') return { ok: false, reason: 'not-active' };
      if (ctx.now < ctx.startsAt) return { ok: false, reason: 'not-started' };
      if (status === action) return { ok: true, to: status, event: null, freesSeat: false };
      return { ok: true, to: action, event: action, freesSeat: false };
  }
}

/**
 * The places on a course that count against its limit per person: a seat held or being
 * sought (waiting, or offered) on a session still to come. Attended and ended places do not
 * count, so someone can book a refresher once the trainer allows it.
 */
export const COURSE_LIMIT_STATUSES: readonly BookingStatus[] = ['booked', 'offered', 'waiting'];

/**
 * Whether someone holding `held` places on other upcoming sessions of a course may take one
 * more. Rule: one place per person per course unless the course's trainer allows more
 * (course setting "places per person", default one), so that scarce seats reach as many
 * practitioners as possible. Decided in SQL inside the booking statement (so two sessions
 * booked at once cannot both get through); this mirrors that decision for the tests.
 */
export function withinCourseLimit(held: number, placesPerPerson: number): boolean {
  return held < Math.max(1, placesPerPerson);
}
