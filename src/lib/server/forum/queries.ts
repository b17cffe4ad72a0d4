/**
 * Reading the forum: categories, topics, posts, search, the moderation queue and
 * notifications. A hidden post's text never leaves here for a member, and a deleted post's
 * text no longer exists. A held post, and a topic whose opening post is held or hidden, are
 * seen only by their author and moderators: every list, count, search, notification and
 * digest here leaves them out for everyone else.
 */
import { sql } from 'drizzle-orm';
import type { PortalDb } from '../../../../db/client.ts';
import { queueEmail } from '../outbox.ts';
import { POSTS_PER_PAGE, TOPICS_PER_PAGE, excerpt, unixNow } from './forum.ts';
import { plainText } from './markdown.ts';

type Reader = PortalDb['db'];

export interface Category {
  id: number;
  slug: string;
  title: string;
  description: string;
  topics: number;
  posts: number;
  latest: { topicId: number; topicSlug: string; title: string; at: number } | null;
}

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
  return r.rows.map((row) => ({
    id: Number(row.id),
    slug: String(row.slug),
    title: String(row.title),
    description: String(row.description),
    topics: Number(row.topics),
    posts: Number(row.posts),
    latest: row.latest_id === null ? null : { topicId: Number(row.latest_id), topicSlug: String(row.latest_slug), title: String(row.latest_title), at: Number(row.latest_at) },
  }));
}

export async function categoryBySlug(db: Reader, slug: string): Promise<Category | undefined> {
  return (await listCategories(db, slug))[0];
}

export interface TopicSummary {
  id: number;
  slug: string;
  title: string;
  categoryId: number;
  categorySlug: string;
  categoryTitle: string;
  authorName: string | null;
  pinned: boolean;
  locked: boolean;
  replies: number;
  createdAt: number;
  lastPostAt: number;
  authorId: number | null;
  /** The opening post is held or hidden: only its author and moderators see the topic. */
  hidden: boolean;
}

const TOPIC_COLUMNS = sql`t.id, t.slug, t.title, t.category_id, c.slug AS category_slug, c.title AS category_title, u.name AS author_name,
  t.pinned, t.locked, t.post_count, t.created_at, t.last_post_at, t.author_id, t.hidden_at`;

/** Who is reading: hidden topics and held posts are shown to moderators and to their authors. */
export interface Reader_ {
  moderator?: boolean;
  readerId?: number | null;
}

const topicVisible = ({ moderator = false, readerId = null }: Reader_) => sql`(t.hidden_at IS NULL OR ${moderator ? 1 : 0} = 1 OR t.author_id = ${readerId ?? -1})`;

function topicFrom(r: Record<string, unknown>): TopicSummary {
  return {
    id: Number(r.id),
    slug: String(r.slug),
    title: String(r.title),
    categoryId: Number(r.category_id),
    categorySlug: String(r.category_slug),
    categoryTitle: String(r.category_title),
    authorName: r.author_name === null ? null : String(r.author_name),
    pinned: Boolean(Number(r.pinned)),
    locked: Boolean(Number(r.locked)),
    replies: Math.max(0, Number(r.post_count) - 1),
    createdAt: Number(r.created_at),
    lastPostAt: Number(r.last_post_at),
    authorId: r.author_id === null ? null : Number(r.author_id),
    hidden: r.hidden_at !== null,
  };
}

/** A category's topics, pinned first, then by latest activity. */
export async function topicsIn(db: Reader, categoryId: number, page = 1, reader: Reader_ = {}): Promise<{ topics: TopicSummary[]; total: number; pages: number }> {
  const total = Number((await db.run(sql`SELECT count(*) AS n FROM forum_topics t WHERE t.category_id = ${categoryId} AND ${topicVisible(reader)}`)).rows[0]!.n);
  const r = await db.run(sql`
    SELECT ${TOPIC_COLUMNS} FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id LEFT JOIN users u ON u.id = t.author_id
    WHERE t.category_id = ${categoryId} AND ${topicVisible(reader)}
    ORDER BY t.pinned DESC, t.last_post_at DESC, t.id DESC
    LIMIT ${TOPICS_PER_PAGE} OFFSET ${(Math.max(1, page) - 1) * TOPICS_PER_PAGE}`);
  return { topics: r.rows.map((row) => topicFrom(row as Record<string, unknown>)), total, pages: Math.max(1, Math.ceil(total / TOPICS_PER_PAGE)) };
}

