/**
 * Evaluations after a course: the attendee's form, saving one answer per person per session,
 * and a course's results for its trainers.
 *
 * Anonymity is kept in storage, not only on screen: `evaluation_receipts` records that a
 * person answered a session and `evaluations` holds the answers with a random id and no
 * person or time, both written in one transaction. Nobody, whether a trainer or an
 * administrator reading the database, can tell who said what. The rules (who may answer,
 * the checks, the threshold of five) are in lib/domain/training/evaluation.ts.
 */
import { and, count, eq, inArray, lt } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { bookings, courses, evaluationReceipts, evaluations, trainingSessions } from '../../../../db/schema.ts';
import {
  checkEvaluationForm,
  evaluationClosesAt,
  evaluationEligibility,
  evaluationKeepCutoff,
  summariseEvaluations,
  type EvaluationAnswers,
  type EvaluationCheck,
  type EvaluationRefusal,
  type EvaluationSummary,
  type ScalePoint,
} from '../../domain/training/evaluation.ts';
import { nowSeconds } from '../../time.ts';
import { runsCourseById } from './ownership.ts';

type Reader = PortalDb['db'] | Tx;

/** The session a person is asked about. */
export interface EvaluationPlace {
  bookingId: number;
  sessionId: number;
  courseTitle: string;
  courseSlug: string;
  startsAt: number;
  /** When the form closes. */
  closesAt: number;
}

export type EvaluationFormResult = { ok: true; place: EvaluationPlace } | { ok: false; reason: 'not-found' | EvaluationRefusal; place?: EvaluationPlace };

async function placeFor(db: Reader, bookingId: number, userId: number, now: number): Promise<EvaluationFormResult> {
  const [row] = await db
    .select({
      status: bookings.status,
      sessionId: bookings.sessionId,
      sessionStatus: trainingSessions.status,
      startsAt: trainingSessions.startsAt,
      courseTitle: courses.title,
      courseSlug: courses.slug,
      answeredBy: evaluationReceipts.userId,
    })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .leftJoin(evaluationReceipts, and(eq(evaluationReceipts.sessionId, bookings.sessionId), eq(evaluationReceipts.userId, bookings.userId)))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  if (!row) return { ok: false, reason: 'not-found' };
  const place: EvaluationPlace = {
    bookingId,
    sessionId: row.sessionId,
    courseTitle: row.courseTitle,
    courseSlug: row.courseSlug,
    startsAt: row.startsAt,
    closesAt: evaluationClosesAt(row.startsAt),
  };
  const eligible = evaluationEligibility({ status: row.status, sessionStatus: row.sessionStatus, startsAt: row.startsAt, answered: row.answeredBy !== null }, now);
  return eligible.ok ? { ok: true, place } : { ok: false, reason: eligible.reason, place };
}

/** Whether the person with place `bookingId` may answer its session's evaluation now, and about what. */
export async function evaluationFormFor(db: Reader, { bookingId, userId, now = nowSeconds() }: { bookingId: number; userId: number; now?: number }): Promise<EvaluationFormResult> {
  return placeFor(db, bookingId, userId, now);
}

/** The sessions a person has answered the evaluation of, for their bookings page. */
export async function answeredSessions(db: Reader, userId: number): Promise<Set<number>> {
  const rows = await db.select({ sessionId: evaluationReceipts.sessionId }).from(evaluationReceipts).where(eq(evaluationReceipts.userId, userId));
  return new Set(rows.map((r) => r.sessionId));
}

export type SubmitEvaluationResult =
  | { ok: true; place: EvaluationPlace }
  | { ok: false; reason: 'invalid'; check: Extract<EvaluationCheck, { ok: false }> }
  | { ok: false; reason: 'not-found' | EvaluationRefusal };

/** A random positive integer below 2^53: an id that says nothing about when a row was written. */
function randomId(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high! & 0x1fffff) * 2 ** 32 + low! || 1;
}

