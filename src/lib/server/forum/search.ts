/**
 * Full-text search over the forum's visible posts. The statements here run in the search
 * worker (`search-worker.ts`), on a read-only connection of its own, so ranking never holds
 * the server's event loop; pages call `searchForumOffThread` in `search-pool.ts`. The
 * function itself takes any database handle, so tests and scripts can call it directly.
 *
 * What members can find is what they can read: the index (`forum_search`) holds only posts
 * that are not deleted, hidden or held in topics that are not hidden, and the details read
 * for each page of results check the same again, so a post held or hidden since it was
 * indexed never shows, not even to its author or a moderator.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { forumCategories, forumPosts, forumTopics } from '../../../../db/schema.ts';
import type { PortalDb } from '../../../../db/client.ts';
import { pageOfPosition } from '../../domain/forum/posting.ts';
import { escapeHtml } from '../../domain/html.ts';
import { int, real } from './rows.ts';
import { textOfPostHtml } from './markdown.ts';

type Reader = PortalDb['db'];

/**
 * How many posts of its topic come before a post: where it falls in the topic's pages. The
 * outer post's columns are named with their table: in a statement that reads forum_posts
 * alone, drizzle writes a column without its table, and inside the subquery that would be q's.
 */
export const postsBefore = sql<number>`(SELECT count(*) FROM forum_posts q WHERE q.topic_id = forum_posts.topic_id AND q.id < forum_posts.id)`;

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

/** One page of search results: the hits, how many posts match (up to the counting limit), and whether more do. */
export interface SearchResults {
  hits: SearchHit[];
  total: number;
  more: boolean;
}

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
 * Ranking with bm25 costs time for every row it scores: ranking every match of a common word
 * took about 40 ms at 100,000 posts. So the newest SEARCH_RANKED matches are ranked (FTS5
 * walks its index newest first and stops there), and pages past them list the older matches
 * newest first; counting stops after SEARCH_COUNT_LIMIT. Details are then read for the
 * page's posts alone, and excerpts are cut from the HTML stored when each post was saved
 * (parsing the Markdown again cost as much as the ranking).
 */
export async function searchForum(db: Reader, input: string, page = 1, perPage = 20): Promise<SearchResults> {
  const query = ftsQuery(input);
  if (!query) return { hits: [], total: 0, more: false };
  const counted = int((await db.run(sql`SELECT count(*) AS n FROM (SELECT 1 FROM forum_search WHERE forum_search MATCH ${query} LIMIT ${SEARCH_COUNT_LIMIT + 1})`)).rows[0]!.n);
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
      .map((r, order) => ({ id: int(r.post_id), score: real(r.score), order }))
      .sort((a, b) => a.score - b.score || a.order - b.order)
      .slice(start, end)
      .forEach((c) => ids.push(c.id));
  }
  const from = Math.max(start, SEARCH_RANKED);
  if (from < end) {
    const older = await db.run(sql`
      SELECT post_id FROM forum_search WHERE forum_search MATCH ${query}
      ORDER BY rowid DESC LIMIT ${end - from} OFFSET ${from}`);
    for (const r of older.rows) ids.push(int(r.post_id));
  }
  if (!ids.length) return { hits: [], total, more: counted > SEARCH_COUNT_LIMIT };
  const details = await db
    .select({
      id: forumPosts.id,
      topicId: forumPosts.topicId,
      bodyHtml: forumPosts.bodyHtml,
      createdAt: forumPosts.createdAt,
      topicSlug: forumTopics.slug,
      title: forumTopics.title,
      categoryTitle: forumCategories.title,
      before: postsBefore,
    })
    .from(forumPosts)
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .innerJoin(forumCategories, eq(forumCategories.id, forumTopics.categoryId))
    .where(and(inArray(forumPosts.id, ids), isNull(forumPosts.deletedAt), isNull(forumPosts.heldAt), isNull(forumPosts.hiddenAt), isNull(forumTopics.hiddenAt)));
  const byId = new Map(details.map((row) => [row.id, row]));
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
          topicId: row.topicId,
          topicSlug: row.topicSlug,
          title: row.title,
          categoryTitle: row.categoryTitle,
          snippet: highlight(textOfPostHtml(row.bodyHtml), terms),
          createdAt: row.createdAt,
          page: pageOfPosition(int(row.before)),
        },
      ];
    }),
  };
}
