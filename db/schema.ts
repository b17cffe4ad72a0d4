/**
 * Every table of the portal. SQL names are snake_case (drizzle `casing: 'snake_case'`),
 * TypeScript names camelCase. Timestamps are integer seconds since the Unix epoch, as in
 * Lucia's schema, so they compare cheaply in SQL and mean the same on every instance.
 */
import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { GRANTABLE_ROLES, USER_STATUSES } from '../src/lib/domain/account/model.ts';
import { FEEDBACK_KINDS } from '../src/lib/domain/feedback/model.ts';
import { FLAG_REASONS, NOTIFICATION_KINDS } from '../src/lib/domain/forum/model.ts';
import { APPROVAL_OUTCOMES, BOOKING_EVENTS, BOOKING_STATUSES, DELIVERY_MODES, RESERVATION_ENDINGS, RESERVATION_EVENTS, SESSION_STATUSES, TRANSFER_OUTCOMES } from '../src/lib/domain/training/model.ts';

// Each area's vocabulary lives in its domain model; the schema builds on it and passes it on,
// so code that reads rows can name the same types.
export * from '../src/lib/domain/account/model.ts';
export * from '../src/lib/domain/forum/model.ts';
export * from '../src/lib/domain/training/model.ts';


/** Purposes of single-use links e-mailed to existing accounts (registrations have their own table). */
export const TOKEN_PURPOSES = ['password-reset'] as const;
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
    /**
     * `nameKey(name)` (src/lib/domain/account/display-name.ts): the name normalised for
     * comparison, unique so no two members can be told apart only by case, spacing, hidden
     * characters or look-alike letters, and a mention always means one person. Null only for
     * a name that already copied an earlier member's when the column was added (the earlier
     * account keeps the name); such a member must choose a different name to change theirs.
     */
    nameKey: text(),
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
    /**
     * Set at sign-in when the password no longer meets the rules for the account (say, a
     * moderator's 12-character password from before the role was granted); the owner must
     * choose a new one before doing anything else.
     */
    passwordChangeRequired: integer({ mode: 'boolean' }).notNull().default(false),
    /**
     * The authenticator app's shared secret (RFC 6238, 20 bytes), or null when two-factor
     * sign-in is not set up. Required for admins, moderators and trainers.
     */
    totpKey: blob({ mode: 'buffer' }),
    /** The last 30-second time step whose code was accepted, so no code works twice. */
    totpLastStep: integer(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    // SQLite lets a unique index hold any number of nulls, and the index still serves `IS NULL`.
    uniqueIndex('users_name_key_unique').on(t.nameKey),
    index('users_status_idx').on(t.status),
  ],
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
    /**
     * True once the second step (an authenticator code or a recovery code) is done. A session
     * of an account with two-factor sign-in grants nothing until then.
     */
    twoFactorVerified: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use links sent by e-mail to existing accounts: password reset. */
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

