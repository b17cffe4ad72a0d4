/**
 * Every table of the portal. SQL names are snake_case (drizzle `casing: 'snake_case'`),
 * TypeScript names camelCase. Timestamps are integer seconds since the Unix epoch, as in
 * Lucia's schema, so they compare cheaply in SQL and mean the same on every instance.
 */
import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** Account states. Only `active` accounts can sign in. */
export const USER_STATUSES = ['pending', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Roles granted on top of practitioner, which every active account has. */
export const GRANTABLE_ROLES = ['trainer', 'moderator', 'admin'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

/** Purposes of single-use e-mailed links. */
export const TOKEN_PURPOSES = ['password-reset', 'email-verification'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

const now = sql`(unixepoch())`;

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Lower-cased, trimmed e-mail address; the sign-in name. */
    email: text().notNull(),
    /** Full name shown to other members. */
    name: text().notNull(),
    /** Employer or agency, e.g. "Kent Police". */
    organisation: text().notNull(),
    /** argon2id PHC string. */
    passwordHash: text().notNull(),
    /** `pending` until an admin approves or the e-mail domain is trusted. */
    status: text({ enum: USER_STATUSES }).notNull().default('pending'),
    /** When the owner proved they read the address; null until then. */
    emailVerifiedAt: integer(),
    /** When an admin approved the account, or the trusted domain did. */
    approvedAt: integer(),
    approvedBy: integer(),
    createdAt: integer().notNull().default(now),
    lastSignInAt: integer(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_status_idx').on(t.status)],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: GRANTABLE_ROLES }).notNull(),
    grantedAt: integer().notNull().default(now),
    grantedBy: integer(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/**
 * Sign-in sessions, after the Lucia session guide: the cookie holds `id.secret`,
 * the table holds the id and the SHA-256 of the secret only.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text().primaryKey(),
    secretHash: blob({ mode: 'buffer' }).notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer().notNull(),
    /** Written at most every few minutes, for sliding expiry. */
    lastSeenAt: integer().notNull(),
    /** Browser description shown on the account page so people recognise their devices. */
    userAgent: text().notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use links sent by e-mail: password reset and e-mail verification. */
export const userTokens = sqliteTable(
  'user_tokens',
  {
    id: text().primaryKey(),
    secretHash: blob({ mode: 'buffer' }).notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text({ enum: TOKEN_PURPOSES }).notNull(),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
    usedAt: integer(),
  },
  (t) => [index('user_tokens_user_idx').on(t.userId, t.purpose)],
);

/**
 * Browsers that have signed in to an account before. A browser holding one keeps
 * its own failure count, so a lockout caused by strangers never locks the owner out.
 */
export const trustedDevices = sqliteTable(
  'trusted_devices',
  {
    id: text().primaryKey(),
    secretHash: blob({ mode: 'buffer' }).notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer().notNull(),
    failedAttempts: integer().notNull().default(0),
  },
  (t) => [index('trusted_devices_user_idx').on(t.userId)],
);

/**
 * Consecutive failed sign-ins per e-mail address typed, whether or not an account
 * has it, so the lockout itself never tells anyone which addresses are registered.
 */
export const signInFailures = sqliteTable('sign_in_failures', {
  email: text().primaryKey(),
  failures: integer().notNull().default(0),
  lockedUntil: integer(),
  updatedAt: integer().notNull(),
});

/** Fixed-window request counters shared by every instance. */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text().notNull(),
    windowStart: integer().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Outgoing e-mail, written in the same transaction as the change it reports. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    recipient: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    createdAt: integer().notNull().default(now),
    /** Set by the instance that claims the message, so two instances never both send it. */
    claimedAt: integer(),
    sentAt: integer(),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [index('outbox_pending_idx').on(t.sentAt, t.claimedAt)],
);

/** What administrators did to accounts, and when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    targetUserId: integer().references(() => users.id, { onDelete: 'set null' }),
    detail: text().notNull().default(''),
    createdAt: integer().notNull().default(now),
  },
  (t) => [index('audit_log_target_idx').on(t.targetUserId)],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
