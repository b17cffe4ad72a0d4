import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { throttleEvents, users } from '../../db/schema.ts';
import { signInFailureKey, signInFromAddress } from '../../src/lib/server/accounts.ts';
import { refuseThrottledSignIn } from '../../src/lib/server/throttle.ts';
import { hash } from '@node-rs/argon2';
import { SIGN_IN_FAILURE_LIMITS } from '../../src/lib/domain/account/throttling.ts';
import { countStatements, freshDb } from './helpers.ts';

const PASSWORD = 'lantern-orchard-pebble';
const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0';
const OFFICE = '203.0.113.50';
const START = 1_800_000_000 - (1_800_000_000 % 3600) + 9 * 3600; // 9 am on a clock hour

async function staff(count: number) {
  const portal = await freshDb();
  // The limits are under test, not argon2: a low-cost hash (verification reads its cost
  // from the stored string) keeps hundreds of real sign-ins quick on a busy machine.
  const passwordHash = await hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `worker${i}@kent.gov.uk`,
    name: `Worker ${i}`,
    organisation: 'KCC',
    passwordHash,
    status: 'active' as const,
    emailVerifiedAt: 1,
  }));
  await portal.db.insert(users).values(rows);
  return portal;
}

describe('signInFromAddress', () => {
  test('300 people in one office all sign in within ten minutes, one in ten mistyping first', async () => {
    const portal = await staff(300);
    const results: string[] = [];
    for (let i = 0; i < 300; i++) {
      // Spread evenly across ten minutes; one in ten gets their password wrong once.
      const now = START + Math.floor((i * 600) / 300);
      const email = `worker${i}@kent.gov.uk`;
      if (i % 10 === 0) {
        const typo = await signInFromAddress(portal, { email, password: `${PASSWORD}x` }, { address: OFFICE, userAgent: ua, now });
        expect(typo).toEqual({ ok: false, reason: 'invalid' });
      }
      const result = await signInFromAddress(portal, { email, password: PASSWORD }, { address: OFFICE, userAgent: ua, now });
      results.push(result.ok ? 'ok' : result.reason);
    }
    expect(results.filter((r) => r !== 'ok')).toEqual([]);
    // Only the 30 typos were counted.
    expect(await portal.db.select().from(throttleEvents)).toHaveLength(30);
  });

  test('a spray of one password across many accounts from one address is stopped', async () => {
    const [tenMinutes] = SIGN_IN_FAILURE_LIMITS;
    const portal = await staff(tenMinutes!.max + 20);
    let refusedAt = -1;
    for (let i = 0; i < tenMinutes!.max + 20; i++) {
      const result = await signInFromAddress(
        portal,
        { email: `worker${i}@kent.gov.uk`, password: 'Spring2026!' },
        { address: '198.51.100.7', userAgent: 'curl', now: START + i },
      );
      if (!result.ok && result.reason === 'throttled') {
        refusedAt = i;
        expect(result.retryAfter).toBeGreaterThan(0);
        break;
      }
    }
    expect(refusedAt).toBe(tenMinutes!.max);
    // Refused before the password is looked at: the right password does not get through either.
    const owner = await signInFromAddress(portal, { email: 'worker0@kent.gov.uk', password: PASSWORD }, { address: '198.51.100.7', userAgent: ua, now: START + 200 });
    expect(owner).toMatchObject({ ok: false, reason: 'throttled' });
    // Another address, the office next door, is unaffected.
    const neighbour = await signInFromAddress(portal, { email: 'worker0@kent.gov.uk', password: PASSWORD }, { address: OFFICE, userAgent: ua, now: START + 200 });
    expect(neighbour.ok).toBe(true);
  });

  test('a refused attempt writes nothing', async () => {
    const portal = await staff(1);
    const [tenMinutes] = SIGN_IN_FAILURE_LIMITS;
    await portal.db.insert(throttleEvents).values(Array.from({ length: tenMinutes!.max }, () => ({ key: 'sign-in-failure:198.51.100.8', at: START })));
    const result = await signInFromAddress(portal, { email: 'x@kent.gov.uk', password: 'guess' }, { address: '198.51.100.8', userAgent: 'curl', now: START + 1 });
    expect(result).toEqual({ ok: false, reason: 'throttled', retryAfter: 599 });
    expect(await portal.db.select().from(throttleEvents)).toHaveLength(tenMinutes!.max);
  });

  test.each([1, 299, 300, 599])('failures straddling a boundary are still limited (burst starts %i seconds before the hour)', async (before) => {
    const portal = await staff(1);
    const [tenMinutes] = SIGN_IN_FAILURE_LIMITS;
    const start = START - before;
    // Earlier failures, already counted, packed into the last moment before the boundary.
    await portal.db.insert(throttleEvents).values(Array.from({ length: tenMinutes!.max - 1 }, () => ({ key: 'sign-in-failure:198.51.100.9', at: start })));
    const last = await signInFromAddress(portal, { email: 'x@kent.gov.uk', password: 'guess' }, { address: '198.51.100.9', userAgent: 'curl', now: start + 1 });
    expect(last).toEqual({ ok: false, reason: 'invalid' });
    const next = await signInFromAddress(portal, { email: 'x@kent.gov.uk', password: 'guess' }, { address: '198.51.100.9', userAgent: 'curl', now: start + 2 });
    expect(next).toMatchObject({ ok: false, reason: 'throttled' });
  });
});

