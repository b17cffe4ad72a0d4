/**
 * The practitioners' forum: topics, replies, edits, deletion, flags, moderation, watching,
 * notifications and search.
 *
 * Every title, post and edit passes the personal-data guard before it is saved, here and not
 * only in the page, so no route can skip it. What the guard refuses is never saved; what it
 * would hold is saved only when the author chooses to send it to a moderator, and is then
 * seen by its author and moderators alone (not listed, searched, notified or digested) until
 * a moderator publishes it. Posting limits are checked inside the same write
 * transaction as the insert, against the member's own recent posts, so they hold across
 * instances. Moderator actions are written to the audit log.
 */
import { slugify, unsafeCharactersProblem } from '../../domain/text.ts';
import { nameKey } from '../../domain/account/display-name.ts';
import { sql } from 'drizzle-orm';
import { nowSeconds } from '../../time.ts';
import { describeWait } from '../forms.ts';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import type { FlagReason } from '../../../../db/schema.ts';
import { checkPersonalData, guardMessages, type GuardResult } from '../../domain/forum/guard.ts';
import { plainText, renderPost } from './markdown.ts';

export const TITLE_MIN = 10;
export const TITLE_MAX = 150;
export const BODY_MIN = 10;
export const BODY_MAX = 20_000;
export const TOPICS_PER_PAGE = 30;
export const POSTS_PER_PAGE = 20;
/** Flags from this many different members hide a post until a moderator looks. */
export const FLAGS_TO_HIDE = 3;

/** Discourse's defaults: a pause between posts, and a cap for an account's first day. */
export const LIMITS = {
  secondsBetweenPosts: 5,
  secondsBetweenTopics: 15,
  newAccountSeconds: 24 * 3600,
  newAccountTopicsPerDay: 3,
  newAccountRepliesPerDay: 10,
} as const;

/**
 * A topic's web address name, kept short because it follows the topic number in every link.
 * @example topicSlug('How do I run a TAF meeting?') // 'how-do-i-run-a-taf-meeting'
 * @example topicSlug('???') // 'topic'
 */
export function topicSlug(title: string): string {
  return slugify(title, 60) || 'topic';
}

export type FieldErrors = Partial<Record<'title' | 'body' | 'reason' | 'form', string>>;

export type WriteRefusal =
  | { ok: false; reason: 'invalid'; errors: FieldErrors }
  | { ok: false; reason: 'personal-data'; field: 'title' | 'body'; guard: Extract<GuardResult, { ok: false }> }
  | { ok: false; reason: 'too-soon'; retryAfter: number; message: string }
  | { ok: false; reason: 'not-found' | 'locked' | 'forbidden' };

function checkTitle(title: string): string | undefined {
  const t = title.trim();
  if (!t) return 'Enter a title';
  if (t.length < TITLE_MIN) return `Title must be ${TITLE_MIN} characters or more`;
  if (t.length > TITLE_MAX) return `Title must be ${TITLE_MAX} characters or fewer`;
  return unsafeCharactersProblem(t, 'Title') ?? undefined;
}

function checkBody(body: string): string | undefined {
  const b = body.trim();
  if (!b) return 'Enter your message';
  if (b.length < BODY_MIN) return `Message must be ${BODY_MIN} characters or more`;
  if (b.length > BODY_MAX) return `Message must be ${BODY_MAX.toLocaleString('en-GB')} characters or fewer`;
  return unsafeCharactersProblem(b, 'Message', { multiline: true }) ?? undefined;
}

/** A post that passed, perhaps to be held: `held` is the reason shown to its author and moderators. */
export type PostCheck = { ok: true; held: string | null };

/**
 * Field checks, then the personal-data guard on each field. Pure: pages use it for previews.
 * A post the guard would hold passes only with `allowHold` (the author chose to send it to a
 * moderator), and then carries the reason it is held.
 */
