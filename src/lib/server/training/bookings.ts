/**
 * Places on training sessions: booking, the waiting list, offers, cancelling, attendance.
 * Each function reads the facts inside one write transaction, asks the place state machine
 * (src/lib/domain/training/places.ts) what happens, and writes the answer through the
 * training repository. Bookings that arrive together share one transaction (bookPlace).
 *
 * Rules that never break:
 * - No session is overbooked. Every change runs in one write transaction (BEGIN IMMEDIATE,
 *   so one writer at a time across every instance sharing the database), and every change
 *   that takes a seat goes through the repository's seat guard (`takeSeats`): one
 *   conditional statement that writes nothing unless the seats fit. Nothing outside the
 *   database happens inside the transaction: e-mails go to the outbox in the same
 *   transaction and are sent later.
 * - One place per person per session: a unique index on (session, person).
 * - First come, first served: while anyone is waiting, a newcomer joins the queue even if a
 *   seat has just freed up, because that seat is being offered to the first person waiting.
 * - Seats set aside for an organisation go only to its members until their release date
 *   (lib/domain/training/reserved-seats.ts); the seat guard enforces it with the capacity.
 *   Releases happen on the server's timer, and before any booking on the session, and the
 *   freed seats are offered to the waiting list at once.
 *   Bookings written in one group are decided in the order they arrived.
 * - Every change is recorded in booking_events with who did it and when.
 *
 * Times are integer seconds since the Unix epoch; `now` is a parameter so tests control it.
 */
import { nowSeconds } from '../../time.ts';
import { isRetryableWriteError, type PortalDb, type Tx } from '../../../../db/client.ts';
import type { SessionForm } from '../../domain/training/forms.ts';
import { ACTIVE_STATUSES, type BookingEvent, type BookingStatus } from '../../domain/training/model.ts';
import {
  OFFER_HOURS,
  REMINDER_HOURS,
  approvalExpiry,
  changesCalendar,
  contextOf,
  cutoffOf,
  decideBooking,
  decideBookingWithApproval,
  existingPlaceRefusal,
  offerExpiry,
  queueOrder,
  organisationKey,
  placesCountingTowardsLimit,
  reminderDue,
  reminderWindow,
  transition,
  type BookRefusal,
} from '../../domain/training/places.ts';
import { chooseOffers, releaseDue, reservationOutlivingBooking, reservedLeftByKey, reservedLeftFor, seatPicture, type SeatPicture } from '../../domain/training/reserved-seats.ts';
import type { Email } from '../outbox.ts';
import { groupWrites, type Settled } from '../write-groups.ts';
import { runsBooking, runsCourseById, runsSession } from './ownership.ts';
import { askManagers } from './approval-requests.ts';
import {
  changePlaces,
  closeApprovalsOf,
  countQueuePositions,
  endReservations,
  insertSession,
  markReminded,
  markSessionCancelled,
  queueTrainingEmails,
  readBooking,
  readBookingsInState,
  readBookingsOn,
  readPeople,
  readPlacesOfPeople,
  readReservations,
  readReservationsDue,
  readSeatCounts,
  readSession,
  readSessionTrainers,
  readSessions,
  recordEvents,
  recordReservationEvents,
  reminderCandidates,
  sessionWhere,
  setManagerEmail,
  takeSeats,
  updateSessionIfSeatsFit,
  upsertWaitingPlace,
  type BookingRecord,
  type NewEvent,
  type PersonRecord,
  type Reader,
  type SeatCount,
  type SessionWithCourse,
} from './repository.ts';
import { approvalExpiredEmail, bookingConfirmedEmail, lateCancellationEmail, offerEmail, reminderEmail, sessionCancelledEmail, sessionChangedEmail } from './emails.ts';

// The time rules live in the domain; these names stay here for the pages and tests that use them.
export { OFFER_HOURS, REMINDER_HOURS, cutoffOf };

export interface TrainingSettings {
  /** The portal's public address, for links in e-mails. */
  baseUrl: string;
  offerHours?: number;
}

const links = (settings: TrainingSettings) => ({
  bookings: `${settings.baseUrl}/account/bookings`,
  ics: (bookingId: number) => `${settings.baseUrl}/account/bookings/${bookingId}.ics`,
  course: (slug: string) => `${settings.baseUrl}/training/${slug}/`,
  session: (sessionId: number) => `${settings.baseUrl}/trainer/sessions/${sessionId}`,
});

/** Builds one e-mail per place, to its holder, reading everyone in one query. */
async function emailsTo<P extends { userId: number }>(tx: Tx, places: readonly P[], build: (to: PersonRecord, place: P) => Email): Promise<Email[]> {
  const people = await readPeople(tx, places.map((p) => p.userId));
  return places.map((p) => build(people.get(p.userId)!, p));
}

/** Seats held on a session right now. */
export async function seatsTaken(db: Tx | PortalDb['db'], sessionId: number): Promise<number> {
  return (await readSeatCounts(db, [sessionId])).get(sessionId)!.held;
}

