import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import { APPROVAL_PATH, answerApproval, approvalFor, managerFormFor, submitManagerForm } from '../../src/lib/server/training/approvals.ts';
import { bookPlace, cancelPlace, cancelSession, createSession, expireApprovals, moveFromWaitingList, type SessionInput } from '../../src/lib/server/training/bookings.ts';
import { placeCalendar } from '../../src/lib/server/training/calendar.ts';
import { attendeesOf, getSession, historyOf, listCourses, placesOf } from '../../src/lib/server/training/catalogue.ts';
import { freshDb, sentMail, tokenFromMail } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
// Friday 15 January 2027, 08:00 UTC. Five working days later ends at midnight on Friday 22 January.
const NOW = 1_800_000_000;
const HOLD_ENDS = Date.parse('2027-01-23T00:00:00Z') / 1000;
const DAY = 86400;

async function people(portal: PortalDb, n: number): Promise<{ id: number; email: string }[]> {
  const made: { id: number; email: string }[] = [];
  await portal.write(async (tx) => {
    for (let i = 0; i < n; i++) {
      const email = `p${i}-${Math.random().toString(36).slice(2)}@kent.gov.uk`;
      const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${email}, ${`Person ${i}`}, 'KCC', 'x', 'active') RETURNING id`);
      made.push({ id: Number(r.rows[0]!.id), email });
    }
  });
  return made;
}

/** A session of a course that needs approval, run by a trainer, starting in 10 days. */
async function setup(capacity = 1) {
  const portal = await freshDb();
  await portal.write((tx) => seedCourses(tx, NOW));
  const [trainer] = await people(portal, 1);
  await portal.write(async (tx) => {
    await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${trainer!.id}, 'trainer')`);
    await tx.run(sql`UPDATE courses SET owner_id = ${trainer!.id}`);
    await tx.run(sql`UPDATE courses SET requires_approval = 1 WHERE slug = 'lead-worker-training'`);
  });
  const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
  const input: SessionInput = { startsAt: NOW + 10 * DAY, durationMinutes: 120, mode: 'in-person', venue: 'Swale Gateway', district: 'Swale', capacity, cutoffHours: 24 };
  const created = await createSession(portal, course.id, input, trainer!.id, NOW);
  if (!created.ok) throw new Error(created.reason);
  return { portal, trainer: trainer!, sessionId: created.id };
}

const statuses = async (portal: PortalDb, sessionId: number) => Object.fromEntries((await attendeesOf(portal.db, sessionId)).map((a) => [a.email, a.status]));
const events = async (portal: PortalDb, bookingId: number) => (await historyOf(portal.db, bookingId)).map((e) => e.event);

