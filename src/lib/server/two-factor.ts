/**
 * Two-factor sign-in: setting up an authenticator app, checking its codes once each, and
 * recovery codes. The rules (which roles need it, code matching, replay) are in
 * lib/domain/account/two-factor.ts; this module keeps the state.
 *
 * A session owing its second step grants nothing (see the middleware). Wrong codes count
 * against the account in a sliding window, so six digits cannot be guessed in bulk.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { PortalDb } from '../../../db/client.ts';
import { recoveryCodes, users } from '../../../db/schema.ts';
import type { Limit } from '../domain/account/throttling.ts';
import { formatRecoveryCode, matchTotpStep, normaliseCode, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from '../domain/account/two-factor.ts';
import { invalidateUserSessions, markSessionTwoFactorVerified } from './auth/session.ts';
import { nowSeconds } from '../time.ts';
import { generateSecureRandomString, hashSecret } from './auth/tokens.ts';
import { checkRateLimit, recordAttempt } from './rate-limit.ts';

/** Wrong codes per account: 5 in any 10 minutes, 20 in any day (OWASP ASVS V6.3.1). */
export const CODE_FAILURE_LIMITS: readonly Limit[] = [
  { windowSeconds: 10 * 60, max: 5 },
  { windowSeconds: 24 * 60 * 60, max: 20 },
];

/** A new authenticator secret: 20 random bytes, as RFC 4226 recommends. */
export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The secret as carried in the set-up form between showing it and checking a code. */
export function encodeTotpKey(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key);
}

/** Reads a secret back from the set-up form, or null when it is not one of ours. */
export function decodeTotpKey(value: string): Uint8Array | null {
  try {
    const key = decodeBase32IgnorePadding(value.replace(/\s/g, '').toUpperCase());
    return key.byteLength === 20 ? key : null;
  } catch {
    return null;
  }
}

export type CodeResult = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; retryAfter: number };

const failureKey = (userId: number) => `two-factor:${userId}`;

async function throttled(portal: PortalDb, userId: number, now: number): Promise<CodeResult | null> {
  const gate = await checkRateLimit(portal, failureKey(userId), CODE_FAILURE_LIMITS, now);
  return gate.allowed ? null : { ok: false, reason: 'throttled', retryAfter: gate.retryAfter };
}

/** Makes `count` new recovery codes, replacing any the account had. Returns them to show once. */
async function replaceRecoveryCodes(tx: Parameters<Parameters<PortalDb['write']>[0]>[0], userId: number): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => generateSecureRandomString().slice(0, RECOVERY_CODE_LENGTH));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: Buffer.from(hashSecret(code)) })));
  return codes.map(formatRecoveryCode);
}

/**
 * Turns on two-factor sign-in with `key` once the person proves their app has it by typing
 * a current code. Issues recovery codes, marks this session verified and signs out every
 * other session. Returns the recovery codes to show once.
 */
export async function confirmTotpSetup(
  portal: PortalDb,
  userId: number,
  sessionId: string,
  key: Uint8Array,
  code: string,
  now = nowSeconds(),
): Promise<{ ok: true; recoveryCodes: string[] } | Exclude<CodeResult, { ok: true }>> {
  const refused = await throttled(portal, userId, now);
  if (refused && !refused.ok) return refused;
  const step = matchTotpStep(key, code, now, null);
  if (step === null) {
    await recordAttempt(portal, failureKey(userId), now);
    return { ok: false, reason: 'wrong' };
  }
  const codes = await portal.write(async (tx) => {
    await tx.update(users).set({ totpKey: Buffer.from(key), totpLastStep: step }).where(eq(users.id, userId));
    return replaceRecoveryCodes(tx, userId);
  });
  await markSessionTwoFactorVerified(portal, sessionId);
  await invalidateUserSessions(portal, userId, sessionId);
  return { ok: true, recoveryCodes: codes };
}

/**
 * Ends a second sign-in step: a wrong code counts against the account's limit, a right one
 * marks the session as past its second step.
 */
async function settleSecondStep(portal: PortalDb, userId: number, sessionId: string, accepted: boolean, now: number): Promise<CodeResult> {
  if (!accepted) {
    await recordAttempt(portal, failureKey(userId), now);
    return { ok: false, reason: 'wrong' };
  }
  await markSessionTwoFactorVerified(portal, sessionId);
  return { ok: true };
}

/**
 * Checks an authenticator code for the second sign-in step. A code is accepted once: the
 * step it belongs to is stored with a conditional update, so two requests racing with the
 * same code cannot both succeed.
 */
export async function verifyTotpCode(portal: PortalDb, userId: number, sessionId: string, code: string, now = nowSeconds()): Promise<CodeResult> {
  const refused = await throttled(portal, userId, now);
  if (refused) return refused;
  const account = await portal.db.query.users.findFirst({ where: eq(users.id, userId), columns: { totpKey: true, totpLastStep: true } });
  const step = account?.totpKey ? matchTotpStep(new Uint8Array(account.totpKey), code, now, account.totpLastStep) : null;
  const claimed =
    step !== null &&
    (await portal.write(async (tx) => {
      const rows = await tx
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      return rows.length === 1;
    }));
  return settleSecondStep(portal, userId, sessionId, claimed, now);
}

/** Uses one recovery code for the second sign-in step; it never works again. */
export async function useRecoveryCode(portal: PortalDb, userId: number, sessionId: string, code: string, now = nowSeconds()): Promise<CodeResult> {
  const refused = await throttled(portal, userId, now);
  if (refused) return refused;
  const typed = normaliseCode(code);
  const used =
    new RegExp(`^[a-z2-7]{${RECOVERY_CODE_LENGTH}}$`).test(typed) &&
    (await portal.write(async (tx) => {
      const rows = await tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, Buffer.from(hashSecret(typed))), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      return rows.length === 1;
    }));
  return settleSecondStep(portal, userId, sessionId, used, now);
}

/** Replaces an account's recovery codes with new ones, returned to show once. */
export async function regenerateRecoveryCodes(portal: PortalDb, userId: number): Promise<string[]> {
  return portal.write((tx) => replaceRecoveryCodes(tx, userId));
}

/** How many unused recovery codes an account has left. */
export async function countRecoveryCodes(portal: PortalDb, userId: number): Promise<number> {
  const rows = await portal.db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
