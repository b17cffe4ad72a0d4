/**
 * Places on training sessions: booking, the waiting list, offers, cancelling, attendance.
 *
 * Rules that never break:
 * - No session is overbooked. Every change runs in one write transaction (BEGIN IMMEDIATE,
 *   so one writer at a time across every instance sharing the database), and the seat check
 *   and the write are one conditional statement. Nothing outside the database happens inside
 *   the transaction: e-mails go to the outbox in the same transaction and are sent later.
 * - One place per person per session: a unique index on (session, person).
 * - First come, first served: while anyone is waiting, a newcomer joins the queue even if a
 *   seat has just freed up, because that seat is being offered to the first person waiting.
 * - Every change is recorded in booking_events with who did it and when.
 *
 * Times are integer seconds since the Unix epoch; `now` is a parameter so tests control it.
 */
import { sql } from 'drizzle-orm';
import { nowSeconds } from '../../time.ts';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import type { BookingEvent, BookingStatus } from '../../../../db/schema.ts';
import type { SessionForm } from '../../domain/training/forms.ts';
import { COURSE_LIMIT_STATUSES, transition } from '../../domain/training/places.ts';
import { queueEmail } from '../outbox.ts';
import { runsBooking, runsCourseById, runsSession } from './ownership.ts';
import { bookingConfirmedEmail, lateCancellationEmail, offerEmail, sessionCancelledEmail, sessionChangedEmail, reminderEmail, type SessionForEmail } from './emails.ts';

/** How long a waiting-list offer holds a seat. */
export const OFFER_HOURS = 24;
/** Reminders go this long before a session starts. */
export const REMINDER_HOURS = 48;

export interface TrainingSettings {
  /** The portal's public address, for links in e-mails. */
  baseUrl: string;
  offerHours?: number;
}

const HOLDING = `('booked', 'offered', 'attended', 'no-show')`;
const ACTIVE = `('booked', 'offered', 'waiting')`;
const COURSE_LIMITED = `(${COURSE_LIMIT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * SQL that is true while person `userId` may take a place on session `s` (an alias in the
 * enclosing statement) under its course's places-per-person limit: the places they hold or
 * seek on the course's other upcoming sessions are fewer than the limit (withinCourseLimit).
 */
function withinCourseLimitSql(userId: number, now: number): string {
  return `(SELECT count(*) FROM bookings o JOIN training_sessions os ON os.id = o.session_id
            WHERE os.course_id = s.course_id AND os.id <> s.id AND os.status = 'scheduled' AND os.starts_at > ${Number(now)}
              AND o.user_id = ${Number(userId)} AND o.status IN ${COURSE_LIMITED})
          < max(1, (SELECT c.places_per_person FROM courses c WHERE c.id = s.course_id))`;
}

interface SessionRow extends SessionForEmail {
  id: number;
  status: 'scheduled' | 'cancelled';
  startsAt: number;
  cutoffHours: number;
  capacity: number;
  sequence: number;
}

async function loadSession(tx: Tx, sessionId: number): Promise<SessionRow | undefined> {
  const result = await tx.run(sql`
    SELECT s.id, s.status, s.starts_at, s.duration_minutes, s.cutoff_hours, s.capacity, s.sequence, s.mode, s.venue, s.district,
           c.title AS course_title, c.slug AS course_slug
    FROM training_sessions s JOIN courses c ON c.id = s.course_id
    WHERE s.id = ${sessionId}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    id: Number(r.id),
    status: String(r.status) as SessionRow['status'],
    startsAt: Number(r.starts_at),
    durationMinutes: Number(r.duration_minutes),
    cutoffHours: Number(r.cutoff_hours),
    capacity: Number(r.capacity),
    sequence: Number(r.sequence),
    mode: String(r.mode) as SessionRow['mode'],
    venue: String(r.venue),
    district: r.district === null ? null : String(r.district),
    courseTitle: String(r.course_title),
    courseSlug: String(r.course_slug),
  };
}

/** When booking and cancelling close for a session. */
export function cutoffOf(session: { startsAt: number; cutoffHours: number }): number {
  return session.startsAt - session.cutoffHours * 3600;
}

async function recordEvent(tx: Tx, bookingId: number, event: BookingEvent, actorId: number | null, now: number, detail = ''): Promise<void> {
  await tx.run(sql`INSERT INTO booking_events (booking_id, event, actor_id, detail, created_at) VALUES (${bookingId}, ${event}, ${actorId}, ${detail}, ${now})`);
}

