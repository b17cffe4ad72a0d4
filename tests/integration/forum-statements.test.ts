/**
 * The forum topic page and the moderation page read the database in a fixed number of
 * statements, however many posts, reports, versions or log entries they show: counted at the
 * database client while each page's reads run, for a short and a long topic and queue.
 */
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCategories } from '../../db/seed-forum.ts';
import { users } from '../../db/schema.ts';
import { POSTS_PER_PAGE, TOPICS_PER_PAGE } from '../../src/lib/domain/forum/posting.ts';
import { createTopic, editPost, flagPost, moderate, reply, setDigest, setWatching } from '../../src/lib/server/forum/forum.ts';
import { moderationPage } from '../../src/lib/server/forum/moderation.ts';
import { categoryPageOf, listCategories, notificationsPage, openTopic, postsOf, sendDigests } from '../../src/lib/server/forum/queries.ts';
import { countStatements, freshDb, sentMail } from './helpers.ts';

const NOW = 1_800_000_000;
const DAY = 86400;
/** Longer than the posting limits' pause between posts, so one member can post in a row. */
const STEP = 20;

async function setup() {
  const portal = await freshDb();
  await portal.write((tx) => seedCategories(tx));
  const categories = await listCategories(portal.db);
  const joined = NOW - 30 * DAY;
  const rows = await portal.db
    .insert(users)
    .values(
      ['Asha Patel', 'Ben Cole', 'Cara Doyle', 'Dev Rao', 'Eve Long', 'Finn Webb'].map((name, i) => ({
        email: `member${i}@kent.gov.uk`,
        name,
        organisation: 'KCC',
        passwordHash: 'x',
        status: 'active' as const,
        approvedAt: joined,
        createdAt: joined,
      })),
    )
    .returning({ id: users.id });
  const [author, moderator, ...flaggers] = rows.map((r) => r.id) as [number, number, ...number[]];
  return { portal, categoryId: categories[0]!.id, categorySlug: categories[0]!.slug, author, moderator, flaggers };
}

type Setup = Awaited<ReturnType<typeof setup>>;

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  expect(result).toMatchObject({ ok: true });
  return result as Extract<T, { ok: true }>;
}

/** A topic with `replies` replies, posted `STEP` seconds apart from `start`, and the replies' ids. */
async function topicWith({ portal, categoryId, author }: Setup, replies: number, start: number) {
  const topic = ok(await createTopic(portal, { categoryId, authorId: author, title: `Planning a first visit ${start}`, body: 'How do you plan the first visit with a new family?', now: start }));
  const replyIds: number[] = [];
  for (let i = 1; i <= replies; i++) {
    const posted = ok(await reply(portal, { topicId: topic.topicId, authorId: author, body: `Reply number ${i}: we agree an agenda before the visit.`, now: start + i * STEP }));
    replyIds.push(posted.postId);
  }
  return { ...topic, replyIds };
}

/** The statements a topic page sends to read one page, as the page reads it. */
async function topicPageStatements(portal: PortalDb, topicId: number, page: number, readerId: number, moderator = false) {
  const { result, statements } = await countStatements(portal, async () => {
    const opened = (await openTopic(portal.db, topicId, { moderator, readerId }))!;
    return { ...opened, ...(await postsOf(portal.db, topicId, { page, moderator, readerId, total: opened.visiblePosts })) };
  });
  return { result, count: statements.length };
}

describe('the topic page', () => {
  test('reads a one-post topic and each page of a long topic in the same few statements', async () => {
    const s = await setup();
    const short = await topicWith(s, 0, NOW);
    const long = await topicWith(s, 2 * POSTS_PER_PAGE + 5, NOW + 10_000);

    const one = await topicPageStatements(s.portal, short.topicId, 1, s.author);
    const first = await topicPageStatements(s.portal, long.topicId, 1, s.author);
    const last = await topicPageStatements(s.portal, long.topicId, 3, s.author);
    const moderated = await topicPageStatements(s.portal, long.topicId, 2, s.moderator, true);

    // The reads really are of the pages asked for, so the counts compare like with like.
    expect(one.result.posts).toHaveLength(1);
    expect(first.result.posts).toHaveLength(POSTS_PER_PAGE);
    expect(last.result.posts).toHaveLength(6);
    expect(first.result.pages).toBe(3);
    expect(one.result.watching).toBe(true);
    expect(first.result.topic.id).toBe(long.topicId);

    expect([first.count, last.count, moderated.count]).toEqual([one.count, one.count, one.count]);
    // The topic with its post count and the reader's watch, then the page of posts.
    expect(one.count).toBe(2);
  });
});

