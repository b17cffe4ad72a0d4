/**
 * The forum's vocabulary: flag reasons (and their labels) and notification kinds. The database schema
 * (db/schema.ts) builds its columns from these lists; nothing here knows the database.
 */

/** Why a member flags a post. */
export const FLAG_REASONS = ['may-identify-family', 'safeguarding', 'inappropriate', 'spam', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/**
 * Each flag reason in words: the choices a member picks from when flagging a post, and how
 * moderators see what was reported. One set, so both read the same.
 */
export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  'may-identify-family': 'It may identify a family',
  safeguarding: 'It raises a safeguarding concern',
  inappropriate: 'It is inappropriate or offensive',
  spam: 'It is spam',
  other: 'Something else',
};

/** True for one of the flag reasons. */
export function isFlagReason(value: string): value is FlagReason {
  return (FLAG_REASONS as readonly string[]).includes(value);
}

/** A stored flag reason in words; a reason from an older list is shown as stored. */
export function flagReasonLabel(reason: string): string {
  return isFlagReason(reason) ? FLAG_REASON_LABELS[reason] : reason;
}

/** What a forum notification is about. */
export const NOTIFICATION_KINDS = ['reply', 'mention'] as const;