export function checkPost(
  fields: { title?: string; body: string },
  { allowHold = false }: { allowHold?: boolean } = {},
): PostCheck | Exclude<WriteRefusal, { reason: 'too-soon' | 'not-found' | 'locked' | 'forbidden' }> {
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
  // A refusal anywhere comes first; then a hold, unless the author has chosen to send it.
  if (!titleGuard.ok && titleGuard.outcome === 'refuse') return { ok: false, reason: 'personal-data', field: 'title', guard: titleGuard };
  if (!bodyGuard.ok && bodyGuard.outcome === 'refuse') return { ok: false, reason: 'personal-data', field: 'body', guard: bodyGuard };
  if (!titleGuard.ok && !allowHold) return { ok: false, reason: 'personal-data', field: 'title', guard: titleGuard };
  if (!bodyGuard.ok && !allowHold) return { ok: false, reason: 'personal-data', field: 'body', guard: bodyGuard };
  const reasons = [...(titleGuard.ok ? [] : guardMessages(titleGuard)), ...(bodyGuard.ok ? [] : guardMessages(bodyGuard))];
  return { ok: true, held: reasons.length ? reasons.join(' ') : null };
}


/** The posting limits, checked in the write transaction against the member's own posts. */
async function checkLimits(tx: Tx, userId: number, kind: 'topic' | 'reply', now: number): Promise<Extract<WriteRefusal, { reason: 'too-soon' }> | null> {
  const r = (
    await tx.run(sql`
      SELECT
        (SELECT max(created_at) FROM forum_posts WHERE author_id = ${userId}) AS last_post,
        (SELECT max(created_at) FROM forum_topics WHERE author_id = ${userId}) AS last_topic,
        (SELECT count(*) FROM forum_topics WHERE author_id = ${userId} AND created_at > ${now - 86400}) AS topics_today,
        (SELECT count(*) FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id
           WHERE p.author_id = ${userId} AND p.created_at > ${now - 86400} AND NOT (t.author_id = ${userId} AND p.created_at = t.created_at)) AS replies_today,
        (SELECT COALESCE(approved_at, created_at) FROM users WHERE id = ${userId}) AS joined`)
  ).rows[0]!;
  const since = (t: unknown) => (t === null ? Infinity : now - Number(t));
  const lastPost = since(r.last_post);
  if (lastPost < LIMITS.secondsBetweenPosts) {
    const retryAfter = LIMITS.secondsBetweenPosts - lastPost;
    return { ok: false, reason: 'too-soon', retryAfter, message: `You posted a moment ago. Wait ${describeWait(retryAfter)}, then post again` };
  }
  if (kind === 'topic') {
    const lastTopic = since(r.last_topic);
    if (lastTopic < LIMITS.secondsBetweenTopics) {
      const retryAfter = LIMITS.secondsBetweenTopics - lastTopic;
      return { ok: false, reason: 'too-soon', retryAfter, message: `You started a topic a moment ago. Wait ${describeWait(retryAfter)}, then start another` };
    }
  }
  const isNew = now - Number(r.joined) < LIMITS.newAccountSeconds;
  if (isNew) {
    const retryAfter = Number(r.joined) + LIMITS.newAccountSeconds - now;
    if (kind === 'topic' && Number(r.topics_today) >= LIMITS.newAccountTopicsPerDay) {
      return { ok: false, reason: 'too-soon', retryAfter, message: `New members can start ${LIMITS.newAccountTopicsPerDay} topics on their first day. You can start more in ${describeWait(retryAfter)}` };
    }
    if (kind === 'reply' && Number(r.replies_today) >= LIMITS.newAccountRepliesPerDay) {
      return { ok: false, reason: 'too-soon', retryAfter, message: `New members can post ${LIMITS.newAccountRepliesPerDay} replies on their first day. You can reply again in ${describeWait(retryAfter)}` };
    }
  }
  return null;
}

async function indexPost(tx: Tx, postId: number): Promise<void> {
  await tx.run(sql`DELETE FROM forum_search WHERE post_id = ${postId}`);
  await tx.run(sql`
    INSERT INTO forum_search (title, body, post_id, topic_id)
    SELECT t.title, p.body, p.id, t.id FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id
    WHERE p.id = ${postId} AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL AND t.hidden_at IS NULL`);
}