/** Single-use recovery codes for two-factor sign-in; only their SHA-256 is kept. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the normalised code (lower case, no spaces or hyphens). */
    codeHash: blob({ mode: 'buffer' }).notNull(),
    /** When it was used; a used code never works again. */
    usedAt: integer(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * Registrations waiting for their address to be confirmed. Nothing is written to `users`
 * until someone proves they read the address, and each registration carries its own
 * details: confirming a link creates the account from exactly that registration, so a
 * stranger who registers someone else's address first can never end up owning it.
 */
export const pendingRegistrations = sqliteTable(
  'pending_registrations',
  {
    /** Public half of the e-mailed token. */
    id: text().primaryKey(),
    /** SHA-256 of the secret half of the token. */
    secretHash: blob({ mode: 'buffer' }).notNull(),
    /** Lower-cased, trimmed address being confirmed. */
    email: text().notNull(),
    /** Name entered on the form, shown in the e-mail and on the confirmation page. */
    name: text().notNull(),
    /** Organisation entered on the form. */
    organisation: text().notNull(),
    /** argon2id PHC string of the password chosen with this registration. */
    passwordHash: text().notNull(),
    createdAt: integer().notNull(),
    expiresAt: integer().notNull(),
  },
  (t) => [index('pending_registrations_email_idx').on(t.email, t.createdAt)],
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

/**
 * Throttled attempts, one row each, shared by every instance: a key such as
 * `sign-in-failure:203.0.113.9` and when it happened. Counting rows in the last N seconds
 * gives a sliding window that holds whenever attempts arrive.
 */
export const throttleEvents = sqliteTable(
  'throttle_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** What was attempted and from where, e.g. `reset:203.0.113.9`. */
    key: text().notNull(),
    /** Seconds since the epoch. */
    at: integer().notNull(),
  },
  (t) => [index('throttle_events_key_at_idx').on(t.key, t.at), index('throttle_events_at_idx').on(t.at)],
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

// ---------------------------------------------------------------------------------------
// Skills Matrix training: courses, sessions, places and their history.


export const courses = sqliteTable(
  'courses',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** In the address: /training/<slug>/. */
    slug: text().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    /** Who the course is for, in a sentence. */
    audience: text().notNull(),
    /** What people will be able to do afterwards, one per line. */
    outcomes: text().notNull().default(''),
    /**
     * How many sessions of this course one person may hold a place on (or wait for) at once.
     * One unless the trainer allows more, so nobody takes two seats on the same course.
     */
    placesPerPerson: integer().notNull().default(1),
    /**
     * A place needs the person's line manager's approval: the seat is held as "awaiting
     * approval" while the manager is asked by e-mail. Off by default.
     */
    requiresApproval: integer({ mode: 'boolean' }).notNull().default(false),
    /** The trainer responsible for the course: its creator unless an admin reassigns it. */
    ownerId: integer().references(() => users.id, { onDelete: 'set null' }),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer().notNull().default(now),
    updatedAt: integer().notNull().default(now),
  },
  (t) => [uniqueIndex('courses_slug_unique').on(t.slug), index('courses_owner_idx').on(t.ownerId)],
);

/** Trainers who run a course alongside its owner, with the same rights over it. */
export const courseTrainers = sqliteTable(
  'course_trainers',
  {
    courseId: integer()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: integer().notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] }), index('course_trainers_user_idx').on(t.userId)],
);

/** The Skills Matrix domains a course builds, by the domain page's slug. */
export const courseDomains = sqliteTable(
  'course_domains',
  {
    courseId: integer()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    domain: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.domain] }), index('course_domains_domain_idx').on(t.domain)],
);

export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    courseId: integer()
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    startsAt: integer().notNull(),
    durationMinutes: integer().notNull(),
    mode: text({ enum: DELIVERY_MODES }).notNull(),
    /** Building and address, or how to join online. */
    venue: text().notNull(),
    /** One of KENT_DISTRICTS for in-person sessions; null online. */
    district: text(),
    capacity: integer().notNull(),
    /** Booking and cancelling close this many hours before the start. */
    cutoffHours: integer().notNull().default(24),
    status: text({ enum: SESSION_STATUSES }).notNull().default('scheduled'),
    /** Raised on every change people's calendars must follow (iCalendar SEQUENCE). */
    sequence: integer().notNull().default(0),
    cancelReason: text(),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer().notNull().default(now),
    updatedAt: integer().notNull().default(now),
  },
  (t) => [index('training_sessions_course_idx').on(t.courseId, t.startsAt), index('training_sessions_starts_idx').on(t.startsAt)],
);

/**
 * One row per person per session, whatever happens to it: the unique index means nobody
 * can ever hold two places on one session.
 */
export const bookings = sqliteTable(
  'bookings',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    sessionId: integer()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text({ enum: BOOKING_STATUSES }).notNull(),
    /** When the person joined the waiting list: the queue order. */
    queuedAt: integer(),
    /** An offered seat, or a seat awaiting a line manager's approval, is held until then. */
    offerExpiresAt: integer(),
    /**
     * The line manager's work e-mail the person named when asking for this place, on a course
     * that needs approval (lower case). Their latest one fills in the booking form next time.
     */
    managerEmail: text(),
    reminderSentAt: integer(),
    /** The person's reason for giving up the place after the cut-off, shown to the trainer. */
    lateCancelReason: text(),
    /** Raised when this person's own place changes (iCalendar SEQUENCE, with the session's). */
    sequence: integer().notNull().default(0),
    /**
     * `organisationKey(users.organisation)` (src/lib/domain/training/reserved-seats.ts) when
     * the place was made or last reopened: whose reserved seats it may take and counts
     * against. Null only for places made before the column existed until the start-up fill
     * (db/migrate.ts) sets it.
     */
    organisationKey: text(),
    createdAt: integer().notNull().default(now),
    updatedAt: integer().notNull().default(now),
  },
  (t) => [
    uniqueIndex('bookings_session_user_unique').on(t.sessionId, t.userId),
    index('bookings_session_status_idx').on(t.sessionId, t.status),
    index('bookings_user_idx').on(t.userId, t.status),
    index('bookings_offer_idx').on(t.status, t.offerExpiresAt),
  ],
);

