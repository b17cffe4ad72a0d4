/**
 * The practitioners' forum, written: topics, replies, edits, deletion, flags, moderation,
 * watching, notifications and the search index. The rules are the domain's
 * (`lib/domain/forum`): each function here reads what a rule needs, asks it, and writes what
 * it allows, in one transaction.
 *
 * Every title, post and edit passes the personal-data guard before it is saved, here and not
 * only in the page, so no route can skip it. What the guard refuses is never saved; what it
 * would hold is saved only when the author chooses to send it to a moderator, and is then
 * seen by its author and moderators alone (not listed, searched, notified or digested) until
 * a moderator publishes it. Posting limits are checked inside the same write
 * transaction as the insert, against the member's own recent posts, so they hold across
 * instances. Moderator actions are written to the audit log.
 */
import { slugify } from '../../domain/text.ts';
import { nameKey } from '../../domain/account/display-name.ts';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { nowSeconds } from '../../time.ts';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { auditLog, forumCategories, forumFlags, forumPostVersions, forumPosts, forumTopics, forumWatches, forumDigestSubscribers, notifications, users, type FlagReason } from '../../../../db/schema.ts';
import type { GuardResult } from '../../domain/forum/guard.ts';
import { FLAGS_TO_HIDE, FLAG_HIDDEN_REASON, HELD_POST_ACTIONS, loggedDetail, type ModeratorAction } from '../../domain/forum/moderation.ts';
import { checkModeratorTitle, checkPost, firstDayCountsSince, postingLimit, type FieldErrors, type PostRefusal, type PostingHistory, type TooSoon } from '../../domain/forum/posting.ts';
import { historyFrom, int } from './rows.ts';
import { renderPost } from './markdown.ts';

/**
 * A topic's web address name, kept short because it follows the topic number in every link.
 * @example topicSlug('How do I run a TAF meeting?') // 'how-do-i-run-a-taf-meeting'
 * @example topicSlug('???') // 'topic'
 */
export function topicSlug(title: string): string {
  return slugify(title, 60) || 'topic';
}

export type { FieldErrors };

export type WriteRefusal = PostRefusal | TooSoon | { ok: false; reason: 'not-found' | 'locked' | 'forbidden' };

/**
 * A member's own recent posts, as the posting limits need them: one statement, read inside the
 * write transaction that inserts the post, so two posts at once cannot both slip under a limit.
 */
async function postingHistory(tx: Tx, userId: number, now: number): Promise<PostingHistory> {
  const since = firstDayCountsSince(now);
  const row = (
    await tx.run(sql`
      SELECT
        (SELECT max(created_at) FROM forum_posts WHERE author_id = ${userId}) AS last_post,
        (SELECT max(created_at) FROM forum_topics WHERE author_id = ${userId}) AS last_topic,
        (SELECT count(*) FROM forum_topics WHERE author_id = ${userId} AND created_at > ${since}) AS topics_today,
        (SELECT count(*) FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id
           WHERE p.author_id = ${userId} AND p.created_at > ${since} AND NOT (t.author_id = ${userId} AND p.created_at = t.created_at)) AS replies_today,
        (SELECT COALESCE(approved_at, created_at) FROM users WHERE id = ${userId}) AS joined`)
  ).rows[0]!;
  return historyFrom(row);
}

/** The posting limits, checked in the write transaction against the member's own posts. */
async function checkLimits(tx: Tx, userId: number, kind: 'topic' | 'reply', now: number): Promise<TooSoon | null> {
  return postingLimit(await postingHistory(tx, userId, now), kind, now);
}

/** A post's row in the full-text index, again: removed, then added back if members may see it. */
async function indexPost(tx: Tx, postId: number): Promise<void> {
  await tx.run(sql`DELETE FROM forum_search WHERE post_id = ${postId}`);
  await tx.run(sql`
    INSERT INTO forum_search (title, body, post_id, topic_id)
    SELECT t.title, p.body, p.id, t.id FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id
    WHERE p.id = ${postId} AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL AND t.hidden_at IS NULL`);
}