/** A topic, when this reader may see it: a hidden topic only by its author and moderators. */
export async function getTopic(db: Reader, topicId: number, reader: Reader_ = {}): Promise<TopicSummary | undefined> {
  const r = await db.run(sql`
    SELECT ${TOPIC_COLUMNS} FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id LEFT JOIN users u ON u.id = t.author_id
    WHERE t.id = ${topicId} AND ${topicVisible(reader)}`);
  return r.rows[0] ? topicFrom(r.rows[0] as Record<string, unknown>) : undefined;
}

/** Latest topics across the forum, for the home page. */
export async function latestTopics(db: Reader, limit = 5): Promise<TopicSummary[]> {
  const r = await db.run(sql`
    SELECT ${TOPIC_COLUMNS} FROM forum_topics t JOIN forum_categories c ON c.id = t.category_id LEFT JOIN users u ON u.id = t.author_id
    WHERE t.post_count > 0 AND t.hidden_at IS NULL ORDER BY t.last_post_at DESC, t.id DESC LIMIT ${limit}`);
  return r.rows.map((row) => topicFrom(row as Record<string, unknown>));
}

export interface PostView {
  id: number;
  authorId: number | null;
  authorName: string | null;
  authorOrganisation: string | null;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
  hidden: boolean;
  /** Hidden because members flagged it (no moderator has looked yet), not by a moderator. */
  hiddenByFlags: boolean;
  hiddenReason: string | null;
  /** Held for a moderator: only its author and moderators get it at all. */
  held: boolean;
  /** Why it is held, or the moderator's note when it was sent back: for its author and moderators. */
  heldReason: string | null;
  sentBack: boolean;
  /** Sanitised HTML; empty for deleted posts, and for hidden posts unless the reader moderates. */
  html: string;
  /** Markdown, for the author's edit form; empty when the reader may not see it. */
  body: string;
  openFlags: number;
  versions: number;
}

/** One page of a topic's posts, in order. Hidden posts' text only for moderators. */
export async function postsOf(
  db: Reader,
  topicId: number,
  { page = 1, moderator = false, readerId = null }: { page?: number; moderator?: boolean; readerId?: number | null } = {},
): Promise<{ posts: PostView[]; total: number; pages: number }> {
  const visible = sql`(p.held_at IS NULL OR ${moderator ? 1 : 0} = 1 OR p.author_id = ${readerId ?? -1})`;
  const total = Number((await db.run(sql`SELECT count(*) AS n FROM forum_posts p WHERE p.topic_id = ${topicId} AND ${visible}`)).rows[0]!.n);
  const r = await db.run(sql`
    SELECT p.id, p.author_id, u.name, u.organisation, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.hidden_by, p.hidden_reason, p.body_html, p.body,
      p.held_at, p.held_reason, p.sent_back_at,
      (SELECT count(*) FROM forum_flags f WHERE f.post_id = p.id AND f.resolved_at IS NULL) AS open_flags,
      (SELECT count(*) FROM forum_post_versions v WHERE v.post_id = p.id) AS versions
    FROM forum_posts p LEFT JOIN users u ON u.id = p.author_id
    WHERE p.topic_id = ${topicId} AND ${visible} ORDER BY p.id
    LIMIT ${POSTS_PER_PAGE} OFFSET ${(Math.max(1, page) - 1) * POSTS_PER_PAGE}`);
  const posts = r.rows.map((row) => {
    const hidden = row.hidden_at !== null;
    const deleted = row.deleted_at !== null;
    const authorId = row.author_id === null ? null : Number(row.author_id);
    const held = row.held_at !== null;
    const mayRead = !deleted && (!hidden || moderator);
    const authorOrModerator = moderator || (authorId !== null && authorId === readerId);
    return {
      id: Number(row.id),
      authorId,
      authorName: row.name === null ? null : String(row.name),
      authorOrganisation: row.organisation === null ? null : String(row.organisation),
      createdAt: Number(row.created_at),
      editedAt: row.edited_at === null ? null : Number(row.edited_at),
      deleted,
      hidden,
      hiddenByFlags: hidden && row.hidden_by === null,
      hiddenReason: authorOrModerator && row.hidden_reason !== null ? String(row.hidden_reason) : null,
      held,
      heldReason: held && authorOrModerator && row.held_reason !== null ? String(row.held_reason) : null,
      sentBack: held && row.sent_back_at !== null,
      html: mayRead ? String(row.body_html) : '',
      body: mayRead && (moderator || authorId === readerId) ? String(row.body) : '',
      openFlags: moderator ? Number(row.open_flags) : 0,
      versions: moderator ? Number(row.versions) : 0,
    };
  });
  return { posts, total, pages: Math.max(1, Math.ceil(total / POSTS_PER_PAGE)) };
}