/** Each session's seat counts and its seats set aside, as one picture per session (two queries). */
export async function readSeatPictures(db: Reader, sessions: readonly { id: number; capacity: number }[], now: number): Promise<Map<number, { picture: SeatPicture; counts: SeatCount }>> {
  const ids = sessions.map((s) => s.id);
  const [counts, reservations] = await Promise.all([readSeatCounts(db, ids), readReservations(db, ids)]);
  return new Map(
    sessions.map((s) => {
      const c = counts.get(s.id)!;
      return [s.id, { counts: c, picture: seatPicture({ capacity: s.capacity, heldBy: c.heldBy, reservations: reservations.get(s.id)!, now }) }];
    }),
  );
}

/**
 * Offers free seats on `sessions` to the people waiting, in queue order, one seat each: a
 * seat set aside for an organisation only to its members, an open seat to anyone, until the
 * seats or the queue run out (reserved-seats.ts `chooseOffers`). No offers once booking has
 * closed (nobody could accept), except that a seat given up after the cut-off may be offered
 * until the start. On a course that needs approval, the seat is held
 * for the line manager the person named when they joined the queue, who is asked at once
 * (places queued before the course needed approval, with no manager named, are offered as
 * usual). Returns how many seats went to people waiting, either way.
 */
export async function offerFreeSeats(tx: Tx, sessions: readonly SessionWithCourse[], now: number, settings: TrainingSettings, { untilStart = false } = {}): Promise<number> {
  const open = sessions.flatMap((session) => {
    const expires = offerExpiry(session, now, { untilStart, hours: settings.offerHours ?? OFFER_HOURS });
    return expires === null ? [] : [{ session, expires }];
  });
  if (!open.length) return 0;
  const ids = open.map((o) => o.session.id);
  const [pictures, waiting] = await Promise.all([readSeatPictures(tx, open.map((o) => o.session), now), readBookingsOn(tx, ids, ['waiting'])]);
  const offers = open.flatMap(({ session, expires }) => {
    const { picture } = pictures.get(session.id)!;
    return chooseOffers(
      waiting.filter((w) => w.sessionId === session.id).sort(queueOrder),
      picture.openFree,
      reservedLeftByKey(picture),
    ).flatMap((place) => {
      const managerEmail = session.requiresApproval ? place.managerEmail : null;
      const until = managerEmail === null ? expires : approvalExpiry(session, now, { untilStart });
      const step = transition(place.status, managerEmail === null ? 'offer' : 'ask-approval', contextOf(session, now));
      return step.ok && until !== null ? [{ place, session, expires: until, to: step.to, managerEmail }] : [];
    });
  });
  const taken = new Set(await takeSeats(tx, offers.map((o) => ({ id: o.place.id, sessionId: o.session.id, to: o.to, offerExpiresAt: o.expires })), { now, raiseSequence: true }));
  const held = offers.filter((o) => taken.has(o.place.id));
  await askManagers(
    tx,
    held.flatMap((o) => (o.managerEmail === null ? [] : [{ place: { ...o.place, managerEmail: o.managerEmail }, session: o.session, expiresAt: o.expires, fromWaitingList: true }])),
    now,
    settings.baseUrl,
  );
  const made = held.filter((o) => o.managerEmail === null);
  await recordEvents(tx, made.map((o) => ({ bookingId: o.place.id, event: 'offered', actorId: null, detail: `Offer open until ${o.expires}` })), now);
  await queueTrainingEmails(tx, await emailsTo(tx, made.map((o) => ({ ...o, userId: o.place.userId })), (to, o) => offerEmail(to, o.session, o.expires, links(settings).bookings)));
  return held.length;
}

/**
 * Ends offers that were not taken up in time (on the sessions given, or everywhere), and
 * offers their seats to the next people waiting.
 */
async function expireOffersIn(tx: Tx, sessionIds: readonly number[] | null, now: number, settings: TrainingSettings): Promise<number> {
  const offered = await readBookingsInState(tx, 'offered', sessionIds === null ? undefined : sessionWhere.ids(sessionIds));
  const due = offered.flatMap((place) => {
    const step = transition(place.status, 'expire', contextOf(place.session, now, place.offerExpiresAt));
    return step.ok && step.event ? [{ place, to: step.to, event: step.event }] : [];
  });
  const expired = new Set(await changePlaces(tx, due.map((d) => ({ id: d.place.id, to: d.to })), { from: ['offered'], now, raiseSequence: true }));
  const done = due.filter((d) => expired.has(d.place.id));
  if (!done.length) return 0;
  await recordEvents(tx, done.map((d) => ({ bookingId: d.place.id, event: d.event, actorId: null })), now);
  const affected = await readSessions(tx, sessionWhere.ids([...new Set(done.map((d) => d.place.sessionId))]));
  await offerFreeSeats(tx, affected, now, settings);
  return done.length;
}

/**
 * Ends holds for a line manager's approval that ran out unanswered (on the sessions given,
 * or everywhere): the place expires, its link stops working, the person is e-mailed, and the
 * seat goes to the next person waiting, as for any other freed seat.
 */