/**
 * Every post of a topic, again: after its title changes or the topic is hidden or shown. Two
 * statements however long the topic; posts go back in order, so newest-first search holds.
 */
async function indexTopic(tx: Tx, topicId: number): Promise<void> {
  await tx.run(sql`DELETE FROM forum_search WHERE post_id IN (SELECT id FROM forum_posts WHERE topic_id = ${topicId})`);
  await tx.run(sql`
    INSERT INTO forum_search (title, body, post_id, topic_id)
    SELECT t.title, p.body, p.id, t.id FROM forum_posts p JOIN forum_topics t ON t.id = p.topic_id
    WHERE p.topic_id = ${topicId} AND p.deleted_at IS NULL AND p.hidden_at IS NULL AND p.held_at IS NULL AND t.hidden_at IS NULL
    ORDER BY p.id`);
}

/** The first post of each topic is its opening post. */
const openingPostId = (topicId: number | typeof forumTopics.id | typeof forumPosts.topicId) =>
  sql<number>`(SELECT min(q.id) FROM forum_posts q WHERE q.topic_id = ${topicId})`;

/**
 * A topic is hidden from members while its opening post is held or hidden: its title may be
 * what identifies a family. Keeps topics.hidden_at and the search index in step.
 */
async function refreshTopicVisibility(tx: Tx, topicId: number, now: number): Promise<void> {
  const [row] = await tx
    .select({ topicHiddenAt: forumTopics.hiddenAt, openerHiddenAt: forumPosts.hiddenAt, openerHeldAt: forumPosts.heldAt })
    .from(forumTopics)
    .innerJoin(forumPosts, eq(forumPosts.id, openingPostId(forumTopics.id)))
    .where(eq(forumTopics.id, topicId));
  if (!row) return;
  const hide = row.openerHiddenAt !== null || row.openerHeldAt !== null;
  if (hide === (row.topicHiddenAt !== null)) return;
  await tx.update(forumTopics).set({ hiddenAt: hide ? now : null }).where(eq(forumTopics.id, topicId));
  await indexTopic(tx, topicId);
}

/** Posts members can read: not deleted, hidden or held. */
const VISIBLE_POST = sql`deleted_at IS NULL AND hidden_at IS NULL AND held_at IS NULL`;

/** Keeps a topic's visible post count and latest activity right after any change. */
async function refreshTopic(tx: Tx, topicId: number): Promise<void> {
  await tx
    .update(forumTopics)
    .set({
      postCount: sql`(SELECT count(*) FROM forum_posts WHERE topic_id = ${topicId} AND ${VISIBLE_POST})`,
      lastPostAt: sql`COALESCE((SELECT max(created_at) FROM forum_posts WHERE topic_id = ${topicId} AND ${VISIBLE_POST}), ${forumTopics.createdAt})`,
    })
    .where(eq(forumTopics.id, topicId));
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
  const rows = await tx
    .select({ id: users.id, name: users.name, nameKey: users.nameKey })
    .from(users)
    .where(and(eq(users.status, 'active'), or(inArray(users.nameKey, keys), isNull(users.nameKey))));
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const key = row.nameKey ?? nameKey(row.name);
    byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
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
  const mentioned = (await mentionedUsers(tx, body)).filter((userId) => userId !== authorId);
  if (mentioned.length) {
    await tx
      .insert(notifications)
      .values(mentioned.map((userId) => ({ userId, kind: 'mention' as const, topicId, postId, actorId: authorId, createdAt: now })))
      .onConflictDoNothing();
  }
  await tx.run(sql`
    INSERT INTO notifications (user_id, kind, topic_id, post_id, actor_id, created_at)
    SELECT w.user_id, 'reply', ${topicId}, ${postId}, ${authorId}, ${now} FROM forum_watches w
    WHERE w.topic_id = ${topicId} AND w.user_id <> ${authorId}
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = w.user_id AND n.post_id = ${postId})
    ON CONFLICT DO NOTHING`);
}