describe('booking a course that needs a line manager’s approval', () => {
  test('holds the seat as awaiting approval for five working days and asks the manager', async () => {
    const { portal, sessionId } = await setup(2);
    const [jo] = await people(portal, 1);
    expect(await bookPlace(portal, { sessionId, userId: jo!.id, now: NOW }, settings)).toEqual({ ok: false, reason: 'manager-needed' });
    const booked = await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam.lee@kent.gov.uk', now: NOW }, settings);
    expect(booked).toMatchObject({ ok: true, status: 'awaiting-approval', holdUntil: HOLD_ENDS });
    if (!booked.ok) return;

    const [place] = await placesOf(portal.db, jo!.id, NOW);
    expect(place).toMatchObject({ status: 'awaiting-approval', managerEmail: 'sam.lee@kent.gov.uk', offerExpiresAt: HOLD_ENDS });
    expect(await events(portal, booked.bookingId)).toEqual(['approval-requested']);
    const session = (await getSession(portal.db, sessionId, NOW))!;
    expect(session).toMatchObject({ booked: 1, awaitingApproval: 1, seatsLeft: 1 });

    const mail = await sentMail(portal);
    const toManager = mail.find((m) => m.recipient === 'sam.lee@kent.gov.uk')!;
    expect(toManager.body).toContain(`${settings.baseUrl}${APPROVAL_PATH}?token=`);
    expect(toManager.body).toContain('22 January 2027');
    expect(mail.find((m) => m.recipient === jo!.email)!.body).toContain('sam.lee@kent.gov.uk');
    // Only the hash of the link's secret is kept.
    const token = await tokenFromMail(portal, 'sam.lee@kent.gov.uk', APPROVAL_PATH);
    const stored = await portal.db.all<{ id: string; secret_hash: ArrayBuffer }>(sql`SELECT id, secret_hash FROM place_approvals`);
    expect(stored).toHaveLength(1);
    expect(token.startsWith(`${stored[0]!.id}.`)).toBe(true);
    expect(Buffer.from(stored[0]!.secret_hash).toString('utf8')).not.toContain(token.split('.')[1]!);
  });

  test('remembers the manager for the next booking, and refuses the person’s own address', async () => {
    const { portal, sessionId } = await setup(2);
    const [jo] = await people(portal, 1);
    expect((await managerFormFor(portal.db, { sessionId, userId: jo!.id, now: NOW }))!.managerEmail).toBe('');
    const form = (value: string) => new Request('https://portal.test/x', { method: 'POST', body: new URLSearchParams({ managerEmail: value }) });
    const own = await submitManagerForm(portal, form(jo!.email.toUpperCase()), { sessionId, user: jo!, now: NOW }, settings);
    expect(own).toEqual({ outcome: 'invalid', value: jo!.email.toUpperCase(), error: 'Enter your line manager’s email address, not your own' });
    expect(await placesOf(portal.db, jo!.id, NOW)).toHaveLength(0);
    const good = await submitManagerForm(portal, form('Sam.Lee@Kent.gov.uk'), { sessionId, user: jo!, now: NOW }, settings);
    expect(good).toMatchObject({ outcome: 'booked', result: { ok: true, status: 'awaiting-approval' } });
    expect(await managerFormFor(portal.db, { sessionId, userId: jo!.id, now: NOW })).toEqual({ managerEmail: 'sam.lee@kent.gov.uk', holdUntil: HOLD_ENDS });
  });

  test('the seat guard counts a place awaiting approval like a booked one', async () => {
    const { portal, sessionId, trainer } = await setup(1);
    const [jo, ali] = await people(portal, 2);
    await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
    const second = await bookPlace(portal, { sessionId, userId: ali!.id, managerEmail: 'kim@kent.gov.uk', now: NOW }, settings);
    expect(second).toMatchObject({ ok: true, status: 'waiting', position: 1 });
    if (!second.ok) return;
    // Even a trainer cannot move someone into a seat held for a manager's answer.
    expect(await moveFromWaitingList(portal, { bookingId: second.bookingId, actorId: trainer.id, now: NOW }, settings)).toEqual({ ok: false, reason: 'full' });
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'awaiting-approval', [ali!.email]: 'waiting' });
  });

  test('many people booking the last seat at once: one is held for approval, the rest wait', async () => {
    const { portal, sessionId } = await setup(1);
    const crowd = await people(portal, 8);
    await Promise.all(crowd.map((p) => bookPlace(portal, { sessionId, userId: p.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings)));
    const all = Object.values(await statuses(portal, sessionId));
    expect(all.filter((s) => s === 'awaiting-approval')).toHaveLength(1);
    expect(all.filter((s) => s === 'waiting')).toHaveLength(7);
  });
});