export async function expireApprovalsIn(tx: Tx, sessionIds: readonly number[] | null, now: number, settings: TrainingSettings): Promise<number> {
  const held = await readBookingsInState(tx, 'awaiting-approval', sessionIds === null ? undefined : sessionWhere.ids(sessionIds));
  const due = held.flatMap((place) => {
    const step = transition(place.status, 'approval-expire', contextOf(place.session, now, place.offerExpiresAt));
    return step.ok && step.event ? [{ place, to: step.to, event: step.event }] : [];
  });
  const expired = new Set(await changePlaces(tx, due.map((d) => ({ id: d.place.id, to: d.to })), { from: ['awaiting-approval'], now, raiseSequence: true }));
  const done = due.filter((d) => expired.has(d.place.id)).map((d) => d.place);
  if (!done.length) return 0;
  await closeApprovalsOf(tx, done.map((p) => p.id), 'expired', now);
  await recordEvents(tx, done.map((p) => ({ bookingId: p.id, event: 'approval-expired', actorId: null, detail: `No answer from ${p.managerEmail ?? 'the line manager'}` })), now);
  const affected = await readSessions(tx, sessionWhere.ids([...new Set(done.map((p) => p.sessionId))]));
  const byId = new Map(affected.map((s) => [s.id, s]));
  await queueTrainingEmails(tx, await emailsTo(tx, done, (to, p) => approvalExpiredEmail(to, byId.get(p.sessionId)!, p.managerEmail ?? 'your line manager', links(settings).course(byId.get(p.sessionId)!.courseSlug))));
  await offerFreeSeats(tx, affected, now, settings);
  return done.length;
}

/**
 * Releases reservations whose release moment has come (on the sessions given, or
 * everywhere): each is recorded as released in its history, its seats join the open pool,
 * and the free seats are offered to the waiting list at once.
 */
async function releaseReservationsIn(tx: Tx, sessionIds: readonly number[] | null, now: number, settings: TrainingSettings): Promise<number> {
  const due = (await readReservationsDue(tx, sessionIds, now)).filter((r) => releaseDue(r, now));
  const released = new Set(await endReservations(tx, due.map((r) => r.id), 'released', now));
  const done = due.filter((r) => released.has(r.id));
  if (!done.length) return 0;
  await recordReservationEvents(tx, done.map((r) => ({ reservationId: r.id, event: 'released', actorId: null, detail: `${r.seats === 1 ? '1 place' : `${r.seats} places`} for ${r.organisation} joined the open places` })), now);
  await offerFreeSeats(tx, await readSessions(tx, sessionWhere.ids([...new Set(done.map((r) => r.sessionId))])), now, settings);
  return done.length;
}

/**
 * Runs from the server's timer: releases reserved seats whose date has come (offering them
 * to the waiting list) and expires late offers everywhere. Returns the offers expired.
 */
export async function expireOffers(portal: PortalDb, settings: TrainingSettings, now = nowSeconds()): Promise<number> {
  return portal.write(async (tx) => {
    await releaseReservationsIn(tx, null, now, settings);
    return expireOffersIn(tx, null, now, settings);
  });
}

/** Runs from the server's timer too: releases reserved seats whose date has come; returns how many reservations were released. */
export async function releaseReservations(portal: PortalDb, settings: TrainingSettings, now = nowSeconds()): Promise<number> {
  return portal.write((tx) => releaseReservationsIn(tx, null, now, settings));
}

/** Runs from the server's timer beside expireOffers: ends holds for approval that ran out, everywhere. */
export async function expireApprovals(portal: PortalDb, settings: TrainingSettings, now = nowSeconds()): Promise<number> {
  return portal.write((tx) => expireApprovalsIn(tx, null, now, settings));
}

export type BookResult =
  | { ok: true; bookingId: number; status: 'booked' }
  | { ok: true; bookingId: number; status: 'awaiting-approval'; holdUntil: number }
  | { ok: true; bookingId: number; status: 'waiting'; position: number }
  | { ok: false; reason: 'not-found' | 'manager-needed' | BookRefusal };

/** One person asking for a place, as queued for the next group of bookings. */
interface BookingAsk {
  sessionId: number;
  userId: number;
  /** The line manager to ask, on a course that needs approval. */
  managerEmail: string | undefined;
  now: number;
  settings: TrainingSettings;
}

/**
 * The most bookings written in one transaction. A group's answers go out when it commits,
 * so a smaller group answers its first requests sooner; a larger one shares each fsync more.
 */
export const BOOKING_GROUP_MAX = 50;

const bookingQueues = new WeakMap<PortalDb, (ask: BookingAsk) => Promise<BookResult>>();

/**
 * Books a place, or a place on the waiting list when the session is full (or others are
 * already waiting). Requests that arrive while others are being written wait and are then
 * written together, in arrival order, in one transaction (see writeBookings). The domain
 * decides each from what that transaction reads; the seat itself is taken through the seat
 * guard, so neither a race nor a second instance (with a queue of its own) can overbook.
 * On a course that needs approval, `managerEmail` (checked by checkManagerEmail) is required
 * and the seat is held as awaiting approval while that manager is asked.
 */