/** Every post of a topic, again: after its title changes or the topic is hidden or shown. */
async function indexTopic(tx: Tx, topicId: number): Promise<void> {
  const ids = await tx.run(sql`SELECT id FROM forum_posts WHERE topic_id = ${topicId}`);
  for (const r of ids.rows) await indexPost(tx, Number(r.id));
}

/** The id of a topic's opening post. */
async function openingPostOf(tx: Tx, topicId: number): Promise<number | null> {
  const r = (await tx.run(sql`SELECT min(id) AS id FROM forum_posts WHERE topic_id = ${topicId}`)).rows[0];
  return r?.id === null || r?.id === undefined ? null : Number(r.id);
}

/**
 * A topic is hidden from members while its opening post is held or hidden: its title may be
 * what identifies a family. Keeps topics.hidden_at and the search index in step.
 */
async function refreshTopicVisibility(tx: Tx, topicId: number, now: number): Promise<void> {
  const opener = await openingPostOf(tx, topicId);
  if (opener === null) return;
  const r = (await tx.run(sql`SELECT hidden_at, held_at FROM forum_posts WHERE id = ${opener}`)).rows[0]!;
  const hide = r.hidden_at !== null || r.held_at !== null;
  const topic = (await tx.run(sql`SELECT hidden_at FROM forum_topics WHERE id = ${topicId}`)).rows[0]!;
  if (hide === (topic.hidden_at !== null)) return;
  await tx.run(sql`UPDATE forum_topics SET hidden_at = ${hide ? now : null} WHERE id = ${topicId}`);
  await indexTopic(tx, topicId);
}

/** Keeps a topic's visible post count and latest activity right after any change. */
async function refreshTopic(tx: Tx, topicId: number): Promise<void> {
  await tx.run(sql`
    UPDATE forum_topics SET
      post_count = (SELECT count(*) FROM forum_posts WHERE topic_id = ${topicId} AND deleted_at IS NULL AND hidden_at IS NULL AND held_at IS NULL),
      last_post_at = COALESCE((SELECT max(created_at) FROM forum_posts WHERE topic_id = ${topicId} AND deleted_at IS NULL AND hidden_at IS NULL AND held_at IS NULL), created_at)
    WHERE id = ${topicId}`);
}

/**
 * `@Priya Shah` mentions of active members, by full name, compared by name key (see
 * display-name.ts). A mention is read as the longest run of its capitalised words that is a
 * member's name, so `@Priya Shah said` means Priya Shah, not a member called Priya as well.
 * When that name belongs to more than one member (possible only for names that clashed
 * before names had to differ), nobody is notified: a mention must never reach the wrong
 * person.
 */
async function mentionedUsers(tx: Tx, body: string): Promise<number[]> {
  const mentions: string[][] = [];
  for (const m of body.matchAll(/@([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})/g)) {
    const words = m[1]!.split(' ');
    const keys: string[] = [];
    for (let n = words.length; n >= 1; n--) keys.push(nameKey(words.slice(0, n).join(' ')));
    mentions.push(keys);
  }
  if (!mentions.length) return [];
  const keys = [...new Set(mentions.flat())];
  // Accounts without a key (a clashing name kept from before) are matched by their name's key.
  const rows = await tx.run(
    sql`SELECT id, name, name_key FROM users WHERE status = 'active' AND (name_key IN (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) OR name_key IS NULL)`,
  );
  const byKey = new Map<string, number[]>();
  for (const row of rows.rows) {
    const key = row.name_key === null ? nameKey(String(row.name)) : String(row.name_key);
    byKey.set(key, [...(byKey.get(key) ?? []), Number(row.id)]);
  }
  const found = new Set<number>();
  for (const candidates of mentions) {
    const match = candidates.find((key) => byKey.has(key));
    const ids = match === undefined ? [] : byKey.get(match)!;
    if (ids.length === 1) found.add(ids[0]!);
  }
  return [...found];
}