describe('a category page', () => {
  test('reads a page of topics in the same two statements, for members and moderators, however many topics', async () => {
    const s = await setup();
    const read = async (page: number, moderator = false) => {
      const readerId = moderator ? s.moderator : s.flaggers[0]!;
      const { result, statements } = await countStatements(s.portal, () => categoryPageOf(s.portal.db, s.categorySlug, page, { moderator, readerId }));
      return { result: result!, count: statements.length };
    };
    await topicWith(s, 0, NOW);
    const one = await read(1);
    // One topic a day, so the posting limits for new topics do not get in the way.
    for (let day = 1; day <= TOPICS_PER_PAGE + 4; day++) {
      ok(await createTopic(s.portal, { categoryId: s.categoryId, authorId: s.author, title: `Visit planning, day ${day}`, body: 'What do you take to a first visit?', now: NOW + day * DAY }));
    }
    const first = await read(1);
    const second = await read(2);
    const moderated = await read(2, true);

    expect([one.result.total, first.result.total, first.result.pages]).toEqual([1, TOPICS_PER_PAGE + 5, 2]);
    expect([first.result.topics.length, second.result.topics.length, moderated.result.topics.length]).toEqual([TOPICS_PER_PAGE, 5, 5]);
    expect([one.count, first.count, second.count, moderated.count]).toEqual([2, 2, 2, 2]);
    expect(await categoryPageOf(s.portal.db, 'no-such-category', 1, { readerId: s.author })).toBeUndefined();
  });
});

/**
 * Posts for the queue: the last `flagged` replies of a topic of `replies` replies, with two
 * open reports each; `held` replies held for a moderator; one reported reply edited.
 */
async function queueOf(s: Setup, { replies, flagged, held }: { replies: number; flagged: number; held: number }, start: number) {
  const topic = await topicWith(s, replies, start);
  const reported = topic.replyIds.slice(-flagged);
  let now = start + (replies + 1) * STEP;
  for (const postId of reported) {
    for (const flagger of s.flaggers.slice(0, 2)) ok(await flagPost(s.portal, { postId, userId: flagger, reason: 'spam', detail: 'Advert', now: (now += 1) }));
  }
  ok(await editPost(s.portal, { postId: reported[0]!, userId: s.author, body: 'An edited reply about agendas before the visit.', now: (now += STEP) }));
  for (let i = 0; i < held; i++) {
    ok(await reply(s.portal, { topicId: topic.topicId, authorId: s.author, body: `Spoke to Chantelle about the rent arrears, visit ${i}.`, hold: true, now: (now += STEP) }));
  }
  // Moderator actions for the log: a lock, a pin and a dismissal.
  ok(await moderate(s.portal, s.moderator, { action: 'lock', topicId: topic.topicId }, (now += 1)));
  ok(await moderate(s.portal, s.moderator, { action: 'unlock', topicId: topic.topicId }, (now += 1)));
  return topic;
}

async function moderationStatements(portal: PortalDb, manage: number) {
  const { result, statements } = await countStatements(portal, () => moderationPage(portal.db, manage));
  return { result, count: statements.length };
}

