/**
 * Bookings that arrive together are written in groups, one transaction each
 * (src/lib/server/training/bookings.ts, bookPlace and bookGroup). These tests hold the group
 * path to what one transaction per booking promised: first come first served, never
 * overbooked (also from two connections, each with its own queue), each request with its own
 * answer, and a request that fails leaves nothing behind and takes nothing from the others.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createDb, type PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import { BOOKING_GROUP_MAX, bookPlace, createSession, type BookResult } from '../../src/lib/server/training/bookings.ts';
import { listCourses } from '../../src/lib/server/training/catalogue.ts';
import { freshDb } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
const NOW = 1_800_000_000;
const DAY = 86400;

/** `n` active accounts, named Person 0 … Person n-1, with addresses person-<i>@kent.gov.uk. */
async function people(portal: PortalDb, n: number): Promise<number[]> {
  return portal.write(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${`person-${i}@kent.gov.uk`}, ${`Person ${i}`}, 'KCC', 'x', 'active') RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
    return ids;
  });
}

/** A fresh database with the seeded courses and `sessions` sessions of `capacity` seats on one course. */
async function setup(capacity: number, sessions = 1) {
  const portal = await freshDb();
  await portal.write((tx) => seedCourses(tx, NOW));
  const trainer = await portal.write(async (tx) => {
    const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES ('trainer@kent.gov.uk', 'Trainer', 'KCC', 'x', 'active') RETURNING id`);
    const id = Number(r.rows[0]!.id);
    await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${id}, 'trainer')`);
    await tx.run(sql`UPDATE courses SET owner_id = ${id}`);
    return id;
  });
  const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
  const sessionIds: number[] = [];
  for (let i = 0; i < sessions; i++) {
    const input = { startsAt: NOW + (10 + i) * DAY, durationMinutes: 120, mode: 'in-person' as const, venue: 'Swale Gateway', district: 'Swale', capacity, cutoffHours: 24 };
    const created = await createSession(portal, course.id, input, trainer, NOW);
    if (!created.ok) throw new Error(created.reason);
    sessionIds.push(created.id);
  }
  return { portal, sessionId: sessionIds[0]!, sessionIds };
}

/** Counts the write transactions `portal` opens from now on. */
function countWrites(portal: PortalDb): { readonly count: number } {
  const counter = { count: 0 };
  const write = portal.write.bind(portal);
  (portal as { write: PortalDb['write'] }).write = (fn) => {
    counter.count++;
    return write(fn);
  };
  return counter;
}

async function rows(portal: PortalDb, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  return (await portal.db.all(query)) as Record<string, unknown>[];
}

/** An error's message and those of its causes (drizzle wraps the driver's error). */
function causes(error: unknown): string {
  const messages: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) messages.push(String(e.message));
  return messages.join(' / ');
}

const outcome = (r: PromiseSettledResult<BookResult>) => (r.status === 'rejected' ? 'error' : r.value.ok ? r.value.status : r.value.reason);