describe('the manager’s link', () => {
  test('opening it changes nothing; approving books the place once, and the link then refuses', async () => {
    const { portal, sessionId } = await setup(1);
    const [jo] = await people(portal, 1);
    const booked = await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
    if (!booked.ok) throw new Error('not booked');
    const token = await tokenFromMail(portal, 'sam@kent.gov.uk', APPROVAL_PATH);

    const seen = await approvalFor(portal.db, token, NOW + 60);
    expect(seen).toMatchObject({ ok: true, view: { person: { id: jo!.id }, managerEmail: 'sam@kent.gov.uk', expiresAt: HOLD_ENDS } });
    await approvalFor(portal.db, token, NOW + 60);
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'awaiting-approval' });
    expect(await approvalFor(portal.db, `${token}x`, NOW)).toEqual({ ok: false, reason: 'invalid' });

    // Until approved, the calendar file is provisional and says why.
    const calendar = async (now: number) => {
      const file = (await placeCalendar(portal.db, { bookingId: booked.bookingId, person: { id: jo!.id, email: jo!.email, name: 'Person 0' }, baseUrl: settings.baseUrl, now }))!;
      const event = new ICAL.Component(ICAL.parse(file.body)).getFirstSubcomponent('vevent')!;
      return { status: event.getFirstPropertyValue('status'), summary: event.getFirstPropertyValue('summary') };
    };
    expect(await calendar(NOW + 60)).toEqual({ status: 'TENTATIVE', summary: 'Awaiting approval: Lead worker training' });

    expect(await answerApproval(portal, { token, approve: true, now: NOW + 120 }, settings)).toMatchObject({ ok: true, approved: true });
    expect(await calendar(NOW + 150)).toEqual({ status: 'CONFIRMED', summary: 'Lead worker training' });
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'booked' });
    expect(await events(portal, booked.bookingId)).toEqual(['approval-requested', 'approved']);
    const confirmation = (await sentMail(portal)).filter((m) => m.recipient === jo!.email).at(-1)!;
    expect(confirmation.subject).toBe('Place booked: Lead worker training');
    expect(confirmation.body).toContain(`/account/bookings/${booked.bookingId}.ics`);

    // Single use: neither a second approval nor a decline counts.
    expect(await answerApproval(portal, { token, approve: true, now: NOW + 180 }, settings)).toEqual({ ok: false, reason: 'used' });
    expect(await answerApproval(portal, { token, approve: false, now: NOW + 180 }, settings)).toEqual({ ok: false, reason: 'used' });
    expect(await approvalFor(portal.db, token, NOW + 180)).toEqual({ ok: false, reason: 'used' });
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'booked' });
  });

  test('declining ends the place, tells the person, and asks the next person’s manager', async () => {
    const { portal, sessionId } = await setup(1);
    const [jo, ali] = await people(portal, 2);
    const first = await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
    const second = await bookPlace(portal, { sessionId, userId: ali!.id, managerEmail: 'kim@kent.gov.uk', now: NOW + 1 }, settings);
    if (!first.ok || !second.ok) throw new Error('not booked');
    const token = await tokenFromMail(portal, 'sam@kent.gov.uk', APPROVAL_PATH);

    expect(await answerApproval(portal, { token, approve: false, now: NOW + 3600 }, settings)).toMatchObject({ ok: true, approved: false });
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'declined', [ali!.email]: 'awaiting-approval' });
    expect(await events(portal, first.bookingId)).toEqual(['approval-requested', 'approval-declined']);
    expect(await events(portal, second.bookingId)).toEqual(['waitlisted', 'approval-requested']);
    const mail = await sentMail(portal);
    expect(mail.filter((m) => m.recipient === jo!.email).at(-1)!.subject).toBe('Your line manager did not approve your place: Lead worker training');
    // The next person's manager is asked, with a fresh five working days from now.
    expect(mail.some((m) => m.recipient === 'kim@kent.gov.uk' && m.body.includes(APPROVAL_PATH))).toBe(true);
    expect((await placesOf(portal.db, ali!.id, NOW))[0]!.offerExpiresAt).toBe(HOLD_ENDS);
  });

  test('cancelling the place, or the session, stops the link working', async () => {
    const { portal, sessionId, trainer } = await setup(2);
    const [jo, ali] = await people(portal, 2);
    const first = await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
    await bookPlace(portal, { sessionId, userId: ali!.id, managerEmail: 'kim@kent.gov.uk', now: NOW }, settings);
    if (!first.ok) throw new Error('not booked');
    expect(await cancelPlace(portal, { bookingId: first.bookingId, userId: jo!.id, now: NOW + 60 }, settings)).toEqual({ ok: true });
    const joToken = await tokenFromMail(portal, 'sam@kent.gov.uk', APPROVAL_PATH);
    expect(await answerApproval(portal, { token: joToken, approve: true, now: NOW + 120 }, settings)).toEqual({ ok: false, reason: 'not-active' });

    await cancelSession(portal, { sessionId, reason: 'Trainer unwell', actorId: trainer.id, now: NOW + 180 }, settings);
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'cancelled', [ali!.email]: 'cancelled' });
    const aliToken = await tokenFromMail(portal, 'kim@kent.gov.uk', APPROVAL_PATH);
    expect(await answerApproval(portal, { token: aliToken, approve: true, now: NOW + 240 }, settings)).toEqual({ ok: false, reason: 'not-active' });
  });
});

