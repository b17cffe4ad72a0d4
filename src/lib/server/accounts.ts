/**
 * Accounts: registration, e-mail verification, sign-in with lockout, password reset and
 * change, profile updates. The only module that reads or writes the users table for
 * these journeys. Every function takes the database and its settings as arguments, so
 * tests run it against a temporary database.
 */
import { and, desc, eq, gt, inArray, isNull, lt, lte, ne, or } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../db/client.ts';
import { pendingRegistrations, signInFailures, trustedDevices, userRoles, users, userTokens, type TokenPurpose } from '../../../db/schema.ts';
import { isLockedOut, recordFailure, LOCKOUT_THRESHOLD } from '../domain/account/lockout.ts';
import { checkPassword } from '../domain/account/password-policy.ts';
import { nameKey, nameTakenMessage } from '../domain/account/display-name.ts';
import { SIGN_IN_FAILURE_LIMITS } from '../domain/account/throttling.ts';
import { secondStep } from '../domain/account/two-factor.ts';
import { isPrivileged } from '../domain/account/permissions.ts';
import type { RegisterInput, SignInInput } from '../domain/account/schema.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './auth/password.ts';
import { createSession, invalidateUserSessions, loadSessionUser, type SessionUser } from './auth/session.ts';
import { nowSeconds } from '../time.ts';
import { issueToken, parseToken, secretMatches } from './auth/tokens.ts';
import {
  accountApprovedEmail,
  alreadyRegisteredEmail,
  approvalNeededEmail,
  noAccountResetEmail,
  passwordChangedEmail,
  passwordResetEmail,
  verificationEmail,
} from './emails.ts';
import { queueEmail } from './outbox.ts';
import { checkRateLimit, recordAttempt } from './rate-limit.ts';

/** Settings the account journeys need from configuration. */
export interface AccountSettings {
  /** Absolute origin used in e-mailed links, e.g. `https://portal.kent.gov.uk`. */
  baseUrl: string;
  /** E-mail domains whose owners are approved as soon as they confirm their address. */
  trustedDomains: readonly string[];
}

/** Verification links last two days: people register at work and may confirm next day. */
export const VERIFICATION_HOURS = 48;
/** Reset links last an hour. */
export const RESET_MINUTES = 60;

function link(settings: AccountSettings, path: string): string {
  return new URL(path, settings.baseUrl).toString();
}

/**
 * True when the address's domain, or a parent domain, is on the trusted list.
 * @example isTrustedEmail('a@kent.gov.uk', ['kent.gov.uk']) // true
 * @example isTrustedEmail('a@notkent.gov.uk', ['kent.gov.uk']) // false
 */
export function isTrustedEmail(email: string, trustedDomains: readonly string[]): boolean {
  const domain = email.split('@').pop()?.toLowerCase() ?? '';
  return trustedDomains.some((d) => {
    const trusted = d.trim().toLowerCase();
    return trusted !== '' && (domain === trusted || domain.endsWith(`.${trusted}`));
  });
}

async function createUserToken(tx: Tx, userId: number, purpose: TokenPurpose, lifetime: number, now: number) {
  // One live link per purpose: asking again makes the older link useless.
  await tx.delete(userTokens).where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose)));
  const { id, token, secretHash } = issueToken();
  await tx.insert(userTokens).values({
    id,
    userId,
    purpose,
    secretHash: Buffer.from(secretHash),
    createdAt: now,
    expiresAt: now + lifetime,
  });
  return token;
}

/**
 * Finds the live token a link carries, or null when it is malformed, unknown, used,
 * expired or for another purpose. Does not consume it.
 */
export async function findUserToken(portal: PortalDb | Tx, token: string, purpose: TokenPurpose, now = nowSeconds()) {
  return rowForToken(portal, token, async (db, id) => {
    const [row] = await db
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.id, id), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)));
    return row;
  });
}

/**
 * The row a link's `id.secret` token names: `lookUp` finds it by id, then the secret must
 * match the stored hash (compared in constant time). Null for a malformed token, an id
 * `lookUp` does not find, or a wrong secret.
 */
async function rowForToken<Row extends { secretHash: Uint8Array }>(
  portal: PortalDb | Tx,
  token: string,
  lookUp: (db: PortalDb['db'] | Tx, id: string) => Promise<Row | undefined>,
): Promise<Row | null> {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = await lookUp('db' in portal ? portal.db : portal, parsed.id);
  return row && secretMatches(parsed.secret, row.secretHash) ? row : null;
}

