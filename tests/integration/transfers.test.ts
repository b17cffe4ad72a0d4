/**
 * Sending a colleague instead: offering a place, taking it up by link, turning it down, the
 * refusals, the calendar files, and a transfer racing new bookings on a full session.
 */
import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createDb, type PortalDb } from '../../db/client.ts';
import { seedCourses } from '../../db/seed-training.ts';
import { bookPlace, createSession, type SessionInput } from '../../src/lib/server/training/bookings.ts';
import { placeCalendar } from '../../src/lib/server/training/calendar.ts';
import { attendeesOf, getSession, historyOf, listCourses, placesOf } from '../../src/lib/server/training/catalogue.ts';
import { TRANSFER_PATH, answerTransfer, offerPlaceToColleague, transferFor } from '../../src/lib/server/training/transfers.ts';
import { freshDb, sentMail, tokenFromMail } from './helpers.ts';

const settings = { baseUrl: 'https://portal.test' };
const NOW = 1_800_000_000;
const DAY = 86400;

async function person(portal: PortalDb, name: string, organisation = 'Kent Police'): Promise<{ id: number; name: string; email: string }> {
  const email = `${name.toLowerCase().replace(/ /g, '.')}.${Math.random().toString(36).slice(2)}@example.org`;
  const id = await portal.write(async (tx) => {
    const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status) VALUES (${email}, ${name}, ${organisation}, 'x', 'active') RETURNING id`);
    return Number(r.rows[0]!.id);
  });
  return { id, name, email };
}

async function world(capacity = 2) {
  const portal = await freshDb();
  await portal.write((tx) => seedCourses(tx, NOW));
  const trainer = await person(portal, 'Tara Trainer', 'Kent County Council');
  await portal.write(async (tx) => {
    await tx.run(sql`INSERT INTO user_roles (user_id, role) VALUES (${trainer.id}, 'trainer')`);
    await tx.run(sql`UPDATE courses SET owner_id = ${trainer.id}`);
  });
  const course = (await listCourses(portal.db, {}, NOW)).find((c) => c.slug === 'lead-worker-training')!;
  const input: SessionInput = { startsAt: NOW + 10 * DAY, durationMinutes: 120, mode: 'in-person', venue: 'Swale Gateway', district: 'Swale', capacity, cutoffHours: 24 };
  const created = await createSession(portal, course.id, input, trainer.id, NOW);
  if (!created.ok) throw new Error(created.reason);
  const holder = await person(portal, 'Hana Holder');
  const colleague = await person(portal, 'Cal Colleague', ' kent  police ');
  const booked = await bookPlace(portal, { sessionId: created.id, userId: holder.id, now: NOW }, settings);
  if (!booked.ok) throw new Error(booked.reason);
  return { portal, sessionId: created.id, holder, colleague, bookingId: booked.bookingId, input };
}

const calendar = (text: string) => {
  const component = new ICAL.Component(ICAL.parse(text));
  const event = component.getFirstSubcomponent('vevent')!;
  return { method: component.getFirstPropertyValue('method'), status: event.getFirstPropertyValue('status'), uid: event.getFirstPropertyValue('uid'), sequence: Number(event.getFirstPropertyValue('sequence')) };
};

describe('sending a colleague instead', () => {
  test('the colleague takes up the place by link: it moves in one step, with both histories, e-mails and calendars', async () => {
    const { portal, sessionId, holder, colleague, bookingId } = await world();
    const before = calendar((await placeCalendar(portal.db, { bookingId, person: holder, baseUrl: settings.baseUrl, now: NOW }))!.body);
    expect(await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: colleague.email.toUpperCase(), now: NOW + 60 }, settings)).toEqual({ ok: true, colleague: 'Cal Colleague' });
    const token = await tokenFromMail(portal, colleague.email, TRANSFER_PATH);
    expect((await sentMail(portal)).at(-1)!.subject).toBe('Hana Holder has offered you their place: Lead worker training');

    const view = await transferFor(portal.db, token, colleague.id, NOW + 120);
    expect(view).toMatchObject({ ok: true, view: { from: { name: 'Hana Holder' }, session: { id: sessionId } } });
    const answer = await answerTransfer(portal, { token, userId: colleague.id, accept: true, now: NOW + 120 }, settings);
    expect(answer).toMatchObject({ ok: true, accepted: true });
    if (!answer.ok) return;

    const roster = await attendeesOf(portal.db, sessionId);
    expect(roster.map((a) => [a.name, a.status])).toEqual([
      ['Cal Colleague', 'booked'],
      ['Hana Holder', 'cancelled'],
    ]);
    expect((await getSession(portal.db, sessionId, NOW + 120))!.booked).toBe(1);
    expect((await historyOf(portal.db, bookingId)).map((h) => h.event)).toEqual(['booked', 'transfer-offered', 'transferred-out']);
    expect((await historyOf(portal.db, answer.bookingId)).map((h) => h.event)).toEqual(['transferred-in']);
    const mail = (await sentMail(portal)).slice(-2);
    expect(mail.map((m) => [m.recipient, m.subject])).toEqual([
      [colleague.email, 'Place booked: Lead worker training'],
      [holder.email, 'Your place has passed to Cal Colleague: Lead worker training'],
    ]);

    // The holder's calendar file now cancels the event it added; the colleague's adds theirs.
    const old = calendar((await placeCalendar(portal.db, { bookingId, person: holder, baseUrl: settings.baseUrl, now: NOW + 120 }))!.body);
    expect(old).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: before.uid });
    expect(old.sequence).toBeGreaterThan(before.sequence);
    const fresh = calendar((await placeCalendar(portal.db, { bookingId: answer.bookingId, person: colleague, baseUrl: settings.baseUrl, now: NOW + 120 }))!.body);
    expect(fresh).toMatchObject({ method: 'REQUEST', status: 'CONFIRMED' });
    expect(fresh.uid).not.toBe(before.uid);

    // The link works once.
    expect(await answerTransfer(portal, { token, userId: colleague.id, accept: true, now: NOW + 180 }, settings)).toEqual({ ok: false, reason: 'used' });
  });

  test('turning it down leaves the place with its holder and tells them', async () => {
    const { portal, sessionId, holder, colleague, bookingId } = await world();
    await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: colleague.email, now: NOW }, settings);
    const token = await tokenFromMail(portal, colleague.email, TRANSFER_PATH);
    expect(await answerTransfer(portal, { token, userId: colleague.id, accept: false, now: NOW + 60 }, settings)).toEqual({ ok: true, accepted: false, bookingId });
    expect((await attendeesOf(portal.db, sessionId)).map((a) => [a.name, a.status])).toEqual([['Hana Holder', 'booked']]);
    expect((await sentMail(portal)).at(-1)).toMatchObject({ recipient: holder.email, subject: 'Cal Colleague cannot take your place: Lead worker training' });
    expect(await transferFor(portal.db, token, colleague.id, NOW + 120)).toEqual({ ok: false, reason: 'used' });
  });

  test.each<[string, (w: Awaited<ReturnType<typeof world>>) => Promise<string>, string]>([
    ['nobody has that address', async () => 'nobody@example.org', 'no-account'],
    ['the holder names themself', async (w) => w.holder.email, 'self'],
    ['the colleague works elsewhere', async (w) => (await person(w.portal, 'Otto Other', 'Kent Fire and Rescue')).email, 'other-organisation'],
    [
      'the colleague is already on the session',
      async (w) => {
        await bookPlace(w.portal, { sessionId: w.sessionId, userId: w.colleague.id, now: NOW }, settings);
        return w.colleague.email;
      },
      'already-on-session',
    ],
  ])('an offer is refused when %s', async (_, email, reason) => {
    const w = await world(3);
    expect(await offerPlaceToColleague(w.portal, { bookingId: w.bookingId, userId: w.holder.id, colleagueEmail: await email(w), now: NOW }, settings)).toEqual({ ok: false, reason });
  });

  test('an offer is refused after the cut-off, and for a place that is not the holder’s', async () => {
    const { portal, holder, colleague, bookingId } = await world();
    expect(await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: colleague.email, now: NOW + 9 * DAY + 1 }, settings)).toEqual({ ok: false, reason: 'closed' });
    expect(await offerPlaceToColleague(portal, { bookingId, userId: colleague.id, colleagueEmail: holder.email, now: NOW }, settings)).toEqual({ ok: false, reason: 'not-found' });
  });

  test('the link is only for the colleague named, stops at its expiry, and a newer offer replaces it', async () => {
    const { portal, holder, colleague, bookingId } = await world();
    const other = await person(portal, 'Olu Other');
    await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: colleague.email, now: NOW }, settings);
    const token = await tokenFromMail(portal, colleague.email, TRANSFER_PATH);
    expect(await transferFor(portal.db, token, other.id, NOW)).toEqual({ ok: false, reason: 'not-yours' });
    expect(await transferFor(portal.db, `${token.split('.')[0]}.${'a'.repeat(32)}`, colleague.id, NOW)).toEqual({ ok: false, reason: 'invalid' });
    expect(await answerTransfer(portal, { token, userId: colleague.id, accept: true, now: NOW + 3 * DAY }, settings)).toEqual({ ok: false, reason: 'expired' });

    await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: other.email, now: NOW + 10 }, settings);
    expect(await transferFor(portal.db, token, colleague.id, NOW + 20)).toEqual({ ok: false, reason: 'used' });
    const newer = await tokenFromMail(portal, other.email, TRANSFER_PATH);
    expect(await transferFor(portal.db, newer, other.id, NOW + 20)).toMatchObject({ ok: true });
  });

  test('the colleague cannot take it once the holder has given the place up', async () => {
    const { portal, holder, colleague, bookingId } = await world();
    await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: colleague.email, now: NOW }, settings);
    const token = await tokenFromMail(portal, colleague.email, TRANSFER_PATH);
    const { cancelPlace } = await import('../../src/lib/server/training/bookings.ts');
    await cancelPlace(portal, { bookingId, userId: holder.id, now: NOW + 10 }, settings);
    expect(await answerTransfer(portal, { token, userId: colleague.id, accept: true, now: NOW + 20 }, settings)).toEqual({ ok: false, reason: 'not-active' });
    expect((await placesOf(portal.db, colleague.id, NOW))).toEqual([]);
  });

  test('a transfer racing new bookings on a full session never leaves two holders or an overbooked session', async () => {
    for (let round = 0; round < 4; round++) {
      const { portal, sessionId, holder, colleague, bookingId } = await world(2);
      const second = await createDb(portal.url);
      try {
        const filler = await person(portal, `Fay Filler ${round}`);
        await bookPlace(portal, { sessionId, userId: filler.id, now: NOW }, settings);
        await offerPlaceToColleague(portal, { bookingId, userId: holder.id, colleagueEmail: colleague.email, now: NOW }, settings);
        const token = await tokenFromMail(portal, colleague.email, TRANSFER_PATH);
        const newcomers = await Promise.all(Array.from({ length: 12 }, (_, i) => person(portal, `New Comer ${round} ${i}`)));
        const results = await Promise.all([
          ...newcomers.slice(0, 6).map((n, i) => bookPlace(i % 2 ? second : portal, { sessionId, userId: n.id, now: NOW + 1 }, settings)),
          answerTransfer(round % 2 ? second : portal, { token, userId: colleague.id, accept: true, now: NOW + 1 }, settings),
          ...newcomers.slice(6).map((n, i) => bookPlace(i % 2 ? portal : second, { sessionId, userId: n.id, now: NOW + 1 }, settings)),
        ]);
        expect(results.every((r) => r.ok)).toBe(true);
        const roster = await attendeesOf(portal.db, sessionId);
        const holders = roster.filter((a) => a.status === 'booked').map((a) => a.name);
        expect(holders.sort()).toEqual(['Cal Colleague', `Fay Filler ${round}`]);
        expect(roster.filter((a) => a.status === 'waiting')).toHaveLength(12);
        expect((await getSession(portal.db, sessionId, NOW + 1))!.booked).toBe(2);
      } finally {
        second.close();
      }
    }
  });
});
