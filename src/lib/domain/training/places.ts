/**
 * The life of a place on a session, as a pure state machine: whether a request gets a seat
 * or the waiting list, which actions each state allows, what state follows, which event is
 * recorded, and the time rules (booking cut-off, how long an offer holds a seat, reminders).
 * The booking library (src/lib/server/training) reads the facts inside its write
 * transaction, asks these functions what happens, and writes the answer. Only the seat
 * count itself is checked again by the database, in the one conditional statement that
 * takes seats, because only the database sees every instance's bookings.
 *
 *   (none) ──book──▶ booked, or waiting while the session is full or others are waiting
 *   waiting ──offer──▶ offered ──accept──▶ booked ──attended / no-show──▶ attended / no-show
 *      │                  │  ├──expire──▶ expired                  (either can be re-marked)
 *      │                  │  └──decline (or cancel)──▶ declined
 *      ├──cancel─▶ cancelled
 *      └──move (a trainer)──▶ booked
 *   booked ──cancel (before the cut-off)──▶ cancelled
 *   booked ──cancel-late (after the cut-off, before the start, with a reason)──▶ cancelled
 *   booked / offered / waiting ──session-cancelled──▶ cancelled
 *   booked ──transfer-out (to a colleague, before the cut-off)──▶ cancelled, and in the same
 *      transaction the colleague's place ──transfer-in──▶ booked (the seat is never free)
 *
 * On a course that needs a line manager's approval, a seat is held while the manager is asked:
 *   (none) ──book──▶ awaiting-approval (instead of booked), or waiting as above
 *   waiting ──ask-approval (a seat comes free)──▶ awaiting-approval (instead of offered)
 *   awaiting-approval ──approve──▶ booked
 *      ├──approval-decline──▶ declined     ├──approval-expire──▶ expired
 *      └──cancel (before the cut-off) / session-cancelled──▶ cancelled
 *
 * Policy source: the portal's training booking rules (issue 11: first come, first served
 * waiting lists, 24-hour offers never beyond the cut-off, one place per person per course,
 * late cancellation with a reason); README "Training and bookings".
 */
import { ACTIVE_STATUSES, ENDED_STATUSES, SEAT_HOLDING, type BookingEvent, type BookingStatus } from './model.ts';
import { endOfWorkingDays } from './working-days.ts';

/** How long a waiting-list offer holds a seat, in hours. */
export const OFFER_HOURS = 24;
/** The same, in words, for the pages and e-mails that explain it. */
export const OFFER_PERIOD = `${OFFER_HOURS} hours`;
/** Reminders go this long before a session starts, in hours. */
export const REMINDER_HOURS = 48;

const HOUR = 3600;

/** A session's facts that the time rules need. */
export interface SessionTimes {
  status: 'scheduled' | 'cancelled';
  startsAt: number;
  /** Booking and cancelling close this many hours before the start. */
  cutoffHours: number;
}

/** When booking and cancelling close for a session. */
export function cutoffOf(session: { startsAt: number; cutoffHours: number }): number {
  return session.startsAt - session.cutoffHours * HOUR;
}

/** True while a session can be booked: going ahead, and before its cut-off. */
export function bookingOpen(session: SessionTimes, now: number): boolean {
  return session.status === 'scheduled' && now < cutoffOf(session);
}

/**
 * When a freed seat could be offered until: the cut-off, or the start for a seat given up
 * after the cut-off (someone could still come). Null when no offer can be made now.
 */
export function offerExpiry(session: SessionTimes, now: number, { untilStart = false, hours = OFFER_HOURS } = {}): number | null {
  const closes = untilStart ? session.startsAt : cutoffOf(session);
  if (session.status !== 'scheduled' || now >= closes) return null;
  return Math.min(now + hours * HOUR, closes);
}

/** The sessions whose booked places get a reminder now: those starting within REMINDER_HOURS. */
export function reminderWindow(now: number): { after: number; upTo: number } {
  return { after: now, upTo: now + REMINDER_HOURS * HOUR };
}

/** True when a booked place on `session` is due its reminder at `now`. */
export function reminderDue(session: SessionTimes, now: number): boolean {
  const { after, upTo } = reminderWindow(now);
  return session.status === 'scheduled' && session.startsAt > after && session.startsAt <= upTo;
}

// ---------------------------------------------------------------------------------------
// Booking: a seat, the waiting list, or a reason why not.