/** In-app notifications: watchers of the topic hear of the reply; mentioned members of the mention. */
async function notify(tx: Tx, topicId: number, postId: number, authorId: number, body: string, now: number): Promise<void> {
  for (const userId of await mentionedUsers(tx, body)) {
    if (userId === authorId) continue;
    await tx.run(sql`INSERT INTO notifications (user_id, kind, topic_id, post_id, actor_id, created_at) VALUES (${userId}, 'mention', ${topicId}, ${postId}, ${authorId}, ${now}) ON CONFLICT DO NOTHING`);
  }
  await tx.run(sql`
    INSERT INTO notifications (user_id, kind, topic_id, post_id, actor_id, created_at)
    SELECT w.user_id, 'reply', ${topicId}, ${postId}, ${authorId}, ${now} FROM forum_watches w
    WHERE w.topic_id = ${topicId} AND w.user_id <> ${authorId}
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = w.user_id AND n.post_id = ${postId})
    ON CONFLICT DO NOTHING`);
}

export type CreateTopicResult = { ok: true; topicId: number; slug: string; postId: number; held: boolean } | WriteRefusal;

/**
 * Starts a topic. With `hold`, a topic the guard would hold is saved for a moderator to check
 * (the topic is then hidden from everyone but its author and moderators); without it, it is
 * refused like any other finding, so the author is told first and can edit instead.
 */
export async function createTopic(
  portal: PortalDb,
  { categoryId, authorId, title, body, hold = false, now = nowSeconds() }: { categoryId: number; authorId: number; title: string; body: string; hold?: boolean; now?: number },
): Promise<CreateTopicResult> {
  const checked = checkPost({ title, body }, { allowHold: hold });
  if (!checked.ok) return checked;
  const held = checked.held;
  const html = renderPost(body.trim());
  return portal.write(async (tx): Promise<CreateTopicResult> => {
    const category = (await tx.run(sql`SELECT id FROM forum_categories WHERE id = ${categoryId}`)).rows[0];
    if (!category) return { ok: false, reason: 'not-found' };
    const limited = await checkLimits(tx, authorId, 'topic', now);
    if (limited) return limited;
    const slug = topicSlug(title);
    const topic = await tx.run(sql`
      INSERT INTO forum_topics (category_id, author_id, title, slug, post_count, created_at, last_post_at, hidden_at)
      VALUES (${categoryId}, ${authorId}, ${title.trim()}, ${slug}, ${held ? 0 : 1}, ${now}, ${now}, ${held ? now : null}) RETURNING id`);
    const topicId = Number(topic.rows[0]!.id);
    const post = await tx.run(sql`
      INSERT INTO forum_posts (topic_id, author_id, body, body_html, created_at, held_at, held_reason)
      VALUES (${topicId}, ${authorId}, ${body.trim()}, ${html}, ${now}, ${held ? now : null}, ${held}) RETURNING id`);
    const postId = Number(post.rows[0]!.id);
    await tx.run(sql`INSERT INTO forum_watches (user_id, topic_id, created_at) VALUES (${authorId}, ${topicId}, ${now}) ON CONFLICT DO NOTHING`);
    if (held) {
      await audit(tx, null, 'forum.held', authorId, { postId, topicId }, now);
    } else {
      await indexPost(tx, postId);
      await notify(tx, topicId, postId, authorId, body, now);
    }
    return { ok: true, topicId, slug, postId, held: held !== null };
  });
}

export type ReplyResult = { ok: true; postId: number; held: boolean } | WriteRefusal;

