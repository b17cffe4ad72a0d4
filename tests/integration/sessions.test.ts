import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { sessions, userRoles, users } from '../../db/schema.ts';
import {
  ABSOLUTE_TIMEOUT,
  ACTIVITY_INTERVAL,
  createSession,
  IDLE_TIMEOUT,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions,
  validateSessionToken,
} from '../../src/lib/server/auth/session.ts';
import { parseToken } from '../../src/lib/server/auth/tokens.ts';
import { countStatements, freshDb } from './helpers.ts';
import type { PortalDb } from '../../db/client.ts';

async function member(portal: PortalDb) {
  const [row] = await portal.db
    .insert(users)
    .values({ email: 'a@kent.gov.uk', name: 'A', organisation: 'KCC', passwordHash: 'x', status: 'active', emailVerifiedAt: 1 })
    .returning();
  return row!;
}

const T0 = 1_800_000_000;

describe('sessions', () => {
  test('stores only the hash of the secret', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    const { id, secret } = parseToken(token)!;
    const [row] = await portal.db.select().from(sessions).where(eq(sessions.id, id));
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(secret);
    expect(row!.secretHash.byteLength).toBe(32);
  });

  test('validates the real token and nothing else', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    expect((await validateSessionToken(portal, token, T0))?.user.id).toBe(user.id);
    const { id, secret } = parseToken(token)!;
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(await validateSessionToken(portal, tampered, T0)).toBeNull();
    expect(await validateSessionToken(portal, undefined, T0)).toBeNull();
  });

  test('validates in one SQL statement, with the roles and without the password hash', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    await portal.db.insert(userRoles).values([
      { userId: user.id, role: 'moderator' },
      { userId: user.id, role: 'admin' },
    ]);
    await portal.db.update(users).set({ totpKey: Buffer.alloc(20, 1) }).where(eq(users.id, user.id));
    const { token } = await createSession(portal, user.id, 'ua', T0, false);
    const { result, statements } = await countStatements(portal, () => validateSessionToken(portal, token, T0 + 60));
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/password_hash/);
    expect(result?.user.roles).toEqual(['practitioner', 'admin', 'moderator']);
    expect(result?.user.twoFactorEnabled).toBe(true);
    expect(result?.session.twoFactorVerified).toBe(false);
    expect(result?.user).not.toHaveProperty('passwordHash');
  });

  test('a plain member has only the practitioner role and no second step', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    const result = await validateSessionToken(portal, token, T0);
    expect(result?.user).toMatchObject({ roles: ['practitioner'], twoFactorEnabled: false, passwordChangeRequired: false, name: 'A' });
    expect(result?.session.twoFactorVerified).toBe(true);
  });

  test('once the activity interval has passed, the only extra statements are the last-seen write', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    const { statements } = await countStatements(portal, () => validateSessionToken(portal, token, T0 + ACTIVITY_INTERVAL));
    expect(statements.filter((s) => /^select/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /^update/i.test(s))).toHaveLength(1);
  });

  test('slides: last seen is written at most once per activity interval', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token, session } = await createSession(portal, user.id, 'ua', T0);
    const seen = async () => (await portal.db.select().from(sessions).where(eq(sessions.id, session.id)))[0]!.lastSeenAt;
    await validateSessionToken(portal, token, T0 + ACTIVITY_INTERVAL - 1);
    expect(await seen()).toBe(T0);
    await validateSessionToken(portal, token, T0 + ACTIVITY_INTERVAL);
    expect(await seen()).toBe(T0 + ACTIVITY_INTERVAL);
  });

  test('ends after the idle timeout without use, and deletes the row', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    expect(await validateSessionToken(portal, token, T0 + IDLE_TIMEOUT - 1)).not.toBeNull();
    expect(await validateSessionToken(portal, token, T0 + IDLE_TIMEOUT - 1 + IDLE_TIMEOUT)).toBeNull();
    expect(await portal.db.select().from(sessions)).toEqual([]);
  });

  test('ends after the absolute timeout however active', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    for (let t = T0; t < T0 + ABSOLUTE_TIMEOUT; t += IDLE_TIMEOUT / 2) {
      expect(await validateSessionToken(portal, token, t)).not.toBeNull();
    }
    expect(await validateSessionToken(portal, token, T0 + ABSOLUTE_TIMEOUT)).toBeNull();
  });

  test('ends when the account is disabled', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const { token } = await createSession(portal, user.id, 'ua', T0);
    await portal.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.id));
    expect(await validateSessionToken(portal, token, T0)).toBeNull();
  });

  test('signs out one session, or all but the current one', async () => {
    const portal = await freshDb();
    const user = await member(portal);
    const a = await createSession(portal, user.id, 'Firefox', T0);
    const b = await createSession(portal, user.id, 'Chrome', T0);
    const c = await createSession(portal, user.id, 'Edge', T0);
    await invalidateSession(portal, a.session.id);
    expect(await validateSessionToken(portal, a.token, T0)).toBeNull();
    await invalidateUserSessions(portal, user.id, b.session.id);
    expect(await validateSessionToken(portal, c.token, T0)).toBeNull();
    expect((await listUserSessions(portal, user.id, T0)).map((s) => s.userAgent)).toEqual(['Chrome']);
  });
});