export type BookRefusal = 'cancelled' | 'closed' | 'already-booked' | 'already-waiting' | 'already-offered' | 'already-attended' | 'course-limit';

/** What the booking library knows, inside its transaction, when someone asks for a place. */
export interface BookingRequest {
  now: number;
  session: SessionTimes & { capacity: number };
  /** The person's existing place on this session, if any. */
  existing: BookingStatus | null;
  /** Places on the session that hold a seat (SEAT_HOLDING). */
  seatsHeld: number;
  /** Other people waiting for the session. */
  othersWaiting: number;
  /** Places the person holds or seeks on the course's other upcoming sessions (COURSE_LIMIT_STATUSES). */
  heldOnCourse: number;
  /** The course's "sessions one person can book" setting. */
  placesPerPerson: number;
  /**
   * Seats set aside for organisations and not yet taken (reserved-seats.ts); 0 or omitted
   * when none are. Of those, `reservedForMe` are set aside for the person's own organisation,
   * and `othersWaitingFromMyOrganisation` of the others waiting belong to it.
   */
  reservedLeft?: number;
  reservedForMe?: number;
  othersWaitingFromMyOrganisation?: number;
}

export type BookingDecision = { ok: true; to: 'booked'; event: 'booked' } | { ok: true; to: 'waiting'; event: 'waitlisted' } | { ok: false; reason: BookRefusal };

/**
 * Why someone who already has a place on a session cannot book it again, or null when their
 * place has ended and they may book again.
 */
export function existingPlaceRefusal(status: BookingStatus | null): Exclude<BookRefusal, 'cancelled' | 'closed' | 'course-limit'> | null {
  if (status === null || ENDED_STATUSES.includes(status)) return null;
  if (status === 'waiting') return 'already-waiting';
  if (status === 'offered') return 'already-offered';
  if (status === 'attended' || status === 'no-show') return 'already-attended';
  return 'already-booked';
}

/**
 * Whether a request gets a seat, a place on the waiting list, or neither. First come, first
 * served: while anyone else is waiting, a newcomer joins the queue even if a seat has just
 * come free, because that seat is being offered to the first person waiting. Seats set aside
 * for an organisation (reserved-seats.ts) go only to its members, first come first served
 * among them; everyone else counts only the open seats.
 */
export function decideBooking(r: BookingRequest): BookingDecision {
  if (r.session.status === 'cancelled') return { ok: false, reason: 'cancelled' };
  if (!bookingOpen(r.session, r.now)) return { ok: false, reason: 'closed' };
  const already = existingPlaceRefusal(r.existing);
  if (already) return { ok: false, reason: already };
  if (!withinCourseLimit(r.heldOnCourse, r.placesPerPerson)) return { ok: false, reason: 'course-limit' };
  // A seat set aside for the person's organisation goes to them unless a colleague from it
  // is waiting already; an open seat only while nobody at all is waiting.
  if ((r.reservedForMe ?? 0) > 0) return (r.othersWaitingFromMyOrganisation ?? 0) === 0 ? { ok: true, to: 'booked', event: 'booked' } : { ok: true, to: 'waiting', event: 'waitlisted' };
  const openFree = r.session.capacity - r.seatsHeld - (r.reservedLeft ?? 0);
  if (openFree > 0 && r.othersWaiting === 0) return { ok: true, to: 'booked', event: 'booked' };
  return { ok: true, to: 'waiting', event: 'waitlisted' };
}

// ---------------------------------------------------------------------------------------
// Changes to an existing place.

export type PlaceAction =
  | 'offer'
  | 'accept'
  | 'decline'
  | 'cancel'
  | 'cancel-late'
  | 'expire'
  | 'move'
  | 'attended'
  | 'no-show'
  | 'session-cancelled'
  | 'transfer-out'
  | ApprovalAction;

export interface PlaceContext {
  now: number;
  /** When booking and cancelling close. */
  cutoff: number;
  startsAt: number;
  /** For offered places and places awaiting approval: when the seat stops being held. */
  offerExpiresAt?: number | null;
}

export type TransitionRefusal = 'not-active' | 'closed' | 'expired' | 'not-started' | 'not-late' | 'started';

export type Transition =
  | { ok: true; to: BookingStatus; event: BookingEvent; freesSeat: boolean }
  | { ok: true; to: BookingStatus; event: null; freesSeat: false }
  | { ok: false; reason: TransitionRefusal };