/** The author watches what they write. */
async function watch(tx: Tx, userId: number, topicId: number, now: number): Promise<void> {
  await tx.insert(forumWatches).values({ userId, topicId, createdAt: now }).onConflictDoNothing();
}

/** What happens once a new post is saved: a held post is logged for moderators; any other is indexed and notified. */
async function afterPosting(tx: Tx, { topicId, postId, authorId, body, held }: { topicId: number; postId: number; authorId: number; body: string; held: boolean }, now: number): Promise<void> {
  if (held) {
    await audit(tx, null, 'forum.held', authorId, { postId, topicId }, now);
  } else {
    await indexPost(tx, postId);
    await notify(tx, topicId, postId, authorId, body, now);
  }
}

/** A new post's row: held posts carry when and why. */
function newPost(topicId: number, authorId: number, body: string, held: string | null, now: number): typeof forumPosts.$inferInsert {
  return { topicId, authorId, body: body.trim(), bodyHtml: renderPost(body.trim()), createdAt: now, heldAt: held === null ? null : now, heldReason: held };
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
  const post = (topicId: number) => newPost(topicId, authorId, body, held, now);
  return portal.write(async (tx): Promise<CreateTopicResult> => {
    const [category] = await tx.select({ id: forumCategories.id }).from(forumCategories).where(eq(forumCategories.id, categoryId));
    if (!category) return { ok: false, reason: 'not-found' };
    const limited = await checkLimits(tx, authorId, 'topic', now);
    if (limited) return limited;
    const slug = topicSlug(title);
    const [topic] = await tx
      .insert(forumTopics)
      .values({ categoryId, authorId, title: title.trim(), slug, postCount: held ? 0 : 1, createdAt: now, lastPostAt: now, hiddenAt: held ? now : null })
      .returning({ id: forumTopics.id });
    const topicId = topic!.id;
    const [saved] = await tx.insert(forumPosts).values(post(topicId)).returning({ id: forumPosts.id });
    const postId = saved!.id;
    await watch(tx, authorId, topicId, now);
    await afterPosting(tx, { topicId, postId, authorId, body, held: held !== null }, now);
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
  const post = newPost(topicId, authorId, body, held, now);
  return portal.write(async (tx): Promise<ReplyResult> => {
    const [topic] = await tx
      .select({ locked: forumTopics.locked, hiddenAt: forumTopics.hiddenAt, authorId: forumTopics.authorId })
      .from(forumTopics)
      .where(eq(forumTopics.id, topicId));
    if (!topic) return { ok: false, reason: 'not-found' };
    // A hidden topic takes no replies, except from its author while its opening post waits.
    if (topic.hiddenAt !== null && topic.authorId !== authorId) return { ok: false, reason: 'not-found' };
    if (topic.locked) return { ok: false, reason: 'locked' };
    const limited = await checkLimits(tx, authorId, 'reply', now);
    if (limited) return limited;
    const [saved] = await tx.insert(forumPosts).values(post).returning({ id: forumPosts.id });
    const postId = saved!.id;
    await refreshTopic(tx, topicId);
    await watch(tx, authorId, topicId, now);
    await afterPosting(tx, { topicId, postId, authorId, body, held: held !== null }, now);
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
    const [post] = await tx
      .select({
        authorId: forumPosts.authorId,
        body: forumPosts.body,
        deletedAt: forumPosts.deletedAt,
        heldAt: forumPosts.heldAt,
        topicId: forumPosts.topicId,
        locked: forumTopics.locked,
        openerId: openingPostId(forumPosts.topicId),
      })
      .from(forumPosts)
      .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
      .where(eq(forumPosts.id, postId));
    if (!post || post.deletedAt !== null) return { ok: false, reason: 'not-found' };
    if (post.authorId !== userId) return { ok: false, reason: 'forbidden' };
    if (post.locked) return { ok: false, reason: 'locked' };
    const topicId = post.topicId;
    const wasHeld = post.heldAt !== null;
    const opener = int(post.openerId) === postId;
    // Held before: stays held, with the new reason (or a plain one when the guard now finds nothing).
    const heldReason = checked.held ?? (wasHeld ? 'Edited by its author while waiting for a moderator' : null);
    await tx.insert(forumPostVersions).values({ postId, body: post.body, replacedAt: now });
    await tx
      .update(forumPosts)
      .set({ body: body.trim(), bodyHtml: html, editedAt: now, heldAt: heldReason === null ? null : (post.heldAt ?? now), heldReason, sentBackAt: null })
      .where(eq(forumPosts.id, postId));
    if (heldReason !== null && !wasHeld) {
      await tx.delete(notifications).where(eq(notifications.postId, postId));
      await audit(tx, null, 'forum.held', userId, { postId, topicId }, now);
    }
    if (title !== undefined && opener) {
      await tx.update(forumTopics).set({ title: title.trim(), slug: topicSlug(title) }).where(eq(forumTopics.id, topicId));
    }
    await refreshTopic(tx, topicId);
    await refreshTopicVisibility(tx, topicId, now);
    if (title !== undefined && opener) await indexTopic(tx, topicId);
    else await indexPost(tx, postId);
    return { ok: true, held: heldReason !== null };
  });
}

/** Authors delete their own posts: the text goes, a placeholder stays in the thread. */
export async function deletePost(portal: PortalDb, { postId, userId, now = nowSeconds() }: { postId: number; userId: number; now?: number }): Promise<EditResult> {
  return portal.write(async (tx): Promise<EditResult> => {
    const [post] = await tx
      .select({ authorId: forumPosts.authorId, topicId: forumPosts.topicId, deletedAt: forumPosts.deletedAt })
      .from(forumPosts)
      .where(eq(forumPosts.id, postId));
    if (!post || post.deletedAt !== null) return { ok: false, reason: 'not-found' };
    if (post.authorId !== userId) return { ok: false, reason: 'forbidden' };
    // The text is removed for everyone: members asked for it to go, so moderators keep no copy either.
    await tx.delete(forumPostVersions).where(eq(forumPostVersions.postId, postId));
    await tx.update(forumPosts).set({ body: '', bodyHtml: '', deletedAt: now }).where(eq(forumPosts.id, postId));
    await tx.delete(notifications).where(eq(notifications.postId, postId));
    await indexPost(tx, postId);
    await refreshTopic(tx, post.topicId);
    return { ok: true };
  });
}

/** What the audit log says about a forum action, in the same transaction as the action. */
async function audit(tx: Tx, actorId: number | null, action: string, targetUserId: number | null, detail: Record<string, unknown>, now: number): Promise<void> {
  await tx.insert(auditLog).values({ actorId, action, targetUserId, detail: JSON.stringify(detail), createdAt: now });
}

export { FLAG_HIDDEN_REASON, FLAGS_TO_HIDE };

export type FlagResult = { ok: true; hidden: boolean } | { ok: false; reason: 'not-found' | 'already-flagged' | 'own-post' };

/** A member reports a post. Three members' flags hide it until a moderator looks. */
export async function flagPost(
  portal: PortalDb,
  { postId, userId, reason, detail = '', now = nowSeconds() }: { postId: number; userId: number; reason: FlagReason; detail?: string; now?: number },
): Promise<FlagResult> {
  return portal.write(async (tx): Promise<FlagResult> => {
    const [post] = await tx
      .select({ authorId: forumPosts.authorId, topicId: forumPosts.topicId, hiddenAt: forumPosts.hiddenAt, heldAt: forumPosts.heldAt, deletedAt: forumPosts.deletedAt })
      .from(forumPosts)
      .where(eq(forumPosts.id, postId));
    if (!post || post.deletedAt !== null || post.heldAt !== null) return { ok: false, reason: 'not-found' };
    if (post.authorId === userId) return { ok: false, reason: 'own-post' };
    const inserted = await tx
      .insert(forumFlags)
      .values({ postId, userId, reason, detail: detail.slice(0, 1000), createdAt: now })
      .onConflictDoNothing({ target: [forumFlags.postId, forumFlags.userId] })
      .returning({ id: forumFlags.id });
    if (!inserted.length) return { ok: false, reason: 'already-flagged' };
    const [counted] = await tx
      .select({ open: sql<number>`count(DISTINCT ${forumFlags.userId})` })
      .from(forumFlags)
      .where(and(eq(forumFlags.postId, postId), isNull(forumFlags.resolvedAt)));
    const open = int(counted!.open);
    if (open >= FLAGS_TO_HIDE && post.hiddenAt === null) {
      await tx.update(forumPosts).set({ hiddenAt: now, hiddenBy: null, hiddenReason: FLAG_HIDDEN_REASON }).where(eq(forumPosts.id, postId));
      await indexPost(tx, postId);
      await refreshTopic(tx, post.topicId);
      await refreshTopicVisibility(tx, post.topicId, now);
      await audit(tx, null, 'forum.auto-hide', post.authorId, { postId, flags: open }, now);
      return { ok: true, hidden: true };
    }
    return { ok: true, hidden: post.hiddenAt !== null };
  });
}

export type { ModeratorAction };

export type ModerateResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'not-held' }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'personal-data'; guard: Extract<GuardResult, { ok: false }> };

