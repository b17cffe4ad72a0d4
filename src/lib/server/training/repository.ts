/**
 * The training area's repository: the only code that reads and writes the training tables.
 * One row mapper per table turns drizzle's typed rows into the records the rest of the
 * area uses; plain reads and writes use drizzle's query builder; every list is read in one
 * query (never one query per item). Decisions are not made here: the booking library asks
 * src/lib/domain/training for them and passes the answers in.
 *
 * The one exception is the seat guard (`takeSeats`): the conditional statement that moves
 * places into seat-holding states only while the seats held plus the seats being taken, plus
 * the seats still set aside for organisations, fit each session's capacity. It is built from
 * the domain's SEAT_HOLDING list and reserved-seats rule with parameters.
 */
import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, min, ne, sql, type SQL } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { auditLog, bookingEvents, bookings, courseDomains, courseTrainers, courses, placeApprovals, placeTransfers, seatReservationEvents, seatReservations, trainingSessions, userRoles, users } from '../../../../db/schema.ts';
import { ENDED_STATUSES, SEAT_HOLDING, type ApprovalOutcome, type BookingEvent, type BookingStatus, type DeliveryMode, type ReservationEnding, type ReservationEvent, type TransferOutcome } from '../../domain/training/model.ts';
import type { Reservation } from '../../domain/training/reserved-seats.ts';
import type { SessionForm } from '../../domain/training/forms.ts';
import { queueEmails, type Email } from '../outbox.ts';
import { allRows, preparedPer } from '../prepared.ts';

/** A database handle for reads: the pool or an open transaction. */
export type Reader = PortalDb['db'] | Tx;

// ---------------------------------------------------------------------------------------
// Records and their row mappers, one per table.

export interface CourseRecord {
  id: number;
  slug: string;
  title: string;
  summary: string;
  audience: string;
  /** One outcome per item, blank lines dropped. */
  outcomes: string[];
  placesPerPerson: number;
  /** A place needs the person's line manager's approval. */
  requiresApproval: boolean;
  ownerId: number | null;
}

/** A `courses` row as the area uses it. */
export function courseFromRow(row: typeof courses.$inferSelect): CourseRecord {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    audience: row.audience,
    outcomes: row.outcomes
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    placesPerPerson: row.placesPerPerson,
    requiresApproval: row.requiresApproval,
    ownerId: row.ownerId,
  };
}

/** A session as stored: what the trainer entered (SessionForm) and its state. */
export interface SessionRecord extends SessionForm {
  id: number;
  courseId: number;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  cancelReason: string | null;
}

/** A `training_sessions` row as the area uses it. */
export function sessionFromRow(row: typeof trainingSessions.$inferSelect): SessionRecord {
  return {
    id: row.id,
    courseId: row.courseId,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    mode: row.mode,
    venue: row.venue,
    district: row.district,
    capacity: row.capacity,
    cutoffHours: row.cutoffHours,
    status: row.status,
    sequence: row.sequence,
    cancelReason: row.cancelReason,
  };
}

export interface BookingRecord {
  id: number;
  sessionId: number;
  userId: number;
  status: BookingStatus;
  queuedAt: number | null;
  offerExpiresAt: number | null;
  reminderSentAt: number | null;
  lateCancelReason: string | null;
  /** The line manager asked to approve the place, on a course that needs approval. */
  managerEmail: string | null;
  sequence: number;
  /** The holder's organisation key when the place was made (whose reserved seats it counts against). */
  organisationKey: string | null;
}

/** A `bookings` row as the area uses it. */
export function bookingFromRow(row: typeof bookings.$inferSelect): BookingRecord {
  return {
    id: row.id,
    sessionId: row.sessionId,
    userId: row.userId,
    status: row.status,
    queuedAt: row.queuedAt,
    offerExpiresAt: row.offerExpiresAt,
    reminderSentAt: row.reminderSentAt,
    lateCancelReason: row.lateCancelReason,
    managerEmail: row.managerEmail,
    sequence: row.sequence,
    organisationKey: row.organisationKey,
  };
}

export interface EventRecord {
  bookingId: number;
  event: string;
  at: number;
  /** The name of who did it; null when the portal did. */
  actor: string | null;
  detail: string;
}

/** A `booking_events` row, with the name of who did it, as the area uses it. */
export function eventFromRow(row: typeof bookingEvents.$inferSelect, actor: string | null): EventRecord {
  return { bookingId: row.bookingId, event: row.event, at: row.createdAt, actor, detail: row.detail };
}

export interface PersonRecord {
  id: number;
  email: string;
  name: string;
  organisation: string;
}

/** The parts of a `users` row the training area may see. */
export function personFromRow(row: Pick<typeof users.$inferSelect, 'id' | 'email' | 'name' | 'organisation'>): PersonRecord {
  return { id: row.id, email: row.email, name: row.name, organisation: row.organisation };
}

const personColumns = { id: users.id, email: users.email, name: users.name, organisation: users.organisation };

// ---------------------------------------------------------------------------------------
// Courses.

/** Every course, by title. */
export async function readCourses(db: Reader): Promise<(CourseRecord & { ownerName: string | null })[]> {
  const rows = await db.select({ course: courses, ownerName: users.name }).from(courses).leftJoin(users, eq(users.id, courses.ownerId)).orderBy(asc(courses.title));
  return rows.map((r) => ({ ...courseFromRow(r.course), ownerName: r.ownerName }));
}

/** One course, or undefined. */
export async function readCourse(db: Reader, courseId: number): Promise<CourseRecord | undefined> {
  const [row] = await db.select().from(courses).where(eq(courses.id, courseId));
  return row ? courseFromRow(row) : undefined;
}

