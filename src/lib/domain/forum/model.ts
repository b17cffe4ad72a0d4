/**
 * The forum's vocabulary: flag reasons and notification kinds. The database schema
 * (db/schema.ts) builds its columns from these lists; nothing here knows the database.
 */

/** Why a member flags a post. */
export const FLAG_REASONS = ['may-identify-family', 'safeguarding', 'inappropriate', 'spam', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** What a forum notification is about. */
export const NOTIFICATION_KINDS = ['reply', 'mention'] as const;
