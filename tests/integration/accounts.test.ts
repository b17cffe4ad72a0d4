import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { pendingRegistrations, signInFailures, trustedDevices, userRoles, users, userTokens } from '../../db/schema.ts';
import {
  changePassword,
  isTrustedEmail,
  MAX_PENDING_PER_ADDRESS,
  pruneExpiredRegistrations,
  pruneSignInFailures,
  register,
  requestPasswordReset,
  resetPassword,
  signIn,
  verifyEmail,
} from '../../src/lib/server/accounts.ts';
import { listUserSessions, validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { activeMember, freshDb, sentMail, settings, tokenFromMail } from './helpers.ts';
import type { PortalDb } from '../../db/client.ts';

const PASSWORD = 'lantern-orchard-pebble';
const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0';

const activeUser = (portal: PortalDb, email = 'sam@kent.gov.uk', roles: ('admin' | 'moderator' | 'trainer')[] = []) => activeMember(portal, email, PASSWORD, roles);

describe('isTrustedEmail', () => {
  test.each([
    ['a@kent.gov.uk', true],
    ['a@schools.kent.gov.uk', true],
    ['a@notkent.gov.uk', false],
    ['a@kent.gov.uk.evil.example', false],
    ['a@example.org', false],
  ])('%s: %s', (email, expected) => {
    expect(isTrustedEmail(email, ['kent.gov.uk'])).toBe(expected);
  });
});

describe('register and verifyEmail', () => {
  const input = { name: 'Jo Patel', email: 'jo@kent.gov.uk', organisation: 'Kent County Council', password: PASSWORD };

  test('creates nothing until the address is confirmed, and e-mails a link saying what it confirms', async () => {
    const portal = await freshDb();
    await register(portal, input, settings);
    expect(await portal.db.select().from(users)).toEqual([]);
    const [pending] = await portal.db.select().from(pendingRegistrations);
    expect(pending).toMatchObject({ email: 'jo@kent.gov.uk', name: 'Jo Patel', organisation: 'Kent County Council' });
    expect(pending!.passwordHash).toMatch(/^\$argon2id\$/);
    const mail = await sentMail(portal);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain('https://portal.test/verify-email?token=');
    expect(mail[0]!.body).toContain('Name: Jo Patel');
    expect(mail[0]!.body).toContain('Organisation: Kent County Council');
    expect(mail[0]!.body).toContain('Nothing happens unless it is used');
  });

  test('approves a trusted domain as soon as the address is confirmed, and the link works once', async () => {
    const portal = await freshDb();
    await register(portal, input, settings);
    const token = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
    expect(await verifyEmail(portal, token, settings)).toEqual({ ok: true, status: 'active' });
    expect(await verifyEmail(portal, token, settings)).toEqual({ ok: false });
    const signedIn = await signIn(portal, { email: 'jo@kent.gov.uk', password: PASSWORD }, { userAgent: ua });
    expect(signedIn.ok).toBe(true);
  });

  test('leaves other domains waiting for an admin, and tells the admins', async () => {
    const portal = await freshDb();
    await activeUser(portal, 'admin@kent.gov.uk', ['admin']);
    await register(portal, { ...input, email: 'jo@police.example' }, settings);
    const token = await tokenFromMail(portal, 'jo@police.example', '/verify-email');
    expect(await verifyEmail(portal, token, settings)).toEqual({ ok: true, status: 'pending' });
    const toAdmin = (await sentMail(portal)).filter((m) => m.recipient === 'admin@kent.gov.uk');
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.body).toContain('Jo Patel (Kent County Council)');
    const attempt = await signIn(portal, { email: 'jo@police.example', password: PASSWORD }, { userAgent: ua });
    expect(attempt).toEqual({ ok: false, reason: 'pending' });
  });

  test('does not create a second account for a registered address, and e-mails its owner', async () => {
    const portal = await freshDb();
    await activeUser(portal, 'jo@kent.gov.uk');
    await register(portal, { ...input, name: 'Someone Else', password: 'another-long-password' }, settings);
    const rows = await portal.db.select().from(users);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe('Sam Okafor');
    const mail = await sentMail(portal);
    expect(mail.at(-1)!.subject).toMatch(/already have an account/);
  });

  test('sends a fresh link when an unconfirmed address registers again; the first confirmed voids the rest', async () => {
    const portal = await freshDb();
    await register(portal, input, settings);
    const first = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
    await register(portal, input, settings);
    const second = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
    expect(second).not.toBe(first);
    expect(await verifyEmail(portal, second, settings)).toMatchObject({ ok: true });
    expect(await verifyEmail(portal, first, settings)).toEqual({ ok: false });
    expect(await portal.db.select().from(users)).toHaveLength(1);
    expect(await portal.db.select().from(pendingRegistrations)).toEqual([]);
  });

  describe('when a stranger registers the address first (pre-hijacking)', () => {
    const attacker = { name: 'Mallory Grey', email: 'jo@kent.gov.uk', organisation: 'Not Kent', password: 'attackers-own-passphrase' };

    test("the owner's own link creates the owner's account, and the stranger's password never works", async () => {
      const portal = await freshDb();
      await register(portal, attacker, settings);
      const attackerLink = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
      await register(portal, input, settings);
      const ownerLink = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
      expect(await verifyEmail(portal, ownerLink, settings)).toEqual({ ok: true, status: 'active' });
      const [account] = await portal.db.select().from(users);
      expect(account).toMatchObject({ name: 'Jo Patel', organisation: 'Kent County Council', status: 'active' });
      expect((await signIn(portal, { email: input.email, password: PASSWORD }, { userAgent: ua })).ok).toBe(true);
      expect(await signIn(portal, { email: input.email, password: attacker.password }, { userAgent: ua })).toEqual({ ok: false, reason: 'invalid' });
      // The stranger's link died with the confirmation.
      expect(await verifyEmail(portal, attackerLink, settings)).toEqual({ ok: false });
      expect(await portal.db.select().from(users)).toHaveLength(1);
    });

    test("the e-mail carrying the stranger's link names the stranger's details, not the owner's", async () => {
      const portal = await freshDb();
      await register(portal, attacker, settings);
      await register(portal, input, settings);
      const [toStranger, toOwner] = await sentMail(portal);
      expect(toStranger!.body).toContain('Name: Mallory Grey');
      expect(toStranger!.body).toContain('Organisation: Not Kent');
      expect(toOwner!.body).toContain('Name: Jo Patel');
    });

    test('a stranger who registers after the owner has confirmed gets nothing, and the owner is told', async () => {
      const portal = await freshDb();
      await register(portal, input, settings);
      const ownerLink = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
      await verifyEmail(portal, ownerLink, settings);
      await register(portal, attacker, settings);
      expect(await portal.db.select().from(pendingRegistrations)).toEqual([]);
      expect((await sentMail(portal)).at(-1)!.subject).toMatch(/already have an account/);
      expect(await signIn(portal, { email: input.email, password: attacker.password }, { userAgent: ua })).toEqual({ ok: false, reason: 'invalid' });
    });

    test('keeps at most a few registrations per address, dropping the oldest', async () => {
      const portal = await freshDb();
      for (let i = 0; i < MAX_PENDING_PER_ADDRESS + 2; i++) await register(portal, { ...attacker, name: `Stranger ${i}` }, settings, 1_800_000_000 + i);
      const rows = await portal.db.select().from(pendingRegistrations);
      expect(rows.map((r) => r.name).sort()).toEqual(['Stranger 2', 'Stranger 3', 'Stranger 4']);
    });
  });

  test('refuses an expired link', async () => {
    const portal = await freshDb();
    const now = 1_800_000_000;
    await register(portal, input, settings, now);
    const token = await tokenFromMail(portal, 'jo@kent.gov.uk', '/verify-email');
    expect(await verifyEmail(portal, token, settings, now + 49 * 3600)).toEqual({ ok: false });
  });

  test('refuses sign-in before the address is confirmed, as for any unknown address', async () => {
    const portal = await freshDb();
    await register(portal, input, settings);
    expect(await signIn(portal, { email: input.email, password: PASSWORD }, { userAgent: ua })).toEqual({ ok: false, reason: 'invalid' });
  });

  test('prunes registrations whose link has expired', async () => {
    const portal = await freshDb();
    const now = 1_800_000_000;
    await register(portal, input, settings, now);
    await pruneExpiredRegistrations(portal, now + 47 * 3600);
    expect(await portal.db.select().from(pendingRegistrations)).toHaveLength(1);
    await pruneExpiredRegistrations(portal, now + 48 * 3600);
    expect(await portal.db.select().from(pendingRegistrations)).toEqual([]);
  });
});

