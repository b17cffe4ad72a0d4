/**
 * What may be posted to the forum, and when: the length and character rules for titles and
 * messages, the personal-data guard's verdict on each, and the posting limits. Pure: the
 * forum service (`lib/server/forum/forum.ts`) reads a member's recent posts, asks these
 * functions, and writes only what they allow.
 */
import { unsafeCharactersProblem } from '../text.ts';
import { describeWait } from '../wait.ts';
import { checkPersonalData, guardMessages, type GuardResult } from './guard.ts';

export const TITLE_MIN = 10;
export const TITLE_MAX = 150;
export const BODY_MIN = 10;
export const BODY_MAX = 20_000;
export const TOPICS_PER_PAGE = 30;
export const POSTS_PER_PAGE = 20;

/**
 * Discourse's defaults (its site settings `rate_limit_create_topic`, `rate_limit_create_post`,
 * `max_topics_in_first_day` and `max_replies_in_first_day`): a pause between posts, and a cap
 * for an account's first day. The first day runs from the account's approval.
 */
export const LIMITS = {
  secondsBetweenPosts: 5,
  secondsBetweenTopics: 15,
  newAccountSeconds: 24 * 3600,
  newAccountTopicsPerDay: 3,
  newAccountRepliesPerDay: 10,
} as const;

export type FieldErrors = Partial<Record<'title' | 'body' | 'reason' | 'form', string>>;

/** Why a post was not accepted as written. */
export type PostRefusal =
  | { ok: false; reason: 'invalid'; errors: FieldErrors }
  | { ok: false; reason: 'personal-data'; field: 'title' | 'body'; guard: Extract<GuardResult, { ok: false }> };

/** A posting limit reached: when the member may post again, and why in words. */
export type TooSoon = { ok: false; reason: 'too-soon'; retryAfter: number; message: string };

/** A post that passed, perhaps to be held: `held` is the reason shown to its author and moderators. */
export type PostCheck = { ok: true; held: string | null };

/** The problem with a topic title, or undefined when it may be used. */
export function checkTitle(title: string): string | undefined {
  const t = title.trim();
  if (!t) return 'Enter a title';
  if (t.length < TITLE_MIN) return `Title must be ${TITLE_MIN} characters or more`;
  if (t.length > TITLE_MAX) return `Title must be ${TITLE_MAX} characters or fewer`;
  return unsafeCharactersProblem(t, 'Title') ?? undefined;
}

/** The problem with a message, or undefined when it may be posted. */
export function checkBody(body: string): string | undefined {
  const b = body.trim();
  if (!b) return 'Enter your message';
  if (b.length < BODY_MIN) return `Message must be ${BODY_MIN} characters or more`;
  if (b.length > BODY_MAX) return `Message must be ${BODY_MAX.toLocaleString('en-GB')} characters or fewer`;
  return unsafeCharactersProblem(b, 'Message', { multiline: true }) ?? undefined;
}

/**
 * Field checks, then the personal-data guard on each field. Pages use it for previews, the
 * forum service before every write. A post the guard would hold passes only with `allowHold`
 * (the author chose to send it to a moderator), and then carries the reason it is held.
 * A refusal anywhere comes before a hold, and the title's findings before the message's.
 */
export function checkPost(fields: { title?: string; body: string }, { allowHold = false }: { allowHold?: boolean } = {}): PostCheck | PostRefusal {
  const errors: FieldErrors = {};
  if (fields.title !== undefined) {
    const e = checkTitle(fields.title);
    if (e) errors.title = e;
  }
  const e = checkBody(fields.body);
  if (e) errors.body = e;
  if (Object.keys(errors).length) return { ok: false, reason: 'invalid', errors };
  const titleGuard = fields.title === undefined ? ({ ok: true } as const) : checkPersonalData(fields.title);
  const bodyGuard = checkPersonalData(fields.body);
  if (!titleGuard.ok && titleGuard.outcome === 'refuse') return { ok: false, reason: 'personal-data', field: 'title', guard: titleGuard };
  if (!bodyGuard.ok && bodyGuard.outcome === 'refuse') return { ok: false, reason: 'personal-data', field: 'body', guard: bodyGuard };
  if (!titleGuard.ok && !allowHold) return { ok: false, reason: 'personal-data', field: 'title', guard: titleGuard };
  if (!bodyGuard.ok && !allowHold) return { ok: false, reason: 'personal-data', field: 'body', guard: bodyGuard };
  const reasons = [...(titleGuard.ok ? [] : guardMessages(titleGuard)), ...(bodyGuard.ok ? [] : guardMessages(bodyGuard))];
  return { ok: true, held: reasons.length ? reasons.join(' ') : null };
}