/**
 * Checks and saves a person's answers to their session's evaluation. Nothing is written when
 * an answer is refused. The receipt and the answers are written in one transaction; the
 * receipt's primary key means a second answer (two tabs, a double click) finds the first and
 * saves nothing.
 */
export async function submitEvaluation(
  portal: PortalDb,
  { bookingId, userId, values, now = nowSeconds() }: { bookingId: number; userId: number; values: Record<string, string>; now?: number },
): Promise<SubmitEvaluationResult> {
  const checked = checkEvaluationForm(values);
  return portal.write(async (tx): Promise<SubmitEvaluationResult> => {
    const found = await placeFor(tx, bookingId, userId, now);
    if (!found.ok) return { ok: false, reason: found.reason };
    if (!checked.ok) return { ok: false, reason: 'invalid', check: checked };
    const receipt = await tx
      .insert(evaluationReceipts)
      .values({ sessionId: found.place.sessionId, userId })
      .onConflictDoNothing()
      .returning({ sessionId: evaluationReceipts.sessionId });
    if (receipt.length === 0) return { ok: false, reason: 'answered' };
    await tx.insert(evaluations).values({ id: randomId(), sessionId: found.place.sessionId, ...checked.data });
    return { ok: true, place: found.place };
  });
}

export type CourseResults =
  | { ok: true; courseId: number; courseTitle: string; summary: EvaluationSummary; attended: number }
  | { ok: false; reason: 'not-found' | 'forbidden' };

/**
 * A course's evaluation results, over all its sessions, for a trainer who runs it: counts
 * per score, the mean change in confidence and the comments apart from the scores, once
 * five people have answered; until then only how many have.
 */
export async function courseEvaluationResults(db: Reader, { courseId, actorId }: { courseId: number; actorId: number }): Promise<CourseResults> {
  const [course] = await db.select({ id: courses.id, title: courses.title }).from(courses).where(eq(courses.id, courseId));
  if (!course) return { ok: false, reason: 'not-found' };
  if (!(await runsCourseById(db, actorId, courseId))) return { ok: false, reason: 'forbidden' };
  const sessionsOfCourse = db.select({ id: trainingSessions.id }).from(trainingSessions).where(eq(trainingSessions.courseId, courseId));
  const rows = await db
    .select({
      usefulness: evaluations.usefulness,
      confidenceBefore: evaluations.confidenceBefore,
      confidenceAfter: evaluations.confidenceAfter,
      useful: evaluations.useful,
      improve: evaluations.improve,
    })
    .from(evaluations)
    .where(inArray(evaluations.sessionId, sessionsOfCourse));
  const [attended] = await db
    .select({ n: count() })
    .from(bookings)
    .where(and(inArray(bookings.sessionId, sessionsOfCourse), eq(bookings.status, 'attended')));
  const answers: EvaluationAnswers[] = rows.map((r) => ({
    usefulness: r.usefulness as ScalePoint,
    confidenceBefore: r.confidenceBefore as ScalePoint,
    confidenceAfter: r.confidenceAfter as ScalePoint,
    useful: r.useful,
    improve: r.improve,
  }));
  return { ok: true, courseId: course.id, courseTitle: course.title, summary: summariseEvaluations(answers), attended: attended?.n ?? 0 };
}

/**
 * Deletes the answers, and the records of who answered, for sessions that started more than
 * EVALUATION_KEEP_DAYS ago. Runs from the server's housekeeping timer.
 */
export async function pruneEvaluations(portal: PortalDb, now = nowSeconds()): Promise<number> {
  const cutoff = evaluationKeepCutoff(now);
  return portal.write(async (tx) => {
    const old = tx.select({ id: trainingSessions.id }).from(trainingSessions).where(lt(trainingSessions.startsAt, cutoff));
    const removed = await tx.delete(evaluations).where(inArray(evaluations.sessionId, old)).returning({ id: evaluations.id });
    await tx.delete(evaluationReceipts).where(inArray(evaluationReceipts.sessionId, old));
    return removed.length;
  });
}