/** Replies to a topic; `hold` as for createTopic. */
export async function reply(
  portal: PortalDb,
  { topicId, authorId, body, hold = false, now = nowSeconds() }: { topicId: number; authorId: number; body: string; hold?: boolean; now?: number },
): Promise<ReplyResult> {
  const checked = checkPost({ body }, { allowHold: hold });
  if (!checked.ok) return checked;
  const held = checked.held;
  const html = renderPost(body.trim());
  return portal.write(async (tx): Promise<ReplyResult> => {
    const topic = (await tx.run(sql`SELECT id, locked, hidden_at, author_id FROM forum_topics WHERE id = ${topicId}`)).rows[0];
    if (!topic) return { ok: false, reason: 'not-found' };
    // A hidden topic takes no replies, except from its author while its opening post waits.
    if (topic.hidden_at !== null && Number(topic.author_id) !== authorId) return { ok: false, reason: 'not-found' };
    if (Number(topic.locked)) return { ok: false, reason: 'locked' };
    const limited = await checkLimits(tx, authorId, 'reply', now);
    if (limited) return limited;
    const post = await tx.run(sql`
      INSERT INTO forum_posts (topic_id, author_id, body, body_html, created_at, held_at, held_reason)
      VALUES (${topicId}, ${authorId}, ${body.trim()}, ${html}, ${now}, ${held ? now : null}, ${held}) RETURNING id`);
    const postId = Number(post.rows[0]!.id);
    await refreshTopic(tx, topicId);
    await tx.run(sql`INSERT INTO forum_watches (user_id, topic_id, created_at) VALUES (${authorId}, ${topicId}, ${now}) ON CONFLICT DO NOTHING`);
    if (held) {
      await audit(tx, null, 'forum.held', authorId, { postId, topicId }, now);
    } else {
      await indexPost(tx, postId);
      await notify(tx, topicId, postId, authorId, body, now);
    }
    return { ok: true, postId, held: held !== null };
  });
}

export type EditResult = { ok: true; held?: boolean } | WriteRefusal;

/**
 * Authors edit their own posts; the previous text is kept for moderators. A held post stays
 * held after an edit and goes back to the moderators' queue (a moderator publishes it); a
 * published post that the guard would now hold is held again, with `hold`.
 */
export async function editPost(
  portal: PortalDb,
  { postId, userId, body, title, hold = false, now = nowSeconds() }: { postId: number; userId: number; body: string; title?: string; hold?: boolean; now?: number },
): Promise<EditResult> {
  const checked = checkPost(title === undefined ? { body } : { title, body }, { allowHold: hold });
  if (!checked.ok) return checked;
  const html = renderPost(body.trim());
  return portal.write(async (tx): Promise<EditResult> => {
    const post = (await tx.run(sql`
      SELECT p.id, p.author_id, p.body, p.deleted_at, p.hidden_at, p.held_at, p.held_reason, p.topic_id, t.locked,
        p.id = (SELECT min(id) FROM forum_posts q WHERE q.topic_id = p.topic_id) AS opener
      FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id WHERE p.id = ${postId}`)).rows[0];
    if (!post || post.deleted_at !== null) return { ok: false, reason: 'not-found' };
    if (Number(post.author_id) !== userId) return { ok: false, reason: 'forbidden' };
    if (Number(post.locked)) return { ok: false, reason: 'locked' };
    const topicId = Number(post.topic_id);
    const wasHeld = post.held_at !== null;
    // Held before: stays held, with the new reason (or a plain one when the guard now finds nothing).
    const heldReason = checked.held ?? (wasHeld ? 'Edited by its author while waiting for a moderator' : null);
    await tx.run(sql`INSERT INTO forum_post_versions (post_id, body, replaced_at) VALUES (${postId}, ${String(post.body)}, ${now})`);
    await tx.run(sql`
      UPDATE forum_posts SET body = ${body.trim()}, body_html = ${html}, edited_at = ${now},
        held_at = ${heldReason === null ? null : wasHeld ? Number(post.held_at) : now}, held_reason = ${heldReason}, sent_back_at = NULL
      WHERE id = ${postId}`);
    if (heldReason !== null && !wasHeld) {
      await tx.run(sql`DELETE FROM notifications WHERE post_id = ${postId}`);
      await audit(tx, null, 'forum.held', userId, { postId, topicId }, now);
    }
    if (title !== undefined && Number(post.opener)) {
      await tx.run(sql`UPDATE forum_topics SET title = ${title.trim()}, slug = ${topicSlug(title)} WHERE id = ${topicId}`);
    }
    await refreshTopic(tx, topicId);
    await refreshTopicVisibility(tx, topicId, now);
    if (title !== undefined && Number(post.opener)) await indexTopic(tx, topicId);
    else await indexPost(tx, postId);
    return { ok: true, held: heldReason !== null };
  });
}