/**
 * A moderator's new title: the same length and character rules, and definite identifiers
 * refused. What the guard would only hold is the moderator's own judgement to make.
 */
export function checkModeratorTitle(
  title: string,
): { ok: true } | { ok: false; reason: 'invalid'; message: string } | { ok: false; reason: 'personal-data'; guard: Extract<GuardResult, { ok: false }> } {
  const error = checkTitle(title);
  if (error) return { ok: false, reason: 'invalid', message: error };
  const guard = checkPersonalData(title);
  if (!guard.ok && guard.outcome === 'refuse') return { ok: false, reason: 'personal-data', guard };
  return { ok: true };
}

/** What the posting limits need to know about a member's own recent posts, in epoch seconds. */
export interface PostingHistory {
  /** Their latest post of any kind (a topic's opening post included), or null. */
  lastPostAt: number | null;
  /** The latest topic they started, or null. */
  lastTopicAt: number | null;
  /** Topics they started since `firstDayCountsSince(now)`. */
  topicsToday: number;
  /** Replies (posts that do not open a topic) since `firstDayCountsSince(now)`. */
  repliesToday: number;
  /** When the account was approved (or created, when approval was not needed); null if unknown. */
  joinedAt: number | null;
}

/** The start of the rolling day over which a new account's topics and replies are counted. */
export function firstDayCountsSince(now: number): number {
  return now - LIMITS.newAccountSeconds;
}

/**
 * Whether a member may post a topic or a reply now, given their own recent posts: null when
 * they may, or the limit reached with when they may try again. The pause between posts comes
 * first, then the pause between topics, then a new account's first-day caps.
 */
export function postingLimit(history: PostingHistory, kind: 'topic' | 'reply', now: number): TooSoon | null {
  const since = (t: number | null) => (t === null ? Infinity : now - t);
  const lastPost = since(history.lastPostAt);
  if (lastPost < LIMITS.secondsBetweenPosts) {
    const retryAfter = LIMITS.secondsBetweenPosts - lastPost;
    return { ok: false, reason: 'too-soon', retryAfter, message: `You posted a moment ago. Wait ${describeWait(retryAfter)}, then post again` };
  }
  if (kind === 'topic') {
    const lastTopic = since(history.lastTopicAt);
    if (lastTopic < LIMITS.secondsBetweenTopics) {
      const retryAfter = LIMITS.secondsBetweenTopics - lastTopic;
      return { ok: false, reason: 'too-soon', retryAfter, message: `You started a topic a moment ago. Wait ${describeWait(retryAfter)}, then start another` };
    }
  }
  if (history.joinedAt === null || now - history.joinedAt >= LIMITS.newAccountSeconds) return null;
  const retryAfter = history.joinedAt + LIMITS.newAccountSeconds - now;
  if (kind === 'topic' && history.topicsToday >= LIMITS.newAccountTopicsPerDay) {
    return { ok: false, reason: 'too-soon', retryAfter, message: `New members can start ${LIMITS.newAccountTopicsPerDay} topics on their first day. You can start more in ${describeWait(retryAfter)}` };
  }
  if (kind === 'reply' && history.repliesToday >= LIMITS.newAccountRepliesPerDay) {
    return { ok: false, reason: 'too-soon', retryAfter, message: `New members can post ${LIMITS.newAccountRepliesPerDay} replies on their first day. You can reply again in ${describeWait(retryAfter)}` };
  }
  return null;
}

/** The page of a topic a post is on, from the number of posts before it. */
export function pageOfPosition(postsBefore: number): number {
  return Math.floor(postsBefore / POSTS_PER_PAGE) + 1;
}