/** Resolves a post's open flags: a moderator has looked at them. */
async function resolveFlags(tx: Tx, postId: number, actorId: number, now: number): Promise<void> {
  await tx
    .update(forumFlags)
    .set({ resolvedAt: now, resolvedBy: actorId })
    .where(and(eq(forumFlags.postId, postId), isNull(forumFlags.resolvedAt)));
}

/** A moderator's action on a post. Returns the post's author, or a refusal. */
async function moderatePost(tx: Tx, actorId: number, act: Extract<ModeratorAction, { postId: number }>, now: number): Promise<{ ok: true; targetUser: number | null; topicId: number } | Extract<ModerateResult, { ok: false }>> {
  const [post] = await tx
    .select({ authorId: forumPosts.authorId, topicId: forumPosts.topicId, body: forumPosts.body, heldAt: forumPosts.heldAt, hiddenAt: forumPosts.hiddenAt })
    .from(forumPosts)
    .where(and(eq(forumPosts.id, act.postId), isNull(forumPosts.deletedAt)));
  if (!post) return { ok: false, reason: 'not-found' };
  const { topicId } = post;
  const held = post.heldAt !== null && post.hiddenAt === null;
  if (HELD_POST_ACTIONS.includes(act.action) && !held) return { ok: false, reason: 'not-held' };
  const byId = eq(forumPosts.id, act.postId);
  switch (act.action) {
    case 'publish':
      await tx.update(forumPosts).set({ heldAt: null, heldReason: null, sentBackAt: null }).where(byId);
      await refreshTopic(tx, topicId);
      await refreshTopicVisibility(tx, topicId, now);
      await indexPost(tx, act.postId);
      if (post.authorId !== null) await notify(tx, topicId, act.postId, post.authorId, post.body, now);
      break;
    case 'send-back':
      await tx.update(forumPosts).set({ sentBackAt: now, heldReason: act.note }).where(byId);
      break;
    case 'remove':
      await tx.update(forumPosts).set({ hiddenAt: now, hiddenBy: actorId, hiddenReason: act.reason }).where(byId);
      break;
    case 'hide':
      await tx.update(forumPosts).set({ hiddenAt: now, hiddenBy: actorId, hiddenReason: act.reason }).where(byId);
      await resolveFlags(tx, act.postId, actorId, now);
      await tx.delete(notifications).where(eq(notifications.postId, act.postId));
      break;
    case 'restore':
      await tx.update(forumPosts).set({ hiddenAt: null, hiddenBy: null, hiddenReason: null }).where(byId);
      await resolveFlags(tx, act.postId, actorId, now);
      break;
    case 'dismiss-flags':
      await resolveFlags(tx, act.postId, actorId, now);
      break;
  }
  await indexPost(tx, act.postId);
  await refreshTopic(tx, topicId);
  await refreshTopicVisibility(tx, topicId, now);
  return { ok: true, targetUser: post.authorId, topicId };
}

