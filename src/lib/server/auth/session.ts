/**
 * Sign-in sessions, following the Lucia session guide (lucia-auth.com/sessions) rather than
 * the retired `lucia` package: the browser holds `id.secret`, the database holds the id and
 * SHA-256(secret), and validation compares hashes in constant time.
 *
 * Expiry slides: a session ends after IDLE_TIMEOUT without use, and in any case after
 * ABSOLUTE_TIMEOUT. `last_seen_at` is written at most once per ACTIVITY_INTERVAL, so a busy
 * page does not turn every request into a database write.
 */
import { nowSeconds } from '../../time.ts';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Drizzle, PortalDb } from '../../../../db/client.ts';
import { allRows, preparedPer } from '../prepared.ts';
import { sessions, userRoles, users, type UserStatus } from '../../../../db/schema.ts';
import type { Role } from '../../domain/account/permissions.ts';
import { issueToken, parseToken, secretMatches } from './tokens.ts';

/** A session ends after this many seconds without a request. */
export const IDLE_TIMEOUT = 12 * 60 * 60;
/** A session ends this many seconds after sign-in, however active. */
export const ABSOLUTE_TIMEOUT = 30 * 24 * 60 * 60;
/** `last_seen_at` is refreshed at most this often. */
export const ACTIVITY_INTERVAL = 5 * 60;

/** The signed-in person, as pages and actions see them. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  organisation: string;
  status: UserStatus;
  /** Always includes `practitioner`. */
  roles: Role[];
  /** Must choose a new password before anything else (see users.passwordChangeRequired). */
  passwordChangeRequired: boolean;
  /** An authenticator app is set up for two-factor sign-in. */
  twoFactorEnabled: boolean;
}

export interface SessionInfo {
  id: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  /** The second sign-in step is done (or the account has none). */
  twoFactorVerified: boolean;
}

/** A session's columns as pages see them: everything but the hash of its secret. */
const SESSION_COLUMNS = {
  id: sessions.id,
  userId: sessions.userId,
  createdAt: sessions.createdAt,
  lastSeenAt: sessions.lastSeenAt,
  userAgent: sessions.userAgent,
  twoFactorVerified: sessions.twoFactorVerified,
};

/** An account's columns for SessionUser: never the password hash or the authenticator key. */
const ACCOUNT_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  organisation: users.organisation,
  status: users.status,
  passwordChangeRequired: users.passwordChangeRequired,
};

type AccountRow = { [K in keyof typeof ACCOUNT_COLUMNS]: (typeof users.$inferSelect)[K] };

/** An account and the roles granted to it, as pages see them: everyone is a practitioner. */
function toSessionUser(account: AccountRow, granted: readonly Role[], twoFactorEnabled: boolean): SessionUser {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    organisation: account.organisation,
    status: account.status,
    roles: ['practitioner', ...[...granted].sort()],
    passwordChangeRequired: account.passwordChangeRequired,
    twoFactorEnabled,
  };
}

/** Loads an account with its roles, or null. */
export async function loadSessionUser(portal: PortalDb, userId: number): Promise<SessionUser | null> {
  const row = await portal.db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!row) return null;
  const granted = await portal.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return toSessionUser(row, granted.map((g) => g.role), row.totpKey !== null);
}

/**
 * Starts a session for a user who has just proved who they are. Always a new token, so a
 * token planted before sign-in (session fixation) is worthless afterwards. Sign-in passes
 * `twoFactorVerified: false` when a second step is still owed; the session then grants
 * nothing until `markSessionTwoFactorVerified`.
 */
export async function createSession(
  portal: PortalDb,
  userId: number,
  userAgent: string,
  now = nowSeconds(),
  twoFactorVerified = true,
): Promise<{ token: string; session: SessionInfo }> {
  const { id, token, secretHash } = issueToken();
  const session: SessionInfo = { id, userId, createdAt: now, lastSeenAt: now, userAgent: userAgent.slice(0, 200), twoFactorVerified };
  await portal.write((tx) => tx.insert(sessions).values({ ...session, secretHash: Buffer.from(secretHash) }));
  return { token, session };
}

/** True when a session should no longer be accepted at `now`. */
export function isSessionExpired(session: Pick<SessionInfo, 'createdAt' | 'lastSeenAt'>, now: number): boolean {
  return now - session.lastSeenAt >= IDLE_TIMEOUT || now - session.createdAt >= ABSOLUTE_TIMEOUT;
}

/** The session lookup every signed-in request makes: one statement, its SQL built once. */
const sessionById = preparedPer((db: Drizzle) =>
  db
    .select({
      session: SESSION_COLUMNS,
      secretHash: sessions.secretHash,
      account: ACCOUNT_COLUMNS,
      twoFactorEnabled: sql<number>`${users.totpKey} is not null`,
      roles: sql<string | null>`(select group_concat(${userRoles.role}, ',') from ${userRoles} where ${userRoles.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare(),
);

/**
 * Checks a cookie's token. Returns the session and its user, or null for anything wrong:
 * bad shape, unknown id, wrong secret, expired, or an account that is no longer active.
 */
export async function validateSessionToken(
  portal: PortalDb,
  token: string | undefined,
  now = nowSeconds(),
): Promise<{ session: SessionInfo; user: SessionUser } | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  // Every request that carries a cookie runs this, so the session, its account (never the
  // password hash) and the account's roles come back in one statement, prepared once.
  const [row] = await allRows(portal.db, sessionById(portal.db), { id: parsed.id });
  if (!row) return null;
  if (!secretMatches(parsed.secret, row.secretHash)) return null;
  const session: SessionInfo = row.session;
  if (isSessionExpired(session, now) || row.account.status !== 'active') {
    await invalidateSession(portal, session.id);
    return null;
  }
  const user = toSessionUser(row.account, row.roles ? (row.roles.split(',') as Role[]) : [], Boolean(row.twoFactorEnabled));
  if (now - session.lastSeenAt >= ACTIVITY_INTERVAL) {
    session.lastSeenAt = now;
    await portal.write((tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id)));
  }
  return { session, user };
}

/** Records that a session has done its second sign-in step. */
export async function markSessionTwoFactorVerified(portal: PortalDb, sessionId: string): Promise<void> {
  await portal.write((tx) => tx.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId)));
}

/** Ends one session (sign out). */
export async function invalidateSession(portal: PortalDb, sessionId: string): Promise<void> {
  await portal.write((tx) => tx.delete(sessions).where(eq(sessions.id, sessionId)));
}

/** Ends every session of a user, or every one but `exceptSessionId`. */
export async function invalidateUserSessions(portal: PortalDb, userId: number, exceptSessionId?: string): Promise<void> {
  await portal.write((tx) =>
    tx
      .delete(sessions)
      .where(
        exceptSessionId
          ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
          : eq(sessions.userId, userId),
      ),
  );
}

const sessionsOfUser = preparedPer((db: Drizzle) => db.select(SESSION_COLUMNS).from(sessions).where(eq(sessions.userId, sql.placeholder('userId'))).prepare());

/** A user's live sessions, most recently used first, for the account page. */
export async function listUserSessions(portal: PortalDb, userId: number, now = nowSeconds()): Promise<SessionInfo[]> {
  const rows = await allRows(portal.db, sessionsOfUser(portal.db), { userId });
  return rows.filter((s) => !isSessionExpired(s, now)).sort((a, b) => b.lastSeenAt - a.lastSeenAt);
}
