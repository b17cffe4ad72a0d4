/**
 * The training repository: a fixed number of statements whatever the length of a list, and
 * the seat guard that refuses any change that would overbook.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import { bookPlace, cancelPlace, cancelSession, createSession, expireOffers, markRegister, type SessionInput } from '../../src/lib/server/training/bookings.ts';
import { attendeesOf, historiesOf, listCourses, placesOf } from '../../src/lib/server/training/catalogue.ts';
import { countQueuePositions, readBookingsOn, readCourseSlugOfSession, takeSeats, upsertWaitingPlace } from '../../src/lib/server/training/repository.ts';
import { countStatements, freshDb, sentMail } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
const NOW = 1_800_000_000;
const DAY = 86400;

async function people(portal: PortalDb, n: number): Promise<number[]> {
  return portal.write(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${`r${i}-${Math.random()}@kent.gov.uk`}, ${`Person ${i}`}, 'KCC', 'x', 'active') RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
    return ids;
  });
}

async function sessionWith(capacity: number, booked: number, waiting: number) {
  const portal = await freshDb();
  await portal.write((tx) => seedCourses(tx, NOW));
  const [trainer] = await people(portal, 1);
  await portal.write(async (tx) => {
    await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${trainer!}, 'trainer')`);
    await tx.run(sql`UPDATE courses SET owner_id = ${trainer!}`);
  });
  const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
  const input: SessionInput = { startsAt: NOW + 10 * DAY, durationMinutes: 120, mode: 'online', venue: 'Teams', district: null, capacity, cutoffHours: 24 };
  const created = await createSession(portal, course.id, input, trainer!, NOW);
  if (!created.ok) throw new Error(created.reason);
  const ids = await people(portal, booked + waiting);
  const places: number[] = [];
  for (const userId of ids) {
    const r = await bookPlace(portal, { sessionId: created.id, userId, now: NOW }, settings);
    if (!r.ok) throw new Error(r.reason);
    places.push(r.bookingId);
  }
  return { portal, trainer: trainer!, sessionId: created.id, users: ids, places, input };
}

describe('a fixed number of statements, whatever the length', () => {
  test('a session roster with every history: the same statements for 2 people as for 20', async () => {
    const counts: number[] = [];
    for (const size of [2, 20]) {
      const { portal, sessionId } = await sessionWith(size, size, 0);
      const { statements } = await countStatements(portal, async () => {
        const roster = await attendeesOf(portal.db, sessionId);
        await historiesOf(
          portal.db,
          roster.map((a) => a.bookingId),
        );
      });
      counts.push(statements.length);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  test("a person's places: the same statements for 2 places as for 6", async () => {
    const { portal, users, sessionId, trainer, input } = await sessionWith(1, 1, 1);
    const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'caf-practitioner-workshop')!;
    await portal.write((tx) => tx.run(sql`UPDATE courses SET places_per_person = 10`));
    const bookAnother = async (i: number) => {
      const created = await createSession(portal, course.id, { ...input, startsAt: input.startsAt + i * DAY }, trainer, NOW);
      if (!created.ok) throw new Error(created.reason);
      await bookPlace(portal, { sessionId: created.id, userId: users[1]!, now: NOW }, settings);
    };
    // One place waiting and one booked, then four more booked.
    await bookAnother(1);
    const two = await countStatements(portal, () => placesOf(portal.db, users[1]!, NOW));
    expect(two.result.map((p) => p.status).sort()).toEqual(['booked', 'waiting']);
    for (let i = 2; i <= 5; i++) await bookAnother(i);
    const six = await countStatements(portal, () => placesOf(portal.db, users[1]!, NOW));
    expect(six.result).toHaveLength(6);
    expect(six.result.find((p) => p.session.id === sessionId)?.position).toBe(1);
    expect(six.statements.length).toBe(two.statements.length);
  });

  test('cancelling a session tells 3 people in as many statements as it tells 15', async () => {
    const counts: number[] = [];
    for (const size of [3, 15]) {
      const { portal, sessionId, trainer } = await sessionWith(size, size, 0);
      const { statements, result } = await countStatements(portal, () => cancelSession(portal, { sessionId, reason: 'Venue closed', actorId: trainer, now: NOW }, settings));
      expect(result).toEqual({ ok: true, notified: size });
      counts.push(statements.length);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  test('a register of 2 and a register of 12 are saved in the same number of statements', async () => {
    const counts: number[] = [];
    for (const size of [2, 12]) {
      const { portal, sessionId, trainer, places, input } = await sessionWith(size, size, 0);
      const marks = places.map((bookingId, i) => ({ bookingId, attended: i % 2 === 0 }));
      const { statements, result } = await countStatements(portal, () => markRegister(portal, { sessionId, marks, actorId: trainer, now: input.startsAt + 60 }));
      expect(result).toEqual({ ok: true, changed: size });
      counts.push(statements.length);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  test('offers lapsing on 1 seat or on 4 are passed on in the same number of statements, one e-mail each', async () => {
    const counts: number[] = [];
    for (const size of [1, 4]) {
      const { portal, sessionId, users, places } = await sessionWith(size, size, 2 * size);
      for (let i = 0; i < size; i++) await cancelPlace(portal, { bookingId: places[i]!, userId: users[i]!, now: NOW + 1 }, settings);
      expect(await readBookingsOn(portal.db, [sessionId], ['offered'])).toHaveLength(size);
      const { result, statements } = await countStatements(portal, () => expireOffers(portal, settings, NOW + 2 * DAY));
      expect(result).toBe(size);
      // Each lapsed seat went to the next person in the queue.
      expect(await readBookingsOn(portal.db, [sessionId], ['offered'])).toHaveLength(size);
      expect((await sentMail(portal)).filter((m) => m.subject.startsWith('A place is free'))).toHaveLength(2 * size);
      counts.push(statements.length);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});

describe('the seat guard', () => {
  test('refuses to take seats that are not there, and changes nothing', async () => {
    const { portal, sessionId } = await sessionWith(2, 2, 3);
    // One seat more, written straight to the table so nobody is offered it yet.
    await portal.write((tx) => tx.run(sql`UPDATE training_sessions SET capacity = 3 WHERE id = ${sessionId}`));
    const waiting = await readBookingsOn(portal.db, [sessionId], ['waiting']);
    expect(waiting).toHaveLength(3);
    const tooMany = await portal.write((tx) => takeSeats(tx, waiting.slice(0, 2).map((w) => ({ id: w.id, sessionId, to: 'booked' as const })), { now: NOW, raiseSequence: false }));
    expect(tooMany).toEqual([]);
    expect((await attendeesOf(portal.db, sessionId)).filter((a) => a.status === 'booked')).toHaveLength(2);
    const one = await portal.write((tx) => takeSeats(tx, [{ id: waiting[0]!.id, sessionId, to: 'booked' as const }], { now: NOW, raiseSequence: false }));
    expect(one).toEqual([waiting[0]!.id]);
    const again = await portal.write((tx) => takeSeats(tx, [{ id: waiting[1]!.id, sessionId, to: 'booked' as const }], { now: NOW, raiseSequence: false }));
    expect(again).toEqual([]);
  });

  test('only moves places that are still waiting', async () => {
    const { portal, sessionId, places } = await sessionWith(5, 1, 0);
    const moved = await portal.write((tx) => takeSeats(tx, [{ id: places[0]!, sessionId, to: 'offered' as const, offerExpiresAt: NOW + DAY }], { now: NOW, raiseSequence: true }));
    expect(moved).toEqual([]);
    expect((await attendeesOf(portal.db, sessionId))[0]!.status).toBe('booked');
  });
});

describe('the kept statements of a booking', () => {
  test("a session's course address is read in one statement, and an unknown session has none", async () => {
    const { portal, sessionId } = await sessionWith(2, 0, 0);
    const { result, statements } = await countStatements(portal, () => readCourseSlugOfSession(portal.db, sessionId));
    expect(result).toBe('lead-worker-training');
    expect(statements).toHaveLength(1);
    expect(await readCourseSlugOfSession(portal.db, sessionId + 1000)).toBeUndefined();
  });

  test('in one transaction the kept statement waits several people, reopens an ended place and leaves a live one alone', async () => {
    const { portal, sessionId, users, places } = await sessionWith(3, 2, 0);
    const [booked, cancelled] = places;
    await cancelPlace(portal, { bookingId: cancelled!, userId: users[1]! }, settings);
    const [newcomer, another] = await people(portal, 2);
    const rowOf = async (id: number) => (await portal.client.execute({ sql: 'SELECT status, queued_at, organisation_key, sequence FROM bookings WHERE id = ?', args: [id] })).rows[0]!;
    const before = await rowOf(cancelled!);
    const ids = await portal.write(async (tx) => [
      await upsertWaitingPlace(tx, { sessionId, userId: newcomer!, organisationKey: 'kent police', now: NOW + 1 }),
      await upsertWaitingPlace(tx, { sessionId, userId: another!, organisationKey: 'kent schools', now: NOW + 2 }),
      await upsertWaitingPlace(tx, { sessionId, userId: users[1]!, organisationKey: 'kent county council', now: NOW + 3 }),
      await upsertWaitingPlace(tx, { sessionId, userId: users[0]!, organisationKey: 'kent county council', now: NOW + 4 }),
    ]);
    expect(ids[0]).toEqual(expect.any(Number));
    expect(ids[1]).toEqual(expect.any(Number));
    expect(ids[1]).not.toBe(ids[0]);
    // The cancelled place is the same row, waiting again, its sequence raised for calendars.
    expect(ids[2]).toBe(cancelled);
    const reopened = await rowOf(cancelled!);
    expect(reopened).toMatchObject({ status: 'waiting', queued_at: NOW + 3, organisation_key: 'kent county council' });
    expect(Number(reopened.sequence)).toBe(Number(before.sequence) + 1);
    // A booked place is not touched: no id comes back and it stays booked.
    expect(ids[3]).toBeUndefined();
    expect((await rowOf(booked!)).status).toBe('booked');
    expect(await rowOf(ids[0]!)).toMatchObject({ status: 'waiting', queued_at: NOW + 1, organisation_key: 'kent police' });
    expect(await rowOf(ids[1]!)).toMatchObject({ status: 'waiting', queued_at: NOW + 2, organisation_key: 'kent schools' });
  });
});

describe('queue positions', () => {
  test('number each waiting list by when people joined and then who asked first, list by list, waiting places only', async () => {
    const { portal, trainer, sessionId, places, input } = await sessionWith(1, 1, 3);
    const [booked, first, second, third] = places;
    // Two more on the waiting list of another session of the same course.
    const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
    const other = await createSession(portal, course.id, { ...input, startsAt: input.startsAt + DAY }, trainer, NOW);
    if (!other.ok) throw new Error(other.reason);
    const otherPlaces: number[] = [];
    for (const userId of await people(portal, 3)) {
      const r = await bookPlace(portal, { sessionId: other.id, userId, now: NOW }, settings);
      if (!r.ok) throw new Error(r.reason);
      otherPlaces.push(r.bookingId);
    }
    const [, otherFirst, otherSecond] = otherPlaces;
    // The last to ask on the first session joined earliest: it goes to the front.
    await portal.write((tx) => tx.run(sql`UPDATE bookings SET queued_at = ${NOW - 10} WHERE id = ${third!}`));
    const positions = await countQueuePositions(portal.db, [booked!, first!, second!, third!, otherFirst!, otherSecond!]);
    expect(Object.fromEntries(positions)).toEqual({ [third!]: 1, [first!]: 2, [second!]: 3, [otherFirst!]: 1, [otherSecond!]: 2 });
    expect(sessionId).not.toBe(other.id);
    expect(await countQueuePositions(portal.db, [])).toEqual(new Map());
  });
});
