/**
 * Reading the forum: categories, topics, posts, search, the moderation queue and
 * notifications. A hidden post's text never leaves here for a member, and a deleted post's
 * text no longer exists. A held post, and a topic whose opening post is held or hidden, are
 * seen only by their author and moderators: every list, count, search, notification and
 * digest here leaves them out for everyone else.
 */
import { and, count, desc, eq, getTableColumns, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { forumCategories, forumDigestSubscribers, forumFlags, forumPostVersions, forumPosts, forumTopics, forumWatches, notifications, users } from '../../../../db/schema.ts';
import { postAsSeenBy, type ForumReader, type PostView } from '../../domain/forum/visibility.ts';
import type { PortalDb } from '../../../../db/client.ts';
import { queueEmails } from '../outbox.ts';
import { allRows, preparedPer } from '../prepared.ts';
import { DIGEST_INTERVAL_SECONDS, digestEmail, digestLines } from '../../domain/forum/digest.ts';
import { POSTS_PER_PAGE, TOPICS_PER_PAGE, pageOfPosition } from '../../domain/forum/posting.ts';
import { pageCount } from '../../domain/paging.ts';
import { categoryFrom, int, notificationFrom, postFrom, topicFrom, type Category, type NotificationView, type TopicSummary } from './rows.ts';
import { nowSeconds } from '../../time.ts';
import { postsBefore } from './search.ts';
export { SEARCH_COUNT_LIMIT, SEARCH_RANKED, ftsQuery, highlight, searchForum, type SearchHit } from './search.ts';

type Reader = PortalDb['db'];

export type { Category };

export async function listCategories(db: Reader, onlySlug?: string): Promise<Category[]> {
  const r = await db.run(sql`
    SELECT c.id, c.slug, c.title, c.description,
      (SELECT count(*) FROM forum_topics t WHERE t.category_id = c.id AND t.hidden_at IS NULL) AS topics,
      (SELECT COALESCE(sum(post_count), 0) FROM forum_topics t WHERE t.category_id = c.id AND t.hidden_at IS NULL) AS posts,
      l.id AS latest_id, l.slug AS latest_slug, l.title AS latest_title, l.last_post_at AS latest_at
    FROM forum_categories c
    LEFT JOIN forum_topics l ON l.id = (SELECT id FROM forum_topics t WHERE t.category_id = c.id AND t.hidden_at IS NULL ORDER BY t.last_post_at DESC, t.id DESC LIMIT 1)
    WHERE ${onlySlug ?? null} IS NULL OR c.slug = ${onlySlug ?? null}
    ORDER BY c.position, c.title`);
  return r.rows.map(categoryFrom);
}

/** A category's own fields, without the counts and latest topic that only the forum's index shows. */
export type CategoryHeading = Pick<Category, 'id' | 'slug' | 'title' | 'description'>;

const categoryWithSlug = preparedPer((db: Reader) =>
  db
    .select({ id: forumCategories.id, slug: forumCategories.slug, title: forumCategories.title, description: forumCategories.description })
    .from(forumCategories)
    .where(eq(forumCategories.slug, sql.placeholder('slug')))
    .prepare(),
);

/** A category by its web address name, for its own pages: one indexed read, no counts. */
export async function categoryBySlug(db: Reader, slug: string): Promise<CategoryHeading | undefined> {
  const [row] = await allRows(db, categoryWithSlug(db), { slug });
  return row;
}

const categoryOpenedBy = perReader((db, moderator) =>
  db
    .select({
      id: forumCategories.id,
      slug: forumCategories.slug,
      title: forumCategories.title,
      description: forumCategories.description,
      // The category's id is named in full: from one table, drizzle writes a column without
      // its table, and inside the subquery "id" would be the topic's. The topics are not
      // aliased, so topicVisible's columns name them.
      visibleTopics: sql<number>`(SELECT count(*) FROM forum_topics WHERE ${and(sql`forum_topics.category_id = forum_categories.id`, topicVisible(moderator))})`.as(
        'visible_topics',
      ),
    })
    .from(forumCategories)
    .where(eq(forumCategories.slug, sql.placeholder('slug')))
    .prepare(),
);

/**
 * What a category's page shows, in two statements: the category with how many of its topics
 * this reader can see (a hidden topic only by its author and moderators), then one page of them.
 */
export async function categoryPageOf(
  db: Reader,
  slug: string,
  page: number,
  reader: Reader_,
): Promise<{ category: CategoryHeading; topics: TopicSummary[]; total: number; pages: number } | undefined> {
  const [row] = await allRows(db, categoryOpenedBy(db, reader), { slug, readerId: reader.readerId ?? null });
  if (!row) return undefined;
  const { visibleTopics, ...category } = row;
  return { category, ...(await topicsIn(db, category.id, page, reader, int(visibleTopics))) };
}

export type { TopicSummary };

/** Who is reading: hidden topics and held posts are shown to moderators and to their authors. */
export type Reader_ = ForumReader;

/** A topic's author, joined under a name of its own (a post's author may be joined too). */
const topicAuthor = alias(users, 'topic_author');

/** The columns of a topic summary: the topic, its category and its author's name. */
const TOPIC_COLUMNS = {
  id: forumTopics.id,
  slug: forumTopics.slug,
  title: forumTopics.title,
  categoryId: forumTopics.categoryId,
  categorySlug: forumCategories.slug,
  categoryTitle: forumCategories.title,
  authorName: topicAuthor.name,
  authorId: forumTopics.authorId,
  pinned: forumTopics.pinned,
  locked: forumTopics.locked,
  postCount: forumTopics.postCount,
  createdAt: forumTopics.createdAt,
  lastPostAt: forumTopics.lastPostAt,
  hiddenAt: forumTopics.hiddenAt,
};

/** Topic summaries: TOPIC_COLUMNS (and any `extra` columns) from topics with their category and author. */
function selectTopics<Extra extends Record<string, SQL.Aliased | SQL>>(db: Reader, extra?: Extra) {
  return db
    .select({ ...TOPIC_COLUMNS, ...(extra as Extra) })
    .from(forumTopics)
    .innerJoin(forumCategories, eq(forumCategories.id, forumTopics.categoryId))
    .leftJoin(topicAuthor, eq(topicAuthor.id, forumTopics.authorId));
}

/**
 * A prepared query in two forms, as the reader is a moderator (who sees everything) or not;
 * the member's form takes the reader's id as the placeholder `readerId` (null for nobody).
 */
function perReader<Q>(build: (db: Reader, moderator: boolean) => Q): (db: Reader, reader: ForumReader) => Q {
  const forModerators = preparedPer((db: Reader) => build(db, true));
  const forMembers = preparedPer((db: Reader) => build(db, false));
  return (db, { moderator = false }) => (moderator ? forModerators(db) : forMembers(db));
}

/** Topics this reader may see: a hidden topic only by its author and moderators. */
function topicVisible(moderator: boolean): SQL | undefined {
  if (moderator) return undefined;
  // `author_id = NULL` is never true: with no reader, hidden topics are simply left out.
  return or(isNull(forumTopics.hiddenAt), eq(forumTopics.authorId, sql.placeholder('readerId')));
}

const topicCountIn = perReader((db, moderator) =>
  db
    .select({ n: count() })
    .from(forumTopics)
    .where(and(eq(forumTopics.categoryId, sql.placeholder('categoryId')), topicVisible(moderator)))
    .prepare(),
);

const topicPageIn = perReader((db, moderator) =>
  selectTopics(db)
    .where(and(eq(forumTopics.categoryId, sql.placeholder('categoryId')), topicVisible(moderator)))
    .orderBy(desc(forumTopics.pinned), desc(forumTopics.lastPostAt), desc(forumTopics.id))
    .limit(TOPICS_PER_PAGE)
    .offset(sql.placeholder('offset'))
    .prepare(),
);

/**
 * A category's topics, pinned first, then by latest activity. `total`, the topics this reader
 * can see in the category, is counted unless the caller already has it.
 */
export async function topicsIn(
  db: Reader,
  categoryId: number,
  page = 1,
  reader: Reader_ = {},
  total?: number,
): Promise<{ topics: TopicSummary[]; total: number; pages: number }> {
  const values = { categoryId, readerId: reader.readerId ?? null };
  total ??= ((await allRows(db, topicCountIn(db, reader), values)) as [{ n: number }])[0].n;
  const rows = await allRows(db, topicPageIn(db, reader), { ...values, offset: (Math.max(1, page) - 1) * TOPICS_PER_PAGE });
  return { topics: rows.map(topicFrom), total, pages: pageCount(total, TOPICS_PER_PAGE) };
}

const topicById = perReader((db, moderator) =>
  selectTopics(db)
    .where(and(eq(forumTopics.id, sql.placeholder('topicId')), topicVisible(moderator)))
    .prepare(),
);

/** A topic, when this reader may see it: a hidden topic only by its author and moderators. */
export async function getTopic(db: Reader, topicId: number, reader: Reader_ = {}): Promise<TopicSummary | undefined> {
  const [row] = await allRows(db, topicById(db, reader), { topicId, readerId: reader.readerId ?? null });
  return row ? topicFrom(row) : undefined;
}

/** Latest topics across the forum, for the home page. */
export async function latestTopics(db: Reader, limit = 5): Promise<TopicSummary[]> {
  const rows = await selectTopics(db)
    .where(and(gt(forumTopics.postCount, 0), isNull(forumTopics.hiddenAt)))
    .orderBy(desc(forumTopics.lastPostAt), desc(forumTopics.id))
    .limit(limit);
  return rows.map(topicFrom);
}

export type { PostView };

/** Posts this reader may see at all: a held post only by its author and moderators. */
function postVisible(moderator: boolean): SQL | undefined {
  if (moderator) return undefined;
  return or(isNull(forumPosts.heldAt), eq(forumPosts.authorId, sql.placeholder('readerId')));
}

const postCountOf = perReader((db, moderator) =>
  db
    .select({ n: count() })
    .from(forumPosts)
    .where(and(eq(forumPosts.topicId, sql.placeholder('topicId')), postVisible(moderator)))
    .prepare(),
);

/**
 * A page of posts. What only moderators see is not read for members at all: the open flags and
 * earlier versions are not counted, and the Markdown (for the edit form) is read only for the
 * reader's own posts. postAsSeenBy applies the same rules again to what comes back.
 */
const postPageOf = perReader((db, moderator) =>
  db
    .select({
      ...getTableColumns(forumPosts),
      body: moderator ? forumPosts.body : sql<string>`CASE WHEN ${forumPosts.authorId} = ${sql.placeholder('readerId')} THEN ${forumPosts.body} ELSE '' END`,
      authorName: users.name,
      authorOrganisation: users.organisation,
      openFlags: moderator
        ? sql<number>`(SELECT count(*) FROM forum_flags f WHERE f.post_id = ${forumPosts.id} AND f.resolved_at IS NULL)`
        : sql<number>`0`,
      versions: moderator ? sql<number>`(SELECT count(*) FROM forum_post_versions v WHERE v.post_id = ${forumPosts.id})` : sql<number>`0`,
    })
    .from(forumPosts)
    .leftJoin(users, eq(users.id, forumPosts.authorId))
    .where(and(eq(forumPosts.topicId, sql.placeholder('topicId')), postVisible(moderator)))
    .orderBy(forumPosts.id)
    .limit(POSTS_PER_PAGE)
    .offset(sql.placeholder('offset'))
    .prepare(),
);

/**
 * One page of a topic's posts, in order. Hidden posts' text only for moderators. `total`, the
 * posts this reader can see in the topic, is counted unless the caller already has it (as
 * `openTopic` gives it).
 */
export async function postsOf(
  db: Reader,
  topicId: number,
  { page = 1, moderator = false, readerId = null, total }: { page?: number; moderator?: boolean; readerId?: number | null; total?: number } = {},
): Promise<{ posts: PostView[]; total: number; pages: number }> {
  const reader = { moderator, readerId };
  const values = { topicId, readerId };
  total ??= ((await allRows(db, postCountOf(db, reader), values)) as [{ n: number }])[0].n;
  const rows = await allRows(db, postPageOf(db, reader), { ...values, offset: (Math.max(1, page) - 1) * POSTS_PER_PAGE });
  return { posts: rows.map((row) => postAsSeenBy(postFrom(row), reader)), total, pages: pageCount(total, POSTS_PER_PAGE) };
}

/** A topic as its page opens it, for one reader. */
export interface OpenedTopic {
  topic: TopicSummary;
  /** How many of the topic's posts this reader can see (held posts only their author's and moderators'). */
  visiblePosts: number;
  /** The reader watches the topic. */
  watching: boolean;
}

const topicOpenedBy = perReader((db, moderator) =>
  selectTopics(db, {
    // forum_topics.id is named in full, as drizzle may write a column without its table. The
    // posts are not aliased, so postVisible's columns name them.
    visiblePosts: sql<number>`(SELECT count(*) FROM forum_posts WHERE ${and(sql`forum_posts.topic_id = forum_topics.id`, postVisible(moderator))})`.as('visible_posts'),
    watching: sql<number>`EXISTS (SELECT 1 FROM forum_watches w WHERE w.user_id = ${sql.placeholder('readerId')} AND w.topic_id = forum_topics.id)`.as('watching'),
  })
    .where(and(eq(forumTopics.id, sql.placeholder('topicId')), topicVisible(moderator)))
    .prepare(),
);

/**
 * A topic, when this reader may see it, with how many of its posts they see and whether they
 * watch it: everything a topic page needs before its posts, in one statement. The page's
 * posts are then one more (`postsOf`, given `visiblePosts` as their total).
 */
export async function openTopic(db: Reader, topicId: number, reader: { moderator?: boolean; readerId: number }): Promise<OpenedTopic | undefined> {
  const [row] = await allRows(db, topicOpenedBy(db, reader), { topicId, readerId: reader.readerId });
  return row ? { topic: topicFrom(row), visiblePosts: int(row.visiblePosts), watching: int(row.watching) === 1 } : undefined;
}

/** The opening post of a post's topic: its first post (the outer post named in full, as in postsBefore). */
const openingPostId = sql<number>`(SELECT min(q.id) FROM forum_posts q WHERE q.topic_id = forum_posts.topic_id)`;


/** The page of a topic a post is on, for links to a post (held posts are counted: pages may differ by a post for readers who cannot see them). */
export async function pageOfPost(db: Reader, postId: number): Promise<{ topicId: number; page: number } | undefined> {
  const [row] = await db.select({ topicId: forumPosts.topicId, before: postsBefore }).from(forumPosts).where(eq(forumPosts.id, postId));
  return row ? { topicId: row.topicId, page: pageOfPosition(int(row.before)) } : undefined;
}

/** A post's earlier versions, newest first: moderators only. */
export async function versionsOf(db: Reader, postId: number): Promise<{ body: string; replacedAt: number }[]> {
  return db
    .select({ body: forumPostVersions.body, replacedAt: forumPostVersions.replacedAt })
    .from(forumPostVersions)
    .where(eq(forumPostVersions.postId, postId))
    .orderBy(desc(forumPostVersions.id));
}

/** Items gathered into lists by key, in their order. */
function groupBy<T, K, V>(items: readonly T[], entry: (item: T) => [K, V]): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const [key, value] = entry(item);
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

export interface QueueItem {
  postId: number;
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  /** The post's topic, as moderators see it (hidden or not). */
  topic: TopicSummary;
  authorName: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  /** Held for a moderator by the guard: shown first in the queue. */
  held: boolean;
  heldReason: string | null;
  /** Sent back to its author, who has not edited it yet. */
  sentBack: boolean;
  /** The opening post of its topic (publishing it shows the topic). */
  opening: boolean;
  heldAt: number | null;
  body: string;
  /** The page of its topic the post is on. */
  page: number;
  flags: { reason: string; detail: string; by: string; at: number }[];
  /** Earlier versions of an edited post, newest first. */
  versions: { body: string; replacedAt: number }[];
}

/**
 * Held posts first (oldest first), then posts with open flags: the moderators' queue. Three
 * statements however long the queue: the posts with their topics, then every open flag and
 * every earlier version of those posts.
 */
export async function moderationQueue(db: Reader): Promise<QueueItem[]> {
  const heldNow = sql`(${forumPosts.heldAt} IS NOT NULL AND ${forumPosts.hiddenAt} IS NULL)`;
  const openFlags = (column: SQL) => sql`(SELECT ${column} FROM forum_flags f WHERE f.post_id = ${forumPosts.id} AND f.resolved_at IS NULL)`;
  const posts = await db
    .select({
      topic: TOPIC_COLUMNS,
      postId: forumPosts.id,
      authorName: users.name,
      hiddenAt: forumPosts.hiddenAt,
      hiddenReason: forumPosts.hiddenReason,
      body: forumPosts.body,
      heldAt: forumPosts.heldAt,
      heldReason: forumPosts.heldReason,
      sentBackAt: forumPosts.sentBackAt,
      openingId: openingPostId,
      before: postsBefore,
    })
    .from(forumPosts)
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .innerJoin(forumCategories, eq(forumCategories.id, forumTopics.categoryId))
    .leftJoin(topicAuthor, eq(topicAuthor.id, forumTopics.authorId))
    .leftJoin(users, eq(users.id, forumPosts.authorId))
    .where(and(isNull(forumPosts.deletedAt), or(heldNow, sql`EXISTS ${openFlags(sql`1`)}`)))
    .orderBy(desc(heldNow), sql`${forumPosts.sentBackAt} IS NOT NULL`, sql`COALESCE(${forumPosts.heldAt}, ${openFlags(sql`min(f.created_at)`)})`, forumPosts.id);
  const ids = posts.map((row) => row.postId);
  if (!ids.length) return [];
  const flags = await db
    .select({ postId: forumFlags.postId, reason: forumFlags.reason, detail: forumFlags.detail, by: users.name, at: forumFlags.createdAt })
    .from(forumFlags)
    .innerJoin(users, eq(users.id, forumFlags.userId))
    .where(and(inArray(forumFlags.postId, ids), isNull(forumFlags.resolvedAt)))
    .orderBy(forumFlags.id);
  const versions = await db
    .select({ postId: forumPostVersions.postId, body: forumPostVersions.body, replacedAt: forumPostVersions.replacedAt })
    .from(forumPostVersions)
    .where(inArray(forumPostVersions.postId, ids))
    .orderBy(desc(forumPostVersions.id));
  const flagsOf = groupBy(flags, ({ postId, ...flag }) => [postId, flag]);
  const versionsOfPost = groupBy(versions, ({ postId, ...version }) => [postId, version]);
  return posts.map((row) => {
    const topic = topicFrom(row.topic);
    const hidden = row.hiddenAt !== null;
    return {
      postId: row.postId,
      topicId: topic.id,
      topicSlug: topic.slug,
      topicTitle: topic.title,
      topic,
      authorName: row.authorName,
      hidden,
      hiddenReason: row.hiddenReason,
      held: row.heldAt !== null && !hidden,
      heldReason: row.heldReason,
      sentBack: row.sentBackAt !== null,
      opening: int(row.openingId) === row.postId,
      heldAt: row.heldAt,
      body: row.body,
      page: pageOfPosition(int(row.before)),
      flags: flagsOf.get(row.postId) ?? [],
      versions: versionsOfPost.get(row.postId) ?? [],
    };
  });
}

export type { NotificationView };

/** A notification about a held post or a hidden topic is kept back (the topic's title may identify someone). */
const NOTIFICATION_VISIBLE = sql`NOT EXISTS (SELECT 1 FROM forum_posts hp JOIN forum_topics ht ON ht.id = hp.topic_id
  WHERE hp.id = ${notifications.postId} AND (hp.held_at IS NOT NULL OR ht.hidden_at IS NOT NULL))`;

/** A notification's actor, joined under a name of its own. */
const actor = alias(users, 'actor');

/** A member's notifications, newest first. Hidden or deleted posts' text is never included. */
export async function notificationsOf(db: Reader, userId: number, limit = 50): Promise<NotificationView[]> {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      topicId: notifications.topicId,
      topicSlug: forumTopics.slug,
      topicTitle: forumTopics.title,
      postId: notifications.postId,
      before: postsBefore,
      actorName: actor.name,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      body: forumPosts.body,
      postHiddenAt: forumPosts.hiddenAt,
      postDeletedAt: forumPosts.deletedAt,
    })
    .from(notifications)
    .innerJoin(forumTopics, eq(forumTopics.id, notifications.topicId))
    .innerJoin(forumPosts, eq(forumPosts.id, notifications.postId))
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(and(eq(notifications.userId, userId), NOTIFICATION_VISIBLE))
    .orderBy(desc(notifications.id))
    .limit(limit);
  return rows.map(notificationFrom);
}

