/**
 * Reading the training catalogue: courses, their sessions with live seats, a person's
 * places and Skills Matrix progress, and the trainer's view of a session. Every list is a
 * fixed number of queries through the training repository, whatever its length.
 */
import type { PortalDb } from '../../../../db/client.ts';
import type { FieldErrors } from '../../domain/account/schema.ts';
import { SLUG_TAKEN_MESSAGE, checkCourseForm } from '../../domain/training/forms.ts';
import type { BookingStatus, DeliveryMode } from '../../domain/training/model.ts';
import { bookingOpen, queuePosition, rosterOrder, seatsFree } from '../../domain/training/places.ts';
import type { SeatPicture } from '../../domain/training/reserved-seats.ts';
import { readSeatPictures } from './bookings.ts';
import { nowSeconds } from '../../time.ts';
import { readFormLists } from '../forms.ts';
import { mayCreateCourses, runsCourseById, runsSession } from './ownership.ts';
import {
  insertCourse,
  readAttendedDomains,
  readBookingsOn,
  readCoTrainers,
  readCourseDomains,
  readCourse,
  readCourseSlugOfSession,
  readCourses,
  readHistories,
  readOpenTransfers,
  readPeople,
  readPlacesOf,
  readRoster,
  readSession,
  readSessions,
  readUpcomingByCourse,
  sessionWhere,
  slugTaken,
  updateCourse,
  type CourseFields,
  type EventRecord,
  type Reader,
  type SeatCount,
  type SessionRecord,
  type SessionWithCourse,
} from './repository.ts';

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
  /** A place needs the person's line manager's approval. */
  requiresApproval: boolean;
  /** The trainer responsible for the course; null until an admin assigns one. */
  ownerId: number | null;
  ownerName: string | null;
  /** Trainers who run the course with its owner. */
  coTrainerIds: number[];
  /** Upcoming, not cancelled sessions. */
  upcoming: number;
  nextStartsAt: number | null;
}