const frees = (from: BookingStatus, to: BookingStatus) => SEAT_HOLDING.includes(from) && !SEAT_HOLDING.includes(to);
const step = (from: BookingStatus, to: BookingStatus, event: BookingEvent): Transition => ({ ok: true, to, event, freesSeat: frees(from, to) });

/** What `action` does to a place in `status`, or why it cannot. */
export function transition(status: BookingStatus, action: PlaceAction, ctx: PlaceContext): Transition {
  switch (action) {
    case 'offer':
      // The seat itself is checked by the statement that makes the offer.
      if (status !== 'waiting') return { ok: false, reason: 'not-active' };
      return step(status, 'offered', 'offered');
    case 'cancel':
      if (status === 'waiting') return step(status, 'cancelled', 'cancelled');
      if (status === 'awaiting-approval') return ctx.now >= ctx.cutoff ? { ok: false, reason: 'closed' } : step(status, 'cancelled', 'cancelled');
      if (status !== 'booked' && status !== 'offered') return { ok: false, reason: 'not-active' };
      if (ctx.now >= ctx.cutoff) return { ok: false, reason: 'closed' };
      return status === 'offered' ? step(status, 'declined', 'declined') : step(status, 'cancelled', 'cancelled');
    case 'decline':
      if (status !== 'offered') return { ok: false, reason: 'not-active' };
      if (ctx.now >= ctx.cutoff) return { ok: false, reason: 'closed' };
      return step(status, 'declined', 'declined');
    case 'cancel-late':
      if (status !== 'booked') return { ok: false, reason: 'not-active' };
      if (ctx.now < ctx.cutoff) return { ok: false, reason: 'not-late' };
      if (ctx.now >= ctx.startsAt) return { ok: false, reason: 'started' };
      return step(status, 'cancelled', 'cancelled-late');
    case 'accept':
      if (status !== 'offered') return { ok: false, reason: 'not-active' };
      if ((ctx.offerExpiresAt ?? 0) <= ctx.now) return { ok: false, reason: 'expired' };
      return step(status, 'booked', 'promoted');
    case 'expire':
      if (status !== 'offered' || (ctx.offerExpiresAt ?? 0) > ctx.now) return { ok: false, reason: 'not-active' };
      return step(status, 'expired', 'offer-expired');
    case 'move':
      // The seat itself is checked by the statement that moves the person.
      if (status !== 'waiting') return { ok: false, reason: 'not-active' };
      return step(status, 'booked', 'moved');
    case 'transfer-out':
      if (status !== 'booked') return { ok: false, reason: 'not-active' };
      if (ctx.now >= ctx.cutoff) return { ok: false, reason: 'closed' };
      return step(status, 'cancelled', 'transferred-out');
    case 'session-cancelled':
      if (status !== 'booked' && status !== 'offered' && status !== 'waiting' && status !== 'awaiting-approval') return { ok: false, reason: 'not-active' };
      return step(status, 'cancelled', 'session-cancelled');
    case 'attended':
    case 'no-show':
      if (status !== 'booked' && status !== 'attended' && status !== 'no-show') return { ok: false, reason: 'not-active' };
      if (ctx.now < ctx.startsAt) return { ok: false, reason: 'not-started' };
      if (status === action) return { ok: true, to: status, event: null, freesSeat: false };
      return step(status, action, action);
    case 'ask-approval':
    case 'approve':
    case 'approval-decline':
    case 'approval-expire':
      return approvalTransition(status, action, ctx);
  }
}

/** The context `transition` needs, from a session and (for offers) the place's expiry. */
export function contextOf(session: { startsAt: number; cutoffHours: number }, now: number, offerExpiresAt: number | null = null): PlaceContext {
  return { now, cutoff: cutoffOf(session), startsAt: session.startsAt, offerExpiresAt };
}

// ---------------------------------------------------------------------------------------
// The waiting list.

/** A place in a session's queue. */
export interface QueuedPlace {
  id: number;
  queuedAt: number | null;
}

/** Queue order: who joined first, then who asked first within the same second. */
export function queueOrder(a: QueuedPlace, b: QueuedPlace): number {
  return (a.queuedAt ?? 0) - (b.queuedAt ?? 0) || a.id - b.id;
}

/** A waiting place's position in its queue, 1 for the first; null when it is not in it. */
export function queuePosition(waiting: readonly QueuedPlace[], id: number): number | null {
  const me = waiting.find((w) => w.id === id);
  if (!me) return null;
  return waiting.filter((w) => queueOrder(w, me) <= 0).length;
}