/** The page of a topic a post is on, for links to a post (held posts are counted: pages may differ by a post for readers who cannot see them). */
export async function pageOfPost(db: Reader, postId: number): Promise<{ topicId: number; page: number } | undefined> {
  const r = (await db.run(sql`SELECT topic_id, (SELECT count(*) FROM forum_posts q WHERE q.topic_id = p.topic_id AND q.id < p.id) AS before FROM forum_posts p WHERE p.id = ${postId}`)).rows[0];
  if (!r) return undefined;
  return { topicId: Number(r.topic_id), page: Math.floor(Number(r.before) / POSTS_PER_PAGE) + 1 };
}

/** A post's earlier versions, newest first: moderators only. */
export async function versionsOf(db: Reader, postId: number): Promise<{ body: string; replacedAt: number }[]> {
  const r = await db.run(sql`SELECT body, replaced_at FROM forum_post_versions WHERE post_id = ${postId} ORDER BY id DESC`);
  return r.rows.map((row) => ({ body: String(row.body), replacedAt: Number(row.replaced_at) }));
}

export async function isWatching(db: Reader, userId: number, topicId: number): Promise<boolean> {
  return (await db.run(sql`SELECT 1 FROM forum_watches WHERE user_id = ${userId} AND topic_id = ${topicId}`)).rows.length > 0;
}

export interface SearchHit {
  postId: number;
  topicId: number;
  topicSlug: string;
  title: string;
  categoryTitle: string;
  /** Safe HTML: the text is escaped and matches wrapped in <mark>. */
  snippet: string;
  createdAt: number;
  /** The page of the topic the post is on. */
  page: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words typed become an FTS5 query of quoted terms, so no input is ever a syntax error. */
export function ftsQuery(input: string): string {
  const words = input.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 12)
    .map((w) => `"${w}"`)
    .join(' ');
}

/** Counting stops here: beyond it the page says "more than 1,000" rather than scan every match. */
export const SEARCH_COUNT_LIMIT = 1000;

/**
 * A short, safe excerpt around the first word that matches: HTML-escaped, with matching
 * words in <mark>. Words match when they start with a search term, as stemming would allow.
 */
