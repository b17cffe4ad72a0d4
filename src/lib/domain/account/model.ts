/**
 * The accounts area's vocabulary: account states and the roles an admin can grant. The
 * database schema (db/schema.ts) builds its columns from these lists; nothing here knows
 * the database.
 */

/** Account states. Only `active` accounts can sign in. */
export const USER_STATUSES = ['pending', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * Roles granted on top of practitioner. An `editor` keeps guidance pages right: they read the
 * feedback sent about the pages their team owns (the pages' `owner` in frontmatter).
 */
export const GRANTABLE_ROLES = ['trainer', 'moderator', 'editor', 'admin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
