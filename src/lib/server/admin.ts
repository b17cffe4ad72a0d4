/**
 * What administrators do to accounts: approve, disable, enable, grant and revoke roles.
 * Each change and its audit record are written in one transaction.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../db/client.ts';
import { auditLog, sessions, trustedDevices, userRoles, users, type GrantableRole, type UserStatus } from '../../../db/schema.ts';
import type { Role } from '../domain/account/permissions.ts';
import { queueApprovalEmail, type AccountSettings } from './accounts.ts';
import { nowSeconds } from '../time.ts';

/** One row of the admin users list. */
export interface UserSummary {
  id: number;
  name: string;
  email: string;
  organisation: string;
  status: UserStatus;
  emailVerified: boolean;
  createdAt: number;
  lastSignInAt: number | null;
  roles: Role[];
}

export interface UserListQuery {
  /** Matches name, e-mail or organisation, case-insensitively. */
  search?: string;
  status?: UserStatus;
  page?: number;
  pageSize?: number;
}

/** Escapes LIKE wildcards so a search for "50%" means the characters typed. */
function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The highest page number listUsers will look at. */
export const MAX_PAGE = 100_000;

/** Lists accounts, newest first, with their roles. */
export async function listUsers(portal: PortalDb, query: UserListQuery = {}): Promise<{ users: UserSummary[]; total: number }> {
  const pageSize = query.pageSize ?? 50;
  // Any page number from the address bar, however large or odd, gives a page (maybe empty),
  // never an offset SQLite cannot hold.
  const page = Number.isSafeInteger(query.page) ? Math.min(Math.max(1, query.page!), MAX_PAGE) : 1;
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(users.status, query.status));
  const term = query.search?.trim();
  if (term) {
    const pattern = likePattern(term);
    conditions.push(
      or(
        sql`lower(${users.name}) LIKE ${pattern} ESCAPE '\\'`,
        sql`lower(${users.email}) LIKE ${pattern} ESCAPE '\\'`,
        sql`lower(${users.organisation}) LIKE ${pattern} ESCAPE '\\'`,
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await portal.db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ total } = { total: 0 }] = await portal.db.select({ total: sql<number>`count(*)` }).from(users).where(where);
  const ids = rows.map((r) => r.id);
  const granted = ids.length
    ? await portal.db.select().from(userRoles).where(inArray(userRoles.userId, ids)).orderBy(asc(userRoles.role))
    : [];
  return {
    total: Number(total),
    users: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      status: r.status,
      emailVerified: r.emailVerifiedAt !== null,
      createdAt: r.createdAt,
      lastSignInAt: r.lastSignInAt,
      roles: ['practitioner', ...granted.filter((g) => g.userId === r.id).map((g) => g.role)],
    })),
  };
}

/** Why an admin action was refused, in words for the admin. */
export class AdminActionError extends Error {}

async function audit(tx: Tx, actorId: number, action: string, targetUserId: number, detail = '') {
  await tx.insert(auditLog).values({ actorId, action, targetUserId, detail, createdAt: nowSeconds() });
}

async function requireUser(tx: Tx, userId: number) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AdminActionError('That account no longer exists');
  return user;
}

/** Approves a pending account and tells its owner. */
export async function approveUser(portal: PortalDb, actorId: number, userId: number, settings: AccountSettings): Promise<void> {
  await portal.write(async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.status !== 'pending') throw new AdminActionError(`${user.name}'s account is not waiting for approval`);
    await tx.update(users).set({ status: 'active', approvedAt: nowSeconds(), approvedBy: actorId }).where(eq(users.id, userId));
    await audit(tx, actorId, 'approve', userId);
    await queueApprovalEmail(tx, user, settings);
  });
}

/** Disables an account and signs it out everywhere at once. */
export async function disableUser(portal: PortalDb, actorId: number, userId: number): Promise<void> {
  if (actorId === userId) throw new AdminActionError('You cannot disable your own account');
  await portal.write(async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.status === 'disabled') throw new AdminActionError(`${user.name}'s account is already disabled`);
    await tx.update(users).set({ status: 'disabled' }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(trustedDevices).where(eq(trustedDevices.userId, userId));
    await audit(tx, actorId, 'disable', userId);
  });
}

/** Re-enables a disabled account. */
export async function enableUser(portal: PortalDb, actorId: number, userId: number): Promise<void> {
  await portal.write(async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.status !== 'disabled') throw new AdminActionError(`${user.name}'s account is not disabled`);
    await tx.update(users).set({ status: 'active', approvedAt: user.approvedAt ?? nowSeconds(), approvedBy: user.approvedBy ?? actorId }).where(eq(users.id, userId));
    await audit(tx, actorId, 'enable', userId);
  });
}

/**
 * Grants a role and signs the member out everywhere. Granting one already held is refused
 * so the admin knows nothing changed.
 */
export async function grantRole(portal: PortalDb, actorId: number, userId: number, role: GrantableRole): Promise<void> {
  await portal.write(async (tx) => {
    const user = await requireUser(tx, userId);
    const inserted = await tx
      .insert(userRoles)
      .values({ userId, role, grantedBy: actorId, grantedAt: nowSeconds() })
      .onConflictDoNothing()
      .returning({ role: userRoles.role });
    if (inserted.length === 0) throw new AdminActionError(`${user.name} is already a ${role}`);
    // A role never runs on a session that predates it: the member signs in again, and a role
    // that needs two-factor sign-in asks them to set it up then. (An admin granting a role
    // to themselves is already past two-factor sign-in and keeps the session they are using.)
    if (userId !== actorId) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await audit(tx, actorId, 'grant-role', userId, role);
  });
}

/** Revokes a role. Admins cannot remove their own admin role, so the portal always keeps one. */
export async function revokeRole(portal: PortalDb, actorId: number, userId: number, role: GrantableRole): Promise<void> {
  if (actorId === userId && role === 'admin') throw new AdminActionError('You cannot remove your own admin role');
  await portal.write(async (tx) => {
    const user = await requireUser(tx, userId);
    const removed = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, role)))
      .returning({ role: userRoles.role });
    if (removed.length === 0) throw new AdminActionError(`${user.name} is not a ${role}`);
    await audit(tx, actorId, 'revoke-role', userId, role);
  });
}