describe('signIn', () => {
  test('starts a session and trusts the browser on the right password', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const result = await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.deviceToken).toBeTruthy();
    const validated = await validateSessionToken(portal, result.token);
    expect(validated?.user).toMatchObject({ email: user.email, roles: ['practitioner'] });
  });

  test('gives the same answer for a wrong password and an unknown address', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    expect(await signIn(portal, { email: user.email, password: 'wrong-password-here' }, { userAgent: ua })).toEqual({ ok: false, reason: 'invalid' });
    expect(await signIn(portal, { email: 'nobody@kent.gov.uk', password: 'wrong-password-here' }, { userAgent: ua })).toEqual({ ok: false, reason: 'invalid' });
  });

  test('locks an address after 10 wrong passwords, whether or not it has an account', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const now = 1_800_000_000;
    for (const email of [user.email, 'nobody@kent.gov.uk']) {
      for (let i = 1; i <= 9; i++) {
        expect(await signIn(portal, { email, password: `wrong-${i}` }, { userAgent: ua, now })).toEqual({ ok: false, reason: 'invalid' });
      }
      expect(await signIn(portal, { email, password: 'wrong-10' }, { userAgent: ua, now })).toEqual({ ok: false, reason: 'locked', lockedUntil: now + 60 });
    }
    // Even the right password is refused while locked, without being checked.
    expect(await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua, now: now + 30 })).toMatchObject({ reason: 'locked' });
    // After the lockout, the right password works and clears the count.
    expect((await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua, now: now + 61 })).ok).toBe(true);
    expect(await portal.db.select().from(signInFailures).where(eq(signInFailures.email, user.email))).toEqual([]);
  });

  test('doubles the lockout with each further failure', async () => {
    const portal = await freshDb();
    const now = 1_800_000_000;
    for (let i = 1; i <= 10; i++) await signIn(portal, { email: 'x@kent.gov.uk', password: 'wrong' }, { userAgent: ua, now });
    const eleventh = await signIn(portal, { email: 'x@kent.gov.uk', password: 'wrong' }, { userAgent: ua, now: now + 61 });
    expect(eleventh).toEqual({ ok: false, reason: 'locked', lockedUntil: now + 61 + 120 });
  });

  test("lets the owner's trusted browser in while strangers have locked the address", async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const first = await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua });
    if (!first.ok) throw new Error('first sign-in failed');
    const deviceToken = first.deviceToken!;
    for (let i = 0; i < 10; i++) await signIn(portal, { email: user.email, password: 'attacker-guess' }, { userAgent: 'curl' });
    expect(await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua })).toMatchObject({ reason: 'locked' });
    const owner = await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua, deviceToken });
    expect(owner.ok).toBe(true);
    if (owner.ok) expect(owner.deviceToken).toBeNull();
  });

  test('stops trusting a browser after 10 wrong passwords from it', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const first = await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua });
    if (!first.ok) throw new Error('first sign-in failed');
    for (let i = 0; i < 10; i++) await signIn(portal, { email: user.email, password: 'wrong' }, { userAgent: ua, deviceToken: first.deviceToken! });
    expect(await portal.db.select().from(trustedDevices)).toEqual([]);
    // The device's failures did not count against the address.
    expect(await portal.db.select().from(signInFailures)).toEqual([]);
  });

  test('forgets a failure count left alone for a day, but never one whose lockout is in force', async () => {
    const portal = await freshDb();
    const now = 1_800_000_000;
    await portal.db.insert(signInFailures).values([
      { email: 'idle@kent.gov.uk', failures: 3, lockedUntil: null, updatedAt: now - 24 * 3600 - 1 },
      { email: 'recent@kent.gov.uk', failures: 3, lockedUntil: null, updatedAt: now - 3600 },
      { email: 'locked@kent.gov.uk', failures: 20, lockedUntil: now + 3600, updatedAt: now - 24 * 3600 - 1 },
    ]);
    await pruneSignInFailures(portal, now);
    const left = (await portal.db.select().from(signInFailures)).map((r) => r.email).sort();
    expect(left).toEqual(['locked@kent.gov.uk', 'recent@kent.gov.uk']);
  });

  test('refuses a disabled account even with the right password', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    await portal.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.id));
    expect(await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua })).toEqual({ ok: false, reason: 'disabled' });
  });
});