/** Authors delete their own posts: the text goes, a placeholder stays in the thread. */
export async function deletePost(portal: PortalDb, { postId, userId, now = nowSeconds() }: { postId: number; userId: number; now?: number }): Promise<EditResult> {
  return portal.write(async (tx): Promise<EditResult> => {
    const post = (await tx.run(sql`SELECT author_id, topic_id, deleted_at, body FROM forum_posts WHERE id = ${postId}`)).rows[0];
    if (!post || post.deleted_at !== null) return { ok: false, reason: 'not-found' };
    if (Number(post.author_id) !== userId) return { ok: false, reason: 'forbidden' };
    // The text is removed for everyone: members asked for it to go, so moderators keep no copy either.
    await tx.run(sql`DELETE FROM forum_post_versions WHERE post_id = ${postId}`);
    await tx.run(sql`UPDATE forum_posts SET body = '', body_html = '', deleted_at = ${now} WHERE id = ${postId}`);
    await tx.run(sql`DELETE FROM notifications WHERE post_id = ${postId}`);
    await indexPost(tx, postId);
    await refreshTopic(tx, Number(post.topic_id));
    return { ok: true };
  });
}

/** What the audit log says about a forum action, in the same transaction as the action. */
async function audit(tx: Tx, actorId: number | null, action: string, targetUser: number | null, detail: Record<string, unknown>, now: number): Promise<void> {
  await tx.run(sql`INSERT INTO audit_log (actor_id, action, target_user_id, detail, created_at) VALUES (${actorId}, ${action}, ${targetUser}, ${JSON.stringify(detail)}, ${now})`);
}

/** Why a post hidden by members' flags is hidden, in words a reader understands. */
export const FLAG_HIDDEN_REASON = `Hidden after ${FLAGS_TO_HIDE} members flagged it`;

export type FlagResult = { ok: true; hidden: boolean } | { ok: false; reason: 'not-found' | 'already-flagged' | 'own-post' };

/** A member reports a post. Three members' flags hide it until a moderator looks. */
export async function flagPost(
  portal: PortalDb,
  { postId, userId, reason, detail = '', now = nowSeconds() }: { postId: number; userId: number; reason: FlagReason; detail?: string; now?: number },
): Promise<FlagResult> {
  return portal.write(async (tx): Promise<FlagResult> => {
    const post = (await tx.run(sql`SELECT author_id, topic_id, hidden_at, held_at, deleted_at FROM forum_posts WHERE id = ${postId}`)).rows[0];
    if (!post || post.deleted_at !== null || post.held_at !== null) return { ok: false, reason: 'not-found' };
    if (Number(post.author_id) === userId) return { ok: false, reason: 'own-post' };
    const inserted = await tx.run(sql`
      INSERT INTO forum_flags (post_id, user_id, reason, detail, created_at) VALUES (${postId}, ${userId}, ${reason}, ${detail.slice(0, 1000)}, ${now})
      ON CONFLICT (post_id, user_id) DO NOTHING RETURNING id`);
    if (!inserted.rows.length) return { ok: false, reason: 'already-flagged' };
    const open = Number((await tx.run(sql`SELECT count(DISTINCT user_id) AS n FROM forum_flags WHERE post_id = ${postId} AND resolved_at IS NULL`)).rows[0]!.n);
    if (open >= FLAGS_TO_HIDE && post.hidden_at === null) {
      await tx.run(sql`UPDATE forum_posts SET hidden_at = ${now}, hidden_by = NULL, hidden_reason = ${FLAG_HIDDEN_REASON} WHERE id = ${postId}`);
      await indexPost(tx, postId);
      await refreshTopic(tx, Number(post.topic_id));
      await refreshTopicVisibility(tx, Number(post.topic_id), now);
      await tx.run(sql`INSERT INTO audit_log (actor_id, action, target_user_id, detail, created_at) VALUES (NULL, 'forum.auto-hide', ${Number(post.author_id)}, ${JSON.stringify({ postId, flags: open })}, ${now})`);
      return { ok: true, hidden: true };
    }
    return { ok: true, hidden: post.hidden_at !== null };
  });
}