export function highlight(text: string, terms: readonly string[], words = 24): string {
  const tokens = text.replace(/\s+/g, ' ').trim().split(' ');
  const stems = terms.map((t) => t.toLowerCase().slice(0, Math.max(3, t.length - 2)));
  const matches = (token: string) => {
    const bare = token.toLowerCase().replace(/^[^\p{L}\p{N}]+/u, '');
    return stems.some((s) => bare.startsWith(s));
  };
  const first = Math.max(0, tokens.findIndex(matches));
  const start = Math.max(0, first - Math.floor(words / 3));
  const slice = tokens.slice(start, start + words);
  const body = slice.map((t) => (matches(t) ? `<mark>${escapeHtml(t)}</mark>` : escapeHtml(t))).join(' ');
  return `${start > 0 ? '… ' : ''}${body}${start + words < tokens.length ? ' …' : ''}`;
}

/** How many of the newest matches are ranked by relevance; later pages go on newest first. */
export const SEARCH_RANKED = 200;

/**
 * Ranked full-text search over visible posts. The terms are not logged or stored.
 *
 * The local database driver runs each statement on the event loop. Ranking with bm25 costs
 * time for every row it scores, and ranking every match of a common word took about 40 ms
 * at 100,000 posts, stalling every other request. So the newest SEARCH_RANKED matches are
 * ranked (FTS5 walks its index newest first and stops there), and pages past them list the
 * older matches newest first; counting stops after SEARCH_COUNT_LIMIT. Details and
 * excerpts are then read for the page's posts alone.
 */
export async function searchForum(db: Reader, input: string, page = 1, perPage = 20): Promise<{ hits: SearchHit[]; total: number; more: boolean }> {
  const query = ftsQuery(input);
  if (!query) return { hits: [], total: 0, more: false };
  const counted = Number(
    (await db.run(sql`SELECT count(*) AS n FROM (SELECT 1 FROM forum_search WHERE forum_search MATCH ${query} LIMIT ${SEARCH_COUNT_LIMIT + 1})`)).rows[0]!.n,
  );
  const total = Math.min(counted, SEARCH_COUNT_LIMIT);
  const start = (Math.max(1, page) - 1) * perPage;
  const end = Math.min(start + perPage, total);
  const ids: number[] = [];
  if (start < SEARCH_RANKED && start < end) {
    const ranked = await db.run(sql`
      SELECT post_id, bm25(forum_search, 5.0, 1.0) AS score FROM forum_search WHERE forum_search MATCH ${query}
      ORDER BY rowid DESC LIMIT ${SEARCH_RANKED}`);
    // Lower bm25 is better; among equals, the newer post (rows arrive newest first) first.
    ranked.rows
      .map((r, order) => ({ id: Number(r.post_id), score: Number(r.score), order }))
      .sort((a, b) => a.score - b.score || a.order - b.order)
      .slice(start, end)
      .forEach((c) => ids.push(c.id));
  }
  const from = Math.max(start, SEARCH_RANKED);
  if (from < end) {
    const older = await db.run(sql`
      SELECT post_id FROM forum_search WHERE forum_search MATCH ${query}
      ORDER BY rowid DESC LIMIT ${end - from} OFFSET ${from}`);
    for (const r of older.rows) ids.push(Number(r.post_id));
  }
  if (!ids.length) return { hits: [], total, more: counted > SEARCH_COUNT_LIMIT };
  const details = await db.run(sql`
    SELECT p.id, p.topic_id, p.body, p.created_at, t.slug, t.title, c.title AS category_title,
      (SELECT count(*) FROM forum_posts q WHERE q.topic_id = p.topic_id AND q.id < p.id) / ${POSTS_PER_PAGE} + 1 AS page
    FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id JOIN forum_categories c ON c.id = t.category_id
    WHERE p.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) AND p.held_at IS NULL AND p.hidden_at IS NULL AND t.hidden_at IS NULL`);
  const byId = new Map(details.rows.map((row) => [Number(row.id), row]));
  const terms = input.match(/[\p{L}\p{N}]+/gu) ?? [];
  return {
    total,
    more: counted > SEARCH_COUNT_LIMIT,
    hits: ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          postId: id,
          topicId: Number(row.topic_id),
          topicSlug: String(row.slug),
          title: String(row.title),
          categoryTitle: String(row.category_title),
          snippet: highlight(plainText(String(row.body)), terms),
          createdAt: Number(row.created_at),
          page: Number(row.page),
        },
      ];
    }),
  };
}