describe('password reset', () => {
  test('sends a link that sets a new password once, signs out everywhere and lifts a lockout', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const before = await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua });
    for (let i = 0; i < 10; i++) await signIn(portal, { email: user.email, password: 'wrong' }, { userAgent: 'x' });
    await requestPasswordReset(portal, user.email, settings);
    const token = await tokenFromMail(portal, user.email, '/reset-password');

    expect(await resetPassword(portal, token, 'short', settings)).toEqual({ ok: false, field: 'password', message: 'Password must be 12 characters or more' });
    expect(await resetPassword(portal, token, 'brand-new-passphrase', settings)).toEqual({ ok: true });
    expect(await resetPassword(portal, token, 'another-new-passphrase', settings)).toMatchObject({ ok: false, field: 'token' });

    if (before.ok) expect(await validateSessionToken(portal, before.token)).toBeNull();
    expect(await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua })).toEqual({ ok: false, reason: 'invalid' });
    expect((await signIn(portal, { email: user.email, password: 'brand-new-passphrase' }, { userAgent: ua })).ok).toBe(true);
  });

  test('sends no reset link for an unknown address, but takes the same path: one e-mail saying there is no account', async () => {
    const portal = await freshDb();
    await requestPasswordReset(portal, 'nobody@kent.gov.uk', settings);
    const mail = await sentMail(portal);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.recipient).toBe('nobody@kent.gov.uk');
    expect(mail[0]!.body).toContain('no account that can sign in uses it');
    expect(mail[0]!.body).not.toContain('/reset-password');
    expect(await portal.db.select().from(userTokens)).toEqual([]);
  });

  test('expires after an hour', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const now = 1_800_000_000;
    await requestPasswordReset(portal, user.email, settings, now);
    const token = await tokenFromMail(portal, user.email, '/reset-password');
    expect(await resetPassword(portal, token, 'brand-new-passphrase', settings, now + 3601)).toMatchObject({ ok: false, field: 'token' });
  });

  test('asks an admin for the longer password', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal, 'boss@kent.gov.uk', ['admin']);
    await requestPasswordReset(portal, user.email, settings);
    const token = await tokenFromMail(portal, user.email, '/reset-password');
    expect(await resetPassword(portal, token, 'fourteen-chars', settings)).toEqual({ ok: false, field: 'password', message: 'Password must be 15 characters or more' });
  });
});

