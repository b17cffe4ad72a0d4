import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import {
  bookPlace,
  cancelPlaceLate,
  cancelSession,
  createSession,
  markAttendance,
  markRegister,
  moveFromWaitingList,
  updateSession,
  type SessionInput,
} from '../../src/lib/server/training/bookings.ts';
import { attendeeListFor, attendeesOf, getSession, historyOf, listCourses, saveCourse } from '../../src/lib/server/training/catalogue.ts';
import { assignCourseTeam, runsCourseById, teamOf } from '../../src/lib/server/training/ownership.ts';
import { freshDb, sentMail } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
const NOW = 1_800_000_000;
const DAY = 86400;

async function person(portal: PortalDb, name: string, roles: string[] = []): Promise<number> {
  return portal.write(async (tx) => {
    const r = await tx.run(
      sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${`${name.toLowerCase().replace(/ /g, '.')}@kent.gov.uk`}, ${name}, 'KCC', 'x', 'active') RETURNING id`,
    );
    const id = Number(r.rows[0]!.id);
    for (const role of roles) await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, ${role})`);
    return id;
  });
}

const course = { title: 'Working with fathers', slug: 'working-with-fathers', summary: 'S', audience: 'A', outcomes: 'O', domains: ['systems-and-it'], placesPerPerson: 1 };
const input: SessionInput = { startsAt: NOW + 10 * DAY, durationMinutes: 120, mode: 'online', venue: 'Teams', district: null, capacity: 1, cutoffHours: 24 };

/** Owner Olive creates a course; Colin is a co-trainer added by admin Ada; Tess is another trainer. */
async function world() {
  const portal = await freshDb();
  const owner = await person(portal, 'Olive Owner', ['trainer']);
  const co = await person(portal, 'Colin Co', ['trainer']);
  const other = await person(portal, 'Tess Other', ['trainer']);
  const admin = await person(portal, 'Ada Admin', ['admin']);
  const practitioner = await person(portal, 'Pat Practitioner');
  const waiting = await person(portal, 'Wes Waiting');
  const saved = await saveCourse(portal, course, owner, undefined, NOW);
  if (!saved.ok) throw new Error(saved.reason);
  expect(await assignCourseTeam(portal, { courseId: saved.id, ownerId: owner, coTrainerIds: [co], actorId: admin, now: NOW })).toEqual({ ok: true });
  const created = await createSession(portal, saved.id, input, owner, NOW);
  if (!created.ok) throw new Error(created.reason);
  return { portal, owner, co, other, admin, practitioner, waiting, courseId: saved.id, sessionId: created.id };
}

