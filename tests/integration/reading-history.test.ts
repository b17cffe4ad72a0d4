import { describe, expect, test } from 'vitest';
import { outbox, readingHistory } from '../../db/schema.ts';
import {
  deleteReadingHistory,
  purgeOldReadings,
  readingHistoryOf,
  recordReading,
  sendReadingDigests,
  setReadingDigest,
  wantsReadingDigest,
} from '../../src/lib/server/reading/history.ts';
import type { ChangeablePage } from '../../src/lib/domain/reading/model.ts';
import { activeMember, freshDb } from './helpers.ts';

const at = (iso: string) => Date.parse(iso) / 1000;
const YEAR = 365 * 86400;
const PAGES: ChangeablePage[] = [
  { url: '/guidance/phase-2/', title: 'Phase 2', amendments: [{ date: new Date('2026-11-30T00:00:00Z'), summary: 'Added the outcomes plan.' }] },
  { url: '/guidance/caf/', title: 'The CAF', amendments: [{ date: new Date('2026-01-01T00:00:00Z'), summary: 'First published.' }] },
];

describe('reading history', () => {
  test('records each reading and returns the one before', async () => {
    const portal = await freshDb();
    const member = await activeMember(portal, 'reader@kent.gov.uk', 'a-long-enough-password');
    expect(await recordReading(portal, member.id, '/guidance/phase-2/', at('2026-10-03T09:00:00Z'))).toBeNull();
    expect(await recordReading(portal, member.id, '/guidance/phase-2/', at('2026-12-01T09:00:00Z'))).toBe(at('2026-10-03T09:00:00Z'));
    expect(await readingHistoryOf(portal, member.id, at('2026-12-01T10:00:00Z'))).toEqual([{ page: '/guidance/phase-2/', readAt: at('2026-12-01T09:00:00Z') }]);
  });

  test('a reading more than 12 months old counts as none, and the purge deletes it', async () => {
    const portal = await freshDb();
    const member = await activeMember(portal, 'reader@kent.gov.uk', 'a-long-enough-password');
    const now = at('2026-12-01T09:00:00Z');
    await recordReading(portal, member.id, '/guidance/caf/', now - YEAR - 10);
    await recordReading(portal, member.id, '/guidance/phase-2/', now - YEAR + 10);
    expect((await readingHistoryOf(portal, member.id, now)).map((h) => h.page)).toEqual(['/guidance/phase-2/']);
    expect(await purgeOldReadings(portal, now)).toBe(1);
    expect((await portal.db.select().from(readingHistory)).map((h) => h.page)).toEqual(['/guidance/phase-2/']);
    expect(await recordReading(portal, member.id, '/guidance/caf/', now)).toBeNull();
  });

  test('a member deletes one page or all of their history, and nobody else\'s', async () => {
    const portal = await freshDb();
    const one = await activeMember(portal, 'one@kent.gov.uk', 'a-long-enough-password');
    const two = await activeMember(portal, 'two@kent.gov.uk', 'a-long-enough-password');
    for (const member of [one, two]) {
      await recordReading(portal, member.id, '/guidance/caf/');
      await recordReading(portal, member.id, '/guidance/phase-2/');
    }
    await deleteReadingHistory(portal, one.id, '/guidance/caf/');
    expect((await readingHistoryOf(portal, one.id)).map((h) => h.page)).toEqual(['/guidance/phase-2/']);
    await deleteReadingHistory(portal, one.id);
    expect(await readingHistoryOf(portal, one.id)).toEqual([]);
    expect(await readingHistoryOf(portal, two.id)).toHaveLength(2);
  });

  test('the weekly e-mail goes only to members who asked, only when something changed, at most weekly', async () => {
    const portal = await freshDb();
    const subscriber = await activeMember(portal, 'weekly@kent.gov.uk', 'a-long-enough-password');
    const other = await activeMember(portal, 'other@kent.gov.uk', 'a-long-enough-password');
    const subscribedAt = at('2026-11-01T09:00:00Z');
    await setReadingDigest(portal, subscriber.id, true, subscribedAt);
    expect(await wantsReadingDigest(portal, subscriber.id)).toBe(true);
    for (const member of [subscriber, other]) await recordReading(portal, member.id, '/guidance/phase-2/', at('2026-10-03T09:00:00Z'));
    await recordReading(portal, subscriber.id, '/guidance/caf/', at('2026-10-03T09:00:00Z'));

    // Not yet a week since subscribing: nothing.
    expect(await sendReadingDigests(portal, PAGES, 'https://portal.test', subscribedAt + 86400)).toBe(0);
    // A week on: one e-mail, listing the changed page only.
    const weekOn = at('2026-12-01T09:00:00Z');
    expect(await sendReadingDigests(portal, PAGES, 'https://portal.test', weekOn)).toBe(1);
    const mail = await portal.db.select().from(outbox);
    expect(mail.map((m) => [m.recipient, m.subject])).toEqual([['weekly@kent.gov.uk', 'A page you read has changed']]);
    expect(mail[0]!.body).toContain('https://portal.test/guidance/phase-2/');
    expect(mail[0]!.body).toContain('30 November 2026: Added the outcomes plan.');
    expect(mail[0]!.body).not.toContain('The CAF');
    // A week later again, nothing new has changed: nothing is sent.
    expect(await sendReadingDigests(portal, PAGES, 'https://portal.test', weekOn + 8 * 86400)).toBe(0);
    expect(await portal.db.select().from(outbox)).toHaveLength(1);

    await setReadingDigest(portal, subscriber.id, false);
    expect(await wantsReadingDigest(portal, subscriber.id)).toBe(false);
  });
});