export function bookPlace(
  portal: PortalDb,
  { sessionId, userId, managerEmail, now = nowSeconds() }: { sessionId: number; userId: number; managerEmail?: string | undefined; now?: number },
  settings: TrainingSettings,
): Promise<BookResult> {
  let queue = bookingQueues.get(portal);
  if (!queue) {
    queue = groupWrites((asks: readonly BookingAsk[]) => portal.write((tx) => writeBookings(tx, asks)), {
      maxGroup: BOOKING_GROUP_MAX,
      // One clock reading and one set of settings per group: offers expire once, as of `now`.
      together: (first, next) => next.now === first.now && next.settings.baseUrl === first.settings.baseUrl && next.settings.offerHours === first.settings.offerHours,
    });
    bookingQueues.set(portal, queue);
  }
  return queue({ sessionId, userId, managerEmail, now, settings });
}

/**
 * Writes a group of booking requests in the caller's transaction. First the whole group, in
 * one savepoint, with each request's history and e-mail written together at the end (the
 * fewest statements). If any write fails, that savepoint is rolled back and the group is
 * written again with a savepoint per request, so the request that fails is rolled back
 * alone and gets its own error while the others carry on. Errors that mean another writer
 * holds the lock are not caught: `portal.write` retries the whole transaction.
 */
async function writeBookings(tx: Tx, asks: readonly BookingAsk[]): Promise<Settled<BookResult>[]> {
  try {
    return await tx.transaction((sp) => bookGroup(sp, asks, { isolate: false }));
  } catch (error) {
    if (isRetryableWriteError(error)) throw error;
    return bookGroup(tx, asks, { isolate: true });
  }
}

/** What one request writes besides its place: its history entry and, when seated, its e-mail. */
interface PlaceRecords {
  event: NewEvent;
  email: Email | null;
}