describe('course owners and co-trainers', () => {
  test('the creator owns a new course; an admin adds co-trainers, with the audit log', async () => {
    const { portal, owner, co, admin, courseId } = await world();
    expect(await teamOf(portal.db, courseId)).toEqual({ ownerId: owner, coTrainerIds: [co] });
    const audit = await portal.db.run(sql`SELECT actor_id, action, target_user_id, detail FROM audit_log WHERE action = 'course-team'`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_id: admin, target_user_id: owner });
    expect(String(audit.rows[0]!.detail)).toContain(`co-trainers [] -> [${co}]`);
  });

  test('every change is refused to a trainer who does not run the course, and allowed to its owner and co-trainers', async () => {
    const { portal, owner, co, other, practitioner, waiting, courseId, sessionId } = await world();
    const forbidden = { ok: false, reason: 'forbidden' };
    // Edit the course.
    expect(await saveCourse(portal, { ...course, title: 'Taken over' }, other, courseId, NOW)).toEqual(forbidden);
    expect(await saveCourse(portal, { ...course, title: 'Edited by the co-trainer' }, co, courseId, NOW)).toEqual({ ok: true, id: courseId });
    // Add a session.
    expect(await createSession(portal, courseId, input, other, NOW)).toEqual(forbidden);
    expect(await createSession(portal, courseId, { ...input, startsAt: NOW + 20 * DAY }, co, NOW)).toMatchObject({ ok: true });
    // Change a session.
    expect(await updateSession(portal, sessionId, { ...input, capacity: 5 }, other, settings, NOW)).toEqual(forbidden);
    expect((await getSession(portal.db, sessionId, NOW))!.capacity).toBe(1);
    expect(await updateSession(portal, sessionId, { ...input, capacity: 1 }, owner, settings, NOW)).toEqual({ ok: true });
    // The waiting list.
    await bookPlace(portal, { sessionId, userId: practitioner, now: NOW }, settings);
    const queued = await bookPlace(portal, { sessionId, userId: waiting, now: NOW }, settings);
    const queuedId = (queued as { bookingId: number }).bookingId;
    await portal.write((tx) => tx.run(sql`UPDATE training_sessions SET capacity = 2 WHERE id = ${sessionId}`));
    expect(await moveFromWaitingList(portal, { bookingId: queuedId, actorId: other, now: NOW }, settings)).toEqual(forbidden);
    expect(await moveFromWaitingList(portal, { bookingId: queuedId, actorId: co, now: NOW }, settings)).toEqual({ ok: true });
    // The attendee list.
    expect(await attendeeListFor(portal.db, { sessionId, actorId: other })).toEqual(forbidden);
    expect(await attendeeListFor(portal.db, { sessionId, actorId: co })).toMatchObject({ ok: true, attendees: [{ name: 'Pat Practitioner' }, { name: 'Wes Waiting' }] });
    // Attendance, one at a time and as a register.
    const started = input.startsAt + 60;
    const [pat] = await attendeesOf(portal.db, sessionId);
    expect(await markAttendance(portal, { bookingId: pat!.bookingId, attended: true, actorId: other, now: started })).toEqual(forbidden);
    expect(await markRegister(portal, { sessionId, marks: [{ bookingId: pat!.bookingId, attended: true }], actorId: other, now: started })).toEqual(forbidden);
    expect(await markRegister(portal, { sessionId, marks: [{ bookingId: pat!.bookingId, attended: true }], actorId: owner, now: started })).toEqual({ ok: true, changed: 1 });
    // Cancel the session.
    expect(await cancelSession(portal, { sessionId, reason: 'Mine now', actorId: other, now: NOW }, settings)).toEqual(forbidden);
    expect((await getSession(portal.db, sessionId, NOW))!.status).toBe('scheduled');
    expect(await cancelSession(portal, { sessionId, reason: 'Venue closed', actorId: co, now: NOW }, settings)).toMatchObject({ ok: true });
  });

  test('losing the trainer role ends the right to run the course', async () => {
    const { portal, owner, courseId } = await world();
    expect(await runsCourseById(portal.db, owner, courseId)).toBe(true);
    await portal.write((tx) => tx.run(sql`DELETE FROM user_roles WHERE user_id = ${owner}`));
    expect(await runsCourseById(portal.db, owner, courseId)).toBe(false);
  });

  test('only an admin can reassign, and only to trainers; the old owner loses the course', async () => {
    const { portal, owner, co, other, admin, practitioner, courseId, sessionId } = await world();
    expect(await assignCourseTeam(portal, { courseId, ownerId: other, coTrainerIds: [], actorId: owner, now: NOW })).toEqual({ ok: false, reason: 'not-admin' });
    expect(await assignCourseTeam(portal, { courseId, ownerId: practitioner, coTrainerIds: [], actorId: admin, now: NOW })).toEqual({ ok: false, reason: 'owner-not-trainer' });
    expect(await assignCourseTeam(portal, { courseId, ownerId: other, coTrainerIds: [practitioner], actorId: admin, now: NOW })).toEqual({
      ok: false,
      reason: 'co-trainer-not-trainer',
    });
    expect(await teamOf(portal.db, courseId)).toEqual({ ownerId: owner, coTrainerIds: [co] });
    expect(await assignCourseTeam(portal, { courseId, ownerId: other, coTrainerIds: [other, co], actorId: admin, now: NOW })).toEqual({ ok: true });
    expect(await teamOf(portal.db, courseId)).toEqual({ ownerId: other, coTrainerIds: [co] });
    expect(await updateSession(portal, sessionId, input, owner, settings, NOW)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await updateSession(portal, sessionId, input, other, settings, NOW)).toEqual({ ok: true });
  });

  test('existing courses are given an owner by the migration: the creator, else the first trainer', async () => {
    const portal = await freshDb();
    await portal.write((tx) => seedCourses(tx, NOW));
    // Seeded courses have no creator; run the migration's backfill again once a trainer exists.
    const trainer = await person(portal, 'First Trainer', ['trainer']);
    const sqlText = (await import('node:fs')).readFileSync(new URL('../../db/migrations/0006_course_owners_and_limits.sql', import.meta.url), 'utf8');
    const backfill = sqlText.slice(sqlText.indexOf('UPDATE `courses` SET `owner_id`'));
    await portal.write((tx) => tx.run(sql.raw(backfill)));
    const courses = await listCourses(portal.db, {}, NOW);
    expect(courses.map((c) => c.ownerId)).toEqual(courses.map(() => trainer));
  });
});

