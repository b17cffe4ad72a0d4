/**
 * The accounts area's vocabulary: account states (and their labels) and the roles an admin can grant. The
 * database schema (db/schema.ts) builds its columns from these lists; nothing here knows
 * the database.
 */

/** Account states. Only `active` accounts can sign in. */
export const USER_STATUSES = ['pending', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Each account state in words, as administrators see it. */
export const USER_STATUS_LABELS: Record<UserStatus, string> = { pending: 'Waiting for approval', active: 'Active', disabled: 'Disabled' };

/** True for one of the account states, as given in a query string. */
export function isUserStatus(value: string): value is UserStatus {
  return (USER_STATUSES as readonly string[]).includes(value);
}

/**
 * Roles granted on top of practitioner. An `editor` keeps guidance pages right: they read the
 * feedback sent about the pages their team owns (the pages' `owner` in frontmatter).
 */
export const GRANTABLE_ROLES = ['trainer', 'moderator', 'editor', 'admin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
