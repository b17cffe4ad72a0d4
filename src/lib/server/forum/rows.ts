/**
 * Row mappers for the forum's statements that drizzle's query builder cannot express (full-text
 * search, counts folded into one read): each turns the driver's untyped row into the typed
 * value the rest of the forum uses, so the conversions live here, once per kind of row,
 * rather than beside every query.
 */
import type { PostingHistory } from '../../domain/forum/posting.ts';

type Row = Record<string, unknown>;

/** An integer column (libSQL returns integers as numbers, or bigint for very large ones). */
export function int(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
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