export interface QueueItem {
  postId: number;
  topicId: number;
  topicSlug: string;
  topicTitle: string;
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
  flags: { reason: string; detail: string; by: string; at: number }[];
}

/** Held posts first (oldest first), then posts with open flags: the moderators' queue. */
export async function moderationQueue(db: Reader): Promise<QueueItem[]> {
  const posts = await db.run(sql`
    SELECT p.id, p.topic_id, t.slug, t.title, u.name, p.hidden_at, p.hidden_reason, p.body, p.held_at, p.held_reason, p.sent_back_at,
      p.id = (SELECT min(id) FROM forum_posts q WHERE q.topic_id = p.topic_id) AS opening
    FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id LEFT JOIN users u ON u.id = p.author_id
    WHERE p.deleted_at IS NULL AND (
      (p.held_at IS NOT NULL AND p.hidden_at IS NULL)
      OR EXISTS (SELECT 1 FROM forum_flags f WHERE f.post_id = p.id AND f.resolved_at IS NULL))
    ORDER BY (p.held_at IS NOT NULL AND p.hidden_at IS NULL) DESC, p.sent_back_at IS NOT NULL,
      COALESCE(p.held_at, (SELECT min(created_at) FROM forum_flags f WHERE f.post_id = p.id AND f.resolved_at IS NULL)), p.id`);
  const items: QueueItem[] = [];
  for (const row of posts.rows) {
    const flags = await db.run(sql`
      SELECT f.reason, f.detail, u.name, f.created_at FROM forum_flags f JOIN users u ON u.id = f.user_id
      WHERE f.post_id = ${Number(row.id)} AND f.resolved_at IS NULL ORDER BY f.id`);
    items.push({
      postId: Number(row.id),
      topicId: Number(row.topic_id),
      topicSlug: String(row.slug),
      topicTitle: String(row.title),
      authorName: row.name === null ? null : String(row.name),
      hidden: row.hidden_at !== null,
      hiddenReason: row.hidden_reason === null ? null : String(row.hidden_reason),
      held: row.held_at !== null && row.hidden_at === null,
      heldReason: row.held_reason === null ? null : String(row.held_reason),
      sentBack: row.sent_back_at !== null,
      opening: Boolean(Number(row.opening)),
      heldAt: row.held_at === null ? null : Number(row.held_at),
      body: String(row.body),
      flags: flags.rows.map((f) => ({ reason: String(f.reason), detail: String(f.detail), by: String(f.name), at: Number(f.created_at) })),
    });
  }
  return items;
}

export interface NotificationView {
  id: number;
  kind: 'reply' | 'mention';
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  postId: number;
  actorName: string | null;
  excerpt: string;
  createdAt: number;
  read: boolean;
}

/** A notification about a held post or a hidden topic is kept back (the topic's title may identify someone). */
const NOTIFICATION_VISIBLE = sql`NOT EXISTS (SELECT 1 FROM forum_posts hp JOIN forum_topics ht ON ht.id = hp.topic_id
  WHERE hp.id = n.post_id AND (hp.held_at IS NOT NULL OR ht.hidden_at IS NOT NULL))`;