/** What a request's writes left: its place, in the state it holds. */
type WrittenPlace = { bookingId: number; status: 'booked' | 'waiting' } | { bookingId: number; status: 'awaiting-approval'; holdUntil: number };

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * Decides and writes a group of booking requests, first come first served. What the
 * decisions need is read once for the whole group (the sessions, their seat counts and seats
 * set aside, each person's places on those courses, who they are), after due reservations
 * are released and late offers and approval holds on those sessions are passed on; then each
 * request in turn is decided by the domain from those facts, as the requests before it left
 * them, and written: its place, and its seat through the seat guard.
 * With `isolate`, each request is written in a savepoint of its own with its history and
 * e-mail (all or none of them); a request whose writes fail gets its own error. Without it,
 * a failure is thrown, and histories and e-mails are written for the whole group at the end.
 */
async function bookGroup(tx: Tx, asks: readonly BookingAsk[], { isolate }: { isolate: boolean }): Promise<Settled<BookResult>[]> {
  const { now, settings } = asks[0]!;
  const results: (Settled<BookResult> | undefined)[] = asks.map(() => undefined);
  const answer = (i: number, value: BookResult) => (results[i] = { ok: true, value });
  const sessions = new Map((await readSessions(tx, sessionWhere.ids([...new Set(asks.map((a) => a.sessionId))]))).map((s) => [s.id, s]));
  asks.forEach((ask, i) => {
    const session = sessions.get(ask.sessionId);
    const early = session && decideBooking({ now, session, existing: null, seatsHeld: 0, othersWaiting: 0, heldOnCourse: 0, placesPerPerson: 1 });
    if (!early) answer(i, { ok: false, reason: 'not-found' });
    else if (!early.ok && (early.reason === 'cancelled' || early.reason === 'closed')) answer(i, { ok: false, reason: early.reason });
    else if (session.requiresApproval && !ask.managerEmail) answer(i, { ok: false, reason: 'manager-needed' });
  });
  const open = asks.flatMap((ask, i) => (results[i] ? [] : [{ ask, i, session: sessions.get(ask.sessionId)! }]));
  if (!open.length) return results as Settled<BookResult>[];

  const sessionIds = [...new Set(open.map((o) => o.session.id))];
  await releaseReservationsIn(tx, sessionIds, now, settings);
  await expireOffersIn(tx, sessionIds, now, settings);
  await expireApprovalsIn(tx, sessionIds, now, settings);
  const userIds = open.map((o) => o.ask.userId);
  const [counts, reservations, places, people] = await Promise.all([
    readSeatCounts(tx, sessionIds),
    readReservations(tx, sessionIds),
    readPlacesOfPeople(tx, userIds, open.map((o) => o.session.courseId)),
    readPeople(tx, userIds),
  ]);

  const waitlisted: { i: number; bookingId: number }[] = [];
  const records: PlaceRecords[] = [];
  for (const { ask, i, session } of open) {
    const { userId, sessionId, managerEmail } = ask;
    const seats = counts.get(sessionId)!;
    const picture = seatPicture({ capacity: session.capacity, heldBy: seats.heldBy, reservations: reservations.get(sessionId) ?? [], now });
    const myKey = organisationKey(people.get(userId)?.organisation ?? '');
    const onCourse = places.filter((p) => p.userId === userId && p.session.courseId === session.courseId);
    const existing = onCourse.find((p) => p.sessionId === sessionId);
    const waitingMe = existing?.status === 'waiting' ? 1 : 0;
    const decision = decideBookingWithApproval({
      now,
      session,
      requiresApproval: session.requiresApproval,
      existing: existing?.status ?? null,
      seatsHeld: seats.held,
      othersWaiting: seats.waiting - waitingMe,
      heldOnCourse: placesCountingTowardsLimit(onCourse, sessionId, now),
      placesPerPerson: session.placesPerPerson,
      reservedLeft: picture.reserved.reduce((a, r) => a + r.left, 0),
      reservedForMe: reservedLeftFor(picture, myKey),
      othersWaitingFromMyOrganisation: (seats.waitingBy.get(myKey) ?? 0) - waitingMe,
    });
    if (!decision.ok) {
      answer(i, { ok: false, reason: decision.reason });
      continue;
    }
    const write = async (db: Tx): Promise<WrittenPlace | undefined> => {
      const bookingId = await upsertWaitingPlace(db, { sessionId, userId, organisationKey: myKey, now });
      if (bookingId === undefined) return undefined;
      if (session.requiresApproval && managerEmail) {
        await setManagerEmail(db, bookingId, managerEmail);
        if (decision.to === 'awaiting-approval' && (await takeSeats(db, [{ id: bookingId, sessionId, to: decision.to, offerExpiresAt: decision.holdUntil }], { now, raiseSequence: false })).length === 1) {
          await askManagers(db, [{ place: { id: bookingId, userId, managerEmail }, session, expiresAt: decision.holdUntil, fromWaitingList: false }], now, settings.baseUrl);
          return { bookingId, status: 'awaiting-approval', holdUntil: decision.holdUntil };
        }
      }
      const seated = decision.to === 'booked' && (await takeSeats(db, [{ id: bookingId, sessionId, to: 'booked' }], { now, raiseSequence: false })).length === 1;
      const placed: PlaceRecords = {
        event: { bookingId, event: seated ? 'booked' : 'waitlisted', actorId: userId },
        email: seated ? bookingConfirmedEmail(people.get(userId)!, session, links(settings).ics(bookingId), links(settings).bookings) : null,
      };
      if (isolate) await writeRecords(db, [placed], now);
      else records.push(placed);
      return { bookingId, status: seated ? 'booked' : 'waiting' };
    };
    let written: Awaited<ReturnType<typeof write>>;
    if (!isolate) written = await write(tx);
    else {
      try {
        written = await tx.transaction(write);
      } catch (error) {
        if (isRetryableWriteError(error)) throw error;
        results[i] = { ok: false, error };
        continue;
      }
    }
    if (!written) {
      answer(i, { ok: false, reason: existingPlaceRefusal(existing?.status ?? 'booked') ?? 'already-booked' });
      continue;
    }
    // The requests after this one see the place it now holds, as they would have in a
    // transaction of their own.
    const { status, bookingId } = written;
    if (status === 'waiting') {
      seats.waiting++;
      bump(seats.waitingBy, myKey);
    } else {
      seats.held++;
      bump(seats.heldBy, myKey);
      if (status === 'awaiting-approval') seats.awaitingApproval++;
    }
    if (existing) Object.assign(existing, { id: bookingId, status, queuedAt: now, organisationKey: myKey });
    else places.push(newPlace(ask, session, bookingId, status, myKey));
    if (written.status === 'awaiting-approval') answer(i, { ok: true, bookingId, status: 'awaiting-approval', holdUntil: written.holdUntil });
    else if (written.status === 'booked') answer(i, { ok: true, bookingId, status: 'booked' });
    else waitlisted.push({ i, bookingId });
  }
  await writeRecords(tx, records, now);

  // Positions are counted once every place of the group is in its queue.
  const positions = await countQueuePositions(tx, waitlisted.map((w) => w.bookingId));
  for (const { i, bookingId } of waitlisted) answer(i, { ok: true, bookingId, status: 'waiting', position: positions.get(bookingId) ?? 1 });
  return results as Settled<BookResult>[];
}

/** Writes places' history entries and e-mails, one statement each. */
async function writeRecords(tx: Tx, records: readonly PlaceRecords[], now: number): Promise<void> {
  if (!records.length) return;
  await recordEvents(tx, records.map((r) => r.event), now);
  await queueTrainingEmails(tx, records.flatMap((r) => (r.email ? [r.email] : [])));
}

/** A new place as the requests after it in a group see it. */
function newPlace(ask: BookingAsk, session: SessionWithCourse, id: number, status: BookingStatus, organisationKey: string): BookingRecord & { session: SessionWithCourse } {
  return { id, sessionId: ask.sessionId, userId: ask.userId, status, queuedAt: ask.now, offerExpiresAt: null, reminderSentAt: null, lateCancelReason: null, managerEmail: ask.managerEmail ?? null, sequence: 0, organisationKey, session };
}

export type ChangeResult = { ok: true } | { ok: false; reason: 'not-found' | 'closed' | 'not-active' | 'expired' | 'full' | 'not-started' | 'forbidden' };

/** One place of a person, with its session, read inside the transaction. */
async function placeOf(tx: Tx, bookingId: number, userId?: number) {
  const place = await readBooking(tx, bookingId, userId);
  if (!place) return undefined;
  const session = (await readSession(tx, place.sessionId))!;
  return { place, session };
}

/**
 * Gives up a place or leaves the waiting list (or declines an offer). A booked place can be
 * given up until the cut-off; the freed seat is offered to the first person waiting.
 */
export async function cancelPlace(
  portal: PortalDb,
  { bookingId, userId, now = nowSeconds() }: { bookingId: number; userId: number; now?: number },
  settings: TrainingSettings,
): Promise<ChangeResult> {
  return portal.write(async (tx): Promise<ChangeResult> => {
    const found = await placeOf(tx, bookingId, userId);
    if (!found) return { ok: false, reason: 'not-found' };
    const { place, session } = found;
    const step = transition(place.status, 'cancel', contextOf(session, now));
    if (!step.ok) return { ok: false, reason: step.reason === 'closed' ? 'closed' : 'not-active' };
    const changed = await changePlaces(tx, [{ id: bookingId, to: step.to }], { from: [place.status], now, raiseSequence: true });
    if (!changed.length) return { ok: false, reason: 'not-active' };
    if (step.event) await recordEvents(tx, [{ bookingId, event: step.event, actorId: userId }], now);
    // The manager's link stops working once the place it asks about has ended.
    if (place.status === 'awaiting-approval') await closeApprovalsOf(tx, [bookingId], 'withdrawn', now);
    if (step.freesSeat) await offerFreeSeats(tx, [session], now, settings);
    return { ok: true };
  });
}

export type LateCancelResult = { ok: true; offered: boolean } | { ok: false; reason: 'not-found' | 'not-active' | 'not-late' | 'started' | 'no-reason' };

/** Longest reason a person can give for giving up a place late. */
export const LATE_REASON_MAX = 500;

/**
 * Gives up a booked place after the cut-off, with a reason, up to the start of the session.
 * The place ends and the reason is kept on it and in its history; the seat is offered to
 * the first person waiting (their offer lasts until the session starts at the latest); and
 * the course's owner and co-trainers are e-mailed, all in one transaction.
 */
export async function cancelPlaceLate(
  portal: PortalDb,
  { bookingId, userId, reason, now = nowSeconds() }: { bookingId: number; userId: number; reason: string; now?: number },
  settings: TrainingSettings,
): Promise<LateCancelResult> {
  const why = reason.trim();
  if (!why || why.length > LATE_REASON_MAX) return { ok: false, reason: 'no-reason' };
  return portal.write(async (tx): Promise<LateCancelResult> => {
    const found = await placeOf(tx, bookingId, userId);
    if (!found) return { ok: false, reason: 'not-found' };
    const { place, session } = found;
    if (session.status !== 'scheduled') return { ok: false, reason: 'not-active' };
    const step = transition(place.status, 'cancel-late', contextOf(session, now));
    if (!step.ok) return { ok: false, reason: step.reason === 'not-late' || step.reason === 'started' ? step.reason : 'not-active' };
    const changed = await changePlaces(tx, [{ id: bookingId, to: step.to, lateCancelReason: why }], { from: ['booked'], now, raiseSequence: true });
    if (!changed.length) return { ok: false, reason: 'not-active' };
    await recordEvents(tx, [{ bookingId, event: 'cancelled-late', actorId: userId, detail: why }], now);
    const offered = (await offerFreeSeats(tx, [session], now, settings, { untilStart: true })) > 0;
    const [who, trainers] = await Promise.all([readPeople(tx, [userId]), readSessionTrainers(tx, session.courseId, session.courseOwnerId)]);
    const person = who.get(userId)!;
    await queueTrainingEmails(
      tx,
      trainers.map((t) => lateCancellationEmail(t, session, { name: person.name, organisation: person.organisation }, why, `${links(settings).session(session.id)}#ended`, offered)),
    );
    return { ok: true, offered };
  });
}

/** Takes up an offered seat, if the offer is still open. */
export async function acceptOffer(
  portal: PortalDb,
  { bookingId, userId, now = nowSeconds() }: { bookingId: number; userId: number; now?: number },
  settings: TrainingSettings,
): Promise<ChangeResult> {
  return portal.write(async (tx): Promise<ChangeResult> => {
    const found = await placeOf(tx, bookingId, userId);
    if (!found) return { ok: false, reason: 'not-found' };
    const { place, session } = found;
    const step = transition(place.status, 'accept', contextOf(session, now, place.offerExpiresAt));
    if (!step.ok) {
      if (step.reason === 'expired') await expireOffersIn(tx, [session.id], now, settings);
      return { ok: false, reason: step.reason === 'expired' ? 'expired' : 'not-active' };
    }
    // The seat is already held by the offer, so accepting does not go through the seat guard.
    const changed = await changePlaces(tx, [{ id: bookingId, to: step.to }], { from: ['offered'], now, raiseSequence: false });
    if (!changed.length) return { ok: false, reason: 'not-active' };
    if (step.event) await recordEvents(tx, [{ bookingId, event: step.event, actorId: userId, detail: 'Accepted an offer from the waiting list' }], now);
    await queueTrainingEmails(tx, await emailsTo(tx, [place], (to) => bookingConfirmedEmail(to, session, links(settings).ics(bookingId), links(settings).bookings)));
    return { ok: true };
  });
}

/** A trainer who runs the course moves someone from the waiting list into a free seat. */
export async function moveFromWaitingList(
  portal: PortalDb,
  { bookingId, actorId, now = nowSeconds() }: { bookingId: number; actorId: number; now?: number },
  settings: TrainingSettings,
): Promise<ChangeResult> {
  return portal.write(async (tx): Promise<ChangeResult> => {
    const found = await placeOf(tx, bookingId);
    if (!found) return { ok: false, reason: 'not-found' };
    if (!(await runsBooking(tx, actorId, bookingId))) return { ok: false, reason: 'forbidden' };
    const { place, session } = found;
    const step = transition(place.status, 'move', contextOf(session, now));
    if (!step.ok || !step.event) return { ok: false, reason: 'not-active' };
    const moved = await takeSeats(tx, [{ id: bookingId, sessionId: session.id, to: step.to }], { now, raiseSequence: true });
    if (!moved.length) return { ok: false, reason: 'full' };
    await recordEvents(tx, [{ bookingId, event: step.event, actorId, detail: 'Moved from the waiting list by a trainer' }], now);
    await queueTrainingEmails(tx, await emailsTo(tx, [place], (to) => bookingConfirmedEmail(to, session, links(settings).ics(bookingId), links(settings).bookings)));
    return { ok: true };
  });
}

/** Marks whether a booked person came. Only once the session has started, and only by a trainer who runs the course. */
export async function markAttendance(
  portal: PortalDb,
  { bookingId, attended, actorId, now = nowSeconds() }: { bookingId: number; attended: boolean; actorId: number; now?: number },
): Promise<ChangeResult> {
  return portal.write(async (tx): Promise<ChangeResult> => {
    const found = await placeOf(tx, bookingId);
    if (!found) return { ok: false, reason: 'not-found' };
    if (!(await runsBooking(tx, actorId, bookingId))) return { ok: false, reason: 'forbidden' };
    const { place, session } = found;
    const step = transition(place.status, attended ? 'attended' : 'no-show', contextOf(session, now));
    if (!step.ok) return { ok: false, reason: step.reason === 'not-started' ? 'not-started' : 'not-active' };
    if (!step.event) return { ok: true };
    await changePlaces(tx, [{ id: bookingId, to: step.to }], { from: [place.status], now, raiseSequence: false });
    await recordEvents(tx, [{ bookingId, event: step.event, actorId }], now);
    return { ok: true };
  });
}

/** A session's details as a trainer enters them (checked by checkSessionForm). */
export type SessionInput = SessionForm;

export type CreateSessionResult = { ok: true; id: number } | { ok: false; reason: 'forbidden' };

/** Creates a session of a course, if the actor runs the course. */
export async function createSession(portal: PortalDb, courseId: number, input: SessionInput, actorId: number, now = nowSeconds()): Promise<CreateSessionResult> {
  return portal.write(async (tx): Promise<CreateSessionResult> => {
    if (!(await runsCourseById(tx, actorId, courseId))) return { ok: false, reason: 'forbidden' };
    return { ok: true, id: await insertSession(tx, courseId, input, actorId, now) };
  });
}

export type UpdateSessionResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'cancelled' | 'capacity-below-booked' | 'forbidden'; booked?: number; setAside?: number }
  | { ok: false; reason: 'reservation-outlives-booking'; organisation: string; releaseAt: number };

