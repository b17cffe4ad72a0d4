/**
 * Seats set aside for organisations, against a real database: the trainer's form, members
 * and non-members booking, the waiting list moving when seats are freed or released, the
 * history, and racing bookings from two connections that never exceed the capacity nor give
 * a set-aside seat to a non-member.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createDb, type PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import { ukLocalToUnix } from '../../src/lib/domain/training/time.ts';
import { bookPlace, cancelPlace, createSession, expireOffers, moveFromWaitingList, updateSession, type SessionInput } from '../../src/lib/server/training/bookings.ts';
import { attendeesOf, getSession, historyOf, listCourses } from '../../src/lib/server/training/catalogue.ts';
import { readBookingsOn, takeSeats } from '../../src/lib/server/training/repository.ts';
import { organisationsToReserveFor, removeReservation, reservationHistoryOf, reserveSeats } from '../../src/lib/server/training/reservations.ts';
import { freshDb, sentMail } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
const day = (date: string) => {
  const r = ukLocalToUnix(date, '00:00');
  if (!r.ok) throw new Error(date);
  return r.unix;
};
const NOW = day('2027-02-01') + 9 * 3600;
const RELEASE = '2027-03-01';
const RELEASE_AT = day(RELEASE);
const STARTS = day('2027-03-10') + 10 * 3600;

let serial = 0;
async function people(portal: PortalDb, organisation: string, n: number): Promise<number[]> {
  return portal.write(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      serial++;
      const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${`r${serial}-${Math.random()}@example.org`}, ${`Person ${serial}`}, ${organisation}, 'x', 'active') RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
    return ids;
  });
}

async function setup(capacity: number) {
  const portal = await freshDb();
  await portal.write((tx) => seedCourses(tx, NOW));
  const [trainer] = await people(portal, 'Kent County Council', 1);
  await portal.write(async (tx) => {
    await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${trainer!}, 'trainer')`);
    await tx.run(sql`UPDATE courses SET owner_id = ${trainer!}`);
  });
  const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
  const input: SessionInput = { startsAt: STARTS, durationMinutes: 120, mode: 'online', venue: 'Teams', district: null, capacity, cutoffHours: 24 };
  const created = await createSession(portal, course.id, input, trainer!, NOW);
  if (!created.ok) throw new Error(created.reason);
  return { portal, trainer: trainer!, sessionId: created.id, input };
}

async function reserve(portal: PortalDb, sessionId: number, actorId: number, organisation: string, seats: number, releaseDate = RELEASE, now = NOW) {
  const result = await reserveSeats(portal, { sessionId, values: { organisation, seats: String(seats), releaseDate }, actorId, now }, settings);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

async function nameOf(portal: PortalDb, userId: number): Promise<string> {
  const r = await portal.db.run(sql`SELECT name FROM users WHERE id = ${userId}`);
  return String(r.rows[0]!.name);
}

const book = (portal: PortalDb, sessionId: number, userId: number, now = NOW) => bookPlace(portal, { sessionId, userId, now }, settings);

describe('setting seats aside', () => {
  test('a trainer picks an organisation from those on accounts; the form is checked against the seats as they are', async () => {
    const { portal, trainer, sessionId } = await setup(6);
    await people(portal, 'Kent Police', 2);
    await people(portal, 'kent police.', 1);
    const kcc = await people(portal, 'Kent County Council', 4);
    expect((await organisationsToReserveFor(portal.db)).map((o) => o.name)).toEqual(['Kent County Council', 'Kent Police']);
    for (const id of kcc) await book(portal, sessionId, id);

    const tooMany = await reserveSeats(portal, { sessionId, values: { organisation: 'kent police', seats: '3', releaseDate: RELEASE }, actorId: trainer, now: NOW }, settings);
    expect(tooMany).toMatchObject({ ok: false, reason: 'invalid', errors: { seats: 'Only 2 places are not taken or set aside for others, so you can set aside at most 2' } });
    const unknown = await reserveSeats(portal, { sessionId, values: { organisation: 'kent fire', seats: '1', releaseDate: RELEASE }, actorId: trainer, now: NOW }, settings);
    expect(unknown).toMatchObject({ ok: false, errors: { organisation: 'Select an organisation from the list' } });

    await reserve(portal, sessionId, trainer, 'kent police', 2);
    const session = (await getSession(portal.db, sessionId, NOW))!;
    expect(session.picture).toMatchObject({ held: 4, openFree: 0, free: 2 });
    expect(session.picture.reserved).toMatchObject([{ organisation: 'Kent Police', seats: 2, taken: 0, left: 2, releaseAt: RELEASE_AT }]);
    expect((await reservationHistoryOf(portal.db, sessionId)).map((e) => [e.event, e.detail])).toEqual([['reserved', '2 places for Kent Police']]);
  });

  test('another trainer cannot set seats aside on a course they do not run', async () => {
    const { portal, sessionId } = await setup(4);
    await people(portal, 'Kent Police', 1);
    const [other] = await people(portal, 'KCC', 1);
    expect(await reserveSeats(portal, { sessionId, values: { organisation: 'kent police', seats: '1', releaseDate: RELEASE }, actorId: other!, now: NOW }, settings)).toEqual({ ok: false, reason: 'forbidden' });
  });

  test('the capacity cannot be lowered below the seats held plus those still set aside', async () => {
    const { portal, trainer, sessionId, input } = await setup(6);
    await people(portal, 'Kent Police', 1);
    for (const id of await people(portal, 'KCC', 3)) await book(portal, sessionId, id);
    await reserve(portal, sessionId, trainer, 'kent police', 2);
    expect(await updateSession(portal, sessionId, { ...input, capacity: 4 }, trainer, settings, NOW)).toEqual({ ok: false, reason: 'capacity-below-booked', booked: 3, setAside: 2 });
    expect(await updateSession(portal, sessionId, { ...input, capacity: 5 }, trainer, settings, NOW)).toEqual({ ok: true });
  });

  test('a new time that would close booking before places set aside are released is refused, and nothing changes', async () => {
    const { portal, trainer, sessionId, input } = await setup(6);
    await people(portal, 'Kent Police', 1);
    await reserve(portal, sessionId, trainer, 'kent police', 2);
    const earlier = { ...input, startsAt: RELEASE_AT + 12 * 3600 };
    expect(await updateSession(portal, sessionId, earlier, trainer, settings, NOW)).toEqual({ ok: false, reason: 'reservation-outlives-booking', organisation: 'Kent Police', releaseAt: RELEASE_AT });
    expect((await getSession(portal.db, sessionId, NOW))!.startsAt).toBe(STARTS);
    expect(await updateSession(portal, sessionId, { ...input, startsAt: RELEASE_AT + 2 * 86400 }, trainer, settings, NOW)).toEqual({ ok: true });
  });
});

describe('booking with seats set aside', () => {
  test('members take the seats set aside for them; others join the waiting list when only those are left', async () => {
    const { portal, trainer, sessionId } = await setup(4);
    const police = await people(portal, 'Kent Police', 3);
    const kcc = await people(portal, 'KCC', 3);
    await reserve(portal, sessionId, trainer, 'kent police', 2);
    expect(await book(portal, sessionId, kcc[0]!)).toMatchObject({ status: 'booked' });
    expect(await book(portal, sessionId, kcc[1]!)).toMatchObject({ status: 'booked' });
    // Two seats left, both set aside for Kent Police.
    expect(await book(portal, sessionId, kcc[2]!)).toMatchObject({ status: 'waiting', position: 1 });
    // A member is not held up by non-members waiting for an open seat.
    expect(await book(portal, sessionId, police[0]!)).toMatchObject({ status: 'booked' });
    expect(await book(portal, sessionId, police[1]!)).toMatchObject({ status: 'booked' });
    expect(await book(portal, sessionId, police[2]!)).toMatchObject({ status: 'waiting', position: 2 });
    expect((await getSession(portal.db, sessionId, NOW))!.picture).toMatchObject({ held: 4, openFree: 0, reserved: [{ taken: 2, left: 0 }] });
  });

  test('a seat set aside freed by a member goes to the next member waiting, passing over a non-member ahead', async () => {
    const { portal, trainer, sessionId } = await setup(2);
    const police = await people(portal, 'Kent Police', 2);
    const [kcc] = await people(portal, 'KCC', 2);
    await reserve(portal, sessionId, trainer, 'kent police', 1);
    const first = await book(portal, sessionId, police[0]!);
    expect(first).toMatchObject({ status: 'booked' });
    expect(await book(portal, sessionId, (await people(portal, 'KCC', 1))[0]!)).toMatchObject({ status: 'booked' });
    expect(await book(portal, sessionId, kcc!, NOW + 1)).toMatchObject({ status: 'waiting', position: 1 });
    expect(await book(portal, sessionId, police[1]!, NOW + 2)).toMatchObject({ status: 'waiting', position: 2 });

    expect(await cancelPlace(portal, { bookingId: (first as { bookingId: number }).bookingId, userId: police[0]!, now: NOW + 10 }, settings)).toEqual({ ok: true });
    const roster = await attendeesOf(portal.db, sessionId);
    expect(roster.find((a) => a.userId === police[1])?.status).toBe('offered');
    expect(roster.find((a) => a.userId === kcc)?.status).toBe('waiting');
  });

  test('a trainer cannot move a non-member into a seat set aside for an organisation', async () => {
    const { portal, trainer, sessionId } = await setup(2);
    await people(portal, 'Kent Police', 1);
    const kcc = await people(portal, 'KCC', 2);
    await reserve(portal, sessionId, trainer, 'kent police', 1);
    await book(portal, sessionId, kcc[0]!);
    const waiting = await book(portal, sessionId, kcc[1]!);
    expect(waiting).toMatchObject({ status: 'waiting' });
    expect(await moveFromWaitingList(portal, { bookingId: (waiting as { bookingId: number }).bookingId, actorId: trainer, now: NOW }, settings)).toEqual({ ok: false, reason: 'full' });
  });
});

describe('releasing seats set aside', () => {
  test('on the release date the housekeeping sweep releases them, records it, and the waiting list moves', async () => {
    const { portal, trainer, sessionId } = await setup(3);
    await people(portal, 'Kent Police', 1);
    const kcc = await people(portal, 'KCC', 4);
    await reserve(portal, sessionId, trainer, 'kent police', 2);
    await book(portal, sessionId, kcc[0]!);
    const waiting = [];
    for (const [i, id] of kcc.slice(1).entries()) waiting.push(await book(portal, sessionId, id, NOW + 1 + i));
    expect(waiting.map((w) => w.ok && w.status)).toEqual(['waiting', 'waiting', 'waiting']);

    // The day before, nothing happens.
    await expireOffers(portal, settings, RELEASE_AT - 1);
    expect((await readBookingsOn(portal.db, [sessionId], ['offered'])).length).toBe(0);

    await expireOffers(portal, settings, RELEASE_AT);
    const offered = await readBookingsOn(portal.db, [sessionId], ['offered']);
    expect(offered.map((o) => o.userId)).toEqual([kcc[1], kcc[2]]);
    expect((await attendeesOf(portal.db, sessionId)).find((a) => a.userId === kcc[3])?.status).toBe('waiting');
    expect((await sentMail(portal)).filter((m) => m.subject.startsWith('A place is free'))).toHaveLength(2);
    const trainerName = await nameOf(portal, trainer);
    expect((await reservationHistoryOf(portal.db, sessionId)).map((e) => [e.event, e.actor, e.detail])).toEqual([
      ['reserved', trainerName, '2 places for Kent Police'],
      ['released', null, '2 places for Kent Police joined the open places'],
    ]);
    expect((await historyOf(portal.db, offered[0]!.id)).map((e) => e.event)).toEqual(['waitlisted', 'offered']);
    const session = (await getSession(portal.db, sessionId, RELEASE_AT))!;
    expect(session.picture.reserved).toEqual([]);
    // A second sweep finds nothing more to release.
    await expireOffers(portal, settings, RELEASE_AT + 60);
    expect((await reservationHistoryOf(portal.db, sessionId)).length).toBe(2);
  });

  test('a booking after the release moment releases first, so the waiting list is offered the seats before a newcomer', async () => {
    const { portal, trainer, sessionId } = await setup(2);
    await people(portal, 'Kent Police', 1);
    const kcc = await people(portal, 'KCC', 3);
    await reserve(portal, sessionId, trainer, 'kent police', 1);
    await book(portal, sessionId, kcc[0]!);
    expect(await book(portal, sessionId, kcc[1]!, NOW + 1)).toMatchObject({ status: 'waiting' });
    expect(await book(portal, sessionId, kcc[2]!, RELEASE_AT + 5)).toMatchObject({ status: 'waiting', position: 1 });
    expect((await attendeesOf(portal.db, sessionId)).find((a) => a.userId === kcc[1])?.status).toBe('offered');
  });

  test('removing seats set aside opens them at once and offers them to the waiting list', async () => {
    const { portal, trainer, sessionId } = await setup(2);
    await people(portal, 'Kent Police', 1);
    const kcc = await people(portal, 'KCC', 2);
    const r = await reserve(portal, sessionId, trainer, 'kent police', 1);
    expect(r.ok).toBe(true);
    await book(portal, sessionId, kcc[0]!);
    await book(portal, sessionId, kcc[1]!);
    const [reservation] = (await getSession(portal.db, sessionId, NOW))!.picture.reserved;
    expect(await removeReservation(portal, { sessionId, reservationId: reservation!.id, actorId: trainer, now: NOW + 5 }, settings)).toEqual({ ok: true, organisation: 'Kent Police' });
    expect((await attendeesOf(portal.db, sessionId)).find((a) => a.userId === kcc[1])?.status).toBe('offered');
    expect(await removeReservation(portal, { sessionId, reservationId: reservation!.id, actorId: trainer, now: NOW + 6 }, settings)).toEqual({ ok: false, reason: 'ended' });
    expect((await reservationHistoryOf(portal.db, sessionId)).map((e) => e.event)).toEqual(['reserved', 'removed']);
  });
});

describe('racing from two connections', () => {
  test('bookings never exceed the capacity, and non-members never hold seats set aside before the release', async () => {
    const { portal, trainer, sessionId } = await setup(10);
    const police = await people(portal, 'Kent Police', 8);
    const schools = await people(portal, 'Kent schools', 8);
    const kcc = await people(portal, 'KCC', 24);
    await reserve(portal, sessionId, trainer, 'kent police', 3);
    await reserve(portal, sessionId, trainer, 'kent schools', 3);
    const other = await createDb(portal.url);
    try {
      const everyone = [...kcc, ...police, ...schools];
      const results = await Promise.all(everyone.map((userId, i) => book(i % 2 ? other : portal, sessionId, userId)));
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const holding = (await attendeesOf(portal.db, sessionId)).filter((a) => a.status === 'booked');
      expect(holding).toHaveLength(10);
      const count = (org: string) => holding.filter((a) => a.organisation === org).length;
      // 4 open seats, whoever asked first; each organisation's 3 set aside only for its members.
      expect(count('KCC')).toBeLessThanOrEqual(4);
      expect(count('Kent Police')).toBeGreaterThanOrEqual(3);
      expect(count('Kent schools')).toBeGreaterThanOrEqual(3);
    } finally {
      other.close();
    }
  });

  test('the seat guard itself refuses a non-member a seat set aside, from either connection at once', async () => {
    const { portal, trainer, sessionId } = await setup(3);
    await people(portal, 'Kent Police', 1);
    const kcc = await people(portal, 'KCC', 3);
    await reserve(portal, sessionId, trainer, 'kent police', 2);
    await book(portal, sessionId, kcc[0]!);
    const w1 = (await book(portal, sessionId, kcc[1]!)) as { bookingId: number };
    const w2 = (await book(portal, sessionId, kcc[2]!)) as { bookingId: number };
    const other = await createDb(portal.url);
    try {
      const [a, b] = await Promise.all([
        portal.write((tx) => takeSeats(tx, [{ id: w1.bookingId, sessionId, to: 'booked' }], { now: NOW, raiseSequence: false })),
        other.write((tx) => takeSeats(tx, [{ id: w2.bookingId, sessionId, to: 'booked' }], { now: NOW, raiseSequence: false })),
      ]);
      expect([a, b]).toEqual([[], []]);
      // After the release moment the same statement lets one of them in.
      const late = await portal.write((tx) => takeSeats(tx, [{ id: w1.bookingId, sessionId, to: 'booked' }], { now: RELEASE_AT, raiseSequence: false }));
      expect(late).toEqual([w1.bookingId]);
    } finally {
      other.close();
    }
  });
});
