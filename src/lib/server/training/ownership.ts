/**
 * Course owners and co-trainers: reading a course's team, checking that someone runs a
 * course before any change to it, and administrators reassigning the team (with the audit
 * log, in one transaction). The rule itself is runsCourse in lib/domain/training/ownership.
 */
import { sql } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { runsCourse, type CourseTeam } from '../../domain/training/ownership.ts';
import { nowSeconds } from '../../time.ts';

type Reader = PortalDb['db'] | Tx;

/** A course's owner and co-trainers, or undefined for an unknown course. */
export async function teamOf(db: Reader, courseId: number): Promise<CourseTeam | undefined> {
  const r = (await db.run(sql`SELECT owner_id FROM courses WHERE id = ${courseId}`)).rows[0];
  if (!r) return undefined;
  const co = await db.run(sql`SELECT user_id FROM course_trainers WHERE course_id = ${courseId} ORDER BY user_id`);
  return { ownerId: r.owner_id === null ? null : Number(r.owner_id), coTrainerIds: co.rows.map((c) => Number(c.user_id)) };
}

async function isTrainer(db: Reader, userId: number): Promise<boolean> {
  return (await db.run(sql`SELECT 1 FROM user_roles WHERE user_id = ${userId} AND role = 'trainer'`)).rows.length > 0;
}

/** True when `userId` runs the course: a trainer who owns it or is a co-trainer. */
export async function runsCourseById(db: Reader, userId: number, courseId: number): Promise<boolean> {
  const team = await teamOf(db, courseId);
  if (!team) return false;
  return runsCourse({ id: userId, isTrainer: await isTrainer(db, userId) }, team);
}

/** True when `userId` runs the course that session `sessionId` belongs to. */
export async function runsSession(db: Reader, userId: number, sessionId: number): Promise<boolean> {
  const r = (await db.run(sql`SELECT course_id FROM training_sessions WHERE id = ${sessionId}`)).rows[0];
  return r ? runsCourseById(db, userId, Number(r.course_id)) : false;
}

/** True when `userId` runs the course of the session that booking `bookingId` is on. */
export async function runsBooking(db: Reader, userId: number, bookingId: number): Promise<boolean> {
  const r = (await db.run(sql`SELECT session_id FROM bookings WHERE id = ${bookingId}`)).rows[0];
  return r ? runsSession(db, userId, Number(r.session_id)) : false;
}

/** Whether a user may create courses at all: any trainer. */
export async function mayCreateCourses(db: Reader, userId: number): Promise<boolean> {
  return isTrainer(db, userId);
}

/** Everyone holding the trainer role, for the administrator's choice of owner. */
export async function listTrainers(db: Reader): Promise<{ id: number; name: string; email: string }[]> {
  const r = await db.run(sql`
    SELECT u.id, u.name, u.email FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'trainer'
    WHERE u.status = 'active' ORDER BY u.name, u.id`);
  return r.rows.map((u) => ({ id: Number(u.id), name: String(u.name), email: String(u.email) }));
}

/** Every course with its team's names, for the administrators' list. */
export async function listCourseTeams(db: Reader): Promise<{ id: number; title: string; ownerId: number | null; ownerName: string | null; coTrainers: string[] }[]> {
  const r = await db.run(sql`
    SELECT c.id, c.title, c.owner_id, o.name AS owner_name,
      (SELECT group_concat(u.name, '|') FROM course_trainers t JOIN users u ON u.id = t.user_id WHERE t.course_id = c.id) AS co
    FROM courses c LEFT JOIN users o ON o.id = c.owner_id ORDER BY c.title`);
  return r.rows.map((c) => ({
    id: Number(c.id),
    title: String(c.title),
    ownerId: c.owner_id === null ? null : Number(c.owner_id),
    ownerName: c.owner_name === null ? null : String(c.owner_name),
    coTrainers: c.co ? String(c.co).split('|').sort() : [],
  }));
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
    const admin = await tx.run(sql`SELECT 1 FROM user_roles WHERE user_id = ${actorId} AND role = 'admin'`);
    if (!admin.rows.length) return { ok: false, reason: 'not-admin' };
    const before = await teamOf(tx, courseId);
    if (!before) return { ok: false, reason: 'not-found' };
    if (!(await isTrainer(tx, ownerId))) return { ok: false, reason: 'owner-not-trainer' };
    const co = [...new Set(coTrainerIds)].filter((id) => id !== ownerId);
    for (const id of co) if (!(await isTrainer(tx, id))) return { ok: false, reason: 'co-trainer-not-trainer' };
    await tx.run(sql`UPDATE courses SET owner_id = ${ownerId}, updated_at = ${now} WHERE id = ${courseId}`);
    await tx.run(sql`DELETE FROM course_trainers WHERE course_id = ${courseId}`);
    for (const id of co) await tx.run(sql`INSERT INTO course_trainers (course_id, user_id, added_at) VALUES (${courseId}, ${id}, ${now})`);
    const detail = `Course ${courseId}: owner ${before.ownerId ?? 'none'} -> ${ownerId}; co-trainers [${before.coTrainerIds.join(', ')}] -> [${co.join(', ')}]`;
    await tx.run(sql`INSERT INTO audit_log (actor_id, action, target_user_id, detail, created_at) VALUES (${actorId}, 'course-team', ${ownerId}, ${detail}, ${now})`);
    return { ok: true };
  });
}

/** The names of a course's co-trainers, for display. */
export async function coTrainerNames(db: Reader, courseId: number): Promise<string[]> {
  const r = await db.run(sql`SELECT u.name FROM course_trainers t JOIN users u ON u.id = t.user_id WHERE t.course_id = ${courseId} ORDER BY u.name`);
  return r.rows.map((u) => String(u.name));
}