/**
 * Changes a session. Lowering the capacity below the places already held plus those still set
 * aside for organisations is refused, and so is a new time or cut-off that would close booking
 * before places set aside are released; raising the capacity offers the new seats to the
 * waiting list. A change to time or place raises the
 * calendar sequence and tells everyone booked or waiting.
 */
export async function updateSession(
  portal: PortalDb,
  sessionId: number,
  input: SessionInput,
  actorId: number,
  settings: TrainingSettings,
  now = nowSeconds(),
): Promise<UpdateSessionResult> {
  return portal.write(async (tx): Promise<UpdateSessionResult> => {
    const before = await readSession(tx, sessionId);
    if (!before) return { ok: false, reason: 'not-found' };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    const moved = changesCalendar(before, input);
    // Places set aside must still be released while booking is open.
    const outliving = reservationOutlivingBooking((await readReservations(tx, [sessionId])).get(sessionId)!, input, now);
    if (outliving) return { ok: false, reason: 'reservation-outlives-booking', organisation: outliving.organisation, releaseAt: outliving.releaseAt };
    if (!(await updateSessionIfSeatsFit(tx, sessionId, input, moved, now))) {
      const { picture } = (await readSeatPictures(tx, [before], now)).get(sessionId)!;
      const setAside = picture.reserved.reduce((a, r) => a + r.left, 0);
      return { ok: false, reason: 'capacity-below-booked', booked: picture.held, ...(setAside > 0 ? { setAside } : {}) };
    }
    const after = (await readSession(tx, sessionId))!;
    if (moved) {
      const people = await readBookingsOn(tx, [sessionId], ACTIVE_STATUSES);
      await recordEvents(tx, people.map((p) => ({ bookingId: p.id, event: 'session-changed', actorId, detail: 'Time or place changed' })), now);
      await queueTrainingEmails(tx, await emailsTo(tx, people, (to, p) => sessionChangedEmail(to, after, links(settings).ics(p.id))));
    }
    await offerFreeSeats(tx, [after], now, settings);
    return { ok: true };
  });
}

