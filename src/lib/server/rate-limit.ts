/**
 * Request throttling shared by every instance: each counted attempt is a row in
 * `throttle_events`, and a limit is a count of rows in the last N seconds (a sliding
 * window), so it holds whenever attempts arrive. The figures and the rule are in
 * lib/domain/account/throttling.ts.
 *
 * A refused attempt writes nothing, so a flood of refused requests cannot tie up the
 * database's single writer; and once a key is refused, this process remembers until when,
 * so the rest of the flood is answered without reading the database at all.
 */
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../db/client.ts';
import { throttleEvents } from '../../../db/schema.ts';
import { assessAttempts, longestWindow, type Limit, type ThrottleResult } from '../domain/account/throttling.ts';
import { nowSeconds } from '../time.ts';

export type { Limit, ThrottleResult };

/** Times of the attempts under `key` that any of `limits` can still see, oldest first. */
async function recentAttempts(db: PortalDb['db'] | Tx, key: string, limits: readonly Limit[], now: number): Promise<number[]> {
  const rows = await db
    .select({ at: throttleEvents.at })
    .from(throttleEvents)
    .where(and(eq(throttleEvents.key, key), gt(throttleEvents.at, now - longestWindow(limits))))
    .orderBy(asc(throttleEvents.at));
  return rows.map((r) => r.at);
}

/**
 * Keys this process has seen refused, per database: key → the second until which it stays
 * refused. Attempts are only ever added inside a window (pruning drops only those older than
 * every window), so whatever any instance records meanwhile, a key refused at `now` with
 * `retryAfter` is still refused until `now + retryAfter`: reading again before then can only
 * give the same answer. Each key is always checked against the same limits (its prefix names
 * them).
 */
const refusedUntil = new WeakMap<PortalDb, Map<string, number>>();

/** Past this many remembered keys, those whose time is up are dropped, so a flood from many addresses cannot grow the map without end. */
const REMEMBERED_KEYS = 10_000;

function rememberRefusal(portal: PortalDb, key: string, until: number, now: number): void {
  let refused = refusedUntil.get(portal);
  if (!refused) refusedUntil.set(portal, (refused = new Map()));
  if (refused.size >= REMEMBERED_KEYS) {
    for (const [k, t] of refused) if (t <= now) refused.delete(k);
    // Still full (a flood from more addresses than this): start afresh; the database still decides.
    if (refused.size >= REMEMBERED_KEYS) refused.clear();
  }
  refused.set(key, until);
}

/**
 * The seconds until `key` may be tried again when this process already saw it refused and
 * the time is not up; null otherwise. Reads nothing.
 */
export function knownRefusal(portal: PortalDb, key: string, now = nowSeconds()): number | null {
  const until = refusedUntil.get(portal)?.get(key);
  return until !== undefined && now < until ? until - now : null;
}

/**
 * Says whether one more attempt under `key` would be within every limit, without counting
 * it. Used before a sign-in, where only the failures are then counted. A key this process
 * already saw refused is refused again without a read until its time is up.
 */
export async function checkRateLimit(portal: PortalDb, key: string, limits: readonly Limit[], now = nowSeconds()): Promise<ThrottleResult> {
  const known = knownRefusal(portal, key, now);
  if (known !== null) return { allowed: false, retryAfter: known };
  const result = assessAttempts(await recentAttempts(portal.db, key, limits, now), limits, now);
  if (!result.allowed) rememberRefusal(portal, key, now + result.retryAfter, now);
  return result;
}

/** Counts one attempt under `key` (a wrong password, say) at `now`. */
export async function recordAttempt(portal: PortalDb, key: string, now = nowSeconds()): Promise<void> {
  await portal.write((tx) => tx.insert(throttleEvents).values({ key, at: now }));
}

/**
 * Counts one request against `key` (for example `reset:203.0.113.9`) if it is within every
 * limit, and says whether it was. When it is not, `retryAfter` is the seconds until it
 * would be, for the `Retry-After` header. Checked once outside a transaction, so refusals
 * write nothing, and again inside the write that counts it, so instances racing each other
 * never let more through than the limit.
 */
export async function consumeRateLimit(portal: PortalDb, key: string, limits: readonly Limit[], now = nowSeconds()): Promise<ThrottleResult> {
  const first = await checkRateLimit(portal, key, limits, now);
  if (!first.allowed) return first;
  return portal.write(async (tx) => {
    const result = assessAttempts(await recentAttempts(tx, key, limits, now), limits, now);
    if (result.allowed) await tx.insert(throttleEvents).values({ key, at: now });
    return result;
  });
}

/** How long attempts are kept: the longest window any limit uses. */
export const THROTTLE_RETENTION_SECONDS = 24 * 60 * 60;

/** Drops attempts older than any limit looks at. */
export async function pruneRateLimits(portal: PortalDb, now = nowSeconds()): Promise<void> {
  await portal.write((tx) => tx.delete(throttleEvents).where(lt(throttleEvents.at, now - THROTTLE_RETENTION_SECONDS)));
}