describe('bookings that arrive together', () => {
  test('are written in a few transactions, first come first served: the first to ask get the seats, the rest queue in the order they asked', async () => {
    const { portal, sessionId } = await setup(20);
    const ids = await people(portal, 120);
    const writes = countWrites(portal);
    const results = await Promise.all(ids.map((userId) => bookPlace(portal, { sessionId, userId, now: NOW }, settings)));
    expect(writes.count).toBe(Math.ceil(120 / BOOKING_GROUP_MAX));
    expect(results.slice(0, 20).every((r) => r.ok && r.status === 'booked')).toBe(true);
    expect(results.slice(20).map((r) => (r.ok && r.status === 'waiting' ? r.position : null))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // The database agrees: the earliest twenty hold the seats, and the queue is in asking order.
    const booked = await rows(portal, sql`SELECT user_id FROM bookings WHERE session_id = ${sessionId} AND status = 'booked' ORDER BY user_id`);
    expect(booked.map((r) => Number(r.user_id))).toEqual(ids.slice(0, 20));
    const queue = await rows(portal, sql`SELECT user_id FROM bookings WHERE session_id = ${sessionId} AND status = 'waiting' ORDER BY queued_at, id`);
    expect(queue.map((r) => Number(r.user_id))).toEqual(ids.slice(20));
    // Each booked place has its history and its e-mail; each waiting place its history.
    const events = await rows(portal, sql`SELECT event, count(*) AS n FROM booking_events GROUP BY event ORDER BY event`);
    expect(events).toEqual([
      { event: 'booked', n: 20 },
      { event: 'waitlisted', n: 100 },
    ]);
    const mail = await rows(portal, sql`SELECT count(*) AS n FROM outbox WHERE subject LIKE 'Place booked:%'`);
    expect(mail[0]!.n).toBe(20);
  });

  test('requests that arrive while a group is being written go into a later group, still in order', async () => {
    const { portal, sessionId } = await setup(3);
    const ids = await people(portal, 8);
    const first = ids.slice(0, 4).map((userId) => bookPlace(portal, { sessionId, userId, now: NOW }, settings));
    // Let the first group start (it waits one turn of the event loop to gather), then ask again.
    await new Promise((resolve) => setImmediate(resolve));
    const later = ids.slice(4).map((userId) => bookPlace(portal, { sessionId, userId, now: NOW }, settings));
    const results = await Promise.all([...first, ...later]);
    expect(results.map((r) => (r.ok ? (r.status === 'waiting' ? `waiting ${r.position}` : r.status) : r.reason))).toEqual([
      'booked',
      'booked',
      'booked',
      'waiting 1',
      'waiting 2',
      'waiting 3',
      'waiting 4',
      'waiting 5',
    ]);
  });

  test('each request is decided as those before it in the group left things: a second ask by one person, and the one-place-per-course rule', async () => {
    const { portal, sessionIds } = await setup(5, 2);
    const [a, b] = await people(portal, 2);
    const [s1, s2] = sessionIds as [number, number];
    const results = await Promise.all([
      bookPlace(portal, { sessionId: s1, userId: a!, now: NOW }, settings),
      bookPlace(portal, { sessionId: s1, userId: a!, now: NOW }, settings),
      bookPlace(portal, { sessionId: s2, userId: a!, now: NOW }, settings),
      bookPlace(portal, { sessionId: s2, userId: b!, now: NOW }, settings),
      bookPlace(portal, { sessionId: 999_999, userId: b!, now: NOW }, settings),
    ]);
    expect(results).toEqual([
      { ok: true, bookingId: expect.any(Number), status: 'booked' },
      { ok: false, reason: 'already-booked' },
      { ok: false, reason: 'course-limit' },
      { ok: true, bookingId: expect.any(Number), status: 'booked' },
      { ok: false, reason: 'not-found' },
    ]);
    const places = await rows(portal, sql`SELECT user_id, session_id, status FROM bookings ORDER BY id`);
    expect(places).toEqual([
      { user_id: a, session_id: s1, status: 'booked' },
      { user_id: b, session_id: s2, status: 'booked' },
    ]);
  });

  test('200 requests for 20 seats from two connections, each grouping its own, never overbook', async () => {
    const { portal, sessionId } = await setup(20);
    const other = await createDb(portal.url);
    try {
      const ids = await people(portal, 200);
      const writesHere = countWrites(portal);
      const writesThere = countWrites(other);
      const results = await Promise.allSettled(ids.map((userId, i) => bookPlace(i % 2 ? other : portal, { sessionId, userId, now: NOW }, settings)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const answers = results.map((r) => (r as PromiseFulfilledResult<BookResult>).value);
      expect(answers.filter((r) => r.ok && r.status === 'booked')).toHaveLength(20);
      expect(answers.filter((r) => r.ok && r.status === 'waiting')).toHaveLength(180);
      // Both connections wrote in groups, not one transaction per request.
      expect(writesHere.count).toBeLessThan(100);
      expect(writesThere.count).toBeLessThan(100);
      const counts = await rows(portal, sql`SELECT status, count(*) AS n FROM bookings WHERE session_id = ${sessionId} GROUP BY status ORDER BY status`);
      expect(counts).toEqual([
        { status: 'booked', n: 20 },
        { status: 'waiting', n: 180 },
      ]);
      // What each person was told is what the database holds.
      const statusOf = new Map((await rows(portal, sql`SELECT user_id, status FROM bookings WHERE session_id = ${sessionId}`)).map((r) => [Number(r.user_id), r.status]));
      expect(answers.every((r, i) => r.ok && statusOf.get(ids[i]!) === r.status)).toBe(true);
      const positions = answers.flatMap((r) => (r.ok && r.status === 'waiting' ? [r.position] : [])).sort((x, y) => x - y);
      expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    } finally {
      other.close();
    }
  });
});

describe('a request in a group that fails', () => {
  test('is rolled back whole and gets its own error; the requests before and after it are written and answered as if it had not asked', async () => {
    const { portal, sessionId } = await setup(3);
    const asking = await people(portal, 4);
    // The outbox refuses the confirmation for Person 1, after their place, seat and history
    // have been written: the point where a half-written booking could be left behind.
    await portal.client.execute(`CREATE TRIGGER refuse_one_mail BEFORE INSERT ON outbox WHEN NEW.recipient = 'person-1@kent.gov.uk'
      BEGIN SELECT RAISE(ABORT, 'the outbox refused this message'); END`);
    const writes = countWrites(portal);
    const results = await Promise.allSettled(asking.map((userId) => bookPlace(portal, { sessionId, userId, now: NOW }, settings)));
    expect(writes.count).toBe(1);
    expect(results.map(outcome)).toEqual(['booked', 'error', 'booked', 'booked']);
    expect(causes((results[1] as PromiseRejectedResult).reason)).toContain('the outbox refused this message');

    const failed = asking[1]!;
    expect(await rows(portal, sql`SELECT id FROM bookings WHERE user_id = ${failed}`)).toEqual([]);
    expect(await rows(portal, sql`SELECT e.id FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.user_id = ${failed}`)).toEqual([]);
    expect(await rows(portal, sql`SELECT id FROM outbox WHERE recipient = 'person-1@kent.gov.uk'`)).toEqual([]);
    // The seat the failed request would have taken went to the next person asking.
    const places = await rows(portal, sql`SELECT user_id, status FROM bookings WHERE session_id = ${sessionId} ORDER BY id`);
    expect(places).toEqual([
      { user_id: asking[0], status: 'booked' },
      { user_id: asking[2], status: 'booked' },
      { user_id: asking[3], status: 'booked' },
    ]);
    const history = await rows(portal, sql`SELECT b.user_id, e.event FROM booking_events e JOIN bookings b ON b.id = e.booking_id ORDER BY e.id`);
    expect(history).toEqual([asking[0], asking[2], asking[3]].map((user_id) => ({ user_id, event: 'booked' })));
    const mail = await rows(portal, sql`SELECT recipient FROM outbox ORDER BY id`);
    expect(mail.map((m) => m.recipient)).toEqual(['person-0@kent.gov.uk', 'person-2@kent.gov.uk', 'person-3@kent.gov.uk']);
  });

  test('on the waiting list is rolled back too, and the queue closes up behind it', async () => {
    const { portal, sessionId } = await setup(1);
    const asking = await people(portal, 4);
    const failed = asking[2]!;
    // The history refuses Person 2's entry, after their place on the waiting list was written.
    await portal.client.execute(`CREATE TRIGGER refuse_one_event BEFORE INSERT ON booking_events
      WHEN (SELECT user_id FROM bookings WHERE id = NEW.booking_id) = ${failed}
      BEGIN SELECT RAISE(ABORT, 'the history refused this entry'); END`);
    const results = await Promise.allSettled(asking.map((userId) => bookPlace(portal, { sessionId, userId, now: NOW }, settings)));
    expect(results.map((r) => (r.status === 'fulfilled' && r.value.ok && r.value.status === 'waiting' ? `waiting ${r.value.position}` : outcome(r)))).toEqual([
      'booked',
      'waiting 1',
      'error',
      'waiting 2',
    ]);
    expect(await rows(portal, sql`SELECT id FROM bookings WHERE user_id = ${failed}`)).toEqual([]);
    // Once the fault is gone, the same person can ask again, and joins the back of the queue.
    await portal.client.execute('DROP TRIGGER refuse_one_event');
    expect(await bookPlace(portal, { sessionId, userId: failed, now: NOW }, settings)).toMatchObject({ ok: true, status: 'waiting', position: 3 });
  });
});