async function person(tx: Tx, userId: number): Promise<{ email: string; name: string }> {
  const r = (await tx.run(sql`SELECT email, name FROM users WHERE id = ${userId}`)).rows[0]!;
  return { email: String(r.email), name: String(r.name) };
}

/** Seats held on a session right now. */
export async function seatsTaken(tx: Tx | PortalDb['db'], sessionId: number): Promise<number> {
  const r = await tx.run(sql.raw(`SELECT count(*) AS n FROM bookings WHERE session_id = ${Number(sessionId)} AND status IN ${HOLDING}`));
  return Number(r.rows[0]!.n);
}

/** A waiting person's place in the queue, 1 for the first. */
async function queuePosition(tx: Tx, bookingId: number): Promise<number> {
  const r = await tx.run(sql`
    SELECT count(*) AS n FROM bookings w, bookings me
    WHERE me.id = ${bookingId} AND w.session_id = me.session_id AND w.status = 'waiting'
      AND (w.queued_at < me.queued_at OR (w.queued_at = me.queued_at AND w.id <= me.id))`);
  return Number(r.rows[0]!.n);
}

/**
 * Offers free seats to the people at the front of the queue, one seat each, until the
 * seats or the queue run out. No offers once booking has closed: nobody could accept.
 */
async function offerFreeSeats(tx: Tx, session: SessionRow, now: number, settings: TrainingSettings, { untilStart = false } = {}): Promise<number> {
  // A seat given up after the cut-off may still be offered, until the session starts.
  const closes = untilStart ? session.startsAt : cutoffOf(session);
  if (session.status !== 'scheduled' || now >= closes) return 0;
  const hours = settings.offerHours ?? OFFER_HOURS;
  const expires = Math.min(now + hours * 3600, closes);
  let offered = 0;
  for (;;) {
    const result = await tx.run(sql.raw(`
      UPDATE bookings SET status = 'offered', offer_expires_at = ${expires}, updated_at = ${now}, sequence = sequence + 1
      WHERE id = (
        SELECT w.id FROM bookings w
        WHERE w.session_id = ${session.id} AND w.status = 'waiting'
          AND (SELECT count(*) FROM bookings b WHERE b.session_id = ${session.id} AND b.status IN ${HOLDING}) < ${session.capacity}
        ORDER BY w.queued_at, w.id LIMIT 1
      )
      RETURNING id, user_id`));
    const row = result.rows[0];
    if (!row) return offered;
    const bookingId = Number(row.id);
    await recordEvent(tx, bookingId, 'offered', null, now, `Offer open until ${expires}`);
    const to = await person(tx, Number(row.user_id));
    await queueEmail(tx, offerEmail(to, session, expires, `${settings.baseUrl}/account/bookings`));
    offered++;
  }
}

/** Ends offers that were not taken up in time, and offers their seats to the next person. */
async function expireOffersIn(tx: Tx, sessionId: number | null, now: number, settings: TrainingSettings): Promise<number> {
  const scope = sessionId === null ? '' : `AND session_id = ${Number(sessionId)}`;
  const expired = await tx.run(
    sql.raw(`UPDATE bookings SET status = 'expired', offer_expires_at = NULL, updated_at = ${now}, sequence = sequence + 1
             WHERE status = 'offered' AND offer_expires_at <= ${now} ${scope}
             RETURNING id, session_id`),
  );
  const sessions = new Set<number>();
  for (const row of expired.rows) {
    await recordEvent(tx, Number(row.id), 'offer-expired', null, now);
    sessions.add(Number(row.session_id));
  }
  for (const id of sessions) {
    const session = await loadSession(tx, id);
    if (session) await offerFreeSeats(tx, session, now, settings);
  }
  return expired.rows.length;
}

/** Runs from the server's timer: expires late offers everywhere. */
export async function expireOffers(portal: PortalDb, settings: TrainingSettings, now = nowSeconds()): Promise<number> {
  return portal.write((tx) => expireOffersIn(tx, null, now, settings));
}

export type BookResult =
  | { ok: true; bookingId: number; status: 'booked' }
  | { ok: true; bookingId: number; status: 'waiting'; position: number }
  | { ok: false; reason: 'not-found' | 'cancelled' | 'closed' | 'already-booked' | 'already-waiting' | 'already-offered' | 'already-attended' | 'course-limit' };