export type ModeratorAction =
  | { action: 'hide'; postId: number; reason: string }
  | { action: 'restore'; postId: number }
  | { action: 'dismiss-flags'; postId: number }
  /** A held post: published as it is, sent back to its author with a note, or removed for good. */
  | { action: 'publish'; postId: number }
  | { action: 'send-back'; postId: number; note: string }
  | { action: 'remove'; postId: number; reason: string }
  | { action: 'lock' | 'unlock' | 'pin' | 'unpin'; topicId: number }
  | { action: 'move'; topicId: number; categoryId: number }
  /** A title that identifies a family is changed by a moderator; the old title is not logged. */
  | { action: 'edit-title'; topicId: number; title: string };

export type ModerateResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'not-held' }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'personal-data'; guard: Extract<GuardResult, { ok: false }> };

/** A moderator's action, written to the audit log in the same transaction. */
export async function moderate(portal: PortalDb, actorId: number, act: ModeratorAction, now = nowSeconds()): Promise<ModerateResult> {
  if (act.action === 'edit-title') {
    const error = checkTitle(act.title);
    if (error) return { ok: false, reason: 'invalid', message: error };
    const guard = checkPersonalData(act.title);
    // A moderator's own title may still be held-worthy in the guard's eyes; moderators are
    // the ones who judge that, but a definite identifier is refused to them too.
    if (!guard.ok && guard.outcome === 'refuse') return { ok: false, reason: 'personal-data', guard };
  }
  return portal.write(async (tx): Promise<ModerateResult> => {
    let targetUser: number | null = null;
    let topicId: number;
    if ('postId' in act) {
      const post = (await tx.run(sql`SELECT author_id, topic_id, body, held_at, hidden_at FROM forum_posts WHERE id = ${act.postId} AND deleted_at IS NULL`)).rows[0];
      if (!post) return { ok: false as const, reason: 'not-found' as const };
      targetUser = post.author_id === null ? null : Number(post.author_id);
      topicId = Number(post.topic_id);
      const held = post.held_at !== null && post.hidden_at === null;
      if ((act.action === 'publish' || act.action === 'send-back' || act.action === 'remove') && !held) return { ok: false as const, reason: 'not-held' as const };
      if (act.action === 'publish') {
        await tx.run(sql`UPDATE forum_posts SET held_at = NULL, held_reason = NULL, sent_back_at = NULL WHERE id = ${act.postId}`);
        await refreshTopic(tx, topicId);
        await refreshTopicVisibility(tx, topicId, now);
        await indexPost(tx, act.postId);
        if (targetUser !== null) await notify(tx, topicId, act.postId, targetUser, String(post.body), now);
      } else if (act.action === 'send-back') {
        await tx.run(sql`UPDATE forum_posts SET sent_back_at = ${now}, held_reason = ${act.note} WHERE id = ${act.postId}`);
      } else if (act.action === 'remove') {
        await tx.run(sql`UPDATE forum_posts SET hidden_at = ${now}, hidden_by = ${actorId}, hidden_reason = ${act.reason} WHERE id = ${act.postId}`);
      } else if (act.action === 'hide') {
        await tx.run(sql`UPDATE forum_posts SET hidden_at = ${now}, hidden_by = ${actorId}, hidden_reason = ${act.reason} WHERE id = ${act.postId}`);
        await tx.run(sql`UPDATE forum_flags SET resolved_at = ${now}, resolved_by = ${actorId} WHERE post_id = ${act.postId} AND resolved_at IS NULL`);
        await tx.run(sql`DELETE FROM notifications WHERE post_id = ${act.postId}`);
      } else if (act.action === 'restore') {
        await tx.run(sql`UPDATE forum_posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = ${act.postId}`);
        await tx.run(sql`UPDATE forum_flags SET resolved_at = ${now}, resolved_by = ${actorId} WHERE post_id = ${act.postId} AND resolved_at IS NULL`);
      } else {
        await tx.run(sql`UPDATE forum_flags SET resolved_at = ${now}, resolved_by = ${actorId} WHERE post_id = ${act.postId} AND resolved_at IS NULL`);
      }
      await indexPost(tx, act.postId);
      await refreshTopic(tx, topicId);
      await refreshTopicVisibility(tx, topicId, now);
    } else {
      const topic = (await tx.run(sql`SELECT author_id FROM forum_topics WHERE id = ${act.topicId}`)).rows[0];
      if (!topic) return { ok: false as const, reason: 'not-found' as const };
      targetUser = topic.author_id === null ? null : Number(topic.author_id);
      topicId = act.topicId;
      if (act.action === 'edit-title') {
        await tx.run(sql`UPDATE forum_topics SET title = ${act.title.trim()}, slug = ${topicSlug(act.title)} WHERE id = ${act.topicId}`);
        await indexTopic(tx, act.topicId);
      } else if (act.action === 'move') {
        const category = (await tx.run(sql`SELECT id FROM forum_categories WHERE id = ${act.categoryId}`)).rows[0];
        if (!category) return { ok: false as const, reason: 'not-found' as const };
        await tx.run(sql`UPDATE forum_topics SET category_id = ${act.categoryId} WHERE id = ${act.topicId}`);
      } else {
        const column = act.action === 'lock' || act.action === 'unlock' ? 'locked' : 'pinned';
        const value = act.action === 'lock' || act.action === 'pin' ? 1 : 0;
        await tx.run(sql`UPDATE forum_topics SET ${sql.raw(column)} = ${value} WHERE id = ${act.topicId}`);
      }
    }
    const { action, ...detail } = act;
    // The new title is kept out of the log as well: the log outlives the topic's history.
    const logged = action === 'edit-title' ? { topicId } : { ...detail, topicId };
    await audit(tx, actorId, `forum.${action}`, targetUser, logged, now);
    return { ok: true as const };
  });
}