/** A member's notifications, newest first. Hidden or deleted posts' text is never included. */
export async function notificationsOf(db: Reader, userId: number, limit = 50): Promise<NotificationView[]> {
  const r = await db.run(sql`
    SELECT n.id, n.kind, n.topic_id, t.slug, t.title, n.post_id, u.name, n.created_at, n.read_at,
      CASE WHEN p.hidden_at IS NULL AND p.deleted_at IS NULL THEN p.body ELSE '' END AS body
    FROM notifications n JOIN forum_topics t ON t.id = n.topic_id JOIN forum_posts p ON p.id = n.post_id LEFT JOIN users u ON u.id = n.actor_id
    WHERE n.user_id = ${userId} AND ${NOTIFICATION_VISIBLE} ORDER BY n.id DESC LIMIT ${limit}`);
  return r.rows.map((row) => ({
    id: Number(row.id),
    kind: String(row.kind) as NotificationView['kind'],
    topicId: Number(row.topic_id),
    topicSlug: String(row.slug),
    topicTitle: String(row.title),
    postId: Number(row.post_id),
    actorName: row.name === null ? null : String(row.name),
    excerpt: excerpt(String(row.body)),
    createdAt: Number(row.created_at),
    read: row.read_at !== null,
  }));
}

export async function unreadCount(db: Reader, userId: number): Promise<number> {
  return Number((await db.run(sql`SELECT count(*) AS n FROM notifications n WHERE n.user_id = ${userId} AND n.read_at IS NULL AND ${NOTIFICATION_VISIBLE}`)).rows[0]!.n);
}

export async function wantsDigest(db: Reader, userId: number): Promise<boolean> {
  return (await db.run(sql`SELECT 1 FROM forum_digest_subscribers WHERE user_id = ${userId}`)).rows.length > 0;
}

/**
 * The opt-in e-mail digest: once a day at most, each subscriber gets their unread
 * notifications not yet digested, by topic title only, with a link. No post text is e-mailed.
 */
export async function sendDigests(portal: PortalDb, baseUrl: string, now = unixNow()): Promise<number> {
  return portal.write(async (tx) => {
    const due = await tx.run(sql`
      SELECT s.user_id, u.email, u.name FROM forum_digest_subscribers s JOIN users u ON u.id = s.user_id
      WHERE u.status = 'active' AND (s.last_sent_at IS NULL OR s.last_sent_at <= ${now - 86400})
        AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = s.user_id AND n.read_at IS NULL AND n.digested_at IS NULL AND ${NOTIFICATION_VISIBLE})`);
    for (const row of due.rows) {
      const userId = Number(row.user_id);
      const items = await tx.run(sql`
        UPDATE notifications AS n SET digested_at = ${now} WHERE n.user_id = ${userId} AND n.read_at IS NULL AND n.digested_at IS NULL AND ${NOTIFICATION_VISIBLE}
        RETURNING kind, topic_id`);
      const topics = new Map<number, { replies: number; mentions: number }>();
      for (const i of items.rows) {
        const t = topics.get(Number(i.topic_id)) ?? { replies: 0, mentions: 0 };
        if (i.kind === 'mention') t.mentions++;
        else t.replies++;
        topics.set(Number(i.topic_id), t);
      }
      const titles = await tx.run(sql`SELECT id, title FROM forum_topics WHERE id IN (${sql.join([...topics.keys()].map((k) => sql`${k}`), sql`, `)})`);
      const lines = titles.rows.map((t) => {
        const c = topics.get(Number(t.id))!;
        const parts = [c.replies ? `${c.replies} new ${c.replies === 1 ? 'reply' : 'replies'}` : '', c.mentions ? `mentioned ${c.mentions === 1 ? 'once' : `${c.mentions} times`}` : ''].filter(Boolean);
        return `- ${String(t.title)}: ${parts.join(', ')}`;
      });
      await queueEmail(tx, {
        to: String(row.email),
        subject: 'Your forum digest',
        body: `Dear ${String(row.name)},\n\nSince your last digest:\n\n${lines.join('\n')}\n\nRead them here:\n${baseUrl}/account/notifications\n\nTo stop these e-mails, turn off the digest on that page.\n\nTroubled Families Practitioner Portal\nKent County Council`,
      });
      await tx.run(sql`UPDATE forum_digest_subscribers SET last_sent_at = ${now} WHERE user_id = ${userId}`);
    }
    return due.rows.length;
  });
}