/**
 * Live registrations kept per address. Each is a separate e-mail to the owner of the
 * address, so a stranger cannot fill their inbox beyond this; the oldest make way.
 */
export const MAX_PENDING_PER_ADDRESS = 3;

/**
 * True when another member's name has the same key as `name` (see display-name.ts), so the
 * two could not be told apart in a mention. `exceptUserId` leaves the member's own name out.
 */
export async function isNameTaken(db: PortalDb['db'] | Tx, name: string, exceptUserId?: number): Promise<boolean> {
  const key = nameKey(name);
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(exceptUserId === undefined ? eq(users.nameKey, key) : and(eq(users.nameKey, key), ne(users.id, exceptUserId)))
    .limit(1);
  return row !== undefined;
}

/** A form field and its message, for a change the database refused. */
export type FieldRefusal = { ok: false; field: string; message: string };

/**
 * Records a registration, waiting for e-mail confirmation. Nothing is created in `users`
 * yet: the registration keeps its own name, organisation and password, and its own link.
 * When the address already has an account, nothing is recorded and its owner is e-mailed
 * instead. The response is the same either way, so the form cannot be used to find out
 * who is registered.
 */
export async function register(portal: PortalDb, input: RegisterInput, settings: AccountSettings, now = nowSeconds()): Promise<{ ok: true } | FieldRefusal> {
  // Hash first, whatever happens next, so both paths take the same time.
  const passwordHash = await hashPassword(input.password);
  return portal.write(async (tx) => {
    // Names are public on the forum, so saying one is taken reveals nothing new. A pending
    // registration does not hold its name (a stranger could otherwise squat names); the
    // check is made again when the account is created.
    if (await isNameTaken(tx, input.name)) return { ok: false, field: 'name', message: nameTakenMessage(input.name) } as const;
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) {
      await queueEmail(tx, alreadyRegisteredEmail(input.email, link(settings, '/login'), link(settings, '/forgot-password')));
      return { ok: true } as const;
    }
    // Registering again is how people get a fresh link; earlier registrations stay valid
    // (the owner may be holding any of them) up to a small number per address.
    const kept = await tx
      .select({ id: pendingRegistrations.id })
      .from(pendingRegistrations)
      .where(eq(pendingRegistrations.email, input.email))
      .orderBy(desc(pendingRegistrations.createdAt), desc(pendingRegistrations.id));
    const older = kept.slice(MAX_PENDING_PER_ADDRESS - 1);
    if (older.length > 0) await tx.delete(pendingRegistrations).where(inArray(pendingRegistrations.id, older.map((r) => r.id)));
    const { id, token, secretHash } = issueToken();
    await tx.insert(pendingRegistrations).values({
      id,
      secretHash: Buffer.from(secretHash),
      email: input.email,
      name: input.name,
      organisation: input.organisation,
      passwordHash,
      createdAt: now,
      expiresAt: now + VERIFICATION_HOURS * 3600,
    });
    const url = link(settings, `/verify-email?token=${encodeURIComponent(token)}`);
    await queueEmail(tx, verificationEmail(input.email, { name: input.name, organisation: input.organisation }, url, VERIFICATION_HOURS));
    return { ok: true } as const;
  });
}

/**
 * The live registration a confirmation link carries, or null when the link is malformed,
 * unknown, used or expired. Does not consume it. The confirmation page shows its name and
 * organisation, so the owner of the address sees what they are about to confirm.
 */
export async function findPendingRegistration(portal: PortalDb | Tx, token: string, now = nowSeconds()) {
  return rowForToken(portal, token, async (db, id) => {
    const [row] = await db.select().from(pendingRegistrations).where(and(eq(pendingRegistrations.id, id), gt(pendingRegistrations.expiresAt, now)));
    return row;
  });
}

export type VerifyResult = { ok: true; status: 'active' | 'pending' } | { ok: false; reason?: 'name-taken' };

/**
 * Confirms an e-mail address from a link and creates the account from exactly the
 * registration that link belongs to. Every other registration for the address is voided.
 * Trusted domains are approved at once; others wait for an administrator, who is told
 * by e-mail.
 */
