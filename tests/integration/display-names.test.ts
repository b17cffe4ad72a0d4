/**
 * Display names are unique after normalisation, so a mention always means one member:
 * at registration, when the confirmation link creates the account (even when two people
 * confirm one name at once), on the account page, for names that clashed before the rule,
 * and in the mention code itself.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createDb, type PortalDb } from '../../db/client.ts';
import { fillNameKeys } from '../../db/migrate.ts';
import { seedCategories } from '../../db/seed-forum.ts';
import { pendingRegistrations, users } from '../../db/schema.ts';
import { register, updateProfile, verifyEmail } from '../../src/lib/server/accounts.ts';
import { createTopic, reply } from '../../src/lib/server/forum/forum.ts';
import { listCategories, notificationsOf } from '../../src/lib/server/forum/queries.ts';
import { freshDb, settings, tokenFromMail } from './helpers.ts';

const PASSWORD = 'lantern-orchard-pebble';
const NOW = 1_800_000_000;
const TAKEN = 'Another member already uses this name. Add a middle name or initial, for example';

const input = (email: string, name: string) => ({ email, name, organisation: 'Kent County Council', password: PASSWORD });

/** Registers and confirms an account, returning its id. */
async function member(portal: PortalDb, email: string, name: string): Promise<number> {
  expect(await register(portal, input(email, name), settings)).toEqual({ ok: true });
  expect(await verifyEmail(portal, await tokenFromMail(portal, email, '/verify-email'), settings)).toEqual({ ok: true, status: 'active' });
  const [row] = await portal.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

/** An account inserted as it would have been before names had to differ: no name key. */
async function legacyMember(portal: PortalDb, email: string, name: string): Promise<number> {
  const r = await portal.db.run(sql`
    INSERT INTO users (email, name, organisation, password_hash, status, approved_at, created_at)
    VALUES (${email}, ${name}, 'KCC', 'x', 'active', ${NOW - 86400 * 30}, ${NOW - 86400 * 30}) RETURNING id`);
  return Number(r.rows[0]!.id);
}

describe('registration', () => {
  test('refuses a name another member uses, however it is disguised, and records nothing', async () => {
    const portal = await freshDb();
    await member(portal, 'casey@kent.gov.uk', 'Casey Morgan');
    for (const copy of ['Casey Morgan', 'casey  MORGAN', 'Casey\u200b Morgan', 'Ｃａｓｅｙ Morgan', 'Саsey Morgan']) {
      const result = await register(portal, input('other@kent.gov.uk', copy), settings);
      expect(result).toMatchObject({ ok: false, field: 'name' });
      expect(!result.ok && result.message).toContain(TAKEN);
    }
    expect(await portal.db.select().from(pendingRegistrations)).toEqual([]);
    expect(await register(portal, input('other@kent.gov.uk', 'Casey J Morgan'), settings)).toEqual({ ok: true });
  });

  test('the confirmation link refuses a name someone took after the registration', async () => {
    const portal = await freshDb();
    await register(portal, input('first@kent.gov.uk', 'Casey Morgan'), settings);
    await register(portal, input('second@kent.gov.uk', 'casey morgan'), settings);
    const first = await tokenFromMail(portal, 'first@kent.gov.uk', '/verify-email');
    const second = await tokenFromMail(portal, 'second@kent.gov.uk', '/verify-email');
    expect(await verifyEmail(portal, second, settings)).toEqual({ ok: true, status: 'active' });
    expect(await verifyEmail(portal, first, settings)).toEqual({ ok: false, reason: 'name-taken' });
    expect((await portal.db.select({ email: users.email }).from(users)).map((u) => u.email)).toEqual(['second@kent.gov.uk']);
  });

  test('two people confirming one name at once from two connections: exactly one account is created', async () => {
    const portal = await freshDb();
    const other = await createDb(portal.url);
    try {
      const emails = Array.from({ length: 6 }, (_, i) => `casey${i}@kent.gov.uk`);
      for (const email of emails) await register(portal, input(email, 'Casey Morgan'), settings);
      const tokens = await Promise.all(emails.map((email) => tokenFromMail(portal, email, '/verify-email')));
      const results = await Promise.all(tokens.map((token, i) => verifyEmail(i % 2 ? other : portal, token, settings)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'name-taken')).toHaveLength(5);
      const rows = await portal.db.select({ nameKey: users.nameKey }).from(users);
      expect(rows).toEqual([{ nameKey: 'casey morgan' }]);
    } finally {
      other.close();
    }
  });

  test('the database itself refuses a second account with the same name key', async () => {
    const portal = await freshDb();
    await member(portal, 'casey@kent.gov.uk', 'Casey Morgan');
    const error = await portal.db
      .insert(users)
      .values({ email: 'x@kent.gov.uk', name: 'CASEY MORGAN', nameKey: 'casey morgan', organisation: 'KCC', passwordHash: 'x' })
      .then(() => null, (e: unknown) => e as Error & { cause?: unknown });
    expect(String(error?.cause)).toMatch(/UNIQUE constraint failed: users\.name_key/);
  });
});

describe('the account page', () => {
  test('refuses a name another member uses, and allows changing one’s own name’s case', async () => {
    const portal = await freshDb();
    await member(portal, 'mod@kent.gov.uk', 'Priya Shah');
    const casey = await member(portal, 'casey@kent.gov.uk', 'Casey Morgan');
    const refused = await updateProfile(portal, casey, { name: 'Priya  SHAH', organisation: 'KCC' });
    expect(refused).toMatchObject({ ok: false, field: 'name' });
    expect(!refused.ok && refused.message).toBe(`${TAKEN} Priya A SHAH`);
    expect((await portal.db.select({ name: users.name }).from(users).where(eq(users.id, casey)))[0]!.name).toBe('Casey Morgan');

    expect(await updateProfile(portal, casey, { name: 'CASEY MORGAN', organisation: 'Early Help' })).toEqual({ ok: true });
    expect(await updateProfile(portal, casey, { name: 'Casey R Morgan', organisation: 'Early Help' })).toEqual({ ok: true });
    const [row] = await portal.db.select().from(users).where(eq(users.id, casey));
    expect(row).toMatchObject({ name: 'Casey R Morgan', nameKey: 'casey r morgan', organisation: 'Early Help' });
    // The old name is free again.
    expect(await register(portal, input('new@kent.gov.uk', 'Casey Morgan'), settings)).toEqual({ ok: true });
  });
});

describe('names that clashed before the rule', () => {
  test('filling the keys never fails: the earliest account keeps the name, later ones stay without a key', async () => {
    const portal = await freshDb();
    const first = await legacyMember(portal, 'a@kent.gov.uk', 'Casey Morgan');
    const second = await legacyMember(portal, 'b@kent.gov.uk', 'casey morgan');
    const third = await legacyMember(portal, 'c@kent.gov.uk', 'Jo Patel');
    await fillNameKeys(portal);
    await fillNameKeys(portal);
    const keys = Object.fromEntries((await portal.db.select({ id: users.id, nameKey: users.nameKey }).from(users)).map((u) => [u.id, u.nameKey]));
    expect(keys).toEqual({ [first]: 'casey morgan', [second]: null, [third]: 'jo patel' });

    // The later member may keep the name while changing the organisation, but not take another's.
    expect(await updateProfile(portal, second, { name: 'casey morgan', organisation: 'Early Help' })).toEqual({ ok: true });
    expect(await updateProfile(portal, second, { name: 'Jo Patel', organisation: 'Early Help' })).toMatchObject({ ok: false, field: 'name' });
    expect(await updateProfile(portal, second, { name: 'Casey B Morgan', organisation: 'Early Help' })).toEqual({ ok: true });
    expect((await portal.db.select({ nameKey: users.nameKey }).from(users).where(eq(users.id, second)))[0]!.nameKey).toBe('casey b morgan');
  });
});

describe('mentions', () => {
  async function forum(portal: PortalDb) {
    await portal.write((tx) => seedCategories(tx));
    const general = (await listCategories(portal.db)).find((c) => c.slug === 'general')!.id;
    const author = await legacyMember(portal, 'author@kent.gov.uk', 'Ben Cole');
    const topic = await createTopic(portal, { categoryId: general, authorId: author, title: 'Running a family group', body: 'Has anyone run one of these in Ashford?', now: NOW });
    if (!topic.ok) throw new Error('topic refused');
    return { author, topicId: topic.topicId };
  }

  test('a mention matching two members (a clash from before the rule) notifies neither', async () => {
    const portal = await freshDb();
    const { author, topicId } = await forum(portal);
    const a = await legacyMember(portal, 'a@kent.gov.uk', 'Casey Morgan');
    const b = await legacyMember(portal, 'b@kent.gov.uk', 'Casey Morgan');
    const c = await legacyMember(portal, 'c@kent.gov.uk', 'Dev Rao');
    await fillNameKeys(portal);
    const posted = await reply(portal, { topicId, authorId: author, body: 'Ask @Casey Morgan or @Dev Rao about it.', now: NOW + 10 });
    expect(posted.ok).toBe(true);
    expect(await notificationsOf(portal.db, a)).toEqual([]);
    expect(await notificationsOf(portal.db, b)).toEqual([]);
    expect(await notificationsOf(portal.db, c)).toEqual([expect.objectContaining({ kind: 'mention' })]);
  });

  test('a mention means the longest name it spells, matched by name key, initials included', async () => {
    const portal = await freshDb();
    const { author, topicId } = await forum(portal);
    const priya = await member(portal, 'priya@kent.gov.uk', 'Priya');
    const priyaShah = await member(portal, 'shah@kent.gov.uk', 'Priya Shah');
    const casey = await member(portal, 'casey@kent.gov.uk', 'Casey A Morgan');
    const posted = await reply(portal, { topicId, authorId: author, body: 'Thanks @Priya Shah and @Casey A Morgan.', now: NOW + 10 });
    expect(posted.ok).toBe(true);
    expect(await notificationsOf(portal.db, priyaShah)).toEqual([expect.objectContaining({ kind: 'mention' })]);
    expect(await notificationsOf(portal.db, priya)).toEqual([]);
    expect(await notificationsOf(portal.db, casey)).toEqual([expect.objectContaining({ kind: 'mention' })]);
  });
});
