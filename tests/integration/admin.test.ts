import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, users } from '../../db/schema.ts';
import {
  AdminActionError,
  approveUser,
  disableUser,
  enableUser,
  grantRole,
  listUsers,
  revokeRole,
} from '../../src/lib/server/admin.ts';
import { createSession, loadSessionUser, validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { freshDb, sentMail, settings } from './helpers.ts';
import type { PortalDb } from '../../db/client.ts';

async function addUser(portal: PortalDb, email: string, status: 'pending' | 'active' = 'active', name = 'Pat Lee', organisation = 'Kent Police') {
  const [row] = await portal.db
    .insert(users)
    .values({ email, name, organisation, passwordHash: 'x', status, emailVerifiedAt: 1 })
    .returning();
  return row!;
}

describe('admin actions', () => {
  test('approve activates a pending account, e-mails its owner and is audited', async () => {
    const portal = await freshDb();
    const admin = await addUser(portal, 'admin@kent.gov.uk');
    const pat = await addUser(portal, 'pat@police.example', 'pending');
    await approveUser(portal, admin.id, pat.id, settings);
    expect((await portal.db.select().from(users).where(eq(users.id, pat.id)))[0]).toMatchObject({ status: 'active', approvedBy: admin.id });
    expect((await sentMail(portal)).at(-1)).toMatchObject({ recipient: 'pat@police.example' });
    expect(await portal.db.select().from(auditLog)).toEqual([expect.objectContaining({ actorId: admin.id, action: 'approve', targetUserId: pat.id })]);
    await expect(approveUser(portal, admin.id, pat.id, settings)).rejects.toThrow(AdminActionError);
  });

  test('disable signs the account out everywhere; enable lets it back', async () => {
    const portal = await freshDb();
    const admin = await addUser(portal, 'admin@kent.gov.uk');
    const pat = await addUser(portal, 'pat@police.example');
    const { token } = await createSession(portal, pat.id, 'ua');
    await disableUser(portal, admin.id, pat.id);
    expect(await validateSessionToken(portal, token)).toBeNull();
    await enableUser(portal, admin.id, pat.id);
    expect((await loadSessionUser(portal, pat.id))?.status).toBe('active');
  });

  test('refuses to let admins disable themselves or drop their own admin role', async () => {
    const portal = await freshDb();
    const admin = await addUser(portal, 'admin@kent.gov.uk');
    await grantRole(portal, admin.id, admin.id, 'admin');
    await expect(disableUser(portal, admin.id, admin.id)).rejects.toThrow('You cannot disable your own account');
    await expect(revokeRole(portal, admin.id, admin.id, 'admin')).rejects.toThrow('You cannot remove your own admin role');
  });

  test('grants and revokes roles, refusing no-op changes', async () => {
    const portal = await freshDb();
    const admin = await addUser(portal, 'admin@kent.gov.uk');
    const pat = await addUser(portal, 'pat@police.example');
    await grantRole(portal, admin.id, pat.id, 'trainer');
    await grantRole(portal, admin.id, pat.id, 'moderator');
    await expect(grantRole(portal, admin.id, pat.id, 'trainer')).rejects.toThrow('already a trainer');
    expect((await loadSessionUser(portal, pat.id))?.roles).toEqual(['practitioner', 'moderator', 'trainer']);
    await revokeRole(portal, admin.id, pat.id, 'trainer');
    await expect(revokeRole(portal, admin.id, pat.id, 'trainer')).rejects.toThrow('not a trainer');
    expect((await loadSessionUser(portal, pat.id))?.roles).toEqual(['practitioner', 'moderator']);
    expect((await portal.db.select().from(auditLog)).map((a) => `${a.action}:${a.detail}`)).toEqual([
      'grant-role:trainer',
      'grant-role:moderator',
      'revoke-role:trainer',
    ]);
  });

  test('lists and searches accounts, treating % and _ literally', async () => {
    const portal = await freshDb();
    await addUser(portal, 'pat@police.example', 'pending', 'Pat Lee', 'Kent Police');
    await addUser(portal, 'jo@kent.gov.uk', 'active', 'Jo Patel', 'Kent County Council');
    await addUser(portal, 'al@school.example', 'active', 'Al 100% Green', 'Oak_School');
    // Any page number, however large or odd, is a page rather than an error.
    for (const page of [Number.MAX_SAFE_INTEGER, 1e30, Number.NaN, -5, 2.5]) {
      expect((await listUsers(portal, { page })).users).toBeInstanceOf(Array);
    }
    expect((await listUsers(portal, { search: 'pat' })).total).toBe(2);
    expect((await listUsers(portal, { search: 'POLICE' })).users.map((u) => u.email)).toEqual(['pat@police.example']);
    expect((await listUsers(portal, { status: 'pending' })).users.map((u) => u.email)).toEqual(['pat@police.example']);
    expect((await listUsers(portal, { search: '100%' })).total).toBe(1);
    expect((await listUsers(portal, { search: '%' })).total).toBe(1);
    // With _ as a wildcard, "al_1" would match "Al 100% Green".
    expect((await listUsers(portal, { search: 'al_1' })).total).toBe(0);
    expect((await listUsers(portal, { search: 'oak_s' })).total).toBe(1);
    expect((await listUsers(portal, { pageSize: 2, page: 2 })).users).toHaveLength(1);
  });
});