/** Every change to a place, so a trainer can see its history. */
export const bookingEvents = sqliteTable(
  'booking_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    bookingId: integer()
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    event: text({ enum: BOOKING_EVENTS }).notNull(),
    /** Who did it; null when the portal did it (an offer expiring). */
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    detail: text().notNull().default(''),
    createdAt: integer().notNull().default(now),
  },
  (t) => [index('booking_events_booking_idx').on(t.bookingId)],
);

/**
 * A booked person's offer to pass their place to a colleague from the same organisation.
 * The colleague takes it up from an e-mailed single-use link (`id.secret`; only the SHA-256
 * of the secret is kept), and the place moves in one transaction.
 */
export const placeTransfers = sqliteTable(
  'place_transfers',
  {
    /** Public half of the e-mailed token. */
    id: text().primaryKey(),
    /** SHA-256 of the secret half of the token. */
    secretHash: blob({ mode: 'buffer' }).notNull(),
    /** The place being passed on. */
    bookingId: integer()
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    /** Who holds the place now. */
    fromUserId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The colleague it is offered to. */
    toUserId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer().notNull(),
    /** The link stops working then (never after the session's booking cut-off). */
    expiresAt: integer().notNull(),
    /** When the colleague answered, or a newer offer replaced this one. */
    decidedAt: integer(),
    /** Null while open. */
    outcome: text({ enum: TRANSFER_OUTCOMES }),
  },
  (t) => [index('place_transfers_booking_idx').on(t.bookingId), index('place_transfers_to_idx').on(t.toUserId)],
);

/**
 * A request for a line manager's approval of a place. The manager answers from an e-mailed
 * single-use link (`id.secret`; only the SHA-256 of the secret is kept) that needs no account
 * and stops working when the seat stops being held.
 */
export const placeApprovals = sqliteTable(
  'place_approvals',
  {
    /** Public half of the e-mailed token. */
    id: text().primaryKey(),
    /** SHA-256 of the secret half of the token. */
    secretHash: blob({ mode: 'buffer' }).notNull(),
    /** The place held for the manager's answer. */
    bookingId: integer()
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    /** The address the request went to (lower case). */
    managerEmail: text().notNull(),
    createdAt: integer().notNull(),
    /** The link stops working then: when the hold ends (5 working days, or the booking cut-off). */
    expiresAt: integer().notNull(),
    /** When the manager answered, or the request ran out. */
    decidedAt: integer(),
    /** Null while open. */
    outcome: text({ enum: APPROVAL_OUTCOMES }),
  },
  (t) => [index('place_approvals_booking_idx').on(t.bookingId)],
);

/**
 * Seats on a session set aside for one organisation's members until a release date; then
 * they join the open pool. Rows are never deleted, so the history keeps what was reserved.
 */
export const seatReservations = sqliteTable(
  'seat_reservations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    sessionId: integer()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    /** The organisation as members' accounts spell it, for display. */
    organisation: text().notNull(),
    /** `organisationKey(organisation)`: matched against `bookings.organisation_key`. */
    organisationKey: text().notNull(),
    /** Seats set aside, at least 1. */
    seats: integer().notNull(),
    /** Midnight (UK time) at the start of the release date: the seats join the open pool then. */
    releaseAt: integer().notNull(),
    createdBy: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer().notNull(),
    /** When the reservation was released or removed; null while it stands. */
    endedAt: integer(),
    /** How it ended; null while it stands. */
    ending: text({ enum: RESERVATION_ENDINGS }),
  },
  (t) => [
    index('seat_reservations_session_idx').on(t.sessionId),
    // One standing reservation per organisation per session.
    uniqueIndex('seat_reservations_standing_unique').on(t.sessionId, t.organisationKey).where(sql`${t.endedAt} IS NULL`),
    index('seat_reservations_release_idx').on(t.endedAt, t.releaseAt),
    check('seat_reservations_seats_check', sql`${t.seats} >= 1`),
  ],
);

/** Every change to a session's reserved seats: set aside, removed, released. */
export const seatReservationEvents = sqliteTable(
  'seat_reservation_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    reservationId: integer()
      .notNull()
      .references(() => seatReservations.id, { onDelete: 'cascade' }),
    event: text({ enum: RESERVATION_EVENTS }).notNull(),
    /** Who did it; null when the portal did (a release on its date). */
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    detail: text().notNull().default(''),
    createdAt: integer().notNull(),
  },
  (t) => [index('seat_reservation_events_reservation_idx').on(t.reservationId)],
);

