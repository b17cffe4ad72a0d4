/**
 * The forum service against a real, migrated database: posting, the personal-data guard,
 * posting limits, edits and deletion, flags and moderation, search, notifications and the
 * e-mail digest. Every write passes an explicit `now`, so the limits are tested exactly.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PortalDb } from '../../db/client.ts';
import { seedCategories } from '../../db/seed-forum.ts';
import {
  FLAGS_TO_HIDE,
  createTopic,
  deletePost,
  editPost,
  flagPost,
  markNotificationsRead,
  moderate,
  reply,
  setDigest,
  setWatching,
} from '../../src/lib/server/forum/forum.ts';
import { LIMITS, POSTS_PER_PAGE } from '../../src/lib/domain/forum/posting.ts';
import {
  getTopic,
  listCategories,
  moderationQueue,
  notificationsOf,
  pageOfPost,
  postsOf,
  SEARCH_COUNT_LIMIT,
  SEARCH_RANKED,
  searchForum,
  sendDigests,
  unreadCount,
  versionsOf,
  wantsDigest,
} from '../../src/lib/server/forum/queries.ts';
import { freshDb, sentMail } from './helpers.ts';

const NOW = 1_800_000_000;
const DAY = 86400;
const BASE = 'https://portal.test';

const NAMES = ['Asha Patel', 'Ben Cole', 'Cara Doyle', 'Dev Rao', 'Eve Long', 'Finn Webb', 'Gail Hart'];

/** Active members; `joinedAgo` seconds before NOW (old accounts by default, so no first-day cap). */
async function members(portal: PortalDb, n: number, joinedAgo = 30 * DAY): Promise<number[]> {
  const ids: number[] = [];
  await portal.write(async (tx) => {
    for (let i = 0; i < n; i++) {
      const name = NAMES[i] ?? `Member Number${i}`;
      const r = await tx.run(sql`
        INSERT INTO users (email, name, organisation, password_hash, status, approved_at, created_at)
        VALUES (${`m${i}-${Math.random().toString(36).slice(2)}@kent.gov.uk`}, ${name}, 'KCC', 'x', 'active', ${NOW - joinedAgo}, ${NOW - joinedAgo})
        RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
  });
  return ids;
}

async function setup() {
  const portal = await freshDb();
  await portal.write((tx) => seedCategories(tx));
  const categories = await listCategories(portal.db);
  const general = categories.find((c) => c.slug === 'general')!;
  const caf = categories.find((c) => c.slug === 'caf-and-assessment')!;
  return { portal, general: general.id, caf: caf.id };
}

/** Row counts of every table a post writes to. */
async function counts(portal: PortalDb) {
  const r = await portal.db.run(sql`
    SELECT (SELECT count(*) FROM forum_topics) AS topics, (SELECT count(*) FROM forum_posts) AS posts,
      (SELECT count(*) FROM forum_search) AS search, (SELECT count(*) FROM forum_post_versions) AS versions,
      (SELECT count(*) FROM notifications) AS notifications, (SELECT count(*) FROM forum_watches) AS watches`);
  return Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v)]));
}

async function auditActions(portal: PortalDb) {
  const r = await portal.db.run(sql`SELECT action, actor_id, detail FROM audit_log WHERE action LIKE 'forum.%' ORDER BY id`);
  return r.rows.map((row) => ({ action: String(row.action), actorId: row.actor_id === null ? null : Number(row.actor_id), detail: JSON.parse(String(row.detail)) as Record<string, unknown> }));
}

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  expect(result).toMatchObject({ ok: true });
  return result as Extract<T, { ok: true }>;
}

const TOPIC = { title: 'Running a TAF meeting with a reluctant family', body: 'How do you get a reluctant family to the first team around the family meeting?' };

describe('topics and replies', () => {
  test('a member starts a topic and another replies; counts and watching follow', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    expect(topic.slug).toBe('running-a-taf-meeting-with-a-reluctant-family');
    const answer = ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Offer to meet somewhere they choose, like a family hub.', now: NOW + 60 }));
    const summary = await getTopic(portal.db, topic.topicId);
    expect(summary).toMatchObject({ title: TOPIC.title, replies: 1, lastPostAt: NOW + 60, locked: false, pinned: false });
    const { posts, total } = await postsOf(portal.db, topic.topicId);
    expect(total).toBe(2);
    expect(posts.map((p) => p.id)).toEqual([topic.postId, answer.postId]);
    expect(posts[1]!.html).toContain('family hub');
    // Both authors now watch the topic.
    expect(await counts(portal)).toMatchObject({ topics: 1, posts: 2, search: 2, watches: 2 });
  });

  test('a member gets the Markdown of their own posts only, to edit them; a moderator gets every post’s, with its counts', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const answer = ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Offer to meet somewhere they choose, like a family hub.', now: NOW + 60 }));
    ok(await editPost(portal, { postId: answer.postId, userId: b!, body: 'Offer to meet at a place they choose, such as a family hub.', now: NOW + 120 }));
    const asAuthor = (await postsOf(portal.db, topic.topicId, { readerId: a! })).posts;
    expect(asAuthor.map((p) => p.body)).toEqual([TOPIC.body, '']);
    expect(asAuthor.map((p) => p.versions)).toEqual([0, 0]);
    const asModerator = (await postsOf(portal.db, topic.topicId, { moderator: true, readerId: null })).posts;
    expect(asModerator.map((p) => p.body)).toEqual([TOPIC.body, 'Offer to meet at a place they choose, such as a family hub.']);
    expect(asModerator.map((p) => p.versions)).toEqual([0, 1]);
  });

  test('after posting, the member is sent to the page of the topic their post is on', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const replies: number[] = [];
    for (let i = 1; i <= POSTS_PER_PAGE + 1; i++) {
      const author = i % 2 ? b! : a!;
      replies.push(ok(await reply(portal, { topicId: topic.topicId, authorId: author, body: `Reply number ${i} about agreeing an agenda.`, now: NOW + i * 60 })).postId);
    }
    // The opening post and the first POSTS_PER_PAGE - 1 replies fill page 1.
    expect(await pageOfPost(portal.db, topic.postId)).toEqual({ topicId: topic.topicId, page: 1 });
    expect(await pageOfPost(portal.db, replies[POSTS_PER_PAGE - 2]!)).toEqual({ topicId: topic.topicId, page: 1 });
    expect(await pageOfPost(portal.db, replies[POSTS_PER_PAGE - 1]!)).toEqual({ topicId: topic.topicId, page: 2 });
    expect(await pageOfPost(portal.db, replies.at(-1)!)).toEqual({ topicId: topic.topicId, page: 2 });
    expect(await pageOfPost(portal.db, 99_999)).toBeUndefined();
  });

  test('refuses a topic in an unknown category, a reply to an unknown topic, and short text', async () => {
    const { portal } = await setup();
    const [a] = await members(portal, 1);
    expect(await createTopic(portal, { categoryId: 999, authorId: a!, ...TOPIC, now: NOW })).toEqual({ ok: false, reason: 'not-found' });
    expect(await reply(portal, { topicId: 999, authorId: a!, body: 'A perfectly good reply.', now: NOW })).toEqual({ ok: false, reason: 'not-found' });
    expect(await createTopic(portal, { categoryId: 1, authorId: a!, title: 'Short', body: 'Tiny', now: NOW })).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: { title: expect.stringContaining('10 characters'), body: expect.stringContaining('10 characters') },
    });
    expect(await counts(portal)).toMatchObject({ topics: 0, posts: 0, search: 0 });
  });
});

describe('the personal-data guard', () => {
  test('refuses an NHS number, a name beside "mum" and a child at risk now, and writes nothing', async () => {
    const { portal, general } = await setup();
    const [a] = await members(portal, 1);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const before = await counts(portal);

    const nhs = await createTopic(portal, { categoryId: general, authorId: a!, title: 'Checking a health record', body: 'Her NHS number is 943 476 5919, can anyone check it?', now: NOW + 100 });
    expect(nhs).toMatchObject({ ok: false, reason: 'personal-data', field: 'body', guard: { findings: [expect.objectContaining({ kind: 'nhs-number' })] } });

    const named = await createTopic(portal, { categoryId: general, authorId: a!, title: 'Advice about mum Sarah please', body: 'What would you suggest as a first step?', now: NOW + 200 });
    expect(named).toMatchObject({ ok: false, reason: 'personal-data', field: 'title', guard: { findings: [expect.objectContaining({ kind: 'name' })] } });

    const risk = await reply(portal, { topicId: topic.topicId, authorId: a!, body: 'She disclosed that her stepdad hits her every night.', now: NOW + 300 });
    expect(risk).toMatchObject({ ok: false, reason: 'personal-data', guard: { safeguarding: true } });

    // An edit goes through the same guard: the old text stays and no version is kept.
    const edit = await editPost(portal, { postId: topic.postId, userId: a!, body: 'Update: the NHS number is 943 476 5919.', now: NOW + 400 });
    expect(edit).toMatchObject({ ok: false, reason: 'personal-data' });

    expect(await counts(portal)).toEqual(before);
    const stored = await portal.db.run(sql`SELECT body FROM forum_posts`);
    expect(stored.rows.map((r) => String(r.body))).toEqual([TOPIC.body]);
    expect((await searchForum(portal.db, '943')).total).toBe(0);
  });
});

describe('posting limits', () => {
  test(`${LIMITS.secondsBetweenPosts} s between posts and ${LIMITS.secondsBetweenTopics} s between topics`, async () => {
    const { portal, general } = await setup();
    const [a] = await members(portal, 1);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const tooSoon = await reply(portal, { topicId: topic.topicId, authorId: a!, body: 'Adding one more thought here.', now: NOW + 3 });
    expect(tooSoon).toMatchObject({ ok: false, reason: 'too-soon', retryAfter: 2, message: expect.stringContaining('Wait 2 seconds') });
    ok(await reply(portal, { topicId: topic.topicId, authorId: a!, body: 'Adding one more thought here.', now: NOW + 5 }));
    // 10 s after the last topic: the post pause has passed, the topic pause has not.
    expect(await createTopic(portal, { categoryId: general, authorId: a!, title: 'A second question entirely', body: 'Some more detail about it.', now: NOW + 10 })).toMatchObject({
      ok: false,
      reason: 'too-soon',
      retryAfter: 5,
    });
    ok(await createTopic(portal, { categoryId: general, authorId: a!, title: 'A second question entirely', body: 'Some more detail about it.', now: NOW + 15 }));
    expect(await counts(portal)).toMatchObject({ topics: 2, posts: 3 });
  });

  test('new accounts: 3 topics and 10 replies on their first day; older accounts have no cap', async () => {
    const { portal, general } = await setup();
    const [fresh] = await members(portal, 1, 3600);
    const [old] = await members(portal, 1);
    let t = NOW;
    const topics: number[] = [];
    for (let i = 0; i < LIMITS.newAccountTopicsPerDay; i++) {
      topics.push(ok(await createTopic(portal, { categoryId: general, authorId: fresh!, title: `First day question number ${i}`, body: 'Some detail about the question.', now: t })).topicId);
      t += LIMITS.secondsBetweenTopics;
    }
    const fourth = await createTopic(portal, { categoryId: general, authorId: fresh!, title: 'First day question number 3', body: 'Some detail about the question.', now: t });
    // The cap lifts when the account is a day old: joined an hour before NOW.
    expect(fourth).toMatchObject({ ok: false, reason: 'too-soon', retryAfter: NOW - 3600 + DAY - t, message: expect.stringContaining('New members can start 3 topics') });

    for (let i = 0; i < LIMITS.newAccountRepliesPerDay; i++) {
      t += LIMITS.secondsBetweenPosts;
      ok(await reply(portal, { topicId: topics[0]!, authorId: fresh!, body: `Reply number ${i} on my first day.`, now: t }));
    }
    t += LIMITS.secondsBetweenPosts;
    expect(await reply(portal, { topicId: topics[0]!, authorId: fresh!, body: 'One reply too many today.', now: t })).toMatchObject({
      ok: false,
      reason: 'too-soon',
      message: expect.stringContaining('New members can post 10 replies'),
    });
    // A day after joining the account is no longer new.
    ok(await reply(portal, { topicId: topics[0]!, authorId: fresh!, body: 'One reply too many today.', now: NOW - 3600 + DAY }));
    ok(await createTopic(portal, { categoryId: general, authorId: fresh!, title: 'First day question number 3', body: 'Some detail about the question.', now: NOW - 3600 + DAY + 60 }));

    let s = NOW;
    for (let i = 0; i < 5; i++) {
      ok(await createTopic(portal, { categoryId: general, authorId: old!, title: `An older member asks ${i}`, body: 'Some detail about the question.', now: s }));
      s += LIMITS.secondsBetweenTopics;
    }
  });
});

describe('editing and deleting', () => {
  test('an edit keeps the earlier version for moderators; only the author may edit', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    expect(await editPost(portal, { postId: topic.postId, userId: b!, body: 'Someone else rewriting it.', now: NOW + 10 })).toEqual({ ok: false, reason: 'forbidden' });
    ok(await editPost(portal, { postId: topic.postId, userId: a!, body: 'Rewritten: how do you engage a family who say no?', now: NOW + 20 }));
    expect(await versionsOf(portal.db, topic.postId)).toEqual([{ body: TOPIC.body, replacedAt: NOW + 20 }]);
    const asModerator = (await postsOf(portal.db, topic.topicId, { moderator: true })).posts[0]!;
    expect(asModerator).toMatchObject({ editedAt: NOW + 20, versions: 1 });
    expect((await postsOf(portal.db, topic.topicId)).posts[0]!.versions).toBe(0);
    expect((await searchForum(portal.db, 'rewritten')).total).toBe(1);
    expect((await searchForum(portal.db, 'first team')).total).toBe(0);
  });

  test('deleting removes the text and its versions and leaves a placeholder row', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const answer = ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Try a home visit with a colleague they know.', now: NOW + 10 }));
    ok(await editPost(portal, { postId: answer.postId, userId: b!, body: 'Try a joint home visit with a colleague they already know.', now: NOW + 20 }));
    expect(await deletePost(portal, { postId: answer.postId, userId: a!, now: NOW + 25 })).toEqual({ ok: false, reason: 'forbidden' });
    ok(await deletePost(portal, { postId: answer.postId, userId: b!, now: NOW + 30 }));

    const row = (await portal.db.run(sql`SELECT body, body_html, deleted_at FROM forum_posts WHERE id = ${answer.postId}`)).rows[0]!;
    expect(row).toMatchObject({ body: '', body_html: '', deleted_at: NOW + 30 });
    expect(await versionsOf(portal.db, answer.postId)).toEqual([]);
    const { posts } = await postsOf(portal.db, topic.topicId, { moderator: true });
    expect(posts[1]).toMatchObject({ id: answer.postId, deleted: true, html: '', body: '' });
    expect(await getTopic(portal.db, topic.topicId)).toMatchObject({ replies: 0 });
    expect((await searchForum(portal.db, 'home visit')).total).toBe(0);
    expect(await deletePost(portal, { postId: answer.postId, userId: b!, now: NOW + 40 })).toEqual({ ok: false, reason: 'not-found' });
  });
});

describe('flags and moderation', () => {
  async function flagged() {
    const { portal, general, caf } = await setup();
    const [author, f1, f2, f3, moderator] = await members(portal, 5);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: author!, title: 'Buy cheap printer cartridges here', body: 'Visit our shop for discount printer cartridges every week.', now: NOW }));
    return { portal, general, caf, author: author!, flaggers: [f1!, f2!, f3!], moderator: moderator!, topic };
  }

  test('no flagging one’s own post or flagging twice; three members hide the post', async () => {
    const { portal, author, flaggers, topic } = await flagged();
    expect(await flagPost(portal, { postId: topic.postId, userId: author, reason: 'spam', now: NOW + 1 })).toEqual({ ok: false, reason: 'own-post' });
    expect(await flagPost(portal, { postId: topic.postId, userId: flaggers[0]!, reason: 'spam', detail: 'Advert', now: NOW + 1 })).toEqual({ ok: true, hidden: false });
    expect(await flagPost(portal, { postId: topic.postId, userId: flaggers[0]!, reason: 'spam', now: NOW + 2 })).toEqual({ ok: false, reason: 'already-flagged' });
    expect(await flagPost(portal, { postId: topic.postId, userId: flaggers[1]!, reason: 'inappropriate', now: NOW + 3 })).toEqual({ ok: true, hidden: false });
    expect((await searchForum(portal.db, 'cartridges')).total).toBe(1);
    expect(await flagPost(portal, { postId: topic.postId, userId: flaggers[2]!, reason: 'other', now: NOW + 4 })).toEqual({ ok: true, hidden: true });
    expect(FLAGS_TO_HIDE).toBe(3);

    expect((await searchForum(portal.db, 'cartridges')).total).toBe(0);
    const asMember = (await postsOf(portal.db, topic.topicId, { readerId: flaggers[0]! })).posts[0]!;
    expect(asMember).toMatchObject({ hidden: true, html: '', body: '', hiddenReason: null });
    const asAuthor = (await postsOf(portal.db, topic.topicId, { readerId: author })).posts[0]!;
    expect(asAuthor).toMatchObject({ hidden: true, html: '', body: '' });
    const asModerator = (await postsOf(portal.db, topic.topicId, { moderator: true })).posts[0]!;
    expect(asModerator).toMatchObject({ hidden: true, openFlags: 3, hiddenReason: expect.stringContaining('3 members') });
    expect(asModerator.html).toContain('cartridges');

    const queue = await moderationQueue(portal.db);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ postId: topic.postId, hidden: true, body: expect.stringContaining('cartridges') });
    expect(queue[0]!.flags.map((f) => f.reason)).toEqual(['spam', 'inappropriate', 'other']);
    expect(queue[0]!.flags[0]).toMatchObject({ detail: 'Advert', by: 'Ben Cole', at: NOW + 1 });
    expect(await auditActions(portal)).toEqual([{ action: 'forum.auto-hide', actorId: null, detail: { postId: topic.postId, flags: 3 } }]);
  });

  test('every moderator action is written to the audit log, with its effect', async () => {
    const { portal, caf, author, flaggers, moderator, topic } = await flagged();
    await flagPost(portal, { postId: topic.postId, userId: flaggers[0]!, reason: 'spam', now: NOW + 1 });

    ok(await moderate(portal, moderator, { action: 'dismiss-flags', postId: topic.postId }, NOW + 10));
    expect(await moderationQueue(portal.db)).toEqual([]);

    ok(await moderate(portal, moderator, { action: 'hide', postId: topic.postId, reason: 'Advertising' }, NOW + 20));
    expect((await postsOf(portal.db, topic.topicId)).posts[0]).toMatchObject({ hidden: true, html: '' });
    expect((await searchForum(portal.db, 'cartridges')).total).toBe(0);
    ok(await moderate(portal, moderator, { action: 'restore', postId: topic.postId }, NOW + 30));
    expect((await searchForum(portal.db, 'cartridges')).total).toBe(1);

    ok(await moderate(portal, moderator, { action: 'lock', topicId: topic.topicId }, NOW + 40));
    expect(await reply(portal, { topicId: topic.topicId, authorId: flaggers[1]!, body: 'Can I still reply to this?', now: NOW + 45 })).toEqual({ ok: false, reason: 'locked' });
    expect(await editPost(portal, { postId: topic.postId, userId: author, body: 'Editing a locked topic post.', now: NOW + 45 })).toEqual({ ok: false, reason: 'locked' });
    ok(await moderate(portal, moderator, { action: 'unlock', topicId: topic.topicId }, NOW + 50));
    ok(await moderate(portal, moderator, { action: 'pin', topicId: topic.topicId }, NOW + 60));
    expect(await getTopic(portal.db, topic.topicId)).toMatchObject({ pinned: true, locked: false });
    ok(await moderate(portal, moderator, { action: 'unpin', topicId: topic.topicId }, NOW + 70));
    ok(await moderate(portal, moderator, { action: 'move', topicId: topic.topicId, categoryId: caf }, NOW + 80));
    expect(await getTopic(portal.db, topic.topicId)).toMatchObject({ pinned: false, categoryId: caf });

    expect(await moderate(portal, moderator, { action: 'hide', postId: 9999, reason: 'x' }, NOW + 90)).toEqual({ ok: false, reason: 'not-found' });
    expect(await moderate(portal, moderator, { action: 'move', topicId: topic.topicId, categoryId: 9999 }, NOW + 90)).toEqual({ ok: false, reason: 'not-found' });

    const log = await auditActions(portal);
    expect(log.map((l) => l.action)).toEqual(['forum.dismiss-flags', 'forum.hide', 'forum.restore', 'forum.lock', 'forum.unlock', 'forum.pin', 'forum.unpin', 'forum.move']);
    expect(log.every((l) => l.actorId === moderator && l.detail.topicId === topic.topicId)).toBe(true);
    expect(log[1]!.detail).toMatchObject({ postId: topic.postId, reason: 'Advertising' });
    expect(log[7]!.detail).toMatchObject({ categoryId: caf });
    const targets = await portal.db.run(sql`SELECT DISTINCT target_user_id FROM audit_log WHERE action LIKE 'forum.%'`);
    expect(targets.rows.map((r) => Number(r.target_user_id))).toEqual([author]);
  });
});

describe('search', () => {
  test('a title match ranks above a body match, and snippets are escaped', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const bodyMatch = ok(
      await createTopic(portal, {
        categoryId: general,
        authorId: a!,
        title: 'Planning the first home visit',
        body: 'We talked about many things at the visit: school attendance, housing, the garden, money worries, and in passing whether consent had been given for the referral. Mostly it was about routines.',
        now: NOW,
      }),
    );
    const titleMatch = ok(await createTopic(portal, { categoryId: general, authorId: b!, title: 'Consent forms for the family assessment', body: 'Which form do you use when the family agree to an assessment?', now: NOW + 20 }));
    const { hits, total } = await searchForum(portal.db, 'consent');
    expect(total).toBe(2);
    expect(hits.map((h) => h.postId)).toEqual([titleMatch.postId, bodyMatch.postId]);
    expect(hits[1]!.snippet).toContain('<mark>consent</mark>');

    ok(await reply(portal, { topicId: bodyMatch.topicId, authorId: b!, body: 'Someone pasted <script>alert("consent")</script> into a form & it broke.', now: NOW + 40 }));
    const scripted = (await searchForum(portal.db, 'alert')).hits;
    expect(scripted).toHaveLength(1);
    expect(scripted[0]!.snippet).not.toContain('<script');
    expect(scripted[0]!.snippet).toContain('&lt;script&gt;');
    expect(scripted[0]!.snippet).toContain('&amp;');
    // Operators typed by a member are words, never FTS syntax errors.
    expect((await searchForum(portal.db, 'consent" OR NEAR(')).total).toBeGreaterThanOrEqual(0);
  });
  // Long index entries mentioning the word once, for posts that no longer exist: they count
  // as matches but rank low and never show.
  const FILLER = `${'We met the family at the hub and talked through the plan for the coming weeks. '.repeat(4)}Someone mentioned the kettle.`;
  const fill = (portal: PortalDb, count: number, from: number) =>
    portal.db.run(
      sql`INSERT INTO forum_search (title, body, post_id, topic_id) VALUES ${sql.join(
        Array.from({ length: count }, (_, i) => sql`(${'Office notes'}, ${FILLER}, ${from + i}, ${from})`),
        sql`, `,
      )}`,
    );

  test('counting stops at the limit; the newest matches are ranked best first; nothing unseen leaks', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    await fill(portal, 1_100, 1_000_000);
    const older = ok(await createTopic(portal, { categoryId: general, authorId: a!, title: 'Descaling schedule', body: 'Who looks after the kettle in the office?', now: NOW }));
    const newer = ok(await createTopic(portal, { categoryId: general, authorId: b!, title: 'Kettle rota for the hub', body: 'The kettle is broken again; a kettle rota would help.', now: NOW + 10 }));
    const { hits, total, more } = await searchForum(portal.db, 'kettle');
    expect(total).toBe(SEARCH_COUNT_LIMIT);
    expect(more).toBe(true);
    expect(hits.map((h) => h.postId)).toEqual([newer.postId, older.postId]);
  });

  test('past the ranked matches, older matches follow newest first on later pages', async () => {
    const { portal, general } = await setup();
    const [a, b] = await members(portal, 2);
    const oldest = ok(await createTopic(portal, { categoryId: general, authorId: a!, title: 'Kettle rota', body: 'A kettle rota for the hub.', now: NOW }));
    await fill(portal, SEARCH_RANKED + 100, 1_000_000);
    const newest = ok(await createTopic(portal, { categoryId: general, authorId: b!, title: 'Descaling schedule', body: 'Who looks after the kettle?', now: NOW + 10 }));
    const total = SEARCH_RANKED + 102;
    const first = await searchForum(portal.db, 'kettle');
    expect(first.total).toBe(total);
    // The oldest post is the best match of all but not among the newest ranked: it is last.
    expect(first.hits.map((h) => h.postId)).toEqual([newest.postId]);
    const last = await searchForum(portal.db, 'kettle', Math.ceil(total / 20));
    expect(last.hits.map((h) => h.postId)).toEqual([oldest.postId]);
    // Every page between holds only entries for posts that no longer exist.
    for (let page = 2; page < Math.ceil(total / 20); page++) expect((await searchForum(portal.db, 'kettle', page)).hits).toEqual([]);
  });
});

describe('notifications and the digest', () => {
  test('watchers hear of replies, mentioned members of mentions; never of their own posts', async () => {
    const { portal, general } = await setup();
    const [a, b, c, d] = await members(portal, 4);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const r1 = ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Good question, @Cara Doyle ran these for years.', now: NOW + 10 }));

    expect(await notificationsOf(portal.db, a!)).toEqual([
      expect.objectContaining({ kind: 'reply', postId: r1.postId, topicId: topic.topicId, topicTitle: TOPIC.title, actorName: 'Ben Cole', read: false, excerpt: expect.stringContaining('ran these for years') }),
    ]);
    expect(await notificationsOf(portal.db, c!)).toEqual([expect.objectContaining({ kind: 'mention', postId: r1.postId, actorName: 'Ben Cole' })]);
    expect(await notificationsOf(portal.db, b!)).toEqual([]);
    expect(await notificationsOf(portal.db, d!)).toEqual([]);

    // A replies in their own topic: B (a watcher now) hears of it, A does not.
    const r2 = ok(await reply(portal, { topicId: topic.topicId, authorId: a!, body: 'Thanks, I will ask her directly.', now: NOW + 20 }));
    expect((await notificationsOf(portal.db, a!)).map((n) => n.postId)).toEqual([r1.postId]);
    expect((await notificationsOf(portal.db, b!)).map((n) => n.postId)).toEqual([r2.postId]);
    // Mentioning oneself is not a notification either.
    ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'As @Ben Cole, I agree with that plan.', now: NOW + 30 }));
    expect((await notificationsOf(portal.db, b!)).map((n) => n.kind)).toEqual(['reply']);

    // D starts watching and hears of the next reply; stops and hears nothing.
    await setWatching(portal, d!, topic.topicId, true, NOW + 40);
    const r4 = ok(await reply(portal, { topicId: topic.topicId, authorId: c!, body: 'Happy to share my meeting agenda.', now: NOW + 50 }));
    expect((await notificationsOf(portal.db, d!)).map((n) => n.postId)).toEqual([r4.postId]);
    await setWatching(portal, d!, topic.topicId, false, NOW + 60);
    ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'That would help us all, thank you.', now: NOW + 70 }));
    expect(await notificationsOf(portal.db, d!)).toHaveLength(1);

    expect(await unreadCount(portal.db, a!)).toBe(4);
    await markNotificationsRead(portal, a!, NOW + 80);
    expect(await unreadCount(portal.db, a!)).toBe(0);
    expect((await notificationsOf(portal.db, a!)).every((n) => n.read)).toBe(true);
  });

  test('a hidden post’s text never appears in notifications', async () => {
    const { portal, general } = await setup();
    const [a, b, f1, f2, f3, moderator] = await members(portal, 6);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    const bad = ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Shocking rude words that get flagged.', now: NOW + 10 }));
    for (const [i, f] of [f1, f2, f3].entries()) await flagPost(portal, { postId: bad.postId, userId: f!, reason: 'inappropriate', now: NOW + 20 + i });
    const hidden = await notificationsOf(portal.db, a!);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]!.excerpt).toBe('');
    expect(JSON.stringify(hidden)).not.toContain('Shocking');

    // A moderator's hide removes the notification altogether.
    const worse = ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Another post a moderator will hide.', now: NOW + 30 }));
    expect((await notificationsOf(portal.db, a!)).map((n) => n.postId)).toContain(worse.postId);
    ok(await moderate(portal, moderator!, { action: 'hide', postId: worse.postId, reason: 'Off topic' }, NOW + 40));
    expect((await notificationsOf(portal.db, a!)).map((n) => n.postId)).not.toContain(worse.postId);
  });

  test('the digest goes once a day to members who opted in, with topic titles only', async () => {
    const { portal, general } = await setup();
    const [a, b, c] = await members(portal, 3);
    const topic = ok(await createTopic(portal, { categoryId: general, authorId: a!, ...TOPIC, now: NOW }));
    ok(await createTopic(portal, { categoryId: general, authorId: c!, title: 'Another topic C started', body: 'Something else entirely to talk about.', now: NOW }));
    await setDigest(portal, a!, true);
    expect(await wantsDigest(portal.db, a!)).toBe(true);
    expect(await wantsDigest(portal.db, c!)).toBe(false);
    ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'Private detail of my reply text, and thanks @Cara Doyle.', now: NOW + 10 }));
    ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'A second reply with more private text.', now: NOW + 20 }));

    expect(await sendDigests(portal, BASE, NOW + 100)).toBe(1);
    const mail = await sentMail(portal);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Your forum digest');
    expect(mail[0]!.body).toContain(`- ${TOPIC.title}: 2 new replies`);
    expect(mail[0]!.body).toContain(`${BASE}/account/notifications`);
    expect(mail[0]!.body).not.toContain('private');
    expect(mail[0]!.body).not.toContain('Private');

    // Not again the same day, even with something new; C (mentioned) never opted in.
    ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'A third reply later that day.', now: NOW + 3600 }));
    expect(await sendDigests(portal, BASE, NOW + 7200)).toBe(0);
    // A day later the new reply goes, alone.
    expect(await sendDigests(portal, BASE, NOW + 100 + DAY)).toBe(1);
    const second = (await sentMail(portal))[1]!;
    expect(second.body).toContain(`- ${TOPIC.title}: 1 new reply`);
    // Nothing new: nothing sent. Read notifications are not e-mailed.
    expect(await sendDigests(portal, BASE, NOW + 100 + 3 * DAY)).toBe(0);
    ok(await reply(portal, { topicId: topic.topicId, authorId: b!, body: 'A fourth reply, read at once.', now: NOW + 4 * DAY }));
    await markNotificationsRead(portal, a!, NOW + 4 * DAY + 1);
    expect(await sendDigests(portal, BASE, NOW + 5 * DAY)).toBe(0);
    await setDigest(portal, a!, false);
    expect(await wantsDigest(portal.db, a!)).toBe(false);
    expect(await sentMail(portal)).toHaveLength(2);
  });
});