/** A moderator's action on a topic. Returns the topic's author, or a refusal. */
async function moderateTopic(tx: Tx, act: Extract<ModeratorAction, { topicId: number }>): Promise<{ ok: true; targetUser: number | null; topicId: number } | Extract<ModerateResult, { ok: false }>> {
  const [topic] = await tx
    .select({ authorId: forumTopics.authorId, categoryId: forumTopics.categoryId })
    .from(forumTopics)
    .where(eq(forumTopics.id, act.topicId));
  if (!topic) return { ok: false, reason: 'not-found' };
  const byId = eq(forumTopics.id, act.topicId);
  switch (act.action) {
    case 'edit-title':
      await tx.update(forumTopics).set({ title: act.title.trim(), slug: topicSlug(act.title) }).where(byId);
      await indexTopic(tx, act.topicId);
      break;
    case 'move': {
      const [category] = await tx.select({ title: forumCategories.title }).from(forumCategories).where(eq(forumCategories.id, act.categoryId));
      if (!category) return { ok: false, reason: 'not-found' };
      if (topic.categoryId === act.categoryId) return { ok: false, reason: 'invalid', message: `The topic is already in ${category.title}. Select another category` };
      await tx.update(forumTopics).set({ categoryId: act.categoryId }).where(byId);
      break;
    }
    case 'lock':
    case 'unlock':
      await tx.update(forumTopics).set({ locked: act.action === 'lock' }).where(byId);
      break;
    case 'pin':
    case 'unpin':
      await tx.update(forumTopics).set({ pinned: act.action === 'pin' }).where(byId);
      break;
  }
  return { ok: true, targetUser: topic.authorId, topicId: act.topicId };
}