export type Course = typeof courses.$inferSelect;
export type TrainingSession = typeof trainingSessions.$inferSelect;
export type Booking = typeof bookings.$inferSelect;

// ---------------------------------------------------------------------------------------
// The practitioners' forum.


export const forumCategories = sqliteTable(
  'forum_categories',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    slug: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [uniqueIndex('forum_categories_slug_unique').on(t.slug)],
);

export const forumTopics = sqliteTable(
  'forum_topics',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    categoryId: integer()
      .notNull()
      .references(() => forumCategories.id),
    authorId: integer().references(() => users.id, { onDelete: 'set null' }),
    title: text().notNull(),
    slug: text().notNull(),
    pinned: integer({ mode: 'boolean' }).notNull().default(false),
    locked: integer({ mode: 'boolean' }).notNull().default(false),
    /**
     * Set while the opening post is held for a moderator or hidden: the topic and its title are
     * then out of lists, search and the digest for everyone but its author and moderators.
     */
    hiddenAt: integer(),
    /** Visible posts, the opening post included. */
    postCount: integer().notNull().default(0),
    createdAt: integer().notNull().default(now),
    lastPostAt: integer().notNull().default(now),
  },
  (t) => [index('forum_topics_category_idx').on(t.categoryId, t.pinned, t.lastPostAt)],
);

export const forumPosts = sqliteTable(
  'forum_posts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    topicId: integer()
      .notNull()
      .references(() => forumTopics.id, { onDelete: 'cascade' }),
    authorId: integer().references(() => users.id, { onDelete: 'set null' }),
    /** Markdown as written; emptied when the author deletes the post. */
    body: text().notNull(),
    /** Sanitised HTML, rendered once when the post is saved. */
    bodyHtml: text().notNull(),
    createdAt: integer().notNull().default(now),
    editedAt: integer(),
    deletedAt: integer(),
    /** Hidden by a moderator, or by three members' flags until a moderator looks. */
    hiddenAt: integer(),
    hiddenBy: integer().references(() => users.id, { onDelete: 'set null' }),
    hiddenReason: text(),
    /**
     * Held for a moderator because the guard found probable identification: visible only to
     * its author and moderators until a moderator publishes it.
     */
    heldAt: integer(),
    /** Why it is held: the guard's findings, or a moderator's note when it was sent back. */
    heldReason: text(),
    /** When a moderator sent it back to its author for editing; cleared when the author edits it. */
    sentBackAt: integer(),
  },
  (t) => [index('forum_posts_held_idx').on(t.heldAt), index('forum_posts_topic_idx').on(t.topicId, t.id), index('forum_posts_author_idx').on(t.authorId, t.createdAt)],
);

/** Earlier versions of edited posts, for moderators only. */
export const forumPostVersions = sqliteTable(
  'forum_post_versions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    postId: integer()
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    /** When this version was replaced. */
    replacedAt: integer().notNull(),
  },
  (t) => [index('forum_post_versions_post_idx').on(t.postId)],
);

export const forumFlags = sqliteTable(
  'forum_flags',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    postId: integer()
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text({ enum: FLAG_REASONS }).notNull(),
    detail: text().notNull().default(''),
    createdAt: integer().notNull().default(now),
    resolvedAt: integer(),
    resolvedBy: integer().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('forum_flags_post_user_unique').on(t.postId, t.userId), index('forum_flags_open_idx').on(t.resolvedAt, t.postId)],
);

export const forumWatches = sqliteTable(
  'forum_watches',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topicId: integer()
      .notNull()
      .references(() => forumTopics.id, { onDelete: 'cascade' }),
    createdAt: integer().notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topicId] }), index('forum_watches_topic_idx').on(t.topicId)],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text({ enum: NOTIFICATION_KINDS }).notNull(),
    topicId: integer()
      .notNull()
      .references(() => forumTopics.id, { onDelete: 'cascade' }),
    postId: integer()
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    actorId: integer().references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer().notNull().default(now),
    readAt: integer(),
    /** Included in an e-mail digest. */
    digestedAt: integer(),
  },
  (t) => [uniqueIndex('notifications_user_post_kind_unique').on(t.userId, t.postId, t.kind), index('notifications_user_idx').on(t.userId, t.readAt)],
);

/** Members who asked for a daily e-mail digest of their notifications. */
export const forumDigestSubscribers = sqliteTable('forum_digest_subscribers', {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastSentAt: integer(),
});