describe('the attendance register', () => {
  async function full() {
    const w = await world();
    await w.portal.write((tx) => tx.run(sql`UPDATE training_sessions SET capacity = 3 WHERE id = ${w.sessionId}`));
    const third = await person(w.portal, 'Tia Third');
    for (const userId of [w.practitioner, w.waiting, third]) await bookPlace(w.portal, { sessionId: w.sessionId, userId, now: NOW }, settings);
    return { ...w, third, started: input.startsAt + 60, ids: (await attendeesOf(w.portal.db, w.sessionId)).map((a) => a.bookingId) };
  }

  test('marks everyone at once, with one history event per change, and skips marks that change nothing', async () => {
    const { portal, owner, sessionId, started, ids } = await full();
    const [a, b, c] = ids as [number, number, number];
    expect(await markRegister(portal, { sessionId, marks: [{ bookingId: a, attended: true }, { bookingId: b, attended: false }], actorId: owner, now: started })).toEqual({
      ok: true,
      changed: 2,
    });
    expect((await attendeesOf(portal.db, sessionId)).map((x) => x.status)).toEqual(['attended', 'no-show', 'booked']);
    expect(
      await markRegister(portal, { sessionId, marks: [{ bookingId: a, attended: true }, { bookingId: b, attended: true }, { bookingId: c, attended: true }], actorId: owner, now: started + 60 }),
    ).toEqual({ ok: true, changed: 2 });
    expect((await historyOf(portal.db, b)).map((e) => e.event)).toEqual(['booked', 'no-show', 'attended']);
    expect((await historyOf(portal.db, a)).map((e) => e.event)).toEqual(['booked', 'attended']);
  });

  test('nothing is written when any mark is wrong, before the start, or when nothing is marked', async () => {
    const { portal, owner, sessionId, started, ids, courseId } = await full();
    const [a] = ids as [number];
    const elsewhere = await createSession(portal, courseId, { ...input, startsAt: NOW + 12 * DAY }, owner, NOW);
    const stranger = await person(portal, 'Sam Stranger');
    const foreign = await bookPlace(portal, { sessionId: (elsewhere as { id: number }).id, userId: stranger, now: NOW }, settings);
    const foreignId = (foreign as { bookingId: number }).bookingId;
    expect(await markRegister(portal, { sessionId, marks: [{ bookingId: a, attended: true }, { bookingId: foreignId, attended: true }], actorId: owner, now: started })).toEqual({
      ok: false,
      reason: 'not-on-register',
      bookingId: foreignId,
    });
    expect(await markRegister(portal, { sessionId, marks: [{ bookingId: a, attended: true }], actorId: owner, now: NOW })).toEqual({ ok: false, reason: 'not-started' });
    expect(await markRegister(portal, { sessionId, marks: [], actorId: owner, now: started })).toEqual({ ok: false, reason: 'empty' });
    expect((await attendeesOf(portal.db, sessionId)).map((x) => x.status)).toEqual(['booked', 'booked', 'booked']);
    expect((await historyOf(portal.db, a)).map((e) => e.event)).toEqual(['booked']);
  });
});