/** Seats free on a session. */
export function seatsFree(capacity: number, seatsHeld: number): number {
  return Math.max(0, capacity - seatsHeld);
}

/**
 * Who is offered the free seats: the people at the front of the queue, one seat each,
 * until the seats or the queue run out. First come, first served.
 */
export function pickOffers<T extends QueuedPlace>(waiting: readonly T[], free: number): T[] {
  return [...waiting].sort(queueOrder).slice(0, Math.max(0, free));
}

/** True when a session's places held still fit a new capacity. */
export function capacityFits(seatsHeld: number, capacity: number): boolean {
  return seatsHeld <= capacity;
}

// ---------------------------------------------------------------------------------------
// Places per person, rosters and calendars.

/**
 * The places on a course that count against its limit per person: a seat held or being
 * sought (waiting, or offered) on a session still to come. Attended and ended places do not
 * count, so someone can book a refresher once the trainer allows it.
 */
export const COURSE_LIMIT_STATUSES: readonly BookingStatus[] = ACTIVE_STATUSES;

/**
 * Whether someone holding `held` places on other upcoming sessions of a course may take one
 * more. Rule: one place per person per course unless the course's trainer allows more
 * (course setting "places per person", default one), so that scarce seats reach as many
 * practitioners as possible. Counted inside the booking's write transaction, so two
 * sessions booked at once cannot both get through.
 */
export function withinCourseLimit(held: number, placesPerPerson: number): boolean {
  return held < Math.max(1, placesPerPerson);
}

/**
 * How many of a person's places on a course count against its limit when they ask for a
 * place on session `sessionId`: those in COURSE_LIMIT_STATUSES on the course's other
 * sessions that are going ahead and have not started.
 */
export function placesCountingTowardsLimit(
  places: readonly { sessionId: number; status: BookingStatus; session: { status: 'scheduled' | 'cancelled'; startsAt: number } }[],
  sessionId: number,
  now: number,
): number {
  return places.filter((p) => p.sessionId !== sessionId && p.session.status === 'scheduled' && p.session.startsAt > now && COURSE_LIMIT_STATUSES.includes(p.status)).length;
}

/** True when a change to a session moves it in people's calendars: its time, length or place. */
export function changesCalendar(
  before: { startsAt: number; durationMinutes: number; mode: string; venue: string; district: string | null },
  after: { startsAt: number; durationMinutes: number; mode: string; venue: string; district: string | null },
): boolean {
  return (
    before.startsAt !== after.startsAt ||
    before.durationMinutes !== after.durationMinutes ||
    before.venue !== after.venue ||
    before.mode !== after.mode ||
    before.district !== after.district
  );
}

/**
 * Where a place comes on a trainer's list of a session: places that hold a seat (booked,
 * attended, did not attend), then offers, then the waiting list, then ended places.
 */
export function rosterRank(status: BookingStatus): number {
  if (status === 'offered') return 1;
  if (status === 'waiting') return 2;
  return SEAT_HOLDING.includes(status) ? 0 : 3;
}

/** Roster order: by rank, the waiting list in queue order, otherwise oldest place first. */
export function rosterOrder(a: QueuedPlace & { status: BookingStatus }, b: QueuedPlace & { status: BookingStatus }): number {
  const rank = rosterRank(a.status) - rosterRank(b.status);
  if (rank !== 0) return rank;
  if (a.status === 'waiting') return queueOrder(a, b);
  return a.id - b.id;
}

/**
 * What a place's calendar event says: cancelled once the place or the session has ended,
 * provisional while waiting or awaiting a manager's approval, confirmed otherwise.
 */
export function calendarState(status: BookingStatus, sessionStatus: 'scheduled' | 'cancelled'): 'cancelled' | 'tentative' | 'confirmed' {
  if (sessionStatus === 'cancelled' || ENDED_STATUSES.includes(status)) return 'cancelled';
  return status === 'waiting' || status === 'awaiting-approval' ? 'tentative' : 'confirmed';
}

// ---------------------------------------------------------------------------------------
// Sending a colleague instead.
//
// Policy source: issue 17, "Send a colleague instead": a booked practitioner may pass their
// place to a colleague from the same organisation who has an account; the colleague takes it
// up by link, and the place moves in one step, so no one else can take the seat between.