// ---------------------------------------------------------------------------------------
// Guidance pages: feedback to their owners, and what each member has read.

/**
 * "Is this page useful?" answers and problem reports from the foot of content pages. No
 * account is needed and none is recorded: feedback is anonymous, and the personal-data guard
 * refuses text that would identify anyone before it is stored.
 */
export const pageFeedback = sqliteTable(
  'page_feedback',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The page, as its portal path (`/guidance/phase-2/`). */
    page: text().notNull(),
    /** `yes` or `no` to "Is this page useful?", or `problem` for a report. */
    kind: text({ enum: FEEDBACK_KINDS }).notNull(),
    /** Problem reports: what was wrong. */
    wrong: text(),
    /** Problem reports: what the reader was trying to do. */
    doing: text(),
    createdAt: integer().notNull().default(now),
    /** When a page owner (an editor) or an admin marked the report dealt with; null until then. */
    doneAt: integer(),
    doneBy: integer().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('page_feedback_page_idx').on(t.page, t.createdAt)],
);

/**
 * The last time each member opened each content page, so a page changed since can say so.
 * The member's own: shown on their account, deletable by them, kept 12 months.
 */
export const readingHistory = sqliteTable(
  'reading_history',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The page, as its portal path. */
    page: text().notNull(),
    /** When the member last opened the page, seconds since the epoch. */
    readAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.page] }), index('reading_history_read_at_idx').on(t.readAt)],
);

/** Members who asked for the weekly e-mail of pages changed since they read them. */
export const readingDigestSubscribers = sqliteTable('reading_digest_subscribers', {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** When the last weekly e-mail was queued; amendments after it are news. */
  lastSentAt: integer(),
  /** When the member asked for the e-mail. */
  createdAt: integer().notNull().default(now),
});

// After a course: evaluations and certificates of attendance.

/**
 * That a person has answered a session's evaluation, and nothing about what they said: the
 * answers are in `evaluations`, with no link back. The primary key allows one answer per
 * person per session. Deleted with the answers, EVALUATION_KEEP_DAYS after the session.
 */
export const evaluationReceipts = sqliteTable(
  'evaluation_receipts',
  {
    sessionId: integer()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/**
 * Evaluation answers, anonymous in storage: no person, no time. The id is random (not a
 * counter), so neither the id nor the order of rows can be matched with the order of
 * `evaluation_receipts`. Kept EVALUATION_KEEP_DAYS after the session, then deleted.
 */
export const evaluations = sqliteTable(
  'evaluations',
  {
    /** A random positive integer below 2^53, chosen when the answer is saved. */
    id: integer().primaryKey(),
    sessionId: integer()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    /** How useful the course was, 1 to 5. */
    usefulness: integer().notNull(),
    /** Confidence in the course's subject before it, 1 to 5. */
    confidenceBefore: integer().notNull(),
    /** Confidence after it, 1 to 5. */
    confidenceAfter: integer().notNull(),
    /** What was most useful, checked by the personal-data guard; may be empty. */
    useful: text().notNull().default(''),
    /** What could be better, checked by the personal-data guard; may be empty. */
    improve: text().notNull().default(''),
  },
  (t) => [
    index('evaluations_session_idx').on(t.sessionId),
    check('evaluations_scales_check', sql`${t.usefulness} BETWEEN 1 AND 5 AND ${t.confidenceBefore} BETWEEN 1 AND 5 AND ${t.confidenceAfter} BETWEEN 1 AND 5`),
  ],
);

/**
 * Certificates of attendance, one per attended place, issued the first time one is needed.
 * What it states is copied in when it is issued, so a certificate says the same thing later
 * even if the course is renamed; it stays valid only while the place is still marked attended.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The verification code, as printed: `7KQ4-M2XD-9VHC-T0RB` (80 random bits). */
    code: text().notNull(),
    bookingId: integer()
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    /** The attendee's name when it was issued. */
    holderName: text().notNull(),
    courseTitle: text().notNull(),
    /** Titles of the Skills Matrix domains the course builds, one per line. */
    domains: text().notNull(),
    sessionStartsAt: integer().notNull(),
    durationMinutes: integer().notNull(),
    /** The course owner's name when it was issued; null when the course had none. */
    trainerName: text(),
    issuedAt: integer().notNull(),
  },
  (t) => [uniqueIndex('certificates_code_unique').on(t.code), uniqueIndex('certificates_booking_unique').on(t.bookingId)],
);