/** The Skills Matrix domains of every course, sorted. */
export async function readCourseDomains(db: Reader): Promise<Map<number, string[]>> {
  const rows = await db.select().from(courseDomains).orderBy(asc(courseDomains.domain));
  return groupBy(rows, (r) => r.courseId, (r) => r.domain);
}

/** The co-trainers (ids, ascending) of every course, or of the courses given. */
export async function readCoTrainers(db: Reader, courseIds?: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await db
    .select()
    .from(courseTrainers)
    .where(courseIds ? inArray(courseTrainers.courseId, [...courseIds]) : undefined)
    .orderBy(asc(courseTrainers.userId));
  return groupBy(rows, (r) => r.courseId, (r) => r.userId);
}

/** The co-trainers of every course with their names, by name. */
export async function readCoTrainerNames(db: Reader, courseId?: number): Promise<Map<number, string[]>> {
  const rows = await db
    .select({ courseId: courseTrainers.courseId, name: users.name })
    .from(courseTrainers)
    .innerJoin(users, eq(users.id, courseTrainers.userId))
    .where(courseId === undefined ? undefined : eq(courseTrainers.courseId, courseId))
    .orderBy(asc(users.name));
  return groupBy(rows, (r) => r.courseId, (r) => r.name);
}

/** Per course: scheduled sessions matching the conditions, and the first one's start. */
export async function readUpcomingByCourse(
  db: Reader,
  filter: { from: number; to?: number | undefined; district?: string | undefined; mode?: DeliveryMode | undefined },
): Promise<Map<number, { upcoming: number; nextStartsAt: number | null }>> {
  const conditions: SQL[] = [eq(trainingSessions.status, 'scheduled'), gte(trainingSessions.startsAt, filter.from)];
  if (filter.to !== undefined) conditions.push(lt(trainingSessions.startsAt, filter.to));
  if (filter.district) conditions.push(eq(trainingSessions.district, filter.district));
  if (filter.mode) conditions.push(eq(trainingSessions.mode, filter.mode));
  const rows = await db
    .select({ courseId: trainingSessions.courseId, upcoming: count(), nextStartsAt: min(trainingSessions.startsAt) })
    .from(trainingSessions)
    .where(and(...conditions))
    .groupBy(trainingSessions.courseId);
  return new Map(rows.map((r) => [r.courseId, { upcoming: r.upcoming, nextStartsAt: r.nextStartsAt }]));
}

/** True when another course than `exceptId` already has the address `slug`. */
export async function slugTaken(db: Reader, slug: string, exceptId: number | undefined): Promise<boolean> {
  const rows = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.slug, slug), ne(courses.id, exceptId ?? -1)));
  return rows.length > 0;
}

/** The fields of a course a trainer sets. */
export interface CourseFields {
  slug: string;
  title: string;
  summary: string;
  audience: string;
  outcomes: string;
  domains: string[];
  placesPerPerson: number;
  /** Left as it is when not given (off for a new course). */
  requiresApproval?: boolean;
}

/** Creates a course owned by `actorId` with its domains; returns its id. */
export async function insertCourse(tx: Tx, input: CourseFields, actorId: number, now: number): Promise<number> {
  const [row] = await tx
    .insert(courses)
    .values({ ...courseColumns(input), ownerId: actorId, createdBy: actorId, createdAt: now, updatedAt: now })
    .returning({ id: courses.id });
  await replaceCourseDomains(tx, row!.id, input.domains, false);
  return row!.id;
}

/** Changes a course and replaces its domains; false when there is no such course. */
export async function updateCourse(tx: Tx, courseId: number, input: CourseFields, now: number): Promise<boolean> {
  const rows = await tx
    .update(courses)
    .set({ ...courseColumns(input), updatedAt: now })
    .where(eq(courses.id, courseId))
    .returning({ id: courses.id });
  if (!rows.length) return false;
  await replaceCourseDomains(tx, courseId, input.domains, true);
  return true;
}

function courseColumns(input: CourseFields) {
  return { slug: input.slug, title: input.title, summary: input.summary, audience: input.audience, outcomes: input.outcomes, placesPerPerson: input.placesPerPerson, ...(input.requiresApproval === undefined ? {} : { requiresApproval: input.requiresApproval }) };
}

async function replaceCourseDomains(tx: Tx, courseId: number, domains: readonly string[], clear: boolean): Promise<void> {
  if (clear) await tx.delete(courseDomains).where(eq(courseDomains.courseId, courseId));
  if (domains.length) await tx.insert(courseDomains).values(domains.map((domain) => ({ courseId, domain })));
}

// ---------------------------------------------------------------------------------------
// Teams: owners, co-trainers and the trainer role.

/** Which of `userIds` hold the trainer role. */
export async function trainersAmong(db: Reader, userIds: readonly number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const rows = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(inArray(userRoles.userId, [...userIds]), eq(userRoles.role, 'trainer')));
  return new Set(rows.map((r) => r.userId));
}

/** True when `userId` holds the administrator role. */
export async function isAdmin(db: Reader, userId: number): Promise<boolean> {
  const rows = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'admin')));
  return rows.length > 0;
}

/** Every active trainer, by name. */
export async function readTrainers(db: Reader): Promise<PersonRecord[]> {
  const rows = await db
    .select(personColumns)
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'trainer')))
    .where(eq(users.status, 'active'))
    .orderBy(asc(users.name), asc(users.id));
  return rows.map(personFromRow);
}