/**
 * Books a place, or a place on the waiting list when the session is full (or others are
 * already waiting). The seat check, the course's places-per-person limit and the insert
 * are one statement, so neither can be beaten by booking twice at once.
 */
export async function bookPlace(
  portal: PortalDb,
  { sessionId, userId, now = nowSeconds() }: { sessionId: number; userId: number; now?: number },
  settings: TrainingSettings,
): Promise<BookResult> {
  return portal.write(async (tx): Promise<BookResult> => {
    const session = await loadSession(tx, sessionId);
    if (!session) return { ok: false, reason: 'not-found' };
    if (session.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    if (now >= cutoffOf(session)) return { ok: false, reason: 'closed' };
    await expireOffersIn(tx, sessionId, now, settings);

    const result = await tx.run(
      sql.raw(`
      INSERT INTO bookings (session_id, user_id, status, queued_at, created_at, updated_at)
      SELECT s.id, ${Number(userId)},
        CASE WHEN (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.status IN ${HOLDING}) < s.capacity
              AND NOT EXISTS (SELECT 1 FROM bookings w WHERE w.session_id = s.id AND w.status = 'waiting' AND w.user_id <> ${Number(userId)})
             THEN 'booked' ELSE 'waiting' END,
        ${now}, ${now}, ${now}
      FROM training_sessions s
      WHERE s.id = ${Number(sessionId)} AND s.status = 'scheduled' AND s.starts_at - s.cutoff_hours * 3600 > ${now}
        AND ${withinCourseLimitSql(userId, now)}
      ON CONFLICT (session_id, user_id) DO UPDATE SET
        status = excluded.status, queued_at = excluded.queued_at, offer_expires_at = NULL,
        reminder_sent_at = NULL, updated_at = excluded.updated_at, sequence = bookings.sequence + 1
      WHERE bookings.status IN ('cancelled', 'expired', 'declined')
      RETURNING id, status`),
    );
    const row = result.rows[0];
    if (!row) {
      const existing = await tx.run(sql`SELECT status FROM bookings WHERE session_id = ${sessionId} AND user_id = ${userId}`);
      const status = String(existing.rows[0]?.status ?? '') as BookingStatus;
      if (status === 'waiting') return { ok: false, reason: 'already-waiting' };
      if (status === 'offered') return { ok: false, reason: 'already-offered' };
      if (status === 'attended' || status === 'no-show') return { ok: false, reason: 'already-attended' };
      if (status === 'booked') return { ok: false, reason: 'already-booked' };
      return { ok: false, reason: 'course-limit' };
    }
    const bookingId = Number(row.id);
    if (row.status === 'booked') {
      await recordEvent(tx, bookingId, 'booked', userId, now);
      const to = await person(tx, userId);
      await queueEmail(tx, bookingConfirmedEmail(to, session, `${settings.baseUrl}/account/bookings/${bookingId}.ics`, `${settings.baseUrl}/account/bookings`));
      return { ok: true, bookingId, status: 'booked' };
    }
    await recordEvent(tx, bookingId, 'waitlisted', userId, now);
    return { ok: true, bookingId, status: 'waiting', position: await queuePosition(tx, bookingId) };
  });
}

export type ChangeResult = { ok: true } | { ok: false; reason: 'not-found' | 'closed' | 'not-active' | 'expired' | 'full' | 'not-started' | 'forbidden' };

/**
 * Gives up a place or leaves the waiting list. A booked place can be given up until the
 * cut-off; the freed seat is offered to the first person waiting.
 */
export async function cancelPlace(
  portal: PortalDb,
  { bookingId, userId, now = nowSeconds() }: { bookingId: number; userId: number; now?: number },
  settings: TrainingSettings,
): Promise<ChangeResult> {
  return portal.write(async (tx): Promise<ChangeResult> => {
    const r = (await tx.run(sql`SELECT session_id, status FROM bookings WHERE id = ${bookingId} AND user_id = ${userId}`)).rows[0];
    if (!r) return { ok: false, reason: 'not-found' };
    const session = (await loadSession(tx, Number(r.session_id)))!;
    const step = transition(String(r.status) as BookingStatus, 'cancel', { now, cutoff: cutoffOf(session), startsAt: session.startsAt });
    if (!step.ok) return { ok: false, reason: step.reason };
    await tx.run(sql`UPDATE bookings SET status = ${step.to}, offer_expires_at = NULL, updated_at = ${now}, sequence = sequence + 1 WHERE id = ${bookingId}`);
    if (step.event) await recordEvent(tx, bookingId, step.event, userId, now);
    if (step.freesSeat) await offerFreeSeats(tx, session, now, settings);
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
    const r = (await tx.run(sql`SELECT session_id, status FROM bookings WHERE id = ${bookingId} AND user_id = ${userId}`)).rows[0];
    if (!r) return { ok: false, reason: 'not-found' };
    const session = (await loadSession(tx, Number(r.session_id)))!;
    if (r.status !== 'booked' || session.status !== 'scheduled') return { ok: false, reason: 'not-active' };
    if (now < cutoffOf(session)) return { ok: false, reason: 'not-late' };
    if (now >= session.startsAt) return { ok: false, reason: 'started' };
    const ended = await tx.run(sql`
      UPDATE bookings SET status = 'cancelled', late_cancel_reason = ${why}, offer_expires_at = NULL, updated_at = ${now}, sequence = sequence + 1
      WHERE id = ${bookingId} AND status = 'booked' RETURNING id`);
    if (!ended.rows.length) return { ok: false, reason: 'not-active' };
    await recordEvent(tx, bookingId, 'cancelled-late', userId, now, why);
    const offered = (await offerFreeSeats(tx, session, now, settings, { untilStart: true })) > 0;
    const who = (await tx.run(sql`SELECT name, organisation FROM users WHERE id = ${userId}`)).rows[0]!;
    const trainers = await tx.run(sql`
      SELECT u.email, u.name FROM users u
      WHERE u.status = 'active' AND (u.id = (SELECT c.owner_id FROM courses c JOIN training_sessions s ON s.course_id = c.id WHERE s.id = ${session.id})
        OR u.id IN (SELECT t.user_id FROM course_trainers t JOIN training_sessions s ON s.course_id = t.course_id WHERE s.id = ${session.id}))
      ORDER BY u.id`);
    for (const t of trainers.rows) {
      await queueEmail(
        tx,
        lateCancellationEmail({ email: String(t.email), name: String(t.name) }, session, { name: String(who.name), organisation: String(who.organisation) }, why, `${settings.baseUrl}/trainer/sessions/${session.id}#ended`, offered),
      );
    }
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
    const r = (await tx.run(sql`SELECT session_id, status, offer_expires_at FROM bookings WHERE id = ${bookingId} AND user_id = ${userId}`)).rows[0];
    if (!r) return { ok: false, reason: 'not-found' };
    const session = (await loadSession(tx, Number(r.session_id)))!;
    const step = transition(String(r.status) as BookingStatus, 'accept', {
      now,
      cutoff: cutoffOf(session),
      startsAt: session.startsAt,
      offerExpiresAt: r.offer_expires_at === null ? null : Number(r.offer_expires_at),
    });
    if (!step.ok) {
      if (step.reason === 'expired') await expireOffersIn(tx, session.id, now, settings);
      return { ok: false, reason: step.reason };
    }
    await tx.run(sql`UPDATE bookings SET status = ${step.to}, offer_expires_at = NULL, updated_at = ${now} WHERE id = ${bookingId}`);
    if (step.event) await recordEvent(tx, bookingId, step.event, userId, now, 'Accepted an offer from the waiting list');
    const to = await person(tx, userId);
    await queueEmail(tx, bookingConfirmedEmail(to, session, `${settings.baseUrl}/account/bookings/${bookingId}.ics`, `${settings.baseUrl}/account/bookings`));
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
    const r = (await tx.run(sql`SELECT session_id, user_id, status FROM bookings WHERE id = ${bookingId}`)).rows[0];
    if (!r) return { ok: false, reason: 'not-found' };
    if (!(await runsBooking(tx, actorId, bookingId))) return { ok: false, reason: 'forbidden' };
    if (r.status !== 'waiting') return { ok: false, reason: 'not-active' };
    const moved = await tx.run(
      sql.raw(`UPDATE bookings SET status = 'booked', updated_at = ${now}, sequence = sequence + 1
               WHERE id = ${Number(bookingId)} AND status = 'waiting'
                 AND (SELECT count(*) FROM bookings b WHERE b.session_id = ${Number(r.session_id)} AND b.status IN ${HOLDING})
                     < (SELECT capacity FROM training_sessions WHERE id = ${Number(r.session_id)})
               RETURNING id`),
    );
    if (moved.rows.length === 0) return { ok: false, reason: 'full' };
    await recordEvent(tx, bookingId, 'moved', actorId, now, 'Moved from the waiting list by a trainer');
    const session = (await loadSession(tx, Number(r.session_id)))!;
    const to = await person(tx, Number(r.user_id));
    await queueEmail(tx, bookingConfirmedEmail(to, session, `${settings.baseUrl}/account/bookings/${bookingId}.ics`, `${settings.baseUrl}/account/bookings`));
    return { ok: true };
  });
}

/** Marks whether a booked person came. Only once the session has started, and only by a trainer who runs the course. */
export async function markAttendance(
  portal: PortalDb,
  { bookingId, attended, actorId, now = nowSeconds() }: { bookingId: number; attended: boolean; actorId: number; now?: number },
): Promise<ChangeResult> {
  return portal.write(async (tx): Promise<ChangeResult> => {
    const r = (await tx.run(sql`SELECT b.status, s.starts_at, s.cutoff_hours FROM bookings b JOIN training_sessions s ON s.id = b.session_id WHERE b.id = ${bookingId}`)).rows[0];
    if (!r) return { ok: false, reason: 'not-found' };
    if (!(await runsBooking(tx, actorId, bookingId))) return { ok: false, reason: 'forbidden' };
    const startsAt = Number(r.starts_at);
    const step = transition(String(r.status) as BookingStatus, attended ? 'attended' : 'no-show', { now, startsAt, cutoff: cutoffOf({ startsAt, cutoffHours: Number(r.cutoff_hours) }) });
    if (!step.ok) return { ok: false, reason: step.reason };
    if (!step.event) return { ok: true };
    await tx.run(sql`UPDATE bookings SET status = ${step.to}, updated_at = ${now} WHERE id = ${bookingId}`);
    await recordEvent(tx, bookingId, step.event, actorId, now);
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
    const r = await tx.run(sql`
      INSERT INTO training_sessions (course_id, starts_at, duration_minutes, mode, venue, district, capacity, cutoff_hours, created_by, created_at, updated_at)
      VALUES (${courseId}, ${input.startsAt}, ${input.durationMinutes}, ${input.mode}, ${input.venue}, ${input.district}, ${input.capacity}, ${input.cutoffHours}, ${actorId}, ${now}, ${now})
      RETURNING id`);
    return { ok: true, id: Number(r.rows[0]!.id) };
  });
}

export type UpdateSessionResult = { ok: true } | { ok: false; reason: 'not-found' | 'cancelled' | 'capacity-below-booked' | 'forbidden'; booked?: number };

/**
 * Changes a session. Lowering the capacity below the places already held is refused; raising
 * it offers the new seats to the waiting list. A change to time or place raises the
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
    const before = await loadSession(tx, sessionId);
    if (!before) return { ok: false, reason: 'not-found' };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
    if (before.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    const moved =
      before.startsAt !== input.startsAt ||
      before.durationMinutes !== input.durationMinutes ||
      before.venue !== input.venue ||
      before.mode !== input.mode ||
      before.district !== input.district;
    const updated = await tx.run(
      sql.raw(`UPDATE training_sessions SET
          starts_at = ${Number(input.startsAt)}, duration_minutes = ${Number(input.durationMinutes)}, capacity = ${Number(input.capacity)},
          cutoff_hours = ${Number(input.cutoffHours)}, updated_at = ${now}, sequence = sequence + ${moved ? 1 : 0}
        WHERE id = ${Number(sessionId)}
          AND (SELECT count(*) FROM bookings b WHERE b.session_id = ${Number(sessionId)} AND b.status IN ${HOLDING}) <= ${Number(input.capacity)}
        RETURNING id`),
    );
    if (updated.rows.length === 0) return { ok: false, reason: 'capacity-below-booked', booked: await seatsTaken(tx, sessionId) };
    // Text fields go through parameters, not sql.raw.
    await tx.run(sql`UPDATE training_sessions SET mode = ${input.mode}, venue = ${input.venue}, district = ${input.district} WHERE id = ${sessionId}`);
    const after = (await loadSession(tx, sessionId))!;
    if (moved) {
      const people = await tx.run(sql.raw(`SELECT b.id, b.user_id FROM bookings b WHERE b.session_id = ${Number(sessionId)} AND b.status IN ${ACTIVE}`));
      for (const p of people.rows) {
        await recordEvent(tx, Number(p.id), 'session-changed', actorId, now, 'Time or place changed');
        const to = await person(tx, Number(p.user_id));
        await queueEmail(tx, sessionChangedEmail(to, after, `${settings.baseUrl}/account/bookings/${Number(p.id)}.ics`));
      }
    }
    await offerFreeSeats(tx, after, now, settings);
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
    const session = await loadSession(tx, sessionId);
    if (!session) return { ok: false as const, reason: 'not-found' as const };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false as const, reason: 'forbidden' as const };
    if (session.status === 'cancelled') return { ok: false as const, reason: 'cancelled' as const };
    await tx.run(sql`UPDATE training_sessions SET status = 'cancelled', cancel_reason = ${reason}, sequence = sequence + 1, updated_at = ${now} WHERE id = ${sessionId}`);
    const people = await tx.run(
      sql.raw(`UPDATE bookings SET status = 'cancelled', offer_expires_at = NULL, updated_at = ${now}, sequence = sequence + 1
               WHERE session_id = ${Number(sessionId)} AND status IN ${ACTIVE} RETURNING id, user_id`),
    );
    const after = (await loadSession(tx, sessionId))!;
    for (const p of people.rows) {
      await recordEvent(tx, Number(p.id), 'session-cancelled', actorId, now, reason);
      const to = await person(tx, Number(p.user_id));
      await queueEmail(tx, sessionCancelledEmail(to, after, reason, `${settings.baseUrl}/account/bookings/${Number(p.id)}.ics`, `${settings.baseUrl}/training/${after.courseSlug}/`));
    }
    return { ok: true as const, notified: people.rows.length };
  });
}

/** Sends each booked person one reminder shortly before their session. */
export async function sendReminders(portal: PortalDb, settings: TrainingSettings, now = nowSeconds()): Promise<number> {
  return portal.write(async (tx) => {
    const due = await tx.run(sql`
      UPDATE bookings SET reminder_sent_at = ${now}
      WHERE status = 'booked' AND reminder_sent_at IS NULL
        AND session_id IN (SELECT id FROM training_sessions WHERE status = 'scheduled' AND starts_at > ${now} AND starts_at <= ${now + REMINDER_HOURS * 3600})
      RETURNING id, session_id, user_id`);
    for (const row of due.rows) {
      const session = (await loadSession(tx, Number(row.session_id)))!;
      const to = await person(tx, Number(row.user_id));
      await queueEmail(tx, reminderEmail(to, session, `${settings.baseUrl}/account/bookings/${Number(row.id)}.ics`, `${settings.baseUrl}/account/bookings`));
    }
    return due.rows.length;
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
    const session = await loadSession(tx, sessionId);
    if (!session) return { ok: false, reason: 'not-found' };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
    if (session.status === 'cancelled') return { ok: false, reason: 'cancelled' };
    if (now < session.startsAt) return { ok: false, reason: 'not-started' };
    if (marks.length === 0) return { ok: false, reason: 'empty' };
    const rows = await tx.run(sql`SELECT id, status FROM bookings WHERE session_id = ${sessionId}`);
    const statusOf = new Map(rows.rows.map((r) => [Number(r.id), String(r.status) as BookingStatus]));
    const steps: { bookingId: number; to: BookingStatus; event: BookingEvent }[] = [];
    for (const mark of marks) {
      const status = statusOf.get(mark.bookingId);
      if (status === undefined) return { ok: false, reason: 'not-on-register', bookingId: mark.bookingId };
      const step = transition(status, mark.attended ? 'attended' : 'no-show', { now, startsAt: session.startsAt, cutoff: cutoffOf(session) });
      if (!step.ok) return { ok: false, reason: 'not-on-register', bookingId: mark.bookingId };
      if (step.event) steps.push({ bookingId: mark.bookingId, to: step.to, event: step.event });
    }
    for (const step of steps) {
      await tx.run(sql`UPDATE bookings SET status = ${step.to}, updated_at = ${now} WHERE id = ${step.bookingId}`);
      await recordEvent(tx, step.bookingId, step.event, actorId, now, 'Marked on the register');
    }
    return { ok: true, changed: steps.length };
  });
}