/** A moderator's action, written to the audit log in the same transaction. */
export async function moderate(portal: PortalDb, actorId: number, act: ModeratorAction, now = nowSeconds()): Promise<ModerateResult> {
  if (act.action === 'edit-title') {
    // A moderator's own title may still be held-worthy in the guard's eyes; moderators are
    // the ones who judge that, but a definite identifier is refused to them too.
    const title = checkModeratorTitle(act.title);
    if (!title.ok) return title;
  }
  return portal.write(async (tx): Promise<ModerateResult> => {
    const done = 'postId' in act ? await moderatePost(tx, actorId, act, now) : await moderateTopic(tx, act);
    if (!done.ok) return done;
    await audit(tx, actorId, `forum.${act.action}`, done.targetUser, loggedDetail(act, done.topicId), now);
    return { ok: true };
  });
}

/** Starts or stops a member watching a topic. */
export async function setWatching(portal: PortalDb, userId: number, topicId: number, watching: boolean, now = nowSeconds()): Promise<void> {
  await portal.write(async (tx) => {
    if (watching) await watch(tx, userId, topicId, now);
    else await tx.delete(forumWatches).where(and(eq(forumWatches.userId, userId), eq(forumWatches.topicId, topicId)));
  });
}

/** Marks every unread notification of a member read. */
export async function markNotificationsRead(portal: PortalDb, userId: number, now = nowSeconds()): Promise<void> {
  await portal.write((tx) => tx.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))));
}

/** Turns a member's daily e-mail digest on or off. */
export async function setDigest(portal: PortalDb, userId: number, on: boolean): Promise<void> {
  await portal.write(async (tx) => {
    if (on) await tx.insert(forumDigestSubscribers).values({ userId }).onConflictDoNothing();
    else await tx.delete(forumDigestSubscribers).where(eq(forumDigestSubscribers.userId, userId));
  });
}