export async function verifyEmail(portal: PortalDb, token: string, settings: AccountSettings, now = nowSeconds()): Promise<VerifyResult> {
  return portal.write(async (tx) => {
    const registration = await findPendingRegistration(tx, token, now);
    if (!registration) return { ok: false } as const;
    // Another member may have taken the name since this registration was made. The check
    // runs inside the write transaction, and the unique index on name_key backs it up, so
    // two people confirming the same name at once cannot both get it. The registration is
    // left alone: its owner registers again with a different name.
    const key = nameKey(registration.name);
    if (await isNameTaken(tx, registration.name)) return { ok: false, reason: 'name-taken' } as const;
    await tx.delete(pendingRegistrations).where(eq(pendingRegistrations.email, registration.email));
    // An account may have been created for the address since (by an administrator, say):
    // the link is then spent, and the account is left as it is.
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, registration.email));
    if (existing) return { ok: false } as const;
    const trusted = isTrustedEmail(registration.email, settings.trustedDomains);
    const status = trusted ? 'active' : 'pending';
    const [user] = await tx
      .insert(users)
      .values({
        email: registration.email,
        name: registration.name,
        nameKey: key,
        organisation: registration.organisation,
        passwordHash: registration.passwordHash,
        status,
        emailVerifiedAt: now,
        approvedAt: trusted ? now : null,
        createdAt: now,
      })
      // The unique indexes back up the checks above; a clash is then the name (the address was checked).
      .onConflictDoNothing()
      .returning();
    if (!user) return { ok: false, reason: 'name-taken' } as const;
    if (status === 'pending') {
      const admins = await tx
        .select({ email: users.email })
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(and(eq(userRoles.role, 'admin'), eq(users.status, 'active')));
      for (const admin of admins) {
        await queueEmail(tx, approvalNeededEmail(admin.email, user, link(settings, '/admin/users?status=pending')));
      }
    }
    return { ok: true, status } as const;
  });
}

/**
 * Forgets failure counts for addresses that have had no wrong password for a day and are
 * not locked now: a count should describe a run of guesses, not mistakes months apart.
 */
export async function pruneSignInFailures(portal: PortalDb, now = nowSeconds()): Promise<void> {
  await portal.write((tx) =>
    tx
      .delete(signInFailures)
      .where(and(lt(signInFailures.updatedAt, now - 24 * 60 * 60), or(isNull(signInFailures.lockedUntil), lte(signInFailures.lockedUntil, now)))),
  );
}

/** Drops registrations whose link has expired. */
export async function pruneExpiredRegistrations(portal: PortalDb, now = nowSeconds()): Promise<void> {
  await portal.write((tx) => tx.delete(pendingRegistrations).where(lte(pendingRegistrations.expiresAt, now)));
}

export type SignInResult =
  | { ok: true; token: string; user: SessionUser; deviceToken: string | null; secondStep: 'none' | 'verify' | 'setup' }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; lockedUntil: number }
  | { ok: false; reason: 'unverified' | 'pending' | 'disabled' };

interface SignInContext {
  /** The trusted-device cookie, if the browser sent one. */
  deviceToken?: string | undefined;
  userAgent: string;
  now?: number;
}

async function findTrustedDevice(portal: PortalDb, token: string | undefined, userId: number) {
  const parsed = parseToken(token);
  if (!parsed) return null;
  const row = await portal.db.query.trustedDevices.findFirst({ where: eq(trustedDevices.id, parsed.id) });
  if (!row || row.userId !== userId || !secretMatches(parsed.secret, row.secretHash)) return null;
  return row;
}

/**
 * Checks an e-mail address and password and, when right, starts a session.
 *
 * Lockout is counted per address typed, for every address, registered or not, so being
 * locked says nothing about whether an account exists. A browser that has signed in to the
 * account before carries a trusted-device cookie and is counted on its own: strangers
 * guessing a password cannot lock the owner out of their usual browser.
 */
