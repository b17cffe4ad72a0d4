import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookings, evaluationReceipts, evaluations } from '../../db/schema.ts';
import { PERSONAL_DATA_ERROR } from '../../src/lib/domain/training/evaluation.ts';
import { answeredSessions, courseEvaluationResults, evaluationFormFor, pruneEvaluations, submitEvaluation } from '../../src/lib/server/training/evaluations.ts';
import { DAY, NOW, course, members, pastSession, places } from './after-the-course.ts';
import { freshDb } from './helpers.ts';

const answers = (n: number) => ({ usefulness: String((n % 5) + 1), confidenceBefore: '2', confidenceAfter: '4', useful: `Useful point ${n}`, improve: '' });

async function setup(people = 6) {
  const portal = await freshDb();
  const [trainer, outsider, ...attendees] = await members(portal, people + 2);
  const courseId = await course(portal, trainer!);
  const sessionId = await pastSession(portal, courseId);
  const placeIds = await places(portal, sessionId, attendees);
  return { portal, trainer: trainer!, outsider: outsider!, attendees, courseId, sessionId, placeIds };
}

describe('one evaluation per attendee per session', () => {
  test('the first answer is saved; a second from the same person saves nothing', async () => {
    const { portal, attendees, placeIds, sessionId } = await setup(1);
    const first = await submitEvaluation(portal, { bookingId: placeIds[0]!, userId: attendees[0]!, values: answers(1), now: NOW });
    expect(first.ok).toBe(true);
    const second = await submitEvaluation(portal, { bookingId: placeIds[0]!, userId: attendees[0]!, values: answers(2), now: NOW });
    expect(second).toEqual({ ok: false, reason: 'answered' });
    expect(await portal.db.select().from(evaluations)).toHaveLength(1);
    expect((await evaluationFormFor(portal.db, { bookingId: placeIds[0]!, userId: attendees[0]!, now: NOW })).ok).toBe(false);
    expect([...(await answeredSessions(portal.db, attendees[0]!))]).toEqual([sessionId]);
  });

  test('two answers sent at once still save one', async () => {
    const { portal, attendees, placeIds } = await setup(1);
    const results = await Promise.all(
      [1, 2, 3].map((n) => submitEvaluation(portal, { bookingId: placeIds[0]!, userId: attendees[0]!, values: answers(n), now: NOW })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await portal.db.select().from(evaluations)).toHaveLength(1);
    expect(await portal.db.select().from(evaluationReceipts)).toHaveLength(1);
  });

  test('only a place marked attended, and only its own holder, may answer', async () => {
    const { portal, attendees, placeIds, sessionId } = await setup(2);
    await portal.db.update(bookings).set({ status: 'no-show' }).where(eq(bookings.id, placeIds[1]!));
    expect(await submitEvaluation(portal, { bookingId: placeIds[1]!, userId: attendees[1]!, values: answers(1), now: NOW })).toEqual({ ok: false, reason: 'not-attended' });
    // Someone else's place is as good as unknown.
    expect(await submitEvaluation(portal, { bookingId: placeIds[0]!, userId: attendees[1]!, values: answers(1), now: NOW })).toEqual({ ok: false, reason: 'not-found' });
    expect(await portal.db.select().from(evaluations).where(eq(evaluations.sessionId, sessionId))).toHaveLength(0);
  });

  test('a refused answer writes nothing and comes back with the guard’s findings', async () => {
    const { portal, attendees, placeIds } = await setup(1);
    const result = await submitEvaluation(portal, {
      bookingId: placeIds[0]!,
      userId: attendees[0]!,
      values: { ...answers(1), improve: 'Her NHS number is 943 476 5919' },
      now: NOW,
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'invalid') throw new Error('expected a refusal');
    expect(result.check.errors.improve).toBe(PERSONAL_DATA_ERROR);
    expect(result.check.guard?.messages.join(' ')).toContain('NHS number');
    expect(await portal.db.select().from(evaluations)).toHaveLength(0);
    expect(await portal.db.select().from(evaluationReceipts)).toHaveLength(0);
  });

  test('stored answers carry no person and no time, and their ids do not follow the order they were given', async () => {
    const { portal, attendees, placeIds } = await setup(6);
    for (let i = 0; i < 6; i++) await submitEvaluation(portal, { bookingId: placeIds[i]!, userId: attendees[i]!, values: answers(i), now: NOW });
    const rows = await portal.db.select().from(evaluations);
    expect(Object.keys(rows[0]!).sort()).toEqual(['confidenceAfter', 'confidenceBefore', 'id', 'improve', 'sessionId', 'useful', 'usefulness']);
    const inIdOrder = [...rows].sort((a, b) => a.id - b.id).map((r) => r.useful);
    const given = Array.from({ length: 6 }, (_, i) => `Useful point ${i}`);
    // Random ids: the chance that six land in the order given is 1 in 720.
    expect(inIdOrder).not.toEqual(given);
    expect([...inIdOrder].sort()).toEqual(given);
  });
});

describe('the anonymity threshold', () => {
  test('the trainer sees only a count until five have answered, then the aggregate', async () => {
    const { portal, trainer, attendees, placeIds, courseId } = await setup(6);
    for (let i = 0; i < 4; i++) await submitEvaluation(portal, { bookingId: placeIds[i]!, userId: attendees[i]!, values: answers(i), now: NOW });
    const four = await courseEvaluationResults(portal.db, { courseId, actorId: trainer });
    expect(four).toEqual({ ok: true, courseId, courseTitle: 'Restorative practice', attended: 6, summary: { ready: false, count: 4, threshold: 5 } });

    await submitEvaluation(portal, { bookingId: placeIds[4]!, userId: attendees[4]!, values: answers(4), now: NOW });
    const five = await courseEvaluationResults(portal.db, { courseId, actorId: trainer });
    if (!five.ok || !five.summary.ready) throw new Error('expected results');
    expect(five.summary.count).toBe(5);
    expect(five.summary.usefulness).toEqual([1, 1, 1, 1, 1]);
    expect(five.summary.meanConfidenceChange).toBe(2);
    expect(five.summary.useful).toEqual(['Useful point 0', 'Useful point 1', 'Useful point 2', 'Useful point 3', 'Useful point 4']);
    // Nothing in the results names anyone.
    expect(JSON.stringify(five)).not.toMatch(/Person \d/);
  });

  test('answers from every session of the course count together', async () => {
    const { portal, trainer, courseId } = await setup(0);
    const people = await members(portal, 5, 'Other');
    const sessions = [await pastSession(portal, courseId, DAY), await pastSession(portal, courseId, 8 * DAY)];
    const placeIds = [...(await places(portal, sessions[0]!, people.slice(0, 3))), ...(await places(portal, sessions[1]!, people.slice(3)))];
    for (let i = 0; i < 5; i++) await submitEvaluation(portal, { bookingId: placeIds[i]!, userId: people[i]!, values: answers(i), now: NOW });
    const results = await courseEvaluationResults(portal.db, { courseId, actorId: trainer });
    expect(results.ok && results.summary.ready && results.summary.count).toBe(5);
  });

  test('a trainer who does not run the course sees nothing', async () => {
    const { portal, outsider, courseId } = await setup(1);
    expect(await courseEvaluationResults(portal.db, { courseId, actorId: outsider })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await courseEvaluationResults(portal.db, { courseId: 999_999, actorId: outsider })).toEqual({ ok: false, reason: 'not-found' });
  });
});

describe('keeping answers', () => {
  test('answers and receipts for sessions more than two years old are deleted; newer ones stay', async () => {
    const { portal, attendees, placeIds, courseId } = await setup(1);
    await submitEvaluation(portal, { bookingId: placeIds[0]!, userId: attendees[0]!, values: answers(1), now: NOW });
    const [old] = await members(portal, 1, 'Old');
    const oldSession = await pastSession(portal, courseId, 731 * DAY);
    const [oldPlace] = await places(portal, oldSession, [old!]);
    // Answered long ago, while the form was open.
    await submitEvaluation(portal, { bookingId: oldPlace!, userId: old!, values: answers(2), now: NOW - 730 * DAY });
    expect(await portal.db.select().from(evaluations)).toHaveLength(2);
    expect(await pruneEvaluations(portal, NOW)).toBe(1);
    expect((await portal.db.select().from(evaluations)).map((e) => e.useful)).toEqual(['Useful point 1']);
    expect(await portal.db.select().from(evaluationReceipts)).toHaveLength(1);
  });
});
