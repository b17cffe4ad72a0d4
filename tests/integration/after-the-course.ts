/**
 * Set-up for the tests of what follows a course: people, a course with an owner and a
 * domain, and a session that has taken place, written straight to the tables so these tests
 * do not depend on how places are booked.
 */
import type { PortalDb } from '../../db/client.ts';
import { bookings, courseDomains, courses, trainingSessions, userRoles, users, type BookingStatus } from '../../db/schema.ts';

export const NOW = 1_800_000_000;
export const DAY = 86_400;

/** `n` active members, named Person 0, Person 1… */
export async function members(portal: PortalDb, n: number, prefix = 'Person'): Promise<number[]> {
  const rows = await portal.db
    .insert(users)
    .values(Array.from({ length: n }, (_, i) => ({ email: `${prefix.toLowerCase()}-${i}-${Math.random()}@kent.gov.uk`, name: `${prefix} ${i}`, organisation: 'Kent Police', passwordHash: 'x', status: 'active' as const })))
    .returning({ id: users.id });
  return rows.map((r) => r.id);
}

/** A course owned by `ownerId` (made a trainer) that builds two domains. */
export async function course(portal: PortalDb, ownerId: number | null, title = 'Restorative practice'): Promise<number> {
  if (ownerId !== null) await portal.db.insert(userRoles).values({ userId: ownerId, role: 'trainer' }).onConflictDoNothing();
  const [row] = await portal.db
    .insert(courses)
    .values({ slug: `course-${Math.random().toString(36).slice(2)}`, title, summary: 's', audience: 'a', ownerId })
    .returning({ id: courses.id });
  await portal.db.insert(courseDomains).values([
    { courseId: row!.id, domain: 'critical-reflection-and-analysis' },
    { courseId: row!.id, domain: 'systems-and-it' },
  ]);
  return row!.id;
}

/** A session of the course that started `startsAgo` seconds before NOW. */
export async function pastSession(portal: PortalDb, courseId: number, startsAgo = DAY): Promise<number> {
  const [row] = await portal.db
    .insert(trainingSessions)
    .values({ courseId, startsAt: NOW - startsAgo, durationMinutes: 150, mode: 'online', venue: 'Teams', capacity: 20, cutoffHours: 24 })
    .returning({ id: trainingSessions.id });
  return row!.id;
}

/** A place for each person on the session, in `status`; returns the place ids in order. */
export async function places(portal: PortalDb, sessionId: number, userIds: readonly number[], status: BookingStatus = 'attended'): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await portal.db
    .insert(bookings)
    .values(userIds.map((userId) => ({ sessionId, userId, status })))
    .returning({ id: bookings.id });
  return rows.map((r) => r.id);
}
