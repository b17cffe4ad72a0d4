/**
 * The forum's row mappers, one per table: each turns a row as read (typed by drizzle's query
 * builder, or untyped from the few statements it cannot express: full-text search, counts
 * folded into one read) into the value the rest of the forum uses, so conversions live here
 * once rather than beside every query.
 */
import { pageOfPosition, type PostingHistory } from '../../domain/forum/posting.ts';
import type { StoredPost } from '../../domain/forum/visibility.ts';
import { excerpt } from './markdown.ts';

type Row = Record<string, unknown>;

/** An integer column (libSQL returns integers as numbers, or bigint for very large ones). */
export function int(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
}

/** A floating-point value, such as a full-text rank. */
export function real(value: unknown): number {
  if (typeof value === 'number') return value;
  throw new TypeError(`expected a real column, got ${typeof value}`);
}

/** An integer column that may be NULL. */
export function intOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

/** A text column. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a text column, got ${typeof value}`);
}

/** A text column that may be NULL. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

/** A member's recent posts, for the posting limits. */
export function historyFrom(row: Row): PostingHistory {
  return {
    lastPostAt: intOrNull(row.last_post),
    lastTopicAt: intOrNull(row.last_topic),
    topicsToday: int(row.topics_today),
    repliesToday: int(row.replies_today),
    joinedAt: intOrNull(row.joined),
  };
}

/** A topic as lists and pages show it. */
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

/** A topic row with its category and author, as queries.ts selects it. */
export interface TopicRow extends Omit<TopicSummary, 'replies' | 'hidden'> {
  postCount: number;
  hiddenAt: number | null;
}

/** forum_topics: the summary of a topic, its replies being its visible posts after the opening one. */
export function topicFrom(row: TopicRow): TopicSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    categoryId: row.categoryId,
    categorySlug: row.categorySlug,
    categoryTitle: row.categoryTitle,
    authorName: row.authorName,
    pinned: row.pinned,
    locked: row.locked,
    replies: Math.max(0, row.postCount - 1),
    createdAt: row.createdAt,
    lastPostAt: row.lastPostAt,
    authorId: row.authorId,
    hidden: row.hiddenAt !== null,
  };
}

/** forum_posts: a post row with its author and counts (counts from SQL arrive as numbers or bigints). */
export function postFrom(row: Omit<StoredPost, 'openFlags' | 'versions'> & { openFlags: unknown; versions: unknown }): StoredPost {
  return { ...row, openFlags: int(row.openFlags), versions: int(row.versions) };
}

/** A forum category with its visible topics and posts counted and its latest visible topic. */
export interface Category {
  id: number;
  slug: string;
  title: string;
  description: string;
  topics: number;
  posts: number;
  latest: { topicId: number; topicSlug: string; title: string; at: number } | null;
}

/** forum_categories, from listCategories' statement. */
export function categoryFrom(row: Row): Category {
  const latestId = intOrNull(row.latest_id);
  return {
    id: int(row.id),
    slug: text(row.slug),
    title: text(row.title),
    description: text(row.description),
    topics: int(row.topics),
    posts: int(row.posts),
    latest: latestId === null ? null : { topicId: latestId, topicSlug: text(row.latest_slug), title: text(row.latest_title), at: int(row.latest_at) },
  };
}

/** A notification as its member sees it. */
export interface NotificationView {
  id: number;
  kind: 'reply' | 'mention';
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  postId: number;
  /** The page of its topic the post is on. */
  page: number;
  actorName: string | null;
  excerpt: string;
  createdAt: number;
  read: boolean;
}

/** notifications, with the topic, the post and the actor joined: a hidden or deleted post gives no excerpt. */
export function notificationFrom(row: {
  id: number;
  kind: NotificationView['kind'];
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  postId: number;
  before: unknown;
  actorName: string | null;
  createdAt: number;
  readAt: number | null;
  body: string;
  postHiddenAt: number | null;
  postDeletedAt: number | null;
}): NotificationView {
  const readable = row.postHiddenAt === null && row.postDeletedAt === null;
  return {
    id: row.id,
    kind: row.kind,
    topicId: row.topicId,
    topicSlug: row.topicSlug,
    topicTitle: row.topicTitle,
    postId: row.postId,
    page: pageOfPosition(int(row.before)),
    actorName: row.actorName,
    excerpt: readable ? excerpt(row.body) : '',
    createdAt: row.createdAt,
    read: row.readAt !== null,
  };
}