/** A session with its seat counts, as pages show it. */
export interface SessionView extends SessionRecord {
  /** Places holding a seat. */
  booked: number;
  /** Of the places holding a seat, those awaiting a line manager's approval. */
  awaitingApproval: number;
  waiting: number;
  /** Every free seat, open or set aside for an organisation. */
  seatsLeft: number;
  /** The seats held, set aside (standing reservations) and open, for the honest count (reserved-seats.ts). */
  picture: SeatPicture;
  /** People waiting per organisation key. */
  waitingBy: Map<string, number>;
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

type SessionWithTitles = SessionView & { courseSlug: string; courseTitle: string; requiresApproval: boolean };

function viewOf(s: SessionRecord, seats: SeatCount, picture: SeatPicture, now: number): SessionView {
  return { ...s, booked: seats.held, awaitingApproval: seats.awaitingApproval, waiting: seats.waiting, seatsLeft: seatsFree(s.capacity, seats.held), picture, waitingBy: seats.waitingBy, open: bookingOpen(s, now) };
}

/** Sessions with their live seats and seats set aside, read in three queries. */
async function withSeats(db: Reader, sessions: readonly SessionWithCourse[], now: number): Promise<SessionWithTitles[]> {
  const pictures = await readSeatPictures(db, sessions, now);
  return sessions.map((s) => {
    const { counts, picture } = pictures.get(s.id)!;
    return { ...viewOf(s, counts, picture, now), courseSlug: s.courseSlug, courseTitle: s.courseTitle, requiresApproval: s.requiresApproval };
  });
}

/** Courses matching the filter, each with its domains and next session. */
export async function listCourses(db: Reader, filter: CatalogueFilter = {}, now = nowSeconds()): Promise<CourseSummary[]> {
  const [all, domains, coTrainers, upcoming] = await Promise.all([
    readCourses(db),
    readCourseDomains(db),
    readCoTrainers(db),
    readUpcomingByCourse(db, { from: filter.from ?? now, to: filter.to, district: filter.district, mode: filter.mode }),
  ]);
  const narrowed = Boolean(filter.district || filter.mode || filter.to !== undefined || filter.from !== undefined);
  return all
    .map((c) => ({
      ...c,
      domains: domains.get(c.id) ?? [],
      coTrainerIds: coTrainers.get(c.id) ?? [],
      upcoming: upcoming.get(c.id)?.upcoming ?? 0,
      nextStartsAt: upcoming.get(c.id)?.nextStartsAt ?? null,
    }))
    .filter((c) => !filter.domain || c.domains.includes(filter.domain))
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
  return withSeats(db, await readSessions(db, sessionWhere.ofCourse(courseId, includePast ? null : now)), now);
}

export async function getSession(db: Reader, sessionId: number, now = nowSeconds()): Promise<SessionWithTitles | undefined> {
  const session = await readSession(db, sessionId);
  return session ? (await withSeats(db, [session], now))[0] : undefined;
}

/**
 * The web address name of a session's course, or undefined for an unknown session: all the
 * booking form needs before it books, in one statement (no seat count).
 */
export async function courseSlugOf(db: Reader, sessionId: number): Promise<string | undefined> {
  return readCourseSlugOfSession(db, sessionId);
}

/** Every session, for the trainer's overview: fill rate at a glance. */
export async function allSessions(db: Reader, { includePast = false, now = nowSeconds() } = {}): Promise<SessionWithTitles[]> {
  return withSeats(db, await readSessions(db, sessionWhere.startingFrom(includePast ? null : now - 7 * 86400)), now);
}

export interface MyPlace {
  bookingId: number;
  status: BookingStatus;
  /** For waiting places: 1 is first in the queue. */
  position: number | null;
  offerExpiresAt: number | null;
  /** The line manager asked to approve the place (its hold ends at offerExpiresAt). */
  managerEmail: string | null;
  /** An open offer of this place to a colleague: who, and until when. */
  transferTo: { colleague: string; expiresAt: number } | null;
  session: SessionWithTitles;
}

/** A person's places, every state, soonest first. */
export async function placesOf(db: Reader, userId: number, now = nowSeconds()): Promise<MyPlace[]> {
  const places = await readPlacesOf(db, userId);
  const queued = places.filter((p) => p.status === 'waiting').map((p) => p.sessionId);
  const [sessions, queues, transfers] = await Promise.all([
    withSeats(db, places.map((p) => p.session), now),
    readBookingsOn(db, queued, ['waiting']),
    readOpenTransfers(db, places.filter((p) => p.status === 'booked').map((p) => p.id), now),
  ]);
  return places.map((p, i) => ({
    bookingId: p.id,
    status: p.status,
    position: p.status === 'waiting' ? queuePosition(queues.filter((q) => q.sessionId === p.sessionId), p.id) : null,
    offerExpiresAt: p.offerExpiresAt,
    managerEmail: p.managerEmail,
    transferTo: transfers.has(p.id) ? { colleague: transfers.get(p.id)!.colleague, expiresAt: transfers.get(p.id)!.expiresAt } : null,
    session: sessions[i]!,
  }));
}

/** A person's place on one session, if any. */
export async function placeOn(db: Reader, userId: number, sessionId: number, now = nowSeconds()): Promise<MyPlace | undefined> {
  return (await placesOf(db, userId, now)).find((p) => p.session.id === sessionId);
}

/** The Skills Matrix domains covered by courses a person attended, with the courses. */
export async function skillsOf(db: Reader, userId: number): Promise<Map<string, { course: string; slug: string; attendedOn: number }[]>> {
  const byDomain = new Map<string, { course: string; slug: string; attendedOn: number }[]>();
  for (const r of await readAttendedDomains(db, userId)) {
    const list = byDomain.get(r.domain) ?? [];
    list.push({ course: r.course, slug: r.slug, attendedOn: r.attendedOn });
    byDomain.set(r.domain, list);
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
  /** The line manager asked to approve the place, on a course that needs approval. */
  managerEmail: string | null;
}

/** Everyone on a session: places held first, then the waiting list in queue order. */
export async function attendeesOf(db: Reader, sessionId: number): Promise<Attendee[]> {
  const roster = (await readRoster(db, sessionId)).sort(rosterOrder);
  return roster.map((b) => ({
    bookingId: b.id,
    userId: b.userId,
    name: b.person.name,
    email: b.person.email,
    organisation: b.person.organisation,
    status: b.status,
    queuedAt: b.queuedAt,
    offerExpiresAt: b.offerExpiresAt,
    lateCancelReason: b.lateCancelReason,
    managerEmail: b.managerEmail,
  }));
}

/** One entry in a place's history. */
export type HistoryEntry = Omit<EventRecord, 'bookingId'>;

/** The history of one place. */
export async function historyOf(db: Reader, bookingId: number): Promise<HistoryEntry[]> {
  return ((await readHistories(db, [bookingId])).get(bookingId) ?? []).map(({ bookingId: _, ...entry }) => entry);
}

/** The histories of several places in one query, for a session's page. */
export async function historiesOf(db: Reader, bookingIds: readonly number[]): Promise<Map<number, HistoryEntry[]>> {
  const all = await readHistories(db, bookingIds);
  return new Map([...all].map(([id, events]) => [id, events.map(({ bookingId: _, ...entry }) => entry)]));
}

export type CourseInput = CourseFields;

export type SaveCourseResult = { ok: true; id: number } | { ok: false; reason: 'slug-taken' | 'not-found' | 'forbidden' };

/**
 * Creates a course, owned by the trainer who creates it, or changes one when `id` is given
 * (only by a trainer who runs it).
 */
export async function saveCourse(portal: PortalDb, input: CourseInput, actorId: number, id?: number, now = nowSeconds()): Promise<SaveCourseResult> {
  return portal.write(async (tx): Promise<SaveCourseResult> => {
    if (id !== undefined && !(await readCourse(tx, id))) return { ok: false, reason: 'not-found' };
    const allowed = id === undefined ? await mayCreateCourses(tx, actorId) : await runsCourseById(tx, actorId, id);
    if (!allowed) return { ok: false, reason: 'forbidden' };
    if (await slugTaken(tx, input.slug, id)) return { ok: false, reason: 'slug-taken' };
    if (id === undefined) return { ok: true, id: await insertCourse(tx, input, actorId, now) };
    if (!(await updateCourse(tx, id, input, now))) return { ok: false, reason: 'not-found' };
    return { ok: true, id };
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
  const session = await readSession(db, sessionId);
  if (!session || session.courseOwnerId === null) return undefined;
  const owner = (await readPeople(db, [session.courseOwnerId])).get(session.courseOwnerId);
  return owner ? { name: owner.name, email: owner.email } : undefined;
}
