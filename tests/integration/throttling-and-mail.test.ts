import { describe, expect, test } from 'vitest';
import { outbox, throttleEvents } from '../../db/schema.ts';
import { AUTH_REQUEST_LIMITS } from '../../src/lib/domain/account/throttling.ts';
import { consumeRateLimit, pruneRateLimits } from '../../src/lib/server/rate-limit.ts';
import { deliverPendingEmail, logTransport, MAX_DELIVERY_ATTEMPTS, queueEmail, type Email } from '../../src/lib/server/outbox.ts';
import { freshDb, sentMail } from './helpers.ts';

describe('consumeRateLimit', () => {
  test('allows 5 in any minute, then says how long to wait', async () => {
    const portal = await freshDb();
    const t = 1_800_000_010;
    for (let i = 0; i < 5; i++) expect(await consumeRateLimit(portal, 'reset:1.2.3.4', AUTH_REQUEST_LIMITS, t + i)).toEqual({ allowed: true });
    // The first of the five leaves the window 60 seconds after it was made.
    expect(await consumeRateLimit(portal, 'reset:1.2.3.4', AUTH_REQUEST_LIMITS, t + 10)).toEqual({ allowed: false, retryAfter: 50 });
    // Another address is unaffected.
    expect(await consumeRateLimit(portal, 'reset:5.6.7.8', AUTH_REQUEST_LIMITS, t + 10)).toEqual({ allowed: true });
  });

  test.each([0, 1, 30, 58, 59])('holds across a minute boundary (attempts start %i seconds before it)', async (before) => {
    const portal = await freshDb();
    const boundary = 1_800_000_000 - (1_800_000_000 % 60);
    const start = boundary - before;
    // Five attempts two seconds apart, straddling the start of a clock minute.
    for (let i = 0; i < 5; i++) expect((await consumeRateLimit(portal, 'k', AUTH_REQUEST_LIMITS, start + i * 2)).allowed).toBe(true);
    expect((await consumeRateLimit(portal, 'k', AUTH_REQUEST_LIMITS, start + 10)).allowed).toBe(false);
  });

  test('allows 20 in any hour even when spread over minutes', async () => {
    const portal = await freshDb();
    const start = 1_800_000_123;
    for (let i = 0; i < 20; i++) {
      expect((await consumeRateLimit(portal, 'k', AUTH_REQUEST_LIMITS, start + i * 120)).allowed).toBe(true);
    }
    const blocked = await consumeRateLimit(portal, 'k', AUTH_REQUEST_LIMITS, start + 41 * 60);
    expect(blocked).toEqual({ allowed: false, retryAfter: 3600 - 41 * 60 });
    expect((await consumeRateLimit(portal, 'k', AUTH_REQUEST_LIMITS, start + 3600)).allowed).toBe(true);
  });

  test('refusals write nothing', async () => {
    const portal = await freshDb();
    for (let i = 0; i < 50; i++) await consumeRateLimit(portal, 'k', AUTH_REQUEST_LIMITS, 1_800_000_000);
    expect(await portal.db.select().from(throttleEvents)).toHaveLength(5);
  });

  test('counts correctly under concurrency', async () => {
    const portal = await freshDb();
    const results = await Promise.all(Array.from({ length: 30 }, () => consumeRateLimit(portal, 'burst', AUTH_REQUEST_LIMITS, 1_800_000_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  test('prunes attempts older than a day', async () => {
    const portal = await freshDb();
    const now = 1_800_000_000;
    await consumeRateLimit(portal, 'old', AUTH_REQUEST_LIMITS, now - 24 * 3600 - 1);
    await consumeRateLimit(portal, 'new', AUTH_REQUEST_LIMITS, now - 24 * 3600 + 1);
    await pruneRateLimits(portal, now);
    expect((await portal.db.select().from(throttleEvents)).map((r) => r.key)).toEqual(['new']);
  });
});

describe('outbox', () => {
  const message: Email = { to: 'a@kent.gov.uk', subject: 'Hello', body: 'Line one\nhttps://portal.test/reset-password?token=abc.def' };

  test('delivers each message exactly once, even with two senders racing', async () => {
    const portal = await freshDb();
    await portal.write(async (tx) => {
      for (let i = 0; i < 25; i++) await queueEmail(tx, { ...message, subject: `m${i}` });
    });
    const delivered: string[] = [];
    const transport = { send: async (m: Email) => void delivered.push(m.subject) };
    await Promise.all([deliverPendingEmail(portal, transport, { batch: 7 }), deliverPendingEmail(portal, transport, { batch: 7 })]);
    while ((await deliverPendingEmail(portal, transport)) > 0);
    expect(delivered.sort()).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`).sort());
    expect((await sentMail(portal)).every((m) => m.sentAt !== null)).toBe(true);
  });

  test('writes the link to the log when no SMTP server is set', async () => {
    const portal = await freshDb();
    await portal.write((tx) => queueEmail(tx, message));
    const lines: string[] = [];
    await deliverPendingEmail(portal, logTransport((l) => lines.push(l)));
    expect(lines.join('\n')).toContain('[email] https://portal.test/reset-password?token=abc.def');
    expect(lines.join('\n')).toContain('[email] To: a@kent.gov.uk');
  });

  test('retries a failed delivery later, and gives up after the last attempt', async () => {
    const portal = await freshDb();
    await portal.write((tx) => queueEmail(tx, message));
    const failing = { send: async () => Promise.reject(new Error('SMTP down')) };
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) await deliverPendingEmail(portal, failing);
    const [row] = await portal.db.select().from(outbox);
    expect(row).toMatchObject({ sentAt: null, attempts: MAX_DELIVERY_ATTEMPTS, lastError: 'SMTP down' });
  });
});
