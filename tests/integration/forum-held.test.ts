/**
 * Held posts against a real, migrated database: a post the guard would hold is refused until
 * its author chooses to send it to a moderator; then it is seen by its author and moderators
 * alone (not in topic lists, search, notifications, the digest or the home page's latest
 * topics) until a moderator publishes it, sends it back or removes it, and every decision is
 * in the audit log. Also: hiding an opening post hides its topic's title, and moderators can
 * change a title.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCategories } from '../../db/seed-forum.ts';
import { FLAGS_TO_HIDE, createTopic, editPost, flagPost, moderate, reply, setDigest, setWatching } from '../../src/lib/server/forum/forum.ts';
import {
  categoryPageOf,
  getTopic,
  latestTopics,
  listCategories,
  moderationQueue,
  notificationsOf,
  openTopic,
  postsOf,
  searchForum,
  sendDigests,
  topicsIn,
  unreadCount,
} from '../../src/lib/server/forum/queries.ts';
import { freshDb, sentMail } from './helpers.ts';

const NOW = 1_800_000_000;
const DAY = 86400;

async function setup() {
  const portal = await freshDb();
  await portal.write((tx) => seedCategories(tx));
  const general = (await listCategories(portal.db)).find((c) => c.slug === 'general')!.id;
  const ids: number[] = [];
  await portal.write(async (tx) => {
    for (const name of ['Asha Patel', 'Ben Cole', 'Cara Doyle']) {
      const r = await tx.run(sql`
        INSERT INTO users (email, name, organisation, password_hash, status, approved_at, created_at)
        VALUES (${`${name.split(' ')[0]!.toLowerCase()}-${Math.random().toString(36).slice(2)}@kent.gov.uk`}, ${name}, 'KCC', 'x', 'active', ${NOW - 30 * DAY}, ${NOW - 30 * DAY})
        RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
  });
  const [author, other, mod] = ids as [number, number, number];
  return { portal, general, author, other, mod };
}

async function auditActions(portal: PortalDb) {
  const r = await portal.db.run(sql`SELECT action, actor_id FROM audit_log WHERE action LIKE 'forum.%' ORDER BY id`);
  return r.rows.map((row) => `${String(row.action)}:${row.actor_id === null ? 'system' : 'moderator'}`);
}

const HELD_BODY = 'Spoke to Chantelle about the rent arrears and she will ring the landlord.';
const SAFE_TOPIC = { title: 'Rent arrears and the first visit', body: 'How do you open a conversation about rent arrears on a first visit?' };

describe('holding a post', () => {
  test('the author is told first: without choosing to send it, a probable identification is not saved', async () => {
    const { portal, general, author } = await setup();
    const r = await createTopic(portal, { categoryId: general, authorId: author, title: 'Rent arrears help please', body: HELD_BODY, now: NOW });
    expect(r).toMatchObject({ ok: false, reason: 'personal-data', field: 'body', guard: { outcome: 'hold' } });
    expect(Number((await portal.db.run(sql`SELECT count(*) AS n FROM forum_posts`)).rows[0]!.n)).toBe(0);
  });

  test('a definite identifier is refused even when the author asks for a moderator', async () => {
    const { portal, general, author } = await setup();
    const r = await createTopic(portal, { categoryId: general, authorId: author, title: 'Rent arrears help please', body: 'Her mobile is 07700 900456.', hold: true, now: NOW });
    expect(r).toMatchObject({ ok: false, reason: 'personal-data', guard: { outcome: 'refuse' } });
  });

  test('a held reply is seen only by its author and moderators, and by nothing else, until published', async () => {
    const { portal, general, author, other, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: other, ...SAFE_TOPIC, now: NOW });
    if (!topic.ok) throw new Error('topic');
    await setDigest(portal, other, true);
    await setWatching(portal, other, topic.topicId, true, NOW);
    const held = await reply(portal, { topicId: topic.topicId, authorId: author, body: `${HELD_BODY} @Ben Cole any thoughts?`, hold: true, now: NOW + 10 });
    expect(held).toMatchObject({ ok: true, held: true });
    if (!held.ok) throw new Error('reply');

    // Another member: not in the thread, not in search, no notification, no digest.
    const forOther = await postsOf(portal.db, topic.topicId, { readerId: other });
    expect(forOther.posts.map((p) => p.id)).not.toContain(held.postId);
    expect((await searchForum(portal.db, 'Chantelle landlord')).hits).toEqual([]);
    expect(await notificationsOf(portal.db, other)).toEqual([]);
    expect(await unreadCount(portal.db, other)).toBe(0);
    expect(await sendDigests(portal, 'https://portal.test', NOW + 100)).toBe(0);
    expect((await getTopic(portal.db, topic.topicId, { readerId: other }))!.replies).toBe(0);
    // The topic page counts its pages from what each reader sees.
    expect(await openTopic(portal.db, topic.topicId, { readerId: other })).toMatchObject({ visiblePosts: 1, watching: true });
    expect(await openTopic(portal.db, topic.topicId, { readerId: author })).toMatchObject({ visiblePosts: 2, watching: true });
    expect(await openTopic(portal.db, topic.topicId, { moderator: true, readerId: mod })).toMatchObject({ visiblePosts: 2, watching: false });

    // Its author sees it, with the reason; so does a moderator.
    const forAuthor = (await postsOf(portal.db, topic.topicId, { readerId: author })).posts.find((p) => p.id === held.postId)!;
    expect(forAuthor).toMatchObject({ held: true, heldReason: expect.stringContaining('Chantelle') });
    expect((await postsOf(portal.db, topic.topicId, { moderator: true, readerId: mod })).posts.map((p) => p.id)).toContain(held.postId);
    // Held posts come first in the moderators' queue.
    await flagPost(portal, { postId: topic.postId, userId: author, reason: 'other', now: NOW + 5 });
    const queue = await moderationQueue(portal.db);
    expect(queue.map((q) => [q.postId, q.held])).toEqual([
      [held.postId, true],
      [topic.postId, false],
    ]);

    // Published: now everywhere, and watchers hear of it.
    expect(await moderate(portal, mod, { action: 'publish', postId: held.postId }, NOW + 200)).toEqual({ ok: true });
    expect((await postsOf(portal.db, topic.topicId, { readerId: other })).posts.map((p) => p.id)).toContain(held.postId);
    expect((await searchForum(portal.db, 'Chantelle landlord')).hits.map((h) => h.postId)).toEqual([held.postId]);
    // Ben watches the topic and is mentioned: one notification, as the mention.
    expect((await notificationsOf(portal.db, other)).map((n) => [n.postId, n.kind])).toEqual([[held.postId, 'mention']]);
    expect(await sendDigests(portal, 'https://portal.test', NOW + 300)).toBe(1);
    expect((await sentMail(portal)).at(-1)!.body).toContain(SAFE_TOPIC.title);
    expect(await auditActions(portal)).toEqual(['forum.held:system', 'forum.publish:moderator']);
  });

  test('a held opening post hides the whole topic from other members, the category and the home page', async () => {
    const { portal, general, author, other, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: author, title: 'Rent arrears help please', body: HELD_BODY, hold: true, now: NOW });
    expect(topic).toMatchObject({ ok: true, held: true });
    if (!topic.ok) throw new Error('topic');

    expect(await getTopic(portal.db, topic.topicId, { readerId: other })).toBeUndefined();
    expect((await topicsIn(portal.db, general, 1, { readerId: other })).topics).toEqual([]);
    const generalSlug = (await listCategories(portal.db)).find((c) => c.id === general)!.slug;
    expect(await categoryPageOf(portal.db, generalSlug, 1, { readerId: other })).toMatchObject({ total: 0, topics: [] });
    expect(await categoryPageOf(portal.db, generalSlug, 1, { readerId: author })).toMatchObject({ total: 1, topics: [{ id: topic.topicId }] });
    expect(await categoryPageOf(portal.db, generalSlug, 1, { moderator: true, readerId: mod })).toMatchObject({ total: 1 });
    expect((await listCategories(portal.db)).find((c) => c.id === general)).toMatchObject({ topics: 0, latest: null });
    expect(await latestTopics(portal.db)).toEqual([]);
    expect((await searchForum(portal.db, 'rent arrears')).hits).toEqual([]);
    // Nobody else can reply to a topic they cannot see.
    expect(await reply(portal, { topicId: topic.topicId, authorId: other, body: 'Replying to a topic I should not see.', now: NOW + 10 })).toMatchObject({ ok: false, reason: 'not-found' });

    expect(await getTopic(portal.db, topic.topicId, { readerId: author })).toMatchObject({ hidden: true });
    expect((await topicsIn(portal.db, general, 1, { moderator: true, readerId: mod })).topics.map((t) => t.id)).toEqual([topic.topicId]);

    await moderate(portal, mod, { action: 'publish', postId: topic.postId }, NOW + 100);
    expect(await getTopic(portal.db, topic.topicId, { readerId: other })).toMatchObject({ hidden: false, title: 'Rent arrears help please' });
    expect((await latestTopics(portal.db)).map((t) => t.id)).toEqual([topic.topicId]);
    expect((await searchForum(portal.db, 'rent arrears')).hits.map((h) => h.postId)).toEqual([topic.postId]);
  });

  test('sent back: the author sees the note, edits, and the post returns to the queue still held', async () => {
    const { portal, general, author, other, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: other, ...SAFE_TOPIC, now: NOW });
    if (!topic.ok) throw new Error('topic');
    const held = await reply(portal, { topicId: topic.topicId, authorId: author, body: HELD_BODY, hold: true, now: NOW + 10 });
    if (!held.ok) throw new Error('reply');
    expect(await moderate(portal, mod, { action: 'send-back', postId: held.postId, note: 'Please take out the first name.' }, NOW + 20)).toEqual({ ok: true });
    const sent = (await postsOf(portal.db, topic.topicId, { readerId: author })).posts.find((p) => p.id === held.postId)!;
    expect(sent).toMatchObject({ held: true, sentBack: true, heldReason: 'Please take out the first name.' });
    expect((await moderationQueue(portal.db)).find((q) => q.postId === held.postId)).toMatchObject({ sentBack: true });

    expect(await editPost(portal, { postId: held.postId, userId: author, body: 'Spoke to the mum about the rent arrears; she will ring the landlord.', now: NOW + 30 })).toEqual({ ok: true, held: true });
    const edited = (await postsOf(portal.db, topic.topicId, { readerId: author })).posts.find((p) => p.id === held.postId)!;
    expect(edited).toMatchObject({ held: true, sentBack: false });
    expect((await postsOf(portal.db, topic.topicId, { readerId: other })).posts.map((p) => p.id)).not.toContain(held.postId);
    expect(await auditActions(portal)).toEqual(['forum.held:system', 'forum.send-back:moderator']);
  });

  test('removed: never shown to members; the author sees why', async () => {
    const { portal, general, author, other, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: other, ...SAFE_TOPIC, now: NOW });
    if (!topic.ok) throw new Error('topic');
    const held = await reply(portal, { topicId: topic.topicId, authorId: author, body: HELD_BODY, hold: true, now: NOW + 10 });
    if (!held.ok) throw new Error('reply');
    expect(await moderate(portal, mod, { action: 'remove', postId: held.postId, reason: 'Identifies a family on my patch.' }, NOW + 20)).toEqual({ ok: true });
    expect((await postsOf(portal.db, topic.topicId, { readerId: other })).posts.map((p) => p.id)).not.toContain(held.postId);
    expect((await postsOf(portal.db, topic.topicId, { readerId: author })).posts.find((p) => p.id === held.postId)).toMatchObject({ hidden: true, hiddenReason: 'Identifies a family on my patch.' });
    expect((await moderationQueue(portal.db)).map((q) => q.postId)).not.toContain(held.postId);
    // A post that is not held cannot be published, sent back or removed.
    expect(await moderate(portal, mod, { action: 'publish', postId: topic.postId }, NOW + 30)).toEqual({ ok: false, reason: 'not-held' });
    expect(await auditActions(portal)).toEqual(['forum.held:system', 'forum.remove:moderator']);
  });
});

describe('titles (hiding an opening post, moderators editing)', () => {
  test('hiding the opening post hides the title from lists, search and notifications; restoring shows it again', async () => {
    const { portal, general, author, other, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: author, ...SAFE_TOPIC, now: NOW });
    if (!topic.ok) throw new Error('topic');
    await setWatching(portal, other, topic.topicId, true, NOW);
    await reply(portal, { topicId: topic.topicId, authorId: mod, body: 'A reply from someone else about arrears.', now: NOW + 10 });
    expect(await notificationsOf(portal.db, other)).toHaveLength(1);

    await moderate(portal, mod, { action: 'hide', postId: topic.postId, reason: 'Title identifies a family' }, NOW + 20);
    expect((await topicsIn(portal.db, general, 1, { readerId: other })).topics).toEqual([]);
    expect((await listCategories(portal.db)).find((c) => c.id === general)!.latest).toBeNull();
    expect(await getTopic(portal.db, topic.topicId, { readerId: other })).toBeUndefined();
    expect((await searchForum(portal.db, 'arrears')).hits).toEqual([]);
    expect(await notificationsOf(portal.db, other)).toEqual([]);

    await moderate(portal, mod, { action: 'restore', postId: topic.postId }, NOW + 30);
    expect((await topicsIn(portal.db, general, 1, { readerId: other })).topics.map((t) => t.id)).toEqual([topic.topicId]);
    expect((await searchForum(portal.db, 'arrears')).hits.length).toBe(2);
  });

  test('three members’ flags on an opening post hide the topic too, and the post says members reported it', async () => {
    const { portal, general, author, other, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: author, ...SAFE_TOPIC, now: NOW });
    if (!topic.ok) throw new Error('topic');
    const extra: number[] = [other, mod];
    await portal.write(async (tx) => {
      for (let i = extra.length; i < FLAGS_TO_HIDE; i++) {
        const r = await tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status, created_at) VALUES (${`x${i}@kent.gov.uk`}, ${`Extra Member${i}`}, 'KCC', 'x', 'active', ${NOW}) RETURNING id`);
        extra.push(Number(r.rows[0]!.id));
      }
    });
    for (const userId of extra) await flagPost(portal, { postId: topic.postId, userId, reason: 'may-identify-family', now: NOW + 10 });
    expect(await getTopic(portal.db, topic.topicId, { readerId: other })).toBeUndefined();
    const forMod = (await postsOf(portal.db, topic.topicId, { moderator: true, readerId: mod })).posts[0]!;
    expect(forMod).toMatchObject({ hidden: true, hiddenByFlags: true });
  });

  test('a moderator changes a title; the guard still refuses a definite identifier; the log keeps no title', async () => {
    const { portal, general, author, mod } = await setup();
    const topic = await createTopic(portal, { categoryId: general, authorId: author, ...SAFE_TOPIC, now: NOW });
    if (!topic.ok) throw new Error('topic');
    expect(await moderate(portal, mod, { action: 'edit-title', topicId: topic.topicId, title: 'Rent arrears: a first conversation' }, NOW + 10)).toEqual({ ok: true });
    expect(await getTopic(portal.db, topic.topicId)).toMatchObject({ title: 'Rent arrears: a first conversation', slug: 'rent-arrears-a-first-conversation' });
    expect((await searchForum(portal.db, 'conversation')).hits.length).toBe(1);
    expect(await moderate(portal, mod, { action: 'edit-title', topicId: topic.topicId, title: 'Family at 14 Mill Lane' }, NOW + 20)).toMatchObject({ ok: false, reason: 'personal-data' });
    expect(await moderate(portal, mod, { action: 'edit-title', topicId: topic.topicId, title: 'Short' }, NOW + 20)).toMatchObject({ ok: false, reason: 'invalid' });
    const log = await portal.db.run(sql`SELECT action, detail FROM audit_log WHERE action = 'forum.edit-title'`);
    expect(log.rows.map((r) => [String(r.action), JSON.parse(String(r.detail))])).toEqual([['forum.edit-title', { topicId: topic.topicId }]]);
  });
});
