/**
 * Course owners and co-trainers: reading a course's team, checking that someone runs a
 * course before any change to it, and administrators reassigning the team (with the audit
 * log, in one transaction). The rule itself is runsCourse in lib/domain/training/ownership.
 */
import type { PortalDb } from '../../../../db/client.ts';
import { runsCourse, type CourseTeam } from '../../domain/training/ownership.ts';
import { nowSeconds } from '../../time.ts';
import { courseOfSession, isAdmin, readCoTrainerNames, readCoTrainers, readCourse, readCourses, readTrainers, sessionOfBooking, trainersAmong, writeCourseTeam, type Reader } from './repository.ts';

/** A course's owner and co-trainers, or undefined for an unknown course. */
export async function teamOf(db: Reader, courseId: number): Promise<CourseTeam | undefined> {
  const [course, co] = await Promise.all([readCourse(db, courseId), readCoTrainers(db, [courseId])]);
  if (!course) return undefined;
  return { ownerId: course.ownerId, coTrainerIds: co.get(courseId) ?? [] };
}

/** True when `userId` runs the course: a trainer who owns it or is a co-trainer. */
export async function runsCourseById(db: Reader, userId: number, courseId: number): Promise<boolean> {
  const [team, trainers] = await Promise.all([teamOf(db, courseId), trainersAmong(db, [userId])]);
  if (!team) return false;
  return runsCourse({ id: userId, isTrainer: trainers.has(userId) }, team);
}

/** True when `userId` runs the course that session `sessionId` belongs to. */
export async function runsSession(db: Reader, userId: number, sessionId: number): Promise<boolean> {
  const courseId = await courseOfSession(db, sessionId);
  return courseId === undefined ? false : runsCourseById(db, userId, courseId);
}

/** True when `userId` runs the course of the session that booking `bookingId` is on. */
export async function runsBooking(db: Reader, userId: number, bookingId: number): Promise<boolean> {
  const sessionId = await sessionOfBooking(db, bookingId);
  return sessionId === undefined ? false : runsSession(db, userId, sessionId);
}

/** Whether a user may create courses at all: any trainer. */
export async function mayCreateCourses(db: Reader, userId: number): Promise<boolean> {
  return (await trainersAmong(db, [userId])).has(userId);
}

/** Everyone holding the trainer role, for the administrator's choice of owner. */
export async function listTrainers(db: Reader): Promise<{ id: number; name: string; email: string }[]> {
  return (await readTrainers(db)).map(({ id, name, email }) => ({ id, name, email }));
}

/** Every course with its team's names, for the administrators' list. */
export async function listCourseTeams(db: Reader): Promise<{ id: number; title: string; ownerId: number | null; ownerName: string | null; coTrainers: string[] }[]> {
  const [all, names] = await Promise.all([readCourses(db), readCoTrainerNames(db)]);
  return all.map((c) => ({ id: c.id, title: c.title, ownerId: c.ownerId, ownerName: c.ownerName, coTrainers: [...(names.get(c.id) ?? [])].sort() }));
}

export type AssignTeamResult = { ok: true } | { ok: false; reason: 'not-found' | 'not-admin' | 'owner-not-trainer' | 'co-trainer-not-trainer' };

/**
 * An administrator sets a course's owner and co-trainers. Everyone named must hold the
 * trainer role; the owner is never also listed as a co-trainer. The change and its audit
 * record are one transaction.
 */
export async function assignCourseTeam(
  portal: PortalDb,
  { courseId, ownerId, coTrainerIds, actorId, now = nowSeconds() }: { courseId: number; ownerId: number; coTrainerIds: readonly number[]; actorId: number; now?: number },
): Promise<AssignTeamResult> {
  return portal.write(async (tx): Promise<AssignTeamResult> => {
    if (!(await isAdmin(tx, actorId))) return { ok: false, reason: 'not-admin' };
    const before = await teamOf(tx, courseId);
    if (!before) return { ok: false, reason: 'not-found' };
    const co = [...new Set(coTrainerIds)].filter((id) => id !== ownerId);
    const trainers = await trainersAmong(tx, [ownerId, ...co]);
    if (!trainers.has(ownerId)) return { ok: false, reason: 'owner-not-trainer' };
    if (!co.every((id) => trainers.has(id))) return { ok: false, reason: 'co-trainer-not-trainer' };
    const detail = `Course ${courseId}: owner ${before.ownerId ?? 'none'} -> ${ownerId}; co-trainers [${before.coTrainerIds.join(', ')}] -> [${co.join(', ')}]`;
    await writeCourseTeam(tx, { courseId, ownerId, coTrainerIds: co, actorId, detail, now });
    return { ok: true };
  });
}

/** The names of a course's co-trainers, for display. */
export async function coTrainerNames(db: Reader, courseId: number): Promise<string[]> {
  return (await readCoTrainerNames(db, courseId)).get(courseId) ?? [];
}