describe('giving up a place after the cut-off', () => {
  test('needs a reason; the seat goes to the first person waiting; the trainers are e-mailed; the history keeps the reason', async () => {
    const { portal, practitioner, waiting, sessionId } = await world();
    const booked = (await bookPlace(portal, { sessionId, userId: practitioner, now: NOW }, settings)) as { bookingId: number };
    await bookPlace(portal, { sessionId, userId: waiting, now: NOW }, settings);
    const late = input.startsAt - 3 * 3600;

    expect(await cancelPlaceLate(portal, { bookingId: booked.bookingId, userId: practitioner, reason: 'Ill', now: NOW }, settings)).toEqual({ ok: false, reason: 'not-late' });
    expect(await cancelPlaceLate(portal, { bookingId: booked.bookingId, userId: practitioner, reason: '   ', now: late }, settings)).toEqual({ ok: false, reason: 'no-reason' });
    expect(await cancelPlaceLate(portal, { bookingId: booked.bookingId, userId: waiting, reason: 'Not mine', now: late }, settings)).toEqual({ ok: false, reason: 'not-found' });
    const before = (await sentMail(portal)).length;

    expect(await cancelPlaceLate(portal, { bookingId: booked.bookingId, userId: practitioner, reason: 'A family crisis visit', now: late }, settings)).toEqual({ ok: true, offered: true });
    const people = await attendeesOf(portal.db, sessionId);
    expect(people.map((p) => [p.name, p.status, p.lateCancelReason])).toEqual([
      ['Wes Waiting', 'offered', null],
      ['Pat Practitioner', 'cancelled', 'A family crisis visit'],
    ]);
    // The offer lasts until the session starts at the latest.
    expect(people[0]!.offerExpiresAt).toBe(input.startsAt);
    const events = await historyOf(portal.db, booked.bookingId);
    expect(events.at(-1)).toMatchObject({ event: 'cancelled-late', actor: 'Pat Practitioner', detail: 'A family crisis visit' });

    const mail = (await sentMail(portal)).slice(before);
    expect(mail.map((m) => [m.recipient, m.subject])).toEqual([
      ['wes.waiting@kent.gov.uk', 'A place is free: Working with fathers'],
      ['olive.owner@kent.gov.uk', 'Place given up after the cut-off: Working with fathers'],
      ['colin.co@kent.gov.uk', 'Place given up after the cut-off: Working with fathers'],
    ]);
    expect(mail[1]!.body).toContain('Pat Practitioner (KCC) has given up their place');
    expect(mail[1]!.body).toContain('Their reason: A family crisis visit');
    expect(mail[1]!.body).toContain('/trainer/sessions/');

    // Once given up it cannot be given up again, and once the session has started it is too late.
    expect(await cancelPlaceLate(portal, { bookingId: booked.bookingId, userId: practitioner, reason: 'Again', now: late + 1 }, settings)).toEqual({ ok: false, reason: 'not-active' });
  });

  test('cannot be used once the session has started', async () => {
    const { portal, practitioner, sessionId } = await world();
    const booked = (await bookPlace(portal, { sessionId, userId: practitioner, now: NOW }, settings)) as { bookingId: number };
    expect(await cancelPlaceLate(portal, { bookingId: booked.bookingId, userId: practitioner, reason: 'Late', now: input.startsAt }, settings)).toEqual({
      ok: false,
      reason: 'started',
    });
  });
});