/** What the notifications page shows: the latest notifications, how many are unread, and whether the digest is on. */
export async function notificationsPage(db: Reader, userId: number): Promise<{ items: NotificationView[]; unread: number; digest: boolean }> {
  const items = await notificationsOf(db, userId);
  return { items, unread: await unreadCount(db, userId), digest: await wantsDigest(db, userId) };
}

const unreadOf = preparedPer((db: Reader) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt), NOTIFICATION_VISIBLE))
    .prepare(),
);

/** A member's unread notifications, as the header shows them. */
export async function unreadCount(db: Reader, userId: number): Promise<number> {
  const [{ n }] = (await allRows(db, unreadOf(db), { userId })) as [{ n: number }];
  return n;
}

const unreadPerRequest = new WeakMap<Request, Promise<number>>();

/**
 * `unreadCount` read once per request, however many parts of the page show it (the header
 * and the account page both do).
 */
export function unreadCountOnce(request: Request, db: Reader, userId: number): Promise<number> {
  let unread = unreadPerRequest.get(request);
  if (!unread) {
    unread = unreadCount(db, userId);
    unreadPerRequest.set(request, unread);
  }
  return unread;
}

/** Whether a member asked for the daily e-mail digest. */
export async function wantsDigest(db: Reader, userId: number): Promise<boolean> {
  return (await db.$count(forumDigestSubscribers, eq(forumDigestSubscribers.userId, userId))) > 0;
}