/** Cancels a session (a trainer who runs the course): every place ends, and everyone booked, offered or waiting is told. */
export async function cancelSession(
  portal: PortalDb,
  { sessionId, reason, actorId, now = nowSeconds() }: { sessionId: number; reason: string; actorId: number; now?: number },
  settings: TrainingSettings,
): Promise<{ ok: true; notified: number } | { ok: false; reason: 'not-found' | 'cancelled' | 'forbidden' }> {
  return portal.write(async (tx) => {
    const session = await readSession(tx, sessionId);
    if (!session) return { ok: false as const, reason: 'not-found' as const };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false as const, reason: 'forbidden' as const };
    if (session.status === 'cancelled') return { ok: false as const, reason: 'cancelled' as const };
    await markSessionCancelled(tx, sessionId, reason, now);
    const steps = (await readBookingsOn(tx, [sessionId], ACTIVE_STATUSES)).flatMap((place) => {
      const step = transition(place.status, 'session-cancelled', contextOf(session, now));
      return step.ok && step.event ? [{ place, to: step.to, event: step.event }] : [];
    });
    const ended = new Set(await changePlaces(tx, steps.map((s) => ({ id: s.place.id, to: s.to })), { from: ACTIVE_STATUSES, now, raiseSequence: true }));
    const people = steps.filter((s) => ended.has(s.place.id)).map((s) => ({ ...s.place, event: s.event }));
    const after = (await readSession(tx, sessionId))!;
    await recordEvents(tx, people.map((p) => ({ bookingId: p.id, event: p.event, actorId, detail: reason })), now);
    await queueTrainingEmails(tx, await emailsTo(tx, people, (to, p) => sessionCancelledEmail(to, after, reason, links(settings).ics(p.id), links(settings).course(after.courseSlug))));
    return { ok: true as const, notified: people.length };
  });
}