/** Sets a course's owner and co-trainers, with the audit record, in the caller's transaction. */
export async function writeCourseTeam(tx: Tx, { courseId, ownerId, coTrainerIds, actorId, detail, now }: { courseId: number; ownerId: number; coTrainerIds: readonly number[]; actorId: number; detail: string; now: number }): Promise<void> {
  await tx.update(courses).set({ ownerId, updatedAt: now }).where(eq(courses.id, courseId));
  await tx.delete(courseTrainers).where(eq(courseTrainers.courseId, courseId));
  if (coTrainerIds.length) await tx.insert(courseTrainers).values(coTrainerIds.map((userId) => ({ courseId, userId, addedAt: now })));
  await tx.insert(auditLog).values({ actorId, action: 'course-team', targetUserId: ownerId, detail, createdAt: now });
}

/** The active owner and co-trainers of a session's course, to e-mail. */
export async function readSessionTrainers(db: Reader, courseId: number, ownerId: number | null): Promise<PersonRecord[]> {
  const co = await db.select({ userId: courseTrainers.userId }).from(courseTrainers).where(eq(courseTrainers.courseId, courseId));
  const ids = [...(ownerId === null ? [] : [ownerId]), ...co.map((c) => c.userId)];
  const people = await readPeople(db, ids);
  return [...people.values()].filter((p) => p.active).sort((a, b) => a.id - b.id);
}

// ---------------------------------------------------------------------------------------
// Sessions.

/** A session with its course's title, address, owner, places-per-person and approval settings. */
export type SessionWithCourse = SessionRecord & { courseTitle: string; courseSlug: string; courseOwnerId: number | null; placesPerPerson: number; requiresApproval: boolean };

const sessionWithCourse = {
  session: trainingSessions,
  courseTitle: courses.title,
  courseSlug: courses.slug,
  courseOwnerId: courses.ownerId,
  placesPerPerson: courses.placesPerPerson,
  requiresApproval: courses.requiresApproval,
};

function withCourse(r: {
  session: typeof trainingSessions.$inferSelect;
  courseTitle: string;
  courseSlug: string;
  courseOwnerId: number | null;
  placesPerPerson: number;
  requiresApproval: boolean;
}): SessionWithCourse {
  return {
    ...sessionFromRow(r.session),
    courseTitle: r.courseTitle,
    courseSlug: r.courseSlug,
    courseOwnerId: r.courseOwnerId,
    placesPerPerson: r.placesPerPerson,
    requiresApproval: r.requiresApproval,
  };
}

/** Sessions matching `where` (all when undefined), soonest first, with their courses. */
export async function readSessions(db: Reader, where?: SQL): Promise<SessionWithCourse[]> {
  const rows = await db.select(sessionWithCourse).from(trainingSessions).innerJoin(courses, eq(courses.id, trainingSessions.courseId)).where(where).orderBy(asc(trainingSessions.startsAt), asc(trainingSessions.id));
  return rows.map(withCourse);
}

/** One session with its course, or undefined. */
export async function readSession(db: Reader, sessionId: number): Promise<SessionWithCourse | undefined> {
  return (await readSessions(db, eq(trainingSessions.id, sessionId)))[0];
}

/** Conditions on sessions for readSessions. */
export const sessionWhere = {
  ids: (ids: readonly number[]) => inArray(trainingSessions.id, [...ids]),
  ofCourse: (courseId: number, startingFrom: number | null) => and(eq(trainingSessions.courseId, courseId), startingFrom === null ? undefined : gte(trainingSessions.startsAt, startingFrom)),
  startingFrom: (from: number | null) => (from === null ? undefined : gte(trainingSessions.startsAt, from)),
};

/** A session's course address, kept: the booking form's endpoint reads it on every post. */
const courseSlugOfSession = preparedPer((db: Reader) =>
  db
    .select({ slug: courses.slug })
    .from(trainingSessions)
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .where(eq(trainingSessions.id, sql.placeholder('sessionId')))
    .prepare(),
);

/** The address slug of the course a session belongs to, or undefined for an unknown session. */
export async function readCourseSlugOfSession(db: Reader, sessionId: number): Promise<string | undefined> {
  const [row] = await allRows(db, courseSlugOfSession(db), { sessionId });
  return row?.slug;
}

/** The course a session belongs to, or undefined for an unknown session. */
export async function courseOfSession(db: Reader, sessionId: number): Promise<number | undefined> {
  const [row] = await db.select({ courseId: trainingSessions.courseId }).from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  return row?.courseId;
}

/** The session a place is on, or undefined for an unknown place. */
export async function sessionOfBooking(db: Reader, bookingId: number): Promise<number | undefined> {
  const [row] = await db.select({ sessionId: bookings.sessionId }).from(bookings).where(eq(bookings.id, bookingId));
  return row?.sessionId;
}

/** The facts a trainer enters for a session, as checkSessionForm gives them. */
export type SessionFields = SessionForm;

/** Adds a session; returns its id. */
export async function insertSession(tx: Tx, courseId: number, input: SessionFields, actorId: number, now: number): Promise<number> {
  const [row] = await tx
    .insert(trainingSessions)
    .values({ courseId, ...sessionColumns(input), createdBy: actorId, createdAt: now, updatedAt: now })
    .returning({ id: trainingSessions.id });
  return row!.id;
}

function sessionColumns(input: SessionFields) {
  return {
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    mode: input.mode,
    venue: input.venue,
    district: input.district,
    capacity: input.capacity,
    cutoffHours: input.cutoffHours,
  };
}

/** SQL: the number of places holding a seat on session `sessionId`. */
function seatsHeldSql(sessionId: number): SQL {
  return sql`(SELECT count(*) FROM bookings b WHERE b.session_id = ${sessionId} AND b.status IN ${SEAT_HOLDING_LIST})`;
}

/**
 * SQL: the seats still set aside on session `session` at `now`: for each standing reservation
 * (not ended, release moment not reached), max(0, its seats − places of its organisation
 * holding a seat, counting the places in `moving` as holding one). reserved-seats.ts's
 * seatPicture, in the database.
 */
