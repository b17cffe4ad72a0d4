/**
 * Request throttling shared by every instance: counters live in the database, one row per
 * key and fixed window, bumped by a single atomic upsert.
 */
import { lt, sql } from 'drizzle-orm';
import type { PortalDb } from '../../../db/client.ts';
import { rateLimits } from '../../../db/schema.ts';

/** At most `max` requests per `windowSeconds`. */
export interface Limit {
  windowSeconds: number;
  max: number;
}

/** Sign-in, password reset and registration: 5 a minute and 20 an hour per address. */
export const AUTH_LIMITS: readonly Limit[] = [
  { windowSeconds: 60, max: 5 },
  { windowSeconds: 60 * 60, max: 20 },
];

export type ThrottleResult = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Counts one request against `key` (for example `login:203.0.113.9`) and says whether it
 * is within every limit. When it is not, `retryAfter` is the seconds until the strictest
 * exhausted window ends, for the `Retry-After` header.
 */
export async function consumeRateLimit(
  portal: PortalDb,
  key: string,
  limits: readonly Limit[],
  now = Math.floor(Date.now() / 1000),
): Promise<ThrottleResult> {
  let retryAfter = 0;
  await portal.write(async (tx) => {
    for (const limit of limits) {
      const windowStart = now - (now % limit.windowSeconds);
      const [row] = await tx
        .insert(rateLimits)
        .values({ key: `${key}:${limit.windowSeconds}`, windowStart, count: 1 })
        .onConflictDoUpdate({
          target: [rateLimits.key, rateLimits.windowStart],
          set: { count: sql`${rateLimits.count} + 1` },
        })
        .returning({ count: rateLimits.count });
      if (row && row.count > limit.max) {
        retryAfter = Math.max(retryAfter, windowStart + limit.windowSeconds - now);
      }
    }
  });
  return retryAfter > 0 ? { allowed: false, retryAfter } : { allowed: true };
}

/** Drops windows that ended more than a day ago. */
export async function pruneRateLimits(portal: PortalDb, now = Math.floor(Date.now() / 1000)): Promise<void> {
  await portal.write((tx) => tx.delete(rateLimits).where(lt(rateLimits.windowStart, now - 2 * 24 * 60 * 60)));
}
