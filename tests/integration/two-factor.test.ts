import { eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { describe, expect, test } from 'vitest';
import { recoveryCodes, sessions, users } from '../../db/schema.ts';
import { signIn } from '../../src/lib/server/accounts.ts';
import { grantRole } from '../../src/lib/server/admin.ts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { totpStep } from '../../src/lib/domain/account/two-factor.ts';
import { confirmTotpSetup, countRecoveryCodes, newTotpKey, regenerateRecoveryCodes, useRecoveryCode, verifyTotpCode } from '../../src/lib/server/two-factor.ts';
import type { PortalDb } from '../../db/client.ts';
import { activeMember, freshDb } from './helpers.ts';

const PASSWORD = 'lantern-orchard-pebble-stone';
const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0';
const NOW = 1_800_000_000;
const codeAt = (key: Uint8Array, now: number, offset = 0) => generateHOTP(key, BigInt(totpStep(now) + offset), 6);

const member = (portal: PortalDb, email: string, roles: ('admin' | 'moderator' | 'trainer')[] = []) => activeMember(portal, email, PASSWORD, roles);

/** Sets up an authenticator for `userId` and returns its key and recovery codes. */
async function withAuthenticator(portal: PortalDb, userId: number) {
  const { session } = await createSession(portal, userId, ua, NOW, false);
  const key = newTotpKey();
  const result = await confirmTotpSetup(portal, userId, session.id, key, codeAt(key, NOW), NOW);
  if (!result.ok) throw new Error('set-up failed');
  return { key, codes: result.recoveryCodes };
}

describe('signing in with two-factor sign-in', () => {
  test('a trainer without an authenticator gets a session that owes set-up, and it grants nothing yet', async () => {
    const portal = await freshDb();
    const trainer = await member(portal, 'tam@kent.gov.uk', ['trainer']);
    const result = await signIn(portal, { email: trainer.email, password: PASSWORD }, { userAgent: ua, now: NOW });
    expect(result).toMatchObject({ ok: true, secondStep: 'setup' });
    if (!result.ok) return;
    expect((await validateSessionToken(portal, result.token, NOW))?.session.twoFactorVerified).toBe(false);
  });

  test('a practitioner without an authenticator signs in with the password alone', async () => {
    const portal = await freshDb();
    const practitioner = await member(portal, 'pat@kent.gov.uk');
    const result = await signIn(portal, { email: practitioner.email, password: PASSWORD }, { userAgent: ua, now: NOW });
    expect(result).toMatchObject({ ok: true, secondStep: 'none' });
    if (result.ok) expect((await validateSessionToken(portal, result.token, NOW))?.session.twoFactorVerified).toBe(true);
  });

  test('set-up needs a right code, stores the key, issues 8 recovery codes and signs out other sessions', async () => {
    const portal = await freshDb();
    const trainer = await member(portal, 'tam@kent.gov.uk', ['trainer']);
    const other = await createSession(portal, trainer.id, 'Other browser', NOW);
    const { session } = await createSession(portal, trainer.id, ua, NOW, false);
    const key = newTotpKey();
    expect(await confirmTotpSetup(portal, trainer.id, session.id, key, '000000', NOW)).toEqual({ ok: false, reason: 'wrong' });
    const done = await confirmTotpSetup(portal, trainer.id, session.id, key, codeAt(key, NOW), NOW);
    expect(done).toMatchObject({ ok: true });
    if (!done.ok) return;
    expect(done.recoveryCodes).toHaveLength(8);
    expect(done.recoveryCodes[0]).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const stored = await portal.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, trainer.id));
    // Only hashes are kept.
    expect(stored.map((r) => Buffer.from(r.codeHash).toString())).not.toContain(done.recoveryCodes[0]!.replace(/-/g, ''));
    expect((await portal.db.select().from(sessions).where(eq(sessions.id, other.session.id)))).toEqual([]);
    const account = await portal.db.query.users.findFirst({ where: eq(users.id, trainer.id) });
    expect(account?.totpLastStep).toBe(totpStep(NOW));
    expect((await signIn(portal, { email: trainer.email, password: PASSWORD }, { userAgent: ua, now: NOW + 60 }))).toMatchObject({ secondStep: 'verify' });
  });

  test('a code works once: the same code, or an older one, is refused afterwards', async () => {
    const portal = await freshDb();
    const admin = await member(portal, 'ada@kent.gov.uk', ['admin']);
    const { key } = await withAuthenticator(portal, admin.id);
    const later = NOW + 90;
    const first = await createSession(portal, admin.id, ua, later, false);
    // The code used at set-up cannot be used again.
    expect(await verifyTotpCode(portal, admin.id, first.session.id, codeAt(key, NOW), later)).toEqual({ ok: false, reason: 'wrong' });
    expect(await verifyTotpCode(portal, admin.id, first.session.id, codeAt(key, later), later)).toEqual({ ok: true });
    const second = await createSession(portal, admin.id, ua, later + 5, false);
    expect(await verifyTotpCode(portal, admin.id, second.session.id, codeAt(key, later), later + 5)).toEqual({ ok: false, reason: 'wrong' });
    expect((await validateSessionToken(portal, first.token, later))?.session.twoFactorVerified).toBe(true);
    expect((await validateSessionToken(portal, second.token, later + 5))?.session.twoFactorVerified).toBe(false);
  });

  test('two requests racing with the same code: only one wins', async () => {
    const portal = await freshDb();
    const admin = await member(portal, 'ada@kent.gov.uk', ['admin']);
    const { key } = await withAuthenticator(portal, admin.id);
    const later = NOW + 60;
    const a = await createSession(portal, admin.id, ua, later, false);
    const b = await createSession(portal, admin.id, ua, later, false);
    const results = await Promise.all([
      verifyTotpCode(portal, admin.id, a.session.id, codeAt(key, later), later),
      verifyTotpCode(portal, admin.id, b.session.id, codeAt(key, later), later),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  test('a recovery code works once', async () => {
    const portal = await freshDb();
    const moderator = await member(portal, 'mo@kent.gov.uk', ['moderator']);
    const { codes } = await withAuthenticator(portal, moderator.id);
    const s1 = await createSession(portal, moderator.id, ua, NOW, false);
    expect(await useRecoveryCode(portal, moderator.id, s1.session.id, codes[0]!.toUpperCase(), NOW)).toEqual({ ok: true });
    const s2 = await createSession(portal, moderator.id, ua, NOW, false);
    expect(await useRecoveryCode(portal, moderator.id, s2.session.id, codes[0]!, NOW)).toEqual({ ok: false, reason: 'wrong' });
    expect(await countRecoveryCodes(portal, moderator.id)).toBe(7);
    const fresh = await regenerateRecoveryCodes(portal, moderator.id);
    expect(await countRecoveryCodes(portal, moderator.id)).toBe(8);
    expect(await useRecoveryCode(portal, moderator.id, s2.session.id, codes[1]!, NOW)).toEqual({ ok: false, reason: 'wrong' });
    expect(await useRecoveryCode(portal, moderator.id, s2.session.id, fresh[1]!, NOW)).toEqual({ ok: true });
  });

  test('another account’s recovery code does not work', async () => {
    const portal = await freshDb();
    const one = await member(portal, 'one@kent.gov.uk', ['admin']);
    const two = await member(portal, 'two@kent.gov.uk', ['admin']);
    const { codes } = await withAuthenticator(portal, one.id);
    await withAuthenticator(portal, two.id);
    const s = await createSession(portal, two.id, ua, NOW, false);
    expect(await useRecoveryCode(portal, two.id, s.session.id, codes[0]!, NOW)).toEqual({ ok: false, reason: 'wrong' });
  });

  test('after 5 wrong codes in ten minutes even the right code waits', async () => {
    const portal = await freshDb();
    const admin = await member(portal, 'ada@kent.gov.uk', ['admin']);
    const { key } = await withAuthenticator(portal, admin.id);
    const later = NOW + 60;
    const s = await createSession(portal, admin.id, ua, later, false);
    for (let i = 0; i < 5; i++) expect(await verifyTotpCode(portal, admin.id, s.session.id, '000000', later + i)).toEqual({ ok: false, reason: 'wrong' });
    expect(await verifyTotpCode(portal, admin.id, s.session.id, codeAt(key, later + 10), later + 10)).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await verifyTotpCode(portal, admin.id, s.session.id, codeAt(key, later + 601), later + 601)).toEqual({ ok: true });
  });
});

describe('granting a role', () => {
  test("ends the member's sessions, so the role never runs on a session that predates it", async () => {
    const portal = await freshDb();
    const admin = await member(portal, 'ada@kent.gov.uk', ['admin']);
    const pat = await member(portal, 'pat@kent.gov.uk');
    const { token } = await createSession(portal, pat.id, ua);
    await grantRole(portal, admin.id, pat.id, 'trainer');
    expect(await validateSessionToken(portal, token)).toBeNull();
    // The next sign-in owes two-factor set-up.
    expect(await signIn(portal, { email: pat.email, password: PASSWORD }, { userAgent: ua })).toMatchObject({ ok: true, secondStep: 'setup' });
  });
});
