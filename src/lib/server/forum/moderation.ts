/**
 * The moderators' page, read and acted on: the queue with everything each post needs (its
 * topic, open reports, earlier versions, the page it is on), the categories, a topic to
 * manage and the recent log, in a fixed number of statements however long the queue or log;
 * and one function for every form on the page.
 */
import { desc, eq, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { PortalDb } from '../../../../db/client.ts';
import { auditLog, forumTopics, users } from '../../../../db/schema.ts';
import { describeLoggedAction, parseLoggedDetail, readModeratorForm, topicIdFrom, type ModeratorAction } from '../../domain/forum/moderation.ts';
import { guardMessages } from '../../domain/forum/guard.ts';
import { moderate } from './forum.ts';
import { getTopic, listCategories, moderationQueue, type Category, type QueueItem, type TopicSummary } from './queries.ts';

type Reader = PortalDb['db'];

/** The topic a log entry concerns, joined under a name of its own. */
const loggedTopic = alias(forumTopics, 'logged_topic');

/** How many of the latest moderator actions the page lists. */
export const RECENT_ACTIONS = 15;

/** One line of the moderators' log, in words, with the topic it concerns when that still exists. */
export interface LoggedAction {
  id: number;
  what: string;
  who: string;
  at: number;
  reason: string | undefined;
  /** The category a topic was moved to, by title. */
  movedTo: string | undefined;
  topic: { id: number; slug: string; title: string } | undefined;
}

/**
 * The latest forum entries in the audit log. An entry names its topic, or only its post (a
 * post hidden by members' flags): the topic is found from the post in the same statement.
 */
async function recentActions(db: Reader, categories: readonly Category[]): Promise<LoggedAction[]> {
  // Older or hand-written rows may not hold JSON: json_valid keeps json_extract from failing on them.
  const detail = (path: string) => sql`CASE WHEN json_valid(${auditLog.detail}) THEN json_extract(${auditLog.detail}, ${path}) END`;
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      detail: auditLog.detail,
      at: auditLog.createdAt,
      actor: users.name,
      topicId: loggedTopic.id,
      topicSlug: loggedTopic.slug,
      topicTitle: loggedTopic.title,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(loggedTopic, sql`${loggedTopic.id} = COALESCE(${detail('$.topicId')}, (SELECT p.topic_id FROM forum_posts p WHERE p.id = ${detail('$.postId')}))`)
    .where(like(auditLog.action, 'forum.%'))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(RECENT_ACTIONS);
  return rows.map((row) => {
    const { what, who } = describeLoggedAction(row.action, row.actor);
    const logged = parseLoggedDetail(row.detail);
    return {
      id: row.id,
      what,
      who,
      at: row.at,
      reason: logged.reason,
      movedTo: logged.categoryId === undefined ? undefined : categories.find((c) => c.id === logged.categoryId)?.title,
      topic: row.topicId === null ? undefined : { id: row.topicId, slug: row.topicSlug!, title: row.topicTitle! },
    };
  });
}

/** The queue's posts, gathered under their topics so each topic's actions appear once. */
export interface QueueGroup {
  topic: TopicSummary;
  items: QueueItem[];
}

export interface ModerationPage {
  groups: QueueGroup[];
  /** Posts waiting, and how many of them are held. */
  waiting: number;
  held: number;
  categories: Category[];
  /** The topic being managed, when one was asked for and exists. */
  managed: TopicSummary | undefined;
  recent: LoggedAction[];
}

/**
 * Everything the moderation page shows. `manage` is the topic a moderator asked for, by
 * number or link (or 0 for none).
 */
export async function moderationPage(db: Reader, manage: number): Promise<ModerationPage> {
  const queue = await moderationQueue(db);
  const categories = await listCategories(db);
  const managed = manage ? await getTopic(db, manage, { moderator: true }) : undefined;
  const recent = await recentActions(db, categories);
  const groups = new Map<number, QueueGroup>();
  for (const item of queue) {
    const group = groups.get(item.topicId);
    if (group) group.items.push(item);
    else groups.set(item.topicId, { topic: item.topic, items: [item] });
  }
  return { groups: [...groups.values()], waiting: queue.length, held: queue.filter((q) => q.held).length, categories, managed, recent };
}

/** The outcome of one moderation form: where to go next, or what to put right beside which field. */
export type ModerationFormResult =
  | { ok: true; redirect: string }
  | { ok: false; field: string; errors: Record<string, string>; topicId: number | undefined };

/**
 * Acts on one of the moderation page's forms: reads it, takes the action (written to the
 * audit log with it) and says where to go next, with a notice, or which field to correct.
 */
export async function actOnModerationForm(portal: PortalDb, actorId: number, values: Record<string, string>, here: string): Promise<ModerationFormResult> {
  const form = readModeratorForm(values);
  if (!form.ok) {
    // A form the page never offers has no field of its own: the message stands alone.
    if (form.field === 'form') return { ok: false, field: '', errors: { form: form.message }, topicId: undefined };
    return { ok: false, field: form.field, errors: { [form.field]: form.message }, topicId: topicIdOf(values) };
  }
  const act: ModeratorAction = form.act;
  const result = await moderate(portal, actorId, act);
  if (!result.ok && result.reason === 'invalid') return { ok: false, field: form.field, errors: { [form.field]: result.message }, topicId: topicIdOf(values) };
  if (!result.ok && result.reason === 'personal-data') {
    return { ok: false, field: form.field, errors: { [form.field]: `The new title may identify someone: ${guardMessages(result.guard).join(' ')}` }, topicId: topicIdOf(values) };
  }
  const params = new URLSearchParams();
  if (!result.ok) params.set('problem', 'not-found');
  else params.set('done', act.action);
  if ('topicId' in act) params.set('topic', String(act.topicId));
  return { ok: true, redirect: `${here}?${params}${'topicId' in act ? '#manage' : '#queue'}` };
}

/** The topic a topic form was about, so the page shows it again beside the message. */
function topicIdOf(values: Record<string, string>): number | undefined {
  return topicIdFrom(values.topicId) || undefined;
}

export { topicIdFrom };
