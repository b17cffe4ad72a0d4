import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import {
  OFFER_HOURS,
  acceptOffer,
  bookPlace,
  cancelPlace,
  cancelSession,
  createSession,
  expireOffers,
  markAttendance,
  moveFromWaitingList,
  sendReminders,
  updateSession,
  type SessionInput,
} from '../../src/lib/server/training/bookings.ts';
import { SLUG_TAKEN_MESSAGE } from '../../src/lib/domain/training/forms.ts';
import { attendeesOf, getSession, historyOf, listCourses, placesOf, skillsOf, submitCourseForm } from '../../src/lib/server/training/catalogue.ts';
import { createDb } from '../../db/client.ts';
import { freshDb, sentMail } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
const NOW = 1_800_000_000;
const DAY = 86400;

async function people(portal: PortalDb, n: number): Promise<number[]> {
  const ids: number[] = [];
  await portal.write(async (tx) => {
    for (let i = 0; i < n; i++) {
      const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${`p${i}-${Math.random()}@kent.gov.uk`}, ${`Person ${i}`}, 'KCC', 'x', 'active') RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
  });
  return ids;
}

/** A session of a course the actor runs (the test fails loudly otherwise). */
async function newSession(portal: PortalDb, courseId: number, input: SessionInput, actorId: number, now: number): Promise<number> {
  const created = await createSession(portal, courseId, input, actorId, now);
  if (!created.ok) throw new Error(`createSession refused: ${created.reason}`);
  return created.id;
}