function reservedLeftSql(session: SQL, moving: SQL | null, now: number): SQL {
  const holding = moving ? sql`(m.status IN ${SEAT_HOLDING_LIST} OR m.id IN ${moving})` : sql`m.status IN ${SEAT_HOLDING_LIST}`;
  return sql`(SELECT coalesce(sum(max(0, r.seats - (SELECT count(*) FROM bookings m WHERE m.session_id = r.session_id AND m.organisation_key = r.organisation_key AND ${holding}))), 0)
    FROM seat_reservations r WHERE r.session_id = ${session} AND r.ended_at IS NULL AND r.release_at > ${now})`;
}

const SEAT_HOLDING_LIST = sql`(${sql.join(
  SEAT_HOLDING.map((s) => sql`${s}`),
  sql`, `,
)})`;

/**
 * Changes a session's details, but only while the places already held and the seats still
 * set aside for organisations fit its new capacity (the same guard as `takeSeats`, the other
 * way round). False when they do not.
 */
export async function updateSessionIfSeatsFit(tx: Tx, sessionId: number, input: SessionFields, raiseSequence: boolean, now: number): Promise<boolean> {
  const rows = await tx
    .update(trainingSessions)
    .set({ ...sessionColumns(input), updatedAt: now, sequence: sql`${trainingSessions.sequence} + ${raiseSequence ? 1 : 0}` })
    .where(and(eq(trainingSessions.id, sessionId), sql`${seatsHeldSql(sessionId)} + ${reservedLeftSql(sql`${sessionId}`, null, now)} <= ${input.capacity}`))
    .returning({ id: trainingSessions.id });
  return rows.length > 0;
}

/** Marks a session cancelled, raising its calendar sequence. */
export async function markSessionCancelled(tx: Tx, sessionId: number, reason: string, now: number): Promise<void> {
  await tx
    .update(trainingSessions)
    .set({ status: 'cancelled', cancelReason: reason, sequence: sql`${trainingSessions.sequence} + 1`, updatedAt: now })
    .where(eq(trainingSessions.id, sessionId));
}

/** Seats held and people waiting, per session, counted from the domain's SEAT_HOLDING list. */
export interface SeatCount {
  held: number;
  waiting: number;
  /** Of the seats held, those awaiting a line manager's approval. */
  awaitingApproval: number;
  /** Seats held per organisation key ('' for places without one). */
  heldBy: Map<string, number>;
  /** People waiting per organisation key. */
  waitingBy: Map<string, number>;
}

/** Seats held and people waiting on each of `sessionIds` (every session listed is in the map). */
export async function readSeatCounts(db: Reader, sessionIds: readonly number[]): Promise<Map<number, SeatCount>> {
  const counts = new Map<number, SeatCount>(sessionIds.map((id) => [id, { held: 0, waiting: 0, awaitingApproval: 0, heldBy: new Map(), waitingBy: new Map() }]));
  if (!sessionIds.length) return counts;
  const rows = await db
    .select({ sessionId: bookings.sessionId, status: bookings.status, organisationKey: bookings.organisationKey, n: count() })
    .from(bookings)
    .where(inArray(bookings.sessionId, [...new Set(sessionIds)]))
    .groupBy(bookings.sessionId, bookings.status, bookings.organisationKey);
  const add = (map: Map<string, number>, key: string | null, n: number) => map.set(key ?? '', (map.get(key ?? '') ?? 0) + n);
  for (const r of rows) {
    const c = counts.get(r.sessionId)!;
    if (SEAT_HOLDING.includes(r.status)) {
      c.held += r.n;
      add(c.heldBy, r.organisationKey, r.n);
    }
    if (r.status === 'waiting') {
      c.waiting += r.n;
      add(c.waitingBy, r.organisationKey, r.n);
    }
    if (r.status === 'awaiting-approval') c.awaitingApproval += r.n;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------
// Places (bookings).

/** One place, or undefined. With `userId`, only that person's. */
export async function readBooking(db: Reader, bookingId: number, userId?: number): Promise<BookingRecord | undefined> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), userId === undefined ? undefined : eq(bookings.userId, userId)));
  return row ? bookingFromRow(row) : undefined;
}

/** A person's place on a session, or undefined. */
export async function readBookingOf(db: Reader, sessionId: number, userId: number): Promise<BookingRecord | undefined> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.sessionId, sessionId), eq(bookings.userId, userId)));
  return row ? bookingFromRow(row) : undefined;
}

/** Places on the given sessions in the given states (every state when `statuses` is undefined). */
export async function readBookingsOn(db: Reader, sessionIds: readonly number[] | null, statuses?: readonly BookingStatus[]): Promise<BookingRecord[]> {
  if (sessionIds !== null && !sessionIds.length) return [];
  const rows = await db
    .select()
    .from(bookings)
    .where(and(sessionIds === null ? undefined : inArray(bookings.sessionId, [...sessionIds]), statuses ? inArray(bookings.status, [...statuses]) : undefined))
    .orderBy(asc(bookings.id));
  return rows.map(bookingFromRow);
}

/**
 * Waiting places' positions in their queues (1 for the first), worked out in the database in
 * one statement, so no queue is brought into the server: each waiting list these places are
 * on is numbered once in the domain's `queueOrder` (joined earlier, or in the same second and
 * asked first). Places not waiting are left out of the map.
 */