export async function setWatching(portal: PortalDb, userId: number, topicId: number, watching: boolean, now = nowSeconds()): Promise<void> {
  await portal.write(async (tx) => {
    if (watching) await tx.run(sql`INSERT INTO forum_watches (user_id, topic_id, created_at) VALUES (${userId}, ${topicId}, ${now}) ON CONFLICT DO NOTHING`);
    else await tx.run(sql`DELETE FROM forum_watches WHERE user_id = ${userId} AND topic_id = ${topicId}`);
  });
}

export async function markNotificationsRead(portal: PortalDb, userId: number, now = nowSeconds()): Promise<void> {
  await portal.write((tx) => tx.run(sql`UPDATE notifications SET read_at = ${now} WHERE user_id = ${userId} AND read_at IS NULL`));
}

export async function setDigest(portal: PortalDb, userId: number, on: boolean): Promise<void> {
  await portal.write(async (tx) => {
    if (on) await tx.run(sql`INSERT INTO forum_digest_subscribers (user_id) VALUES (${userId}) ON CONFLICT DO NOTHING`);
    else await tx.run(sql`DELETE FROM forum_digest_subscribers WHERE user_id = ${userId}`);
  });
}

/** The short text of a post for lists and notifications: never a hidden or deleted post's. */
export function excerpt(markdown: string, length = 160): string {
  const text = plainText(markdown);
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