/**
 * The opt-in e-mail digest: once a day at most, each subscriber gets their unread
 * notifications not yet digested, by topic title only, with a link. No post text is e-mailed.
 * However many members are due, five statements: who is due, their notifications marked
 * digested, the topics' titles, the e-mails, and when each was sent.
 */
export async function sendDigests(portal: PortalDb, baseUrl: string, now = nowSeconds()): Promise<number> {
  return portal.write(async (tx) => {
    const undigested = (userId: SQL | number) =>
      and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.digestedAt), NOTIFICATION_VISIBLE);
    const due = await tx
      .select({ userId: forumDigestSubscribers.userId, email: users.email, name: users.name })
      .from(forumDigestSubscribers)
      .innerJoin(users, eq(users.id, forumDigestSubscribers.userId))
      .where(
        and(
          eq(users.status, 'active'),
          or(isNull(forumDigestSubscribers.lastSentAt), lte(forumDigestSubscribers.lastSentAt, now - DIGEST_INTERVAL_SECONDS)),
          sql`EXISTS (SELECT 1 FROM ${notifications} WHERE ${undigested(sql`${forumDigestSubscribers.userId}`)})`,
        ),
      );
    if (!due.length) return 0;
    const userIds = due.map((d) => d.userId);
    const items = await tx
      .update(notifications)
      .set({ digestedAt: now })
      .where(and(inArray(notifications.userId, userIds), isNull(notifications.readAt), isNull(notifications.digestedAt), NOTIFICATION_VISIBLE))
      .returning({ userId: notifications.userId, kind: notifications.kind, topicId: notifications.topicId });
    const topicIds = [...new Set(items.map((i) => i.topicId))];
    const topics = await tx.select({ id: forumTopics.id, title: forumTopics.title }).from(forumTopics).where(inArray(forumTopics.id, topicIds)).orderBy(forumTopics.id);
    const itemsOf = groupBy(items, ({ userId, ...item }) => [userId, item]);
    await queueEmails(
      tx,
      due.map((d) => digestEmail({ to: d.email, name: d.name, lines: digestLines(itemsOf.get(d.userId) ?? [], topics), baseUrl })),
    );
    await tx.update(forumDigestSubscribers).set({ lastSentAt: now }).where(inArray(forumDigestSubscribers.userId, userIds));
    return due.length;
  });
}