/** How long a colleague has to take up a place passed to them, in hours (never beyond the cut-off). */
export const TRANSFER_HOURS = 72;

/** When an offer to a colleague made now stops working, or null when booking has closed. */
export function transferExpiry(session: SessionTimes, now: number): number | null {
  if (!bookingOpen(session, now)) return null;
  return Math.min(now + TRANSFER_HOURS * HOUR, cutoffOf(session));
}

/**
 * True when two accounts name the same organisation: compared ignoring case, spacing and a
 * trailing full stop, as people type their employer's name in slightly different ways.
 * @example sameOrganisation('Kent Police', ' kent  police. ') // true
 */
export function sameOrganisation(a: string, b: string): boolean {
  return organisationKey(a) !== '' && organisationKey(a) === organisationKey(b);
}

/**
 * An organisation's name as compared: NFKC, trimmed, a trailing full stop dropped, spaces
 * collapsed, lower case. Two accounts belong to one organisation when their keys match.
 * @example organisationKey(' Kent  Police. ') // 'kent police'
 */
export function organisationKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\.$/, '').replace(/\s+/g, ' ').toLowerCase();
}

export type TransferOfferRefusal = 'not-active' | 'closed' | 'no-account' | 'self' | 'other-organisation' | 'already-on-session';

/** What the library knows when a booked person names a colleague to take their place. */
export interface TransferOfferRequest {
  now: number;
  session: SessionTimes;
  /** The holder's place. */
  status: BookingStatus;
  holder: { id: number; organisation: string };
  /** The account with the address given, if there is an active one. */
  colleague: { id: number; organisation: string } | null;
  /** The colleague's own place on the session, if any. */
  colleaguePlace: BookingStatus | null;
}

/** Whether a place may be offered to the colleague named, and until when. */
export function decideTransferOffer(r: TransferOfferRequest): { ok: true; expiresAt: number } | { ok: false; reason: TransferOfferRefusal } {
  if (r.status !== 'booked') return { ok: false, reason: 'not-active' };
  const expiresAt = transferExpiry(r.session, r.now);
  if (expiresAt === null) return { ok: false, reason: 'closed' };
  if (!r.colleague) return { ok: false, reason: 'no-account' };
  if (r.colleague.id === r.holder.id) return { ok: false, reason: 'self' };
  if (!sameOrganisation(r.colleague.organisation, r.holder.organisation)) return { ok: false, reason: 'other-organisation' };
  if (existingPlaceRefusal(r.colleaguePlace)) return { ok: false, reason: 'already-on-session' };
  return { ok: true, expiresAt };
}

export type TransferAnswerRefusal = 'used' | 'expired' | 'not-active' | 'closed' | 'already-on-session' | 'course-limit';

/** What the library knows when the colleague takes up (or turns down) the place. */
export interface TransferAnswerRequest {
  now: number;
  session: SessionTimes;
  /** Null while the offer is open. */
  outcome: string | null;
  expiresAt: number;
  /** The holder's place now. */
  status: BookingStatus;
  colleaguePlace: BookingStatus | null;
  /** The colleague's places on the course's other upcoming sessions (placesCountingTowardsLimit). */
  heldOnCourse: number;
  placesPerPerson: number;
}

/**
 * Whether the colleague can take up the place now. The link works once, until it expires,
 * while the holder still has the place and booking is open; the colleague must have no
 * place of their own on the session and be within the course's places-per-person limit.
 */
export function decideTransferAnswer(r: TransferAnswerRequest): { ok: true } | { ok: false; reason: TransferAnswerRefusal } {
  if (r.outcome !== null) return { ok: false, reason: 'used' };
  if (r.now >= r.expiresAt) return { ok: false, reason: 'expired' };
  const out = transition(r.status, 'transfer-out', contextOf(r.session, r.now));
  if (!out.ok) return { ok: false, reason: out.reason === 'closed' ? 'closed' : 'not-active' };
  if (r.session.status !== 'scheduled') return { ok: false, reason: 'not-active' };
  if (existingPlaceRefusal(r.colleaguePlace)) return { ok: false, reason: 'already-on-session' };
  if (!withinCourseLimit(r.heldOnCourse, r.placesPerPerson)) return { ok: false, reason: 'course-limit' };
  return { ok: true };
}

