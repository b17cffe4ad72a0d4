/**
 * Reading the training catalogue: courses, their sessions with live seats, a person's
 * places and Skills Matrix progress, and the trainer's view of a session.
 */
import { sql } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import type { BookingStatus, DeliveryMode } from '../../../../db/schema.ts';
import type { FieldErrors } from '../../domain/account/schema.ts';
import { SLUG_TAKEN_MESSAGE, checkCourseForm } from '../../domain/training/forms.ts';
import { readFormLists } from '../forms.ts';
import { cutoffOf } from './bookings.ts';
import { nowSeconds } from '../../time.ts';
import { mayCreateCourses, runsCourseById, runsSession } from './ownership.ts';

type Reader = PortalDb['db'] | Tx;

export interface CourseSummary {
  id: number;
  slug: string;
  title: string;
  summary: string;
  audience: string;
  outcomes: string[];
  domains: string[];
  /** Sessions of the course one person may hold places on at once. */
  placesPerPerson: number;
  /** The trainer responsible for the course; null until an admin assigns one. */
  ownerId: number | null;
  ownerName: string | null;
  /** Trainers who run the course with its owner. */
  coTrainerIds: number[];
  /** Upcoming, not cancelled sessions. */
  upcoming: number;
  nextStartsAt: number | null;
}

export interface SessionView {
  id: number;
  courseId: number;
  startsAt: number;
  durationMinutes: number;
  mode: DeliveryMode;
  venue: string;
  district: string | null;
  capacity: number;
  cutoffHours: number;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  cancelReason: string | null;
  booked: number;
  waiting: number;
  seatsLeft: number;
  /** Booking and cancelling are open (scheduled, before the cut-off). */
  open: boolean;
}

