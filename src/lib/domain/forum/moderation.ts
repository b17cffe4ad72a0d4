/**
 * Moderation's vocabulary and rules: when members' flags hide a post, what moderators may do,
 * and how each action reads in the moderators' log. The forum service writes these action
 * names to the audit log as `forum.<action>`; this module turns them back into words.
 */

/** Flags from this many different members hide a post until a moderator looks (as Discourse's `flags_required_to_hide_post`). */
export const FLAGS_TO_HIDE = 3;

/** Why a post hidden by members' flags is hidden, in words a reader understands. */
export const FLAG_HIDDEN_REASON = `Hidden after ${FLAGS_TO_HIDE} members flagged it`;

/** The longest reason or note a moderator may give. */
export const MODERATOR_NOTE_MAX = 500;

/** What a moderator can do, on a post or on a topic. */
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

/** Actions that apply only to a post still held for a moderator. */
export const HELD_POST_ACTIONS: readonly ModeratorAction['action'][] = ['publish', 'send-back', 'remove'];

/**
 * Every forum entry in the audit log, as the moderators' log shows it: moderators' own
 * actions, and the two the portal takes by itself (a post held at its author's choice, and a
 * post hidden by members' flags).
 */
export const LOGGED_ACTION_LABELS: Record<string, string> = {
  'forum.held': 'Post held for a moderator: its author chose to send it',
  'forum.publish': 'Published a held post',
  'forum.send-back': 'Sent a held post back to its author',
  'forum.remove': 'Removed a held post',
  'forum.edit-title': 'Changed a topic’s title',
  'forum.hide': 'Hid a post',
  'forum.restore': 'Restored a post',
  'forum.dismiss-flags': 'Dismissed the reports on a post',
  'forum.auto-hide': `Post hidden automatically after ${FLAGS_TO_HIDE} reports`,
  'forum.lock': 'Locked a topic',
  'forum.unlock': 'Unlocked a topic',
  'forum.pin': 'Pinned a topic',
  'forum.unpin': 'Unpinned a topic',
  'forum.move': 'Moved a topic',
};

/** Actions the portal takes by itself: they have no actor. */
const AUTOMATIC_ACTIONS = new Set(['forum.held', 'forum.auto-hide']);

/**
 * One line of the moderators' log in words: what happened, and who did it ("Automatic" for
 * the portal's own actions, "Former member" when the moderator's account is gone).
 * @example describeLoggedAction('forum.lock', 'Sam Okafor') // { what: 'Locked a topic', who: 'Sam Okafor' }
 */
export function describeLoggedAction(action: string, actorName: string | null): { what: string; who: string } {
  return {
    what: LOGGED_ACTION_LABELS[action] ?? action.replace(/^forum\./, ''),
    who: actorName ?? (AUTOMATIC_ACTIONS.has(action) ? 'Automatic' : 'Former member'),
  };
}

/** What the audit log keeps of a moderator's action: a new title is left out, since the log outlives the topic's history. */
export function loggedDetail(act: ModeratorAction, topicId: number): Record<string, unknown> {
  const { action, ...detail } = act;
  return action === 'edit-title' ? { topicId } : { ...detail, topicId };
}

/** The details a log entry may carry, read back from its JSON; anything unreadable is left out. */
export interface LoggedDetail {
  topicId?: number;
  postId?: number;
  reason?: string;
  categoryId?: number;
}

/** Reads an audit log entry's JSON detail, keeping only the fields the log shows, of the right types. */
export function parseLoggedDetail(json: string): LoggedDetail {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    // Older or hand-written rows: the action is shown without details.
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
  const detail: LoggedDetail = {};
  if (id(r.topicId)) detail.topicId = id(r.topicId);
  if (id(r.postId)) detail.postId = id(r.postId);
  if (id(r.categoryId)) detail.categoryId = id(r.categoryId);
  if (typeof r.reason === 'string' && r.reason) detail.reason = r.reason;
  return detail;
}

/** A whole number above zero from a form field, or 0 (which names no post or topic). */
function positiveId(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/**
 * A topic given as its number or as a link to it ("…/forum/t/42/…"), as moderators paste it;
 * 0 when it is neither.
 * @example topicIdFrom('https://portal.example/forum/t/42/housing') // 42
 */
export function topicIdFrom(input: string | null | undefined): number {
  if (!input) return 0;
  const t = input.trim();
  const fromLink = t.match(/\/forum\/t\/(\d+)/);
  return positiveId(fromLink ? fromLink[1] : t);
}

/** The note each of the post actions that need one asks for: its form field, the id its field gets, and the messages. */
const NOTE_FIELDS = {
  hide: { name: 'reason', id: 'reason', missing: 'Enter why you are hiding this post', noun: 'Reason' },
  'send-back': { name: 'note', id: 'send-back', missing: 'Enter what the author should change', noun: 'Note' },
  remove: { name: 'reason', id: 'remove', missing: 'Enter why you are removing this post', noun: 'Reason' },
} as const;

/** A moderator's form, read: the action to take, or the field to correct and why. */
export type ModeratorForm = { ok: true; act: ModeratorAction; field: string } | { ok: false; field: string; message: string };

/**
 * Reads one of the moderation page's forms (its `intent`, the post or topic, and the reason,
 * note, title or category given) into the action it asks for. Each field's id names the post
 * or topic it belongs to, so a message lands beside the right form on a long page.
 */
export function readModeratorForm(values: Record<string, string>): ModeratorForm {
  const intent = values.intent ?? '';
  const postId = positiveId(values.postId);
  const topicId = positiveId(values.topicId);
  const text = (name: string) => (values[name] ?? '').trim();
  switch (intent) {
    case 'hide':
    case 'send-back':
    case 'remove': {
      const { name, id, missing, noun } = NOTE_FIELDS[intent];
      const field = `${id}-${postId}`;
      const note = text(name);
      if (!note) return { ok: false, field, message: missing };
      if (note.length > MODERATOR_NOTE_MAX) return { ok: false, field, message: `${noun} must be ${MODERATOR_NOTE_MAX} characters or fewer` };
      const act: ModeratorAction = intent === 'send-back' ? { action: intent, postId, note } : { action: intent, postId, reason: note };
      return { ok: true, field, act };
    }
    case 'restore':
    case 'dismiss-flags':
    case 'publish':
      return { ok: true, field: '', act: { action: intent, postId } };
    case 'edit-title':
      return { ok: true, field: `title-${topicId}`, act: { action: 'edit-title', topicId, title: values.title ?? '' } };
    case 'lock':
    case 'unlock':
    case 'pin':
    case 'unpin':
      return { ok: true, field: '', act: { action: intent, topicId } };
    case 'move': {
      const field = `category-${topicId}`;
      const categoryId = positiveId(values.categoryId);
      if (!categoryId) return { ok: false, field, message: 'Select a category to move the topic to' };
      return { ok: true, field, act: { action: 'move', topicId, categoryId } };
    }
    default:
      return { ok: false, field: 'form', message: 'Something went wrong with that form. Try again' };
  }
}