describe('the moderation page', () => {
  test('reads a short queue and a long one, with their log, in the same few statements', async () => {
    const short = await setup();
    const shortTopic = await queueOf(short, { replies: 1, flagged: 1, held: 1 }, NOW);
    const long = await setup();
    const longTopic = await queueOf(long, { replies: POSTS_PER_PAGE + 5, flagged: 12, held: 6 }, NOW);

    const a = await moderationStatements(short.portal, 0);
    const b = await moderationStatements(long.portal, 0);
    const aManaged = await moderationStatements(short.portal, shortTopic.topicId);
    const bManaged = await moderationStatements(long.portal, longTopic.topicId);

    expect([a.result.waiting, a.result.held]).toEqual([2, 1]);
    expect([b.result.waiting, b.result.held]).toEqual([18, 6]);
    const reported = b.result.groups.flatMap((g) => g.items).filter((i) => !i.held);
    expect(reported.every((i) => i.flags.length === 2)).toBe(true);
    expect(reported.filter((i) => i.versions.length === 1)).toHaveLength(1);
    // Replies beyond the first page link to the page they are on.
    expect([...new Set(reported.map((i) => i.page))].sort()).toEqual([1, 2]);
    expect(b.result.recent.length).toBeGreaterThan(a.result.recent.length);
    expect(b.result.recent.every((r) => r.topic?.id === longTopic.topicId)).toBe(true);
    expect(bManaged.result.managed?.id).toBe(longTopic.topicId);

    expect(b.count).toBe(a.count);
    expect(bManaged.count).toBe(aManaged.count);
    expect(aManaged.count).toBeLessThanOrEqual(6);
    expect(a.count).toBeLessThan(aManaged.count);
  });
});

describe('the daily digest', () => {
  /** Members who watch a topic and asked for the digest, then a reply to it; the statements sending their digests takes. */
  async function digestsFor(subscribers: number) {
    const s = await setup();
    const topic = await topicWith(s, 0, NOW);
    const members = s.flaggers.slice(0, subscribers);
    for (const member of members) {
      await setWatching(s.portal, member, topic.topicId, true, NOW);
      await setDigest(s.portal, member, true);
    }
    ok(await reply(s.portal, { topicId: topic.topicId, authorId: s.author, body: 'A reply every watcher hears of.', now: NOW + STEP }));
    const { result, statements } = await countStatements(s.portal, () => sendDigests(s.portal, 'https://portal.test', NOW + 100));
    expect(result).toBe(subscribers);
    expect(await sentMail(s.portal)).toHaveLength(subscribers);
    return statements.length;
  }

  test('goes to one subscriber or to many in the same few statements', async () => {
    const one = await digestsFor(1);
    const many = await digestsFor(4);
    expect(many).toBe(one);
    // Who is due, their notifications, the titles, the e-mails and when they were sent.
    expect(one).toBe(5);
  });
});

describe('the notifications page', () => {
  test('reads one notification and many, with the page each post is on, in the same few statements', async () => {
    const s = await setup();
    const reader = s.flaggers[0]!;
    const topic = await topicWith(s, 0, NOW);
    await setWatching(s.portal, reader, topic.topicId, true, NOW);
    const count = async () => {
      const { result, statements } = await countStatements(s.portal, () => notificationsPage(s.portal.db, reader));
      return { result, count: statements.length };
    };
    ok(await reply(s.portal, { topicId: topic.topicId, authorId: s.author, body: 'The first reply a watcher hears of.', now: NOW + STEP }));
    const one = await count();
    for (let i = 2; i <= POSTS_PER_PAGE + 5; i++) {
      ok(await reply(s.portal, { topicId: topic.topicId, authorId: s.author, body: `Reply number ${i} for the watcher.`, now: NOW + i * STEP }));
    }
    const many = await count();

    expect([one.result.items.length, one.result.unread]).toEqual([1, 1]);
    expect([many.result.items.length, many.result.unread]).toEqual([POSTS_PER_PAGE + 5, POSTS_PER_PAGE + 5]);
    // Newest first: the latest replies are on the topic's second page, the first on its first.
    expect(many.result.items[0]!.page).toBe(2);
    expect(many.result.items.at(-1)!.page).toBe(1);
    expect(many.count).toBe(one.count);
    expect(one.count).toBe(3);
  });
});