describe('changePassword', () => {
  test('needs the current password, then ends every session', async () => {
    const portal = await freshDb();
    const user = await activeUser(portal);
    const session = await signIn(portal, { email: user.email, password: PASSWORD }, { userAgent: ua });
    expect(await changePassword(portal, user.id, 'not-it', 'brand-new-passphrase', settings)).toMatchObject({ ok: false, field: 'currentPassword' });
    expect(await changePassword(portal, user.id, PASSWORD, 'brand-new-passphrase', settings)).toEqual({ ok: true });
    if (session.ok) expect(await validateSessionToken(portal, session.token)).toBeNull();
    expect(await listUserSessions(portal, user.id)).toEqual([]);
    expect((await sentMail(portal)).at(-1)!.subject).toMatch(/password .* has changed/);
  });
});

describe('a password that no longer meets the rules', () => {
  const SHORT = 'juniper-crow'; // 12 characters: enough for a practitioner, not a moderator
  async function withPassword(portal: PortalDb, password: string, roles: ('admin' | 'moderator' | 'trainer')[]) {
    const user = await activeUser(portal, `${roles.join('-') || 'member'}@kent.gov.uk`, roles);
    await portal.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id));
    return user;
  }
  const flagOf = async (portal: PortalDb, id: number) => (await portal.db.query.users.findFirst({ where: eq(users.id, id) }))!.passwordChangeRequired;

  test('is noticed at sign-in for a moderator, not for a practitioner, and changing it clears the flag', async () => {
    const portal = await freshDb();
    const member = await withPassword(portal, SHORT, []);
    const moderator = await withPassword(portal, SHORT, ['moderator']);

    const memberIn = await signIn(portal, { email: member.email, password: SHORT }, { userAgent: ua });
    expect(memberIn).toMatchObject({ ok: true, user: { passwordChangeRequired: false } });

    const moderatorIn = await signIn(portal, { email: moderator.email, password: SHORT }, { userAgent: ua });
    expect(moderatorIn).toMatchObject({ ok: true, user: { passwordChangeRequired: true } });
    if (!moderatorIn.ok) return;
    expect((await validateSessionToken(portal, moderatorIn.token))?.user.passwordChangeRequired).toBe(true);

    // The new password has to meet the moderator's rule.
    expect(await changePassword(portal, moderator.id, SHORT, 'fourteen-chars', settings)).toMatchObject({ ok: false, field: 'newPassword' });
    expect(await flagOf(portal, moderator.id)).toBe(true);
    expect(await changePassword(portal, moderator.id, SHORT, 'a-much-longer-passphrase', settings)).toEqual({ ok: true });
    expect(await flagOf(portal, moderator.id)).toBe(false);
    expect(await signIn(portal, { email: moderator.email, password: 'a-much-longer-passphrase' }, { userAgent: ua })).toMatchObject({ user: { passwordChangeRequired: false } });
  });

  test('is cleared by a password reset too, and by losing the role', async () => {
    const portal = await freshDb();
    const admin = await withPassword(portal, SHORT, ['admin']);
    await signIn(portal, { email: admin.email, password: SHORT }, { userAgent: ua });
    expect(await flagOf(portal, admin.id)).toBe(true);

    await requestPasswordReset(portal, admin.email, settings);
    const token = await tokenFromMail(portal, admin.email, '/reset-password');
    expect(await resetPassword(portal, token, 'a-much-longer-passphrase', settings)).toEqual({ ok: true });
    expect(await flagOf(portal, admin.id)).toBe(false);

    const moderator = await withPassword(portal, SHORT, ['moderator']);
    await signIn(portal, { email: moderator.email, password: SHORT }, { userAgent: ua });
    expect(await flagOf(portal, moderator.id)).toBe(true);
    await portal.db.delete(userRoles).where(eq(userRoles.userId, moderator.id));
    await signIn(portal, { email: moderator.email, password: SHORT }, { userAgent: ua });
    expect(await flagOf(portal, moderator.id)).toBe(false);
  });
});