describe('refuseThrottledSignIn', () => {
  test('over the limit, answers a small 429 page with the message after one read and no write', async () => {
    const portal = await freshDb();
    const address = '198.51.100.7';
    const now = START;
    const allowed = await refuseThrottledSignIn(portal, new Request('http://portal.test/login', { method: 'POST' }), address, '/forum', now);
    expect(allowed).toBeNull();
    const limit = Math.min(...SIGN_IN_FAILURE_LIMITS.map((l) => l.max));
    await portal.db.insert(throttleEvents).values(Array.from({ length: limit }, () => ({ key: signInFailureKey(address), at: now - 1 })));
    const before = await portal.db.select().from(throttleEvents);
    const { result, statements } = await countStatements(portal, () =>
      refuseThrottledSignIn(portal, new Request('http://portal.test/login', { method: 'POST' }), address, '/forum', now),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^select/i);
    expect(await portal.db.select().from(throttleEvents)).toHaveLength(before.length);
    expect(result?.status).toBe(429);
    expect(Number(result?.headers.get('Retry-After'))).toBeGreaterThan(0);
    const html = await result!.text();
    expect(html.length).toBeLessThan(1_000);
    expect(html).toMatch(/You have tried too many times\. Wait \d+ (second|minute|hour)s? and try again/);
    expect(html).toContain('<a href="/login?returnTo=%2Fforum">Go back to the sign-in page</a>');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).not.toMatch(/<script|style=/);
    // Another address is not affected.
    expect(await refuseThrottledSignIn(portal, new Request('http://portal.test/login', { method: 'POST' }), '198.51.100.8', '/forum', now)).toBeNull();
  });

  test('the rest of a flood is refused from memory: no read, no write, the database unchanged, until the wait is over', async () => {
    const portal = await freshDb();
    const address = '198.51.100.20';
    const now = START;
    const [tenMinutes] = SIGN_IN_FAILURE_LIMITS;
    await portal.db.insert(throttleEvents).values(Array.from({ length: tenMinutes!.max }, () => ({ key: signInFailureKey(address), at: now - 1 })));
    const snapshot = async () => portal.db.run(sql`SELECT (SELECT count(*) FROM throttle_events) AS events, (SELECT count(*) FROM sign_in_failures) AS failures, (SELECT count(*) FROM sessions) AS sessions`);
    const before = (await snapshot()).rows;
    const post = () => new Request('http://portal.test/login', { method: 'POST' });
    const first = await refuseThrottledSignIn(portal, post(), address, '/forum', now);
    expect(first?.status).toBe(429);
    expect(first?.headers.get('Retry-After')).toBe('599');
    const { result, statements } = await countStatements(portal, async () => {
      const answers: (Response | null)[] = [];
      for (let i = 0; i < 50; i++) answers.push(await refuseThrottledSignIn(portal, post(), address, '/forum', now + 10));
      return answers;
    });
    expect(statements).toEqual([]);
    expect(result.map((r) => r?.status)).toEqual(Array(50).fill(429));
    expect(result[0]!.headers.get('Retry-After')).toBe('589');
    // Through signInFromAddress too (a form post that reached the page): refused, nothing written.
    const refused = await countStatements(portal, () => signInFromAddress(portal, { email: 'x@kent.gov.uk', password: 'guess' }, { address, userAgent: 'curl', now: now + 20 }));
    expect(refused.result).toEqual({ ok: false, reason: 'throttled', retryAfter: 579 });
    expect(refused.statements).toEqual([]);
    expect((await snapshot()).rows).toEqual(before);
    // Once the oldest failures have left the window, the database is asked again and says yes.
    expect(await refuseThrottledSignIn(portal, post(), address, '/forum', now + 599)).toBeNull();
  });
});