/** Sends each booked person one reminder shortly before their session. */
export async function sendReminders(portal: PortalDb, settings: TrainingSettings, now = nowSeconds()): Promise<number> {
  return portal.write(async (tx) => {
    const candidates = (await readBookingsInState(tx, 'booked', reminderCandidates(reminderWindow(now)))).filter((p) => reminderDue(p.session, now));
    const reminded = new Set(await markReminded(tx, candidates.map((p) => p.id), now));
    const due = candidates.filter((p) => reminded.has(p.id));
    const sessions = new Map((await readSessions(tx, sessionWhere.ids([...new Set(due.map((p) => p.sessionId))]))).map((s) => [s.id, s]));
    await queueTrainingEmails(tx, await emailsTo(tx, due, (to, p) => reminderEmail(to, sessions.get(p.sessionId)!, links(settings).ics(p.id), links(settings).bookings)));
    return due.length;
  });
}

/** One line of a session's attendance register. */
export interface RegisterMark {
  bookingId: number;
  attended: boolean;
}

export type RegisterResult =
  | { ok: true; changed: number }
  | { ok: false; reason: 'not-found' | 'forbidden' | 'not-started' | 'cancelled' | 'empty' }
  | { ok: false; reason: 'not-on-register'; bookingId: number };

/**
 * Saves a session's attendance register in one go: each person marked attended or did not
 * attend. Every mark is checked before anything is written, and all are written in one
 * transaction with one history event per change, so a register is never half saved. Marks
 * that change nothing are skipped. Only a trainer who runs the course, once it has started.
 */
export async function markRegister(
  portal: PortalDb,
  { sessionId, marks, actorId, now = nowSeconds() }: { sessionId: number; marks: readonly RegisterMark[]; actorId: number; now?: number },
): Promise<RegisterResult> {
  return portal.write(async (tx): Promise<RegisterResult> => {
    const session = await readSession(tx, sessionId);
    if (!session) return { ok: false, reason: 'not-found' };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
    if (session.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    if (now < session.startsAt) return { ok: false, reason: 'not-started' };
    if (marks.length === 0) return { ok: false, reason: 'empty' };
    const statusOf = new Map((await readBookingsOn(tx, [sessionId])).map((b) => [b.id, b.status]));
    const steps: { bookingId: number; to: BookingStatus; event: BookingEvent }[] = [];
    for (const mark of marks) {
      const status = statusOf.get(mark.bookingId);
      if (status === undefined) return { ok: false, reason: 'not-on-register', bookingId: mark.bookingId };
      const step = transition(status, mark.attended ? 'attended' : 'no-show', contextOf(session, now));
      if (!step.ok) return { ok: false, reason: 'not-on-register', bookingId: mark.bookingId };
      if (step.event) steps.push({ bookingId: mark.bookingId, to: step.to, event: step.event });
    }
    await changePlaces(tx, steps.map((s) => ({ id: s.bookingId, to: s.to })), { from: ['booked', 'attended', 'no-show'], now, raiseSequence: false });
    const events: NewEvent[] = steps.map((s) => ({ bookingId: s.bookingId, event: s.event, actorId, detail: 'Marked on the register' }));
    await recordEvents(tx, events, now);
    return { ok: true, changed: steps.length };
  });
}