export async function countQueuePositions(db: Reader, bookingIds: readonly number[]): Promise<Map<number, number>> {
  if (!bookingIds.length) return new Map();
  const ids = [...bookingIds];
  // Numbering the list once reads it once; counting the places ahead of each place instead
  // read 9,000 rows for a group of 50 on a list of 180.
  const sessionsOf = db.select({ sessionId: bookings.sessionId }).from(bookings).where(inArray(bookings.id, ids));
  const queue = db
    .select({
      id: bookings.id,
      position: sql<number>`row_number() over (partition by ${bookings.sessionId} order by ${bookings.queuedAt}, ${bookings.id})`.as('position'),
    })
    .from(bookings)
    .where(and(eq(bookings.status, 'waiting'), inArray(bookings.sessionId, sessionsOf)))
    .as('queue');
  const rows = await db.select({ id: queue.id, position: queue.position }).from(queue).where(inArray(queue.id, ids));
  return new Map(rows.map((r) => [r.id, r.position]));
}

/** Places in `status` with their sessions, across every session (for the timer's sweeps). */
export async function readBookingsInState(db: Reader, status: BookingStatus, where?: SQL): Promise<(BookingRecord & { session: SessionRecord })[]> {
  const rows = await db
    .select({ booking: bookings, session: trainingSessions })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .where(and(eq(bookings.status, status), where))
    .orderBy(asc(bookings.id));
  return rows.map((r) => ({ ...bookingFromRow(r.booking), session: sessionFromRow(r.session) }));
}

/** Booked places with no reminder yet on sessions starting in (after, upTo]. */
export function reminderCandidates(window: { after: number; upTo: number }): SQL {
  return and(isNull(bookings.reminderSentAt), eq(trainingSessions.status, 'scheduled'), gt(trainingSessions.startsAt, window.after), lte(trainingSessions.startsAt, window.upTo))!;
}

/** A person's places with their sessions (and courses), soonest session first. */
export async function readPlacesOf(db: Reader, userId: number, courseId?: number): Promise<(BookingRecord & { session: SessionWithCourse })[]> {
  return readPlacesOfPeople(db, [userId], courseId === undefined ? undefined : [courseId]);
}

/** Several people's places with their sessions (and courses), on the given courses or all. */
export async function readPlacesOfPeople(db: Reader, userIds: readonly number[], courseIds?: readonly number[]): Promise<(BookingRecord & { session: SessionWithCourse })[]> {
  if (!userIds.length) return [];
  const rows = await db
    .select({ booking: bookings, ...sessionWithCourse })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .where(and(inArray(bookings.userId, [...new Set(userIds)]), courseIds === undefined ? undefined : inArray(trainingSessions.courseId, [...new Set(courseIds)])))
    .orderBy(asc(trainingSessions.startsAt), asc(bookings.id));
  return rows.map((r) => ({ ...bookingFromRow(r.booking), session: withCourse(r) }));
}

/** Everyone on a session, with who they are. */
export async function readRoster(db: Reader, sessionId: number): Promise<(BookingRecord & { person: PersonRecord })[]> {
  const rows = await db.select({ booking: bookings, person: personColumns }).from(bookings).innerJoin(users, eq(users.id, bookings.userId)).where(eq(bookings.sessionId, sessionId));
  return rows.map((r) => ({ ...bookingFromRow(r.booking), person: personFromRow(r.person) }));
}

/** The courses and dates of sessions a person attended, with each course's domains. */
export async function readAttendedDomains(db: Reader, userId: number): Promise<{ domain: string; course: string; slug: string; attendedOn: number }[]> {
  return db
    .select({ domain: courseDomains.domain, course: courses.title, slug: courses.slug, attendedOn: trainingSessions.startsAt })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .innerJoin(courseDomains, eq(courseDomains.courseId, courses.id))
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'attended')))
    .orderBy(asc(trainingSessions.startsAt));
}

/**
 * Creates a person's place on a session in the waiting state, or brings back their ended
 * place (cancelled, expired or declined) as a new place at the back of the queue, recording
 * the person's organisation key as it is now. Undefined when they already have a place that
 * has not ended.
 */
export async function upsertWaitingPlace(
  tx: Tx,
  { sessionId, userId, organisationKey, now }: { sessionId: number; userId: number; organisationKey: string; now: number },
): Promise<number | undefined> {
  const [row] = await waitingPlaceUpsert(tx).all({ sessionId, userId, organisationKey, now });
  return row?.id;
}

/**
 * The statement behind upsertWaitingPlace, built once for each transaction: a group of
 * bookings (bookings.ts) runs it once a person inside one transaction, and building its SQL
 * cost about as much as running it. A place that has ended (cancelled, expired, declined)
 * is reopened as a new wait; a live one is left alone and no id comes back.
 */