// ---------------------------------------------------------------------------------------
// A line manager's approval.
//
// Policy source: the Skills Matrix training issue, "A course can require a line manager's
// approval": the practitioner names their manager's work e-mail when booking; the manager
// approves or declines from an e-mailed single-use link that needs no account; the place is
// held as "awaiting approval" for 5 working days, then released to the waiting list. Working
// days are Monday to Friday except bank holidays in England and Wales (working-days.ts).
// The portal's reading: the hold never runs past the booking cut-off, and on a full session
// the person joins the waiting list and their manager is asked when a seat comes free for
// them (the seat is then held for the manager, not offered to the person).

/** How many working days a seat is held while the line manager is asked. */
export const APPROVAL_WORKING_DAYS = 5;

/** The changes only places on a course that needs approval go through. */
export type ApprovalAction = 'ask-approval' | 'approve' | 'approval-decline' | 'approval-expire';

/**
 * Until when a seat is held for a manager's answer asked for at `now`: the end of the fifth
 * working day after today, or the booking cut-off if that comes first (the start, for a seat
 * given up after the cut-off). Null when no hold can be made now.
 * @example approvalExpiry(session, Monday 30 November 2026 10:00) // the end of Monday 7 December 2026
 */
export function approvalExpiry(session: SessionTimes, now: number, { untilStart = false } = {}): number | null {
  const closes = untilStart ? session.startsAt : cutoffOf(session);
  if (session.status !== 'scheduled' || now >= closes) return null;
  const end = Math.floor(endOfWorkingDays(new Date(now * 1000), APPROVAL_WORKING_DAYS).getTime() / 1000);
  return Math.min(end, closes);
}

export type ApprovalBookingDecision = BookingDecision | { ok: true; to: 'awaiting-approval'; event: 'approval-requested'; holdUntil: number };

/**
 * decideBooking for a course that may need a line manager's approval: where the person would
 * get a seat, the seat is held for the manager's answer instead (until approvalExpiry). The
 * waiting list and every refusal are as decideBooking says.
 */
export function decideBookingWithApproval(r: BookingRequest & { requiresApproval: boolean }): ApprovalBookingDecision {
  const decision = decideBooking(r);
  if (!decision.ok || decision.to !== 'booked' || !r.requiresApproval) return decision;
  const holdUntil = approvalExpiry(r.session, r.now);
  if (holdUntil === null) return { ok: false, reason: 'closed' };
  return { ok: true, to: 'awaiting-approval', event: 'approval-requested', holdUntil };
}

/** What an approval action does to a place in `status` (through `transition`). */
function approvalTransition(status: BookingStatus, action: ApprovalAction, ctx: PlaceContext): Transition {
  if (action === 'ask-approval') {
    // The seat itself is checked by the statement that holds it.
    if (status !== 'waiting') return { ok: false, reason: 'not-active' };
    return step(status, 'awaiting-approval', 'approval-requested');
  }
  if (status !== 'awaiting-approval') return { ok: false, reason: 'not-active' };
  const runOut = (ctx.offerExpiresAt ?? 0) <= ctx.now;
  if (action === 'approval-expire') return runOut ? step(status, 'expired', 'approval-expired') : { ok: false, reason: 'not-active' };
  if (runOut) return { ok: false, reason: 'expired' };
  return action === 'approve' ? step(status, 'booked', 'approved') : step(status, 'declined', 'approval-declined');
}

export type ApprovalAnswerRefusal = 'used' | 'expired' | 'not-active';

/**
 * Whether a manager's link can still be answered: once only (an answered or run-out request
 * says so), until the hold ends, and only while the place is still awaiting approval (not
 * cancelled by the person or with its session).
 */
export function decideApprovalAnswer(r: { now: number; outcome: string | null; expiresAt: number; status: BookingStatus }): { ok: true } | { ok: false; reason: ApprovalAnswerRefusal } {
  if (r.outcome === 'expired') return { ok: false, reason: 'expired' };
  if (r.outcome === 'withdrawn') return { ok: false, reason: 'not-active' };
  if (r.outcome !== null) return { ok: false, reason: 'used' };
  if (r.status !== 'awaiting-approval') return { ok: false, reason: 'not-active' };
  if (r.now >= r.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/**
 * True when a hold ends at midnight in London, so it is shown as the day it runs to the end
 * of ("until 7 December 2026"); a hold cut short by the booking cut-off is shown with its time.
 */
export function holdEndsOnDay(expiresAt: number): boolean {
  return LONDON_CLOCK.format(new Date(expiresAt * 1000)) === '00:00';
}

const LONDON_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