export interface CatalogueFilter {
  domain?: string | undefined;
  district?: string | undefined;
  mode?: DeliveryMode | undefined;
  /** Only courses with a session on or after this time (unix seconds). */
  from?: number | undefined;
  /** ...and before this time. */
  to?: number | undefined;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function sessionFrom(r: Record<string, unknown>, now: number): SessionView {
  const s = {
    id: Number(r.id),
    courseId: Number(r.course_id),
    startsAt: Number(r.starts_at),
    durationMinutes: Number(r.duration_minutes),
    mode: String(r.mode) as DeliveryMode,
    venue: String(r.venue),
    district: r.district === null ? null : String(r.district),
    capacity: Number(r.capacity),
    cutoffHours: Number(r.cutoff_hours),
    status: String(r.status) as SessionView['status'],
    sequence: Number(r.sequence),
    cancelReason: r.cancel_reason === null || r.cancel_reason === undefined ? null : String(r.cancel_reason),
    booked: Number(r.booked ?? 0),
    waiting: Number(r.waiting ?? 0),
  };
  return { ...s, seatsLeft: Math.max(0, s.capacity - s.booked), open: s.status === 'scheduled' && now < cutoffOf(s) };
}

const SESSION_COLUMNS = `s.id, s.course_id, s.starts_at, s.duration_minutes, s.mode, s.venue, s.district, s.capacity, s.cutoff_hours, s.status, s.sequence, s.cancel_reason,
  (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.status IN ('booked', 'offered', 'attended', 'no-show')) AS booked,
  (SELECT count(*) FROM bookings b WHERE b.session_id = s.id AND b.status = 'waiting') AS waiting`;

/** Courses matching the filter, each with its domains and next session. */
export async function listCourses(db: Reader, filter: CatalogueFilter = {}, now = nowSeconds()): Promise<CourseSummary[]> {
  const from = filter.from ?? now;
  const sessionConditions = [sql`s.course_id = c.id`, sql`s.status = 'scheduled'`, sql`s.starts_at >= ${from}`];
  if (filter.to !== undefined) sessionConditions.push(sql`s.starts_at < ${filter.to}`);
  if (filter.district) sessionConditions.push(sql`s.district = ${filter.district}`);
  if (filter.mode) sessionConditions.push(sql`s.mode = ${filter.mode}`);
  const sessionWhere = sql.join(sessionConditions, sql` AND `);
  const narrowed = Boolean(filter.district || filter.mode || filter.to !== undefined || filter.from !== undefined);
  const result = await db.run(sql`
    SELECT c.id, c.slug, c.title, c.summary, c.audience, c.outcomes, c.places_per_person, c.owner_id,
      (SELECT name FROM users u WHERE u.id = c.owner_id) AS owner_name,
      (SELECT group_concat(t.user_id, ',') FROM course_trainers t WHERE t.course_id = c.id) AS co_trainers,
      (SELECT group_concat(domain, ',') FROM course_domains d WHERE d.course_id = c.id) AS domains,
      (SELECT count(*) FROM training_sessions s WHERE ${sessionWhere}) AS upcoming,
      (SELECT min(s.starts_at) FROM training_sessions s WHERE ${sessionWhere}) AS next_starts_at
    FROM courses c
    WHERE (${filter.domain ?? null} IS NULL OR EXISTS (SELECT 1 FROM course_domains d WHERE d.course_id = c.id AND d.domain = ${filter.domain ?? null}))
    ORDER BY c.title`);
  return result.rows
    .map((r) => ({
      id: Number(r.id),
      slug: String(r.slug),
      title: String(r.title),
      summary: String(r.summary),
      audience: String(r.audience),
      outcomes: lines(String(r.outcomes)),
      domains: r.domains ? String(r.domains).split(',').sort() : [],
      placesPerPerson: Number(r.places_per_person),
      ownerId: r.owner_id === null ? null : Number(r.owner_id),
      ownerName: r.owner_name === null ? null : String(r.owner_name),
      coTrainerIds: r.co_trainers ? String(r.co_trainers).split(',').map(Number) : [],
      upcoming: Number(r.upcoming),
      nextStartsAt: r.next_starts_at === null ? null : Number(r.next_starts_at),
    }))
    .filter((c) => !narrowed || c.upcoming > 0);
}

export async function getCourse(db: Reader, slug: string): Promise<CourseSummary | undefined> {
  const all = await listCourses(db, {});
  return all.find((c) => c.slug === slug);
}

export async function getCourseById(db: Reader, id: number): Promise<CourseSummary | undefined> {
  const all = await listCourses(db, {});
  return all.find((c) => c.id === id);
}

/** A course's sessions, soonest first. Past ones only when asked. */
export async function sessionsOf(db: Reader, courseId: number, { includePast = false, now = nowSeconds() } = {}): Promise<SessionView[]> {
  const result = await db.run(sql`
    SELECT ${sql.raw(SESSION_COLUMNS)} FROM training_sessions s
    WHERE s.course_id = ${courseId} AND (${includePast ? 1 : 0} = 1 OR s.starts_at >= ${now})
    ORDER BY s.starts_at`);
  return result.rows.map((r) => sessionFrom(r as Record<string, unknown>, now));
}

export async function getSession(db: Reader, sessionId: number, now = nowSeconds()): Promise<(SessionView & { courseSlug: string; courseTitle: string }) | undefined> {
  const result = await db.run(sql`
    SELECT ${sql.raw(SESSION_COLUMNS)}, c.slug AS course_slug, c.title AS course_title
    FROM training_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = ${sessionId}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return { ...sessionFrom(r as Record<string, unknown>, now), courseSlug: String(r.course_slug), courseTitle: String(r.course_title) };
}

/** Every session, for the trainer's overview: fill rate at a glance. */
export async function allSessions(db: Reader, { includePast = false, now = nowSeconds() } = {}): Promise<(SessionView & { courseSlug: string; courseTitle: string })[]> {
  const result = await db.run(sql`
    SELECT ${sql.raw(SESSION_COLUMNS)}, c.slug AS course_slug, c.title AS course_title
    FROM training_sessions s JOIN courses c ON c.id = s.course_id
    WHERE (${includePast ? 1 : 0} = 1 OR s.starts_at >= ${now - 7 * 86400})
    ORDER BY s.starts_at`);
  return result.rows.map((r) => ({ ...sessionFrom(r as Record<string, unknown>, now), courseSlug: String(r.course_slug), courseTitle: String(r.course_title) }));
}

export interface MyPlace {
  bookingId: number;
  status: BookingStatus;
  /** For waiting places: 1 is first in the queue. */
  position: number | null;
  offerExpiresAt: number | null;
  session: SessionView & { courseSlug: string; courseTitle: string };
}

/** A person's places, every state, soonest first. */
export async function placesOf(db: Reader, userId: number, now = nowSeconds()): Promise<MyPlace[]> {
  const result = await db.run(sql`
    SELECT b.id AS booking_id, b.status AS booking_status, b.offer_expires_at,
      CASE WHEN b.status = 'waiting' THEN (
        SELECT count(*) FROM bookings w WHERE w.session_id = b.session_id AND w.status = 'waiting'
          AND (w.queued_at < b.queued_at OR (w.queued_at = b.queued_at AND w.id <= b.id))) END AS position,
      ${sql.raw(SESSION_COLUMNS)}, c.slug AS course_slug, c.title AS course_title
    FROM bookings b JOIN training_sessions s ON s.id = b.session_id JOIN courses c ON c.id = s.course_id
    WHERE b.user_id = ${userId}
    ORDER BY s.starts_at`);
  return result.rows.map((r) => ({
    bookingId: Number(r.booking_id),
    status: String(r.booking_status) as BookingStatus,
    position: r.position === null ? null : Number(r.position),
    offerExpiresAt: r.offer_expires_at === null ? null : Number(r.offer_expires_at),
    session: { ...sessionFrom(r as Record<string, unknown>, now), courseSlug: String(r.course_slug), courseTitle: String(r.course_title) },
  }));
}

/** A person's place on one session, if any. */
export async function placeOn(db: Reader, userId: number, sessionId: number, now = nowSeconds()): Promise<MyPlace | undefined> {
  return (await placesOf(db, userId, now)).find((p) => p.session.id === sessionId);
}

/** The Skills Matrix domains covered by courses a person attended, with the courses. */
export async function skillsOf(db: Reader, userId: number): Promise<Map<string, { course: string; slug: string; attendedOn: number }[]>> {
  const result = await db.run(sql`
    SELECT d.domain, c.title, c.slug, s.starts_at
    FROM bookings b JOIN training_sessions s ON s.id = b.session_id JOIN courses c ON c.id = s.course_id
    JOIN course_domains d ON d.course_id = c.id
    WHERE b.user_id = ${userId} AND b.status = 'attended'
    ORDER BY s.starts_at`);
  const byDomain = new Map<string, { course: string; slug: string; attendedOn: number }[]>();
  for (const r of result.rows) {
    const list = byDomain.get(String(r.domain)) ?? [];
    list.push({ course: String(r.title), slug: String(r.slug), attendedOn: Number(r.starts_at) });
    byDomain.set(String(r.domain), list);
  }
  return byDomain;
}

export interface Attendee {
  bookingId: number;
  userId: number;
  name: string;
  email: string;
  organisation: string;
  status: BookingStatus;
  queuedAt: number | null;
  offerExpiresAt: number | null;
  /** The person's reason, when they gave up the place after the cut-off. */
  lateCancelReason: string | null;
}

/** Everyone on a session: places held first, then the waiting list in queue order. */
export async function attendeesOf(db: Reader, sessionId: number): Promise<Attendee[]> {
  const result = await db.run(sql`
    SELECT b.id, b.user_id, u.name, u.email, u.organisation, b.status, b.queued_at, b.offer_expires_at, b.late_cancel_reason
    FROM bookings b JOIN users u ON u.id = b.user_id
    WHERE b.session_id = ${sessionId}
    ORDER BY CASE b.status WHEN 'attended' THEN 0 WHEN 'no-show' THEN 0 WHEN 'booked' THEN 0 WHEN 'offered' THEN 1 WHEN 'waiting' THEN 2 ELSE 3 END,
      CASE WHEN b.status = 'waiting' THEN b.queued_at END, b.id`);
  return result.rows.map((r) => ({
    bookingId: Number(r.id),
    userId: Number(r.user_id),
    name: String(r.name),
    email: String(r.email),
    organisation: String(r.organisation),
    status: String(r.status) as BookingStatus,
    queuedAt: r.queued_at === null ? null : Number(r.queued_at),
    offerExpiresAt: r.offer_expires_at === null ? null : Number(r.offer_expires_at),
    lateCancelReason: r.late_cancel_reason === null ? null : String(r.late_cancel_reason),
  }));
}

/** The history of one place. */
export async function historyOf(db: Reader, bookingId: number): Promise<{ event: string; at: number; actor: string | null; detail: string }[]> {
  const result = await db.run(sql`
    SELECT e.event, e.created_at, e.detail, u.name AS actor
    FROM booking_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.booking_id = ${bookingId} ORDER BY e.created_at, e.id`);
  return result.rows.map((r) => ({ event: String(r.event), at: Number(r.created_at), actor: r.actor === null ? null : String(r.actor), detail: String(r.detail) }));
}

export interface CourseInput {
  slug: string;
  title: string;
  summary: string;
  audience: string;
  outcomes: string;
  domains: string[];
  placesPerPerson: number;
}

export type SaveCourseResult = { ok: true; id: number } | { ok: false; reason: 'slug-taken' | 'not-found' | 'forbidden' };

/**
 * Creates a course, owned by the trainer who creates it, or changes one when `id` is given
 * (only by a trainer who runs it).
 */
export async function saveCourse(portal: PortalDb, input: CourseInput, actorId: number, id?: number, now = nowSeconds()): Promise<SaveCourseResult> {
  return portal.write(async (tx): Promise<SaveCourseResult> => {
    if (id !== undefined && !(await tx.run(sql`SELECT 1 FROM courses WHERE id = ${id}`)).rows.length) return { ok: false, reason: 'not-found' };
    const allowed = id === undefined ? await mayCreateCourses(tx, actorId) : await runsCourseById(tx, actorId, id);
    if (!allowed) return { ok: false, reason: 'forbidden' };
    const clash = await tx.run(sql`SELECT id FROM courses WHERE slug = ${input.slug} AND id <> ${id ?? -1}`);
    if (clash.rows.length) return { ok: false, reason: 'slug-taken' };
    let courseId = id;
    if (courseId === undefined) {
      const r = await tx.run(sql`
        INSERT INTO courses (slug, title, summary, audience, outcomes, places_per_person, owner_id, created_by, created_at, updated_at)
        VALUES (${input.slug}, ${input.title}, ${input.summary}, ${input.audience}, ${input.outcomes}, ${input.placesPerPerson}, ${actorId}, ${actorId}, ${now}, ${now}) RETURNING id`);
      courseId = Number(r.rows[0]!.id);
    } else {
      const r = await tx.run(sql`
        UPDATE courses SET slug = ${input.slug}, title = ${input.title}, summary = ${input.summary}, audience = ${input.audience},
          outcomes = ${input.outcomes}, places_per_person = ${input.placesPerPerson}, updated_at = ${now} WHERE id = ${courseId} RETURNING id`);
      if (!r.rows.length) return { ok: false, reason: 'not-found' };
      await tx.run(sql`DELETE FROM course_domains WHERE course_id = ${courseId}`);
    }
    for (const domain of input.domains) await tx.run(sql`INSERT INTO course_domains (course_id, domain) VALUES (${courseId}, ${domain})`);
    return { ok: true, id: courseId };
  });
}

/** What became of a posted course form. */
export type CourseSubmission =
  | { outcome: 'saved'; id: number }
  | { outcome: 'not-found' }
  | { outcome: 'forbidden' }
  | { outcome: 'invalid'; values: Record<string, string>; domains: string[]; errors: FieldErrors };

/**
 * Reads, checks and saves the course form posted to the create page or, with `courseId`,
 * an edit page. On a problem the answers come back with one message per field, and nothing
 * is written.
 */
export async function submitCourseForm(
  portal: PortalDb,
  request: Request,
  { actorId, domainSlugs, courseId }: { actorId: number; domainSlugs: readonly string[]; courseId?: number },
): Promise<CourseSubmission> {
  const { values, lists } = await readFormLists(request);
  const domains = lists.domains ?? [];
  const checked = checkCourseForm(values, domains, domainSlugs);
  if (!checked.ok) return { outcome: 'invalid', values, domains, errors: checked.errors };
  const result = await saveCourse(portal, checked.data, actorId, courseId);
  if (result.ok) return { outcome: 'saved', id: result.id };
  if (result.reason === 'not-found') return { outcome: 'not-found' };
  if (result.reason === 'forbidden') return { outcome: 'forbidden' };
  return { outcome: 'invalid', values: { ...values, slug: checked.data.slug }, domains, errors: { slug: SLUG_TAKEN_MESSAGE } };
}

export type AttendeeListResult = { ok: true; attendees: Attendee[] } | { ok: false; reason: 'forbidden' };

/** A session's attendee list for download, only for a trainer who runs the course. */
export async function attendeeListFor(db: Reader, { sessionId, actorId }: { sessionId: number; actorId: number }): Promise<AttendeeListResult> {
  if (!(await runsSession(db, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
  return { ok: true, attendees: await attendeesOf(db, sessionId) };
}

/** The organiser for a session's calendar files: the course's owner, if it has one. */
export async function calendarOrganizer(db: Reader, sessionId: number): Promise<{ name: string; email: string } | undefined> {
  const r = (
    await db.run(sql`
    SELECT u.name, u.email FROM training_sessions s JOIN courses c ON c.id = s.course_id JOIN users u ON u.id = c.owner_id
    WHERE s.id = ${sessionId}`)
  ).rows[0];
  return r ? { name: String(r.name), email: String(r.email) } : undefined;
}