const waitingPlaceUpsert = preparedPer((tx: Tx) =>
  tx
    .insert(bookings)
    .values({
      sessionId: sql.placeholder('sessionId'),
      userId: sql.placeholder('userId'),
      status: 'waiting',
      queuedAt: sql.placeholder('now'),
      organisationKey: sql.placeholder('organisationKey'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .onConflictDoUpdate({
      target: [bookings.sessionId, bookings.userId],
      set: {
        status: 'waiting',
        queuedAt: sql`${sql.placeholder('now')}`,
        offerExpiresAt: null,
        reminderSentAt: null,
        organisationKey: sql`${sql.placeholder('organisationKey')}`,
        updatedAt: sql`${sql.placeholder('now')}`,
        sequence: sql`${bookings.sequence} + 1`,
      },
      setWhere: inArray(bookings.status, [...ENDED_STATUSES]),
    })
    .returning({ id: bookings.id })
    .prepare(),
);

/** One place's new state, as the domain decided it. */
export interface PlaceChange {
  id: number;
  to: BookingStatus;
  /** Only for offers: when the offer ends. Otherwise the expiry is cleared. */
  offerExpiresAt?: number | null;
  lateCancelReason?: string;
}

/**
 * Writes places' new states in one statement, only for places still in `from` (so a place
 * changed meanwhile is left alone). Returns the ids changed.
 */
export async function changePlaces(tx: Tx, changes: readonly PlaceChange[], { from, now, raiseSequence }: { from: readonly BookingStatus[]; now: number; raiseSequence: boolean }): Promise<number[]> {
  if (!changes.length) return [];
  const rows = await tx
    .update(bookings)
    .set(placeColumns(changes, now, raiseSequence))
    .where(and(inArray(bookings.id, changes.map((c) => c.id)), inArray(bookings.status, [...from])))
    .returning({ id: bookings.id });
  return rows.map((r) => r.id);
}

/**
 * The seat guard: moves waiting places into a seat-holding state (booked, or offered) in one
 * conditional statement that changes nothing unless, for every session touched, the places
 * holding a seat plus the places being moved, plus the seats still set aside on its standing
 * reservations (each max(0, seats − its organisation's places among those), as in
 * lib/domain/training/reserved-seats.ts), fit its capacity. So a non-member can never take a
 * seat set aside for an organisation, and a member takes their organisation's seat before an
 * open one. Every change that takes a seat goes through here, so no session is ever
 * overbooked, whichever instance writes. Returns the ids moved: all of them, or none.
 */
export async function takeSeats(tx: Tx, changes: readonly (PlaceChange & { sessionId: number })[], { now, raiseSequence }: { now: number; raiseSequence: boolean }): Promise<number[]> {
  if (!changes.length) return [];
  const ids = changes.map((c) => c.id);
  const sessionIds = [...new Set(changes.map((c) => c.sessionId))];
  const idList = sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const sessionList = sql`(${sql.join(
    sessionIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const fits = sql`NOT EXISTS (
    SELECT 1 FROM training_sessions s
    WHERE s.id IN ${sessionList}
      AND (SELECT count(*) FROM bookings h WHERE h.session_id = s.id AND (h.status IN ${SEAT_HOLDING_LIST} OR h.id IN ${idList}))
        + ${reservedLeftSql(sql`s.id`, idList, now)} > s.capacity)`;
  const rows = await tx
    .update(bookings)
    .set(placeColumns(changes, now, raiseSequence))
    .where(and(inArray(bookings.id, ids), eq(bookings.status, 'waiting'), fits))
    .returning({ id: bookings.id });
  return rows.map((r) => r.id);
}

/** The columns a set of place changes writes: one value, or a CASE by id when they differ. */
function placeColumns(changes: readonly PlaceChange[], now: number, raiseSequence: boolean) {
  return {
    status: byId(changes, (c) => c.to) as unknown as BookingStatus,
    offerExpiresAt: byId(changes, (c) => c.offerExpiresAt ?? null) as unknown as number | null,
    ...(changes.some((c) => c.lateCancelReason !== undefined) ? { lateCancelReason: byId(changes, (c) => c.lateCancelReason ?? null) as unknown as string | null } : {}),
    updatedAt: now,
    ...(raiseSequence ? { sequence: sql`${bookings.sequence} + 1` } : {}),
  };
}

/** One value for every change, or `CASE id WHEN … THEN … END` when they differ. */
function byId<T extends string | number | null>(changes: readonly PlaceChange[], value: (c: PlaceChange) => T): T | SQL {
  const values = changes.map(value);
  if (values.every((v) => v === values[0])) return values[0]!;
  return sql`CASE ${bookings.id} ${sql.join(
    changes.map((c, i) => sql`WHEN ${c.id} THEN ${values[i]}`),
    sql` `,
  )} END`;
}

/** Notes that reminders went for these places (only those not already reminded). */
export async function markReminded(tx: Tx, bookingIds: readonly number[], now: number): Promise<number[]> {
  if (!bookingIds.length) return [];
  const rows = await tx
    .update(bookings)
    .set({ reminderSentAt: now })
    .where(and(inArray(bookings.id, [...bookingIds]), isNull(bookings.reminderSentAt)))
    .returning({ id: bookings.id });
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------
// History and people.

/** One entry for a place's history. */
export interface NewEvent {
  bookingId: number;
  event: BookingEvent;
  actorId: number | null;
  detail?: string;
}

/** Adds entries to places' histories, in one statement. */
export async function recordEvents(tx: Tx, events: readonly NewEvent[], now: number): Promise<void> {
  if (!events.length) return;
  await tx.insert(bookingEvents).values(events.map((e) => ({ bookingId: e.bookingId, event: e.event, actorId: e.actorId, detail: e.detail ?? '', createdAt: now })));
}

/** The histories of places, oldest entry first. */
export async function readHistories(db: Reader, bookingIds: readonly number[]): Promise<Map<number, EventRecord[]>> {
  const histories = new Map<number, EventRecord[]>(bookingIds.map((id) => [id, []]));
  if (!bookingIds.length) return histories;
  const rows = await db
    .select({ event: bookingEvents, actor: users.name })
    .from(bookingEvents)
    .leftJoin(users, eq(users.id, bookingEvents.actorId))
    .where(inArray(bookingEvents.bookingId, [...bookingIds]))
    .orderBy(asc(bookingEvents.createdAt), asc(bookingEvents.id));
  for (const r of rows) histories.get(r.event.bookingId)!.push(eventFromRow(r.event, r.actor));
  return histories;
}

/** People by id, with whether their account is active. */
export async function readPeople(db: Reader, ids: readonly number[]): Promise<Map<number, PersonRecord & { active: boolean }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ ...personColumns, status: users.status })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { ...personFromRow(r), active: r.status === 'active' }]));
}

/** E-mails to send with the change being written (one statement). */
export async function queueTrainingEmails(tx: Tx, messages: readonly Email[]): Promise<void> {
  await queueEmails(tx, messages);
}

/** The active account with this (lower-cased, trimmed) e-mail address, if any. */
export async function readActivePersonByEmail(db: Reader, email: string): Promise<PersonRecord | undefined> {
  const [row] = await db
    .select(personColumns)
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.status, 'active')));
  return row ? personFromRow(row) : undefined;
}

// ---------------------------------------------------------------------------------------
// Seats set aside for organisations.

export interface ReservationRecord extends Reservation {
  sessionId: number;
  createdAt: number;
  ending: ReservationEnding | null;
}

/** A `seat_reservations` row as the area uses it. */
export function reservationFromRow(row: typeof seatReservations.$inferSelect): ReservationRecord {
  return {
    id: row.id,
    sessionId: row.sessionId,
    organisation: row.organisation,
    organisationKey: row.organisationKey,
    seats: row.seats,
    releaseAt: row.releaseAt,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
    ending: row.ending,
  };
}

/** The reservations not yet ended on the given sessions (every session listed is in the map). */
export async function readReservations(db: Reader, sessionIds: readonly number[]): Promise<Map<number, ReservationRecord[]>> {
  const map = new Map<number, ReservationRecord[]>(sessionIds.map((id) => [id, []]));
  if (!sessionIds.length) return map;
  const rows = await db
    .select()
    .from(seatReservations)
    .where(and(inArray(seatReservations.sessionId, [...new Set(sessionIds)]), isNull(seatReservations.endedAt)))
    .orderBy(asc(seatReservations.releaseAt), asc(seatReservations.id));
  for (const r of rows) map.get(r.sessionId)!.push(reservationFromRow(r));
  return map;
}

/** Reservations whose release moment has come but which are not yet recorded as released (on the sessions given, or everywhere). */
export async function readReservationsDue(db: Reader, sessionIds: readonly number[] | null, now: number): Promise<ReservationRecord[]> {
  if (sessionIds !== null && !sessionIds.length) return [];
  const rows = await db
    .select()
    .from(seatReservations)
    .where(and(isNull(seatReservations.endedAt), lte(seatReservations.releaseAt, now), sessionIds === null ? undefined : inArray(seatReservations.sessionId, [...sessionIds])))
    .orderBy(asc(seatReservations.id));
  return rows.map(reservationFromRow);
}

/** One reservation, or undefined. */
export async function readReservation(db: Reader, reservationId: number): Promise<ReservationRecord | undefined> {
  const [row] = await db.select().from(seatReservations).where(eq(seatReservations.id, reservationId));
  return row ? reservationFromRow(row) : undefined;
}

/** Sets seats aside on a session; returns the reservation's id. */
export async function insertReservation(tx: Tx, r: { sessionId: number; organisation: string; organisationKey: string; seats: number; releaseAt: number; actorId: number; now: number }): Promise<number> {
  const [row] = await tx
    .insert(seatReservations)
    .values({ sessionId: r.sessionId, organisation: r.organisation, organisationKey: r.organisationKey, seats: r.seats, releaseAt: r.releaseAt, createdBy: r.actorId, createdAt: r.now })
    .returning({ id: seatReservations.id });
  return row!.id;
}

/** Ends reservations (released or removed), only those still standing; returns the ids ended. */
export async function endReservations(tx: Tx, ids: readonly number[], ending: ReservationEnding, now: number): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await tx
    .update(seatReservations)
    .set({ endedAt: now, ending })
    .where(and(inArray(seatReservations.id, [...ids]), isNull(seatReservations.endedAt)))
    .returning({ id: seatReservations.id });
  return rows.map((r) => r.id);
}

/** One entry for a reservation's history. */
export interface NewReservationEvent {
  reservationId: number;
  event: ReservationEvent;
  actorId: number | null;
  detail?: string;
}

/** Adds entries to reservations' histories, in one statement. */
export async function recordReservationEvents(tx: Tx, events: readonly NewReservationEvent[], now: number): Promise<void> {
  if (!events.length) return;
  await tx.insert(seatReservationEvents).values(events.map((e) => ({ reservationId: e.reservationId, event: e.event, actorId: e.actorId, detail: e.detail ?? '', createdAt: now })));
}

/** One entry of a session's reserved-seat history, with the reservation and who did it. */
export interface ReservationEventRecord {
  event: ReservationEvent;
  at: number;
  actor: string | null;
  detail: string;
  organisation: string;
  seats: number;
  releaseAt: number;
}

/** Every change to a session's reserved seats, oldest first. */
export async function readReservationHistory(db: Reader, sessionId: number): Promise<ReservationEventRecord[]> {
  const rows = await db
    .select({ e: seatReservationEvents, r: seatReservations, actor: users.name })
    .from(seatReservationEvents)
    .innerJoin(seatReservations, eq(seatReservations.id, seatReservationEvents.reservationId))
    .leftJoin(users, eq(users.id, seatReservationEvents.actorId))
    .where(eq(seatReservations.sessionId, sessionId))
    .orderBy(asc(seatReservationEvents.createdAt), asc(seatReservationEvents.id));
  return rows.map((x) => ({ event: x.e.event, at: x.e.createdAt, actor: x.actor, detail: x.e.detail, organisation: x.r.organisation, seats: x.r.seats, releaseAt: x.r.releaseAt }));
}

/** How each organisation is spelt on the portal's active accounts, with how many accounts use each spelling. */
export async function readOrganisationSpellings(db: Reader): Promise<{ organisation: string; members: number }[]> {
  const rows = await db.select({ organisation: users.organisation, members: count() }).from(users).where(eq(users.status, 'active')).groupBy(users.organisation);
  return rows;
}

// ---------------------------------------------------------------------------------------
// Offers to pass a place to a colleague.

export interface TransferRecord {
  id: string;
  secretHash: Uint8Array;
  bookingId: number;
  fromUserId: number;
  toUserId: number;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
  outcome: TransferOutcome | null;
}

/** A `place_transfers` row as the area uses it. */
export function transferFromRow(row: typeof placeTransfers.$inferSelect): TransferRecord {
  return {
    id: row.id,
    secretHash: new Uint8Array(row.secretHash),
    bookingId: row.bookingId,
    fromUserId: row.fromUserId,
    toUserId: row.toUserId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
    outcome: row.outcome,
  };
}

/** One offer by its public id, or undefined. */
export async function readTransfer(db: Reader, id: string): Promise<TransferRecord | undefined> {
  const [row] = await db.select().from(placeTransfers).where(eq(placeTransfers.id, id));
  return row ? transferFromRow(row) : undefined;
}

/** The open offers (not answered, not replaced, not expired) on the given places, with the colleague. */
export async function readOpenTransfers(db: Reader, bookingIds: readonly number[], now: number): Promise<Map<number, TransferRecord & { colleague: string }>> {
  if (!bookingIds.length) return new Map();
  const rows = await db
    .select({ transfer: placeTransfers, colleague: users.name })
    .from(placeTransfers)
    .innerJoin(users, eq(users.id, placeTransfers.toUserId))
    .where(and(inArray(placeTransfers.bookingId, [...bookingIds]), isNull(placeTransfers.outcome), gt(placeTransfers.expiresAt, now)));
  return new Map(rows.map((r) => [r.transfer.bookingId, { ...transferFromRow(r.transfer), colleague: r.colleague }]));
}

/** Records a new offer, replacing any open one on the same place. */
export async function insertTransfer(tx: Tx, t: Omit<TransferRecord, 'decidedAt' | 'outcome'>): Promise<void> {
  await tx
    .update(placeTransfers)
    .set({ outcome: 'withdrawn', decidedAt: t.createdAt })
    .where(and(eq(placeTransfers.bookingId, t.bookingId), isNull(placeTransfers.outcome)));
  await tx.insert(placeTransfers).values({ ...t, secretHash: Buffer.from(t.secretHash) });
}

/** Closes an open offer with its outcome; false when it was already closed (so a link works once). */
export async function closeTransfer(tx: Tx, id: string, outcome: TransferOutcome, now: number): Promise<boolean> {
  const rows = await tx
    .update(placeTransfers)
    .set({ outcome, decidedAt: now })
    .where(and(eq(placeTransfers.id, id), isNull(placeTransfers.outcome)))
    .returning({ id: placeTransfers.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------
// A line manager's approval.

/** Records the line manager a person named for their place. */
export async function setManagerEmail(tx: Tx, bookingId: number, managerEmail: string): Promise<void> {
  await tx.update(bookings).set({ managerEmail }).where(eq(bookings.id, bookingId));
}

/** The line manager a person named most recently on any place, to fill in the booking form. */
export async function readLastManagerEmail(db: Reader, userId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ managerEmail: bookings.managerEmail })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), sql`${bookings.managerEmail} IS NOT NULL`))
    .orderBy(sql`${bookings.updatedAt} DESC`, sql`${bookings.id} DESC`)
    .limit(1);
  return row?.managerEmail ?? undefined;
}

export interface ApprovalRecord {
  id: string;
  secretHash: Uint8Array;
  bookingId: number;
  managerEmail: string;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
  outcome: ApprovalOutcome | null;
}

/** A `place_approvals` row as the area uses it. */
export function approvalFromRow(row: typeof placeApprovals.$inferSelect): ApprovalRecord {
  return {
    id: row.id,
    secretHash: new Uint8Array(row.secretHash),
    bookingId: row.bookingId,
    managerEmail: row.managerEmail,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
    outcome: row.outcome,
  };
}

/** Records requests for approval, in one statement. */
export async function insertApprovals(tx: Tx, approvals: readonly Omit<ApprovalRecord, 'decidedAt' | 'outcome'>[]): Promise<void> {
  if (!approvals.length) return;
  await tx.insert(placeApprovals).values(approvals.map((a) => ({ ...a, secretHash: Buffer.from(a.secretHash) })));
}

/** One request for approval by its public id, or undefined. */
export async function readApproval(db: Reader, id: string): Promise<ApprovalRecord | undefined> {
  const [row] = await db.select().from(placeApprovals).where(eq(placeApprovals.id, id));
  return row ? approvalFromRow(row) : undefined;
}

/** Closes one open request with the manager's answer; false when it was already closed (so a link works once). */
export async function closeApproval(tx: Tx, id: string, outcome: ApprovalOutcome, now: number): Promise<boolean> {
  const rows = await tx
    .update(placeApprovals)
    .set({ outcome, decidedAt: now })
    .where(and(eq(placeApprovals.id, id), isNull(placeApprovals.outcome)))
    .returning({ id: placeApprovals.id });
  return rows.length > 0;
}

/** Closes every open request on the given places (the hold ran out, or the place ended). */
export async function closeApprovalsOf(tx: Tx, bookingIds: readonly number[], outcome: ApprovalOutcome, now: number): Promise<void> {
  if (!bookingIds.length) return;
  await tx
    .update(placeApprovals)
    .set({ outcome, decidedAt: now })
    .where(and(inArray(placeApprovals.bookingId, [...bookingIds]), isNull(placeApprovals.outcome)));
}

function groupBy<R, K, V>(rows: readonly R[], key: (r: R) => K, value: (r: R) => V): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const list = map.get(key(r)) ?? [];
    list.push(value(r));
    map.set(key(r), list);
  }
  return map;
}