/** Makes `userId` a trainer who owns every course. */
async function ownAllCourses(portal: PortalDb, userId: number): Promise<void> {
  await portal.write(async (tx) => {
    await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${userId}, 'trainer') ON CONFLICT DO NOTHING`);
    await tx.run(sql`UPDATE courses SET owner_id = ${userId}`);
  });
}

async function setup(capacity = 2, startsIn = 10 * DAY) {
  const portal = await freshDb();
  await portal.write((tx) => seedCourses(tx, NOW));
  const [trainer] = await people(portal, 1);
  await ownAllCourses(portal, trainer!);
  const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
  const input: SessionInput = { startsAt: NOW + startsIn, durationMinutes: 120, mode: 'in-person', venue: 'Swale Gateway', district: 'Swale', capacity, cutoffHours: 24 };
  const sessionId = await newSession(portal, course.id, input, trainer!, NOW);
  return { portal, trainer: trainer!, sessionId, input, course };
}

const status = async (portal: PortalDb, sessionId: number) => (await attendeesOf(portal.db, sessionId)).map((a) => a.status);

describe('booking a place', () => {
  test('books while seats last, then queues; a second booking by the same person is refused', async () => {
    const { portal, sessionId } = await setup(2);
    const [a, b, c] = await people(portal, 3);
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)).toMatchObject({ ok: true, status: 'booked' });
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)).toEqual({ ok: false, reason: 'already-booked' });
    expect(await bookPlace(portal, { sessionId, userId: b!, now: NOW }, settings)).toMatchObject({ ok: true, status: 'booked' });
    expect(await bookPlace(portal, { sessionId, userId: c!, now: NOW }, settings)).toMatchObject({ ok: true, status: 'waiting', position: 1 });
    expect(await bookPlace(portal, { sessionId, userId: c!, now: NOW }, settings)).toEqual({ ok: false, reason: 'already-waiting' });
    const session = await getSession(portal.db, sessionId, NOW);
    expect(session).toMatchObject({ booked: 2, waiting: 1, seatsLeft: 0 });
    const mail = await sentMail(portal);
    expect(mail.map((m) => m.subject)).toEqual(['Place booked: Lead worker training', 'Place booked: Lead worker training']);
    expect(mail[0]!.body).toContain('/account/bookings/');
  });

  test('refuses cancelled sessions, sessions past the cut-off and unknown sessions', async () => {
    const { portal, sessionId, trainer } = await setup(5, 2 * DAY);
    const [a] = await people(portal, 1);
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW + DAY + 1 }, settings)).toEqual({ ok: false, reason: 'closed' });
    expect(await bookPlace(portal, { sessionId: 999, userId: a!, now: NOW }, settings)).toEqual({ ok: false, reason: 'not-found' });
    await cancelSession(portal, { sessionId, reason: 'Trainer unwell', actorId: trainer, now: NOW }, settings);
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)).toEqual({ ok: false, reason: 'cancelled' });
  });

  test('nobody can book past a waiting list: a freed seat goes to the first person waiting', async () => {
    const { portal, sessionId } = await setup(1);
    const [a, b, c] = await people(portal, 3);
    const first = await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    await bookPlace(portal, { sessionId, userId: b!, now: NOW + 1 }, settings);
    await cancelPlace(portal, { bookingId: (first as { bookingId: number }).bookingId, userId: a!, now: NOW + 2 }, settings);
    // b is offered the seat; c arriving now joins the queue instead of taking it.
    expect(await bookPlace(portal, { sessionId, userId: c!, now: NOW + 3 }, settings)).toMatchObject({ status: 'waiting', position: 1 });
    expect(await status(portal, sessionId)).toEqual(['offered', 'waiting', 'cancelled']);
  });

  test('200 people booking 20 seats at once: exactly 20 booked, 180 waiting, no errors', async () => {
    const { portal, sessionId } = await setup(20);
    const ids = await people(portal, 200);
    const results = await Promise.all(ids.map((userId) => bookPlace(portal, { sessionId, userId, now: NOW }, settings)));
    expect(results.filter((r) => r.ok && r.status === 'booked')).toHaveLength(20);
    expect(results.filter((r) => r.ok && r.status === 'waiting')).toHaveLength(180);
    expect(results.filter((r) => !r.ok)).toHaveLength(0);
    const positions = results.flatMap((r) => (r.ok && r.status === 'waiting' ? [r.position] : [])).sort((x, y) => x - y);
    expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
  });

  test('two database connections booking at once never overbook', async () => {
    const { portal, sessionId } = await setup(5);
    const { createDb } = await import('../../db/client.ts');
    const other = await createDb(portal.url);
    try {
      const ids = await people(portal, 40);
      const results = await Promise.all(ids.map((userId, i) => bookPlace(i % 2 ? other : portal, { sessionId, userId, now: NOW }, settings)));
      expect(results.filter((r) => r.ok && r.status === 'booked')).toHaveLength(5);
      expect(results.filter((r) => !r.ok)).toHaveLength(0);
      expect((await getSession(portal.db, sessionId, NOW))!.booked).toBe(5);
    } finally {
      other.close();
    }
  });
});

describe('the waiting list', () => {
  test('a cancellation offers the seat to the first person waiting, for a limited time, then to the next', async () => {
    const { portal, sessionId } = await setup(1);
    const [a, b, c] = await people(portal, 3);
    const booked = (await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)) as { bookingId: number };
    const bWait = (await bookPlace(portal, { sessionId, userId: b!, now: NOW + 1 }, settings)) as { bookingId: number };
    const cWait = (await bookPlace(portal, { sessionId, userId: c!, now: NOW + 2 }, settings)) as { bookingId: number };

    expect(await cancelPlace(portal, { bookingId: booked.bookingId, userId: a!, now: NOW + 10 }, settings)).toEqual({ ok: true });
    const offered = (await placesOf(portal.db, b!, NOW + 10))[0]!;
    expect(offered).toMatchObject({ status: 'offered', offerExpiresAt: NOW + 10 + OFFER_HOURS * 3600 });
    expect((await sentMail(portal)).at(-1)!.subject).toBe('A place is free: Lead worker training');

    // b lets the offer lapse; c is offered next.
    expect(await expireOffers(portal, settings, NOW + 10 + OFFER_HOURS * 3600)).toBe(1);
    expect(await acceptOffer(portal, { bookingId: bWait.bookingId, userId: b!, now: NOW + 11 + OFFER_HOURS * 3600 }, settings)).toEqual({ ok: false, reason: 'not-active' });
    expect((await placesOf(portal.db, c!, NOW))[0]!.status).toBe('offered');
    expect(await acceptOffer(portal, { bookingId: cWait.bookingId, userId: c!, now: NOW + 12 + OFFER_HOURS * 3600 }, settings)).toEqual({ ok: true });
    expect(await status(portal, sessionId)).toEqual(['booked', 'cancelled', 'expired']);
    expect((await historyOf(portal.db, bWait.bookingId)).map((h) => h.event)).toEqual(['waitlisted', 'offered', 'offer-expired']);
    expect((await historyOf(portal.db, cWait.bookingId)).map((h) => h.event)).toEqual(['waitlisted', 'offered', 'promoted']);
  });

  test('an offer never outlasts the booking cut-off', async () => {
    const { portal, sessionId } = await setup(1, 2 * DAY);
    const [a, b] = await people(portal, 2);
    const booked = (await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)) as { bookingId: number };
    await bookPlace(portal, { sessionId, userId: b!, now: NOW }, settings);
    await cancelPlace(portal, { bookingId: booked.bookingId, userId: a!, now: NOW + 3600 }, settings);
    expect((await placesOf(portal.db, b!, NOW))[0]!.offerExpiresAt).toBe(NOW + DAY);
  });

  test('declining an offer passes it on', async () => {
    const { portal, sessionId } = await setup(1);
    const [a, b, c] = await people(portal, 3);
    const booked = (await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)) as { bookingId: number };
    const bWait = (await bookPlace(portal, { sessionId, userId: b!, now: NOW + 1 }, settings)) as { bookingId: number };
    await bookPlace(portal, { sessionId, userId: c!, now: NOW + 2 }, settings);
    await cancelPlace(portal, { bookingId: booked.bookingId, userId: a!, now: NOW + 3 }, settings);
    await cancelPlace(portal, { bookingId: bWait.bookingId, userId: b!, now: NOW + 4 }, settings);
    expect(await status(portal, sessionId)).toEqual(['offered', 'cancelled', 'declined']);
  });

  test('a trainer can move someone from the waiting list only into a free seat', async () => {
    const { portal, sessionId, trainer, input } = await setup(1);
    const [a, b] = await people(portal, 2);
    await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    const wait = (await bookPlace(portal, { sessionId, userId: b!, now: NOW }, settings)) as { bookingId: number };
    expect(await moveFromWaitingList(portal, { bookingId: wait.bookingId, actorId: trainer, now: NOW }, settings)).toEqual({ ok: false, reason: 'full' });
    // Raising capacity offers the seat instead, first come first served.
    await updateSession(portal, sessionId, { ...input, capacity: 2 }, trainer, settings, NOW);
    expect(await status(portal, sessionId)).toEqual(['booked', 'offered']);
  });
});

describe('cancelling and changing', () => {
  test('a place cannot be cancelled after the cut-off', async () => {
    const { portal, sessionId } = await setup(3, 2 * DAY);
    const [a] = await people(portal, 1);
    const booked = (await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)) as { bookingId: number };
    expect(await cancelPlace(portal, { bookingId: booked.bookingId, userId: a!, now: NOW + DAY + 5 }, settings)).toEqual({ ok: false, reason: 'closed' });
    expect(await cancelPlace(portal, { bookingId: booked.bookingId, userId: 12345, now: NOW }, settings)).toEqual({ ok: false, reason: 'not-found' });
  });

  test('cancelled places can be booked again', async () => {
    const { portal, sessionId } = await setup(3);
    const [a] = await people(portal, 1);
    const booked = (await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)) as { bookingId: number };
    await cancelPlace(portal, { bookingId: booked.bookingId, userId: a!, now: NOW + 1 }, settings);
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW + 2 }, settings)).toMatchObject({ ok: true, status: 'booked', bookingId: booked.bookingId });
  });

  test('lowering capacity below the places held is refused; a time change tells everyone', async () => {
    const { portal, sessionId, trainer, input } = await setup(3);
    const [a, b] = await people(portal, 2);
    await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    await bookPlace(portal, { sessionId, userId: b!, now: NOW }, settings);
    expect(await updateSession(portal, sessionId, { ...input, capacity: 1 }, trainer, settings, NOW)).toEqual({ ok: false, reason: 'capacity-below-booked', booked: 2 });
    expect((await getSession(portal.db, sessionId, NOW))!.capacity).toBe(3);
    expect(await updateSession(portal, sessionId, { ...input, capacity: 2, startsAt: input.startsAt + 3600 }, trainer, settings, NOW)).toEqual({ ok: true });
    const session = (await getSession(portal.db, sessionId, NOW))!;
    expect(session).toMatchObject({ capacity: 2, sequence: 1 });
    expect((await sentMail(portal)).filter((m) => m.subject.startsWith('Session changed'))).toHaveLength(2);
  });

  test('cancelling a session ends every place and tells everyone booked or waiting', async () => {
    const { portal, sessionId, trainer } = await setup(1);
    const [a, b] = await people(portal, 2);
    await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    await bookPlace(portal, { sessionId, userId: b!, now: NOW }, settings);
    expect(await cancelSession(portal, { sessionId, reason: 'Venue closed', actorId: trainer, now: NOW }, settings)).toEqual({ ok: true, notified: 2 });
    expect(await status(portal, sessionId)).toEqual(['cancelled', 'cancelled']);
    const cancelled = (await sentMail(portal)).filter((m) => m.subject.startsWith('Session cancelled'));
    expect(cancelled).toHaveLength(2);
    expect(cancelled[0]!.body).toContain('Venue closed');
    expect((await getSession(portal.db, sessionId, NOW))!.sequence).toBe(1);
  });
});

describe('attendance, reminders and skills', () => {
  test('attendance is marked only once the session has started, and counts towards skills', async () => {
    const { portal, sessionId, trainer, input, course } = await setup(3);
    const [a] = await people(portal, 1);
    const booked = (await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)) as { bookingId: number };
    expect(await markAttendance(portal, { bookingId: booked.bookingId, attended: true, actorId: trainer, now: NOW })).toEqual({ ok: false, reason: 'not-started' });
    expect(await markAttendance(portal, { bookingId: booked.bookingId, attended: true, actorId: trainer, now: input.startsAt + 60 })).toEqual({ ok: true });
    const skills = await skillsOf(portal.db, a!);
    expect([...skills.keys()].sort()).toEqual([...course.domains].sort());
    expect(await markAttendance(portal, { bookingId: booked.bookingId, attended: false, actorId: trainer, now: input.startsAt + 120 })).toEqual({ ok: true });
    expect((await skillsOf(portal.db, a!)).size).toBe(0);
    expect((await historyOf(portal.db, booked.bookingId)).map((h) => h.event)).toEqual(['booked', 'attended', 'no-show']);
  });

  test('one reminder per booked place, shortly before the session', async () => {
    const { portal, sessionId } = await setup(3, 3 * DAY);
    const [a] = await people(portal, 1);
    await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    expect(await sendReminders(portal, settings, NOW)).toBe(0);
    expect(await sendReminders(portal, settings, NOW + 2 * DAY)).toBe(1);
    expect(await sendReminders(portal, settings, NOW + 2 * DAY + 60)).toBe(0);
    expect((await sentMail(portal)).at(-1)!.subject).toBe('Reminder: Lead worker training');
  });
});

describe('the catalogue', () => {
  test('filters by domain, district, mode and date', async () => {
    const { portal, sessionId, trainer } = await setup(3);
    const caf = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'caf-practitioner-workshop')!;
    await newSession(portal, caf.id, { startsAt: NOW + 20 * DAY, durationMinutes: 60, mode: 'online', venue: 'Teams', district: null, capacity: 10, cutoffHours: 24 }, trainer, NOW);
    const slugs = async (f: Parameters<typeof listCourses>[1]) => (await listCourses(portal.db, f, NOW)).map((c) => c.slug);
    expect(await slugs({ domain: 'professional-leadership-and-supervision' })).toEqual(['lead-worker-training']);
    expect(await slugs({ district: 'Swale' })).toEqual(['lead-worker-training']);
    expect(await slugs({ mode: 'online' })).toEqual(['caf-practitioner-workshop']);
    expect(await slugs({ from: NOW + 15 * DAY })).toEqual(['caf-practitioner-workshop']);
    expect(await slugs({ district: 'Thanet' })).toEqual([]);
    expect((await getSession(portal.db, sessionId, NOW))!.open).toBe(true);
  });
});

describe('the course form', () => {
  function post(fields: [string, string][]): Request {
    const body = new URLSearchParams(fields);
    return new Request('https://portal.test/trainer/courses/new', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  const domainSlugs = ['systems-and-it', 'specialist-knowledge'];
  const valid: [string, string][] = [
    ['title', 'Recording consent'],
    ['slug', ''],
    ['summary', 'How to record a family’s consent to share information.'],
    ['audience', 'Lead workers'],
    ['outcomes', 'Record consent\nReview consent'],
    ['domains', 'systems-and-it'],
    ['domains', 'specialist-knowledge'],
  ];
  const courseCount = async (portal: PortalDb) => Number((await portal.db.run(sql`SELECT count(*) AS n FROM courses`)).rows[0]!.n);

  test('keeps the answers and writes nothing when a field is wrong, and saves both domains when all are right', async () => {
    const { portal, trainer } = await setup();
    const before = await courseCount(portal);
    const wrong = await submitCourseForm(portal, post([...valid.filter(([k]) => k !== 'title'), ['title', '']]), { actorId: trainer, domainSlugs });
    expect(wrong.outcome).toBe('invalid');
    if (wrong.outcome !== 'invalid') return;
    expect(Object.keys(wrong.errors)).toEqual(['title']);
    expect(wrong.values.summary).toBe(valid[2]![1]);
    expect(wrong.domains).toEqual(['systems-and-it', 'specialist-knowledge']);
    expect(await courseCount(portal)).toBe(before);

    const saved = await submitCourseForm(portal, post(valid), { actorId: trainer, domainSlugs });
    expect(saved.outcome).toBe('saved');
    if (saved.outcome !== 'saved') return;
    expect(await courseCount(portal)).toBe(before + 1);
    const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.id === saved.id)!;
    expect(course.slug).toBe('recording-consent');
    expect([...course.domains].sort()).toEqual(['specialist-knowledge', 'systems-and-it']);
  });

  test('refuses a web address name another course has, on create and on edit', async () => {
    const { portal, trainer, course } = await setup();
    const taken: [string, string][] = [...valid.filter(([k]) => k !== 'slug'), ['slug', course.slug]];
    const created = await submitCourseForm(portal, post(taken), { actorId: trainer, domainSlugs });
    expect(created).toMatchObject({ outcome: 'invalid', errors: { slug: SLUG_TAKEN_MESSAGE } });

    const other = await submitCourseForm(portal, post(valid), { actorId: trainer, domainSlugs });
    if (other.outcome !== 'saved') throw new Error('the course should save');
    const edited = await submitCourseForm(portal, post(taken), { actorId: trainer, domainSlugs, courseId: other.id });
    expect(edited).toMatchObject({ outcome: 'invalid', errors: { slug: SLUG_TAKEN_MESSAGE } });
    const fresh: [string, string][] = [...valid.filter(([k]) => k !== 'slug'), ['slug', 'a-course-nobody-has']];
    const missing = await submitCourseForm(portal, post(fresh), { actorId: trainer, domainSlugs, courseId: 999_999 });
    expect(missing.outcome).toBe('not-found');
  });
});

describe('one place per course', () => {
  async function twoSessions(placesPerPerson = 1) {
    const base = await setup(5);
    const other = await newSession(base.portal, base.course.id, { ...base.input, startsAt: NOW + 20 * DAY }, base.trainer, NOW);
    if (placesPerPerson !== 1) await base.portal.write((tx) => tx.run(sql`UPDATE courses SET places_per_person = ${placesPerPerson} WHERE id = ${base.course.id}`));
    return { ...base, other };
  }

  test('a second session of the same course is refused, whether booked or waiting; another course is fine', async () => {
    const { portal, sessionId, other, input, trainer } = await twoSessions();
    const [a] = await people(portal, 1);
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)).toMatchObject({ ok: true, status: 'booked' });
    expect(await bookPlace(portal, { sessionId: other, userId: a!, now: NOW }, settings)).toEqual({ ok: false, reason: 'course-limit' });
    expect(await status(portal, other)).toEqual([]);

    const caf = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'caf-practitioner-workshop')!;
    const cafSession = await newSession(portal, caf.id, input, trainer, NOW);
    expect(await bookPlace(portal, { sessionId: cafSession, userId: a!, now: NOW }, settings)).toMatchObject({ ok: true, status: 'booked' });
  });

  test('a place on the waiting list counts; giving it up frees the person to book another session', async () => {
    const { portal, sessionId, other } = await twoSessions();
    await portal.write((tx) => tx.run(sql`UPDATE training_sessions SET capacity = 1 WHERE id = ${sessionId}`));
    const [a, b] = await people(portal, 2);
    await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    const waiting = await bookPlace(portal, { sessionId, userId: b!, now: NOW }, settings);
    expect(waiting).toMatchObject({ ok: true, status: 'waiting' });
    expect(await bookPlace(portal, { sessionId: other, userId: b!, now: NOW }, settings)).toEqual({ ok: false, reason: 'course-limit' });
    await cancelPlace(portal, { bookingId: (waiting as { bookingId: number }).bookingId, userId: b!, now: NOW + 1 }, settings);
    expect(await bookPlace(portal, { sessionId: other, userId: b!, now: NOW + 2 }, settings)).toMatchObject({ ok: true, status: 'booked' });
    // Rebooking the cancelled row on the first session now meets the limit instead.
    expect(await bookPlace(portal, { sessionId, userId: b!, now: NOW + 3 }, settings)).toEqual({ ok: false, reason: 'course-limit' });
  });

  test('places on sessions that have passed do not count', async () => {
    const { portal, sessionId, other } = await twoSessions();
    const [a] = await people(portal, 1);
    await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings);
    // After the first session has started, the second (still open) can be booked.
    expect(await bookPlace(portal, { sessionId: other, userId: a!, now: NOW + 10 * DAY + 60 }, settings)).toMatchObject({ ok: true, status: 'booked' });
  });

  test('the trainer can allow more than one place per person', async () => {
    const { portal, sessionId, other, course, trainer } = await twoSessions(2);
    const third = await newSession(portal, course.id, { startsAt: NOW + 30 * DAY, durationMinutes: 60, mode: 'online', venue: 'Teams', district: null, capacity: 5, cutoffHours: 24 }, trainer, NOW);
    const [a] = await people(portal, 1);
    expect(await bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings)).toMatchObject({ ok: true });
    expect(await bookPlace(portal, { sessionId: other, userId: a!, now: NOW }, settings)).toMatchObject({ ok: true });
    expect(await bookPlace(portal, { sessionId: third, userId: a!, now: NOW }, settings)).toEqual({ ok: false, reason: 'course-limit' });
  });

  test('booking two sessions of one course at once, from two instances, gives exactly one place', async () => {
    for (let round = 0; round < 5; round++) {
      const { portal, sessionId, other } = await twoSessions();
      const second = await createDb(portal.url);
      try {
        const [a] = await people(portal, 1);
        const results = await Promise.all([
          bookPlace(portal, { sessionId, userId: a!, now: NOW }, settings),
          bookPlace(second, { sessionId: other, userId: a!, now: NOW }, settings),
          bookPlace(portal, { sessionId: other, userId: a!, now: NOW }, settings),
          bookPlace(second, { sessionId, userId: a!, now: NOW }, settings),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok).every((r) => !r.ok && (r.reason === 'course-limit' || r.reason === 'already-booked'))).toBe(true);
        const held = (await placesOf(portal.db, a!, NOW)).filter((p) => p.status === 'booked');
        expect(held).toHaveLength(1);
      } finally {
        second.close();
      }
    }
  });
});