export async function signIn(portal: PortalDb, input: SignInInput, context: SignInContext): Promise<SignInResult> {
  const now = context.now ?? nowSeconds();
  const user = await portal.db.query.users.findFirst({ where: eq(users.email, input.email) });
  const device = user ? await findTrustedDevice(portal, context.deviceToken, user.id) : null;

  if (!device) {
    const state = await portal.db.query.signInFailures.findFirst({ where: eq(signInFailures.email, input.email) });
    if (state && isLockedOut(state, now)) return { ok: false, reason: 'locked', lockedUntil: state.lockedUntil! };
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);

  if (!user || !passwordOk) {
    const locked = await portal.write(async (tx) => {
      if (device) {
        // The device's own budget: spent, it is simply no longer trusted.
        if (device.failedAttempts + 1 >= LOCKOUT_THRESHOLD) {
          await tx.delete(trustedDevices).where(eq(trustedDevices.id, device.id));
        } else {
          await tx.update(trustedDevices).set({ failedAttempts: device.failedAttempts + 1 }).where(eq(trustedDevices.id, device.id));
        }
        return null;
      }
      const [state] = await tx.select().from(signInFailures).where(eq(signInFailures.email, input.email));
      const next = recordFailure(state ?? { failures: 0, lockedUntil: null }, now);
      await tx
        .insert(signInFailures)
        .values({ email: input.email, failures: next.failures, lockedUntil: next.lockedUntil, updatedAt: now })
        .onConflictDoUpdate({
          target: signInFailures.email,
          set: { failures: next.failures, lockedUntil: next.lockedUntil, updatedAt: now },
        });
      return next.lockedUntil;
    });
    return locked ? { ok: false, reason: 'locked', lockedUntil: locked } : { ok: false, reason: 'invalid' };
  }

  // Right password: the failure count starts again.
  await portal.write(async (tx) => {
    await tx.delete(signInFailures).where(eq(signInFailures.email, input.email));
    if (device && device.failedAttempts > 0) {
      await tx.update(trustedDevices).set({ failedAttempts: 0 }).where(eq(trustedDevices.id, device.id));
    }
  });

  if (user.status === 'disabled') return { ok: false, reason: 'disabled' };
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };
  if (user.status !== 'active') return { ok: false, reason: 'pending' };

  const account = await loadSessionUser(portal, user.id);
  if (!account) throw new Error('user vanished during sign-in');
  // The password alone never finishes signing in to an account with a second factor: the
  // session is created unverified and grants nothing until the code is given.
  const step = secondStep(account, false);
  const { token } = await createSession(portal, user.id, context.userAgent, now, step === 'none');
  let deviceToken: string | null = null;
  if (!device) {
    const issued = issueToken();
    deviceToken = issued.token;
    await portal.write((tx) =>
      tx.insert(trustedDevices).values({ id: issued.id, secretHash: Buffer.from(issued.secretHash), userId: user.id, createdAt: now }),
    );
  }
  const sessionUser = account;
  // The rules may have tightened since the password was chosen (a moderator role granted to
  // an account with a 12-character password, say). The password is known only now, so this
  // is where to notice; the owner is then asked to change it before anything else.
  sessionUser.passwordChangeRequired = checkPassword(input.password, { privileged: isPrivileged(sessionUser.roles), email: user.email }) !== null;
  await portal.write((tx) =>
    tx.update(users).set({ lastSignInAt: now, passwordChangeRequired: sessionUser.passwordChangeRequired }).where(eq(users.id, user.id)),
  );
  return { ok: true, token, user: sessionUser, deviceToken, secondStep: step };
}

/** A sign-in refused before the password was checked: too many wrong ones from the address. */
export type ThrottledSignInResult = SignInResult | { ok: false; reason: 'throttled'; retryAfter: number };

/** The throttle key under which wrong passwords from one address are counted. */
export function signInFailureKey(address: string): string {
  return `sign-in-failure:${address}`;
}

/**
 * Signs in from a network address: refuses at once, with one read and no write, when the
 * address has had too many wrong passwords lately (SIGN_IN_FAILURE_LIMITS); otherwise
 * checks the password and counts it against the address only when it is wrong. The
 * per-account lockout in `signIn` is the main defence; this stops one address spraying a
 * password across many accounts.
 */
export async function signInFromAddress(
  portal: PortalDb,
  input: SignInInput,
  context: SignInContext & { address: string },
): Promise<ThrottledSignInResult> {
  const now = context.now ?? nowSeconds();
  const key = signInFailureKey(context.address);
  const gate = await checkRateLimit(portal, key, SIGN_IN_FAILURE_LIMITS, now);
  if (!gate.allowed) return { ok: false, reason: 'throttled', retryAfter: gate.retryAfter };
  const result = await signIn(portal, input, { ...context, now });
  if (!result.ok && (result.reason === 'invalid' || result.reason === 'locked')) await recordAttempt(portal, key, now);
  return result;
}

/**
 * Sends a reset link when the address belongs to an account that is not disabled, and
 * otherwise a note saying no account uses the address. The caller shows the same message
 * whatever happens, and both paths do the same work (one read, one write transaction with
 * one e-mail queued), so the time taken does not tell anyone which addresses are registered.
 */
export async function requestPasswordReset(portal: PortalDb, email: string, settings: AccountSettings, now = nowSeconds()): Promise<void> {
  await portal.write(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    if (!user || user.status === 'disabled') {
      await queueEmail(tx, noAccountResetEmail(email, link(settings, '/register')));
      return;
    }
    const token = await createUserToken(tx, user.id, 'password-reset', RESET_MINUTES * 60, now);
    const url = link(settings, `/reset-password?token=${encodeURIComponent(token)}`);
    await queueEmail(tx, passwordResetEmail(user.email, user.name, url, RESET_MINUTES));
  });
}