describe('when the manager does not answer in time', () => {
  test('the hold ends at the end of the fifth working day, the seat goes to the waiting list, and the link expires', async () => {
    const { portal, sessionId } = await setup(1);
    const [jo, ali] = await people(portal, 2);
    const first = await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
    await bookPlace(portal, { sessionId, userId: ali!.id, managerEmail: 'kim@kent.gov.uk', now: NOW + 1 }, settings);
    if (!first.ok) throw new Error('not booked');
    const token = await tokenFromMail(portal, 'sam@kent.gov.uk', APPROVAL_PATH);

    expect(await expireApprovals(portal, settings, HOLD_ENDS - 1)).toBe(0);
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'awaiting-approval', [ali!.email]: 'waiting' });

    expect(await expireApprovals(portal, settings, HOLD_ENDS)).toBe(1);
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'expired', [ali!.email]: 'awaiting-approval' });
    expect(await events(portal, first.bookingId)).toEqual(['approval-requested', 'approval-expired']);
    expect((await sentMail(portal)).filter((m) => m.recipient === jo!.email).at(-1)!.subject).toBe('No answer from your line manager in time: Lead worker training');
    // Ali's hold is cut short by the booking cut-off (24 hours before the start).
    expect((await placesOf(portal.db, ali!.id, HOLD_ENDS))[0]!.offerExpiresAt).toBe(NOW + 9 * DAY);

    expect(await answerApproval(portal, { token, approve: true, now: HOLD_ENDS + 60 }, settings)).toEqual({ ok: false, reason: 'expired' });
    expect(await approvalFor(portal.db, token, HOLD_ENDS + 60)).toEqual({ ok: false, reason: 'expired' });
    // Running again changes nothing.
    expect(await expireApprovals(portal, settings, HOLD_ENDS + 120)).toBe(0);
  });

  test('approving after the hold ended, before the timer ran, is refused and releases the seat there and then', async () => {
    const { portal, sessionId } = await setup(1);
    const [jo, ali] = await people(portal, 2);
    await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
    await bookPlace(portal, { sessionId, userId: ali!.id, managerEmail: 'kim@kent.gov.uk', now: NOW + 1 }, settings);
    const token = await tokenFromMail(portal, 'sam@kent.gov.uk', APPROVAL_PATH);
    expect(await answerApproval(portal, { token, approve: true, now: HOLD_ENDS }, settings)).toEqual({ ok: false, reason: 'expired' });
    expect(await statuses(portal, sessionId)).toEqual({ [jo!.email]: 'expired', [ali!.email]: 'awaiting-approval' });
  });

  test('an approval racing the expiry: exactly one wins and the session is never overbooked', async () => {
    for (let round = 0; round < 4; round++) {
      const { portal, sessionId } = await setup(1);
      const [jo, ali] = await people(portal, 2);
      await bookPlace(portal, { sessionId, userId: jo!.id, managerEmail: 'sam@kent.gov.uk', now: NOW }, settings);
      await bookPlace(portal, { sessionId, userId: ali!.id, managerEmail: 'kim@kent.gov.uk', now: NOW + 1 }, settings);
      const token = await tokenFromMail(portal, 'sam@kent.gov.uk', APPROVAL_PATH);
      const race = [answerApproval(portal, { token, approve: true, now: HOLD_ENDS - 1 }, settings), expireApprovals(portal, settings, HOLD_ENDS)] as const;
      const [answer, expired] = round % 2 === 0 ? await Promise.all(race) : (await Promise.all([race[1], race[0]])).reverse() as [Awaited<typeof race[0]>, number];
      const now = await statuses(portal, sessionId);
      if (answer.ok) {
        expect(expired).toBe(0);
        expect(now).toEqual({ [jo!.email]: 'booked', [ali!.email]: 'waiting' });
      } else {
        expect(answer).toEqual({ ok: false, reason: 'expired' });
        expect(expired).toBe(1);
        expect(now).toEqual({ [jo!.email]: 'expired', [ali!.email]: 'awaiting-approval' });
      }
      expect((await getSession(portal.db, sessionId, NOW))!.booked).toBe(1);
    }
  });
});