export type PasswordChangeResult = { ok: true } | { ok: false; field: string; message: string };

async function privilegedFor(portal: PortalDb, userId: number): Promise<boolean> {
  const user = await loadSessionUser(portal, userId);
  return user ? isPrivileged(user.roles) : false;
}

/**
 * Sets a new password from a reset link. The link is used up, every session and trusted
 * browser is signed out, and any lockout on the address is lifted. Receiving the link
 * also proves the address, so it counts as confirmed.
 */
export async function resetPassword(
  portal: PortalDb,
  token: string,
  password: string,
  settings: AccountSettings,
  now = nowSeconds(),
): Promise<PasswordChangeResult> {
  const row = await findUserToken(portal, token, 'password-reset', now);
  if (!row) return { ok: false, field: 'token', message: 'This reset link has expired or has already been used. Ask for a new one' };
  const problem = checkPassword(password, { privileged: await privilegedFor(portal, row.userId) });
  if (problem) return { ok: false, field: 'password', message: problem };
  const passwordHash = await hashPassword(password);
  const done = await portal.write(async (tx) => {
    // Check again inside the transaction: two tabs may submit the same link.
    const live = await findUserToken(tx, token, 'password-reset', now);
    if (!live) return false;
    const [user] = await tx.select().from(users).where(eq(users.id, live.userId));
    if (!user) return false;
    await tx.update(userTokens).set({ usedAt: now }).where(eq(userTokens.id, live.id));
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now, passwordChangeRequired: false })
      .where(eq(users.id, user.id));
    await tx.delete(trustedDevices).where(eq(trustedDevices.userId, user.id));
    await tx.delete(signInFailures).where(eq(signInFailures.email, user.email));
    await queueEmail(tx, passwordChangedEmail(user.email, user.name, link(settings, '/forgot-password')));
    return true;
  });
  if (!done) return { ok: false, field: 'token', message: 'This reset link has expired or has already been used. Ask for a new one' };
  await invalidateUserSessions(portal, row.userId);
  return { ok: true };
}

/**
 * Changes the password of a signed-in user who knows the current one. Every session is
 * ended; the caller starts a fresh one for the browser that made the change.
 */
export async function changePassword(
  portal: PortalDb,
  userId: number,
  currentPassword: string,
  newPassword: string,
  settings: AccountSettings,
): Promise<PasswordChangeResult> {
  const user = await portal.db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: 'currentPassword', message: 'Your current password is not right' };
  }
  const problem = checkPassword(newPassword, { privileged: await privilegedFor(portal, userId), email: user.email });
  if (problem) return { ok: false, field: 'newPassword', message: problem };
  const passwordHash = await hashPassword(newPassword);
  await portal.write(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangeRequired: false }).where(eq(users.id, userId));
    await queueEmail(tx, passwordChangedEmail(user.email, user.name, link(settings, '/forgot-password')));
  });
  await invalidateUserSessions(portal, userId);
  return { ok: true };
}

/**
 * Updates the name and organisation shown to other members, refusing a name another member
 * already uses. A member whose name copied an earlier member's before names had to differ
 * (their `name_key` is null) may keep it while changing only their organisation.
 */
export async function updateProfile(portal: PortalDb, userId: number, profile: { name: string; organisation: string }): Promise<{ ok: true } | FieldRefusal> {
  const key = nameKey(profile.name);
  return portal.write(async (tx) => {
    const [current] = await tx.select({ name: users.name, nameKey: users.nameKey }).from(users).where(eq(users.id, userId));
    if (!current) return { ok: false, field: 'form', message: 'Your account could not be found' } as const;
    const keepsClash = current.nameKey === null && nameKey(current.name) === key;
    if (!keepsClash && (await isNameTaken(tx, profile.name, userId))) return { ok: false, field: 'name', message: nameTakenMessage(profile.name) } as const;
    await tx
      .update(users)
      .set({ ...profile, nameKey: keepsClash ? null : key })
      .where(eq(users.id, userId));
    return { ok: true } as const;
  });
}

/** Tells a member their account is ready; used by the admin approval. */
export async function queueApprovalEmail(tx: Tx, user: { email: string; name: string }, settings: AccountSettings): Promise<void> {
  await queueEmail(tx, accountApprovedEmail(user.email, user.name, link(settings, '/login')));
}
