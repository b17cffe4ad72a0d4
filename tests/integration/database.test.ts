import { count } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createDb, fileUrlToPath, isRetryableWriteError } from '../../db/client.ts';
import { throttleEvents, users } from '../../db/schema.ts';
import { DEMO_ACCOUNTS, seedDatabase } from '../../db/seed.ts';
import { freshDb } from './helpers.ts';

describe('createDb', () => {
  test('creates the folder, switches on WAL, full sync and foreign keys', async () => {
    const portal = await freshDb();
    const pragma = async (name: string) => Object.values((await portal.client.execute(`PRAGMA ${name}`)).rows[0]!)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
  });

  test('keeps full sync and foreign keys on connections opened after a transaction', async () => {
    const portal = await freshDb();
    // A transaction borrows a connection, so plain statements run on another one.
    await portal.write(async (tx) => {
      const fk = await portal.client.execute('PRAGMA foreign_keys');
      const sync = await portal.client.execute('PRAGMA synchronous');
      expect(Object.values(fk.rows[0]!)[0]).toBe(1);
      expect(Object.values(sync.rows[0]!)[0]).toBe(2);
      await tx.select().from(users);
    });
  });

  test('serialises 200 concurrent write transactions without an error', async () => {
    const portal = await freshDb();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        portal.write((tx) => tx.insert(throttleEvents).values({ key: `k${i % 7}`, at: i })),
      ),
    );
    const [row] = await portal.db.select({ n: count() }).from(throttleEvents);
    expect(row!.n).toBe(200);
  });

  test('retries a write that finds the database locked by another process', async () => {
    const portal = await freshDb();
    // A second client stands in for another instance holding the write lock.
    const other = await createDb(portal.url);
    const held = await other.client.transaction('write');
    await held.execute({ sql: 'INSERT INTO throttle_events (key, at) VALUES (?, ?)', args: ['held', 1] });
    const pending = portal.write((tx) => tx.insert(throttleEvents).values({ key: 'x', at: 1 }));
    await new Promise((r) => setTimeout(r, 50));
    await held.commit();
    await expect(pending).resolves.toBeDefined();
    other.close();
  });

  test('rolls back everything when a transaction fails half-way', async () => {
    const portal = await freshDb();
    await expect(
      portal.write(async (tx) => {
        await tx.insert(throttleEvents).values({ key: 'half', at: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await portal.db.select().from(throttleEvents)).toEqual([]);
  });
});

describe('fileUrlToPath', () => {
  test.each([
    ['file:data/portal.db', 'data/portal.db'],
    ['file:///tmp/x.db', '/tmp/x.db'],
    ['http://127.0.0.1:8080', null],
    ['libsql://db.example.turso.io', null],
  ])('%s → %s', (url, path) => {
    expect(fileUrlToPath(url)).toBe(path);
  });
});

describe('isRetryableWriteError', () => {
  test.each([
    [{ code: 'SQLITE_BUSY', message: 'database is locked' }, true],
    [{ message: 'wrapped', cause: { code: 'SQLITE_BUSY_SNAPSHOT' } }, true],
    [{ message: 'HTTP status 429 Too Many Requests' }, true],
    [{ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed' }, false],
    [new Error('boom'), false],
    [null, false],
  ])('%j: %s', (error, expected) => {
    expect(isRetryableWriteError(error)).toBe(expected);
  });
});

describe('seedDatabase', () => {
  test('creates one demo account per role in an empty database, once', async () => {
    const portal = await freshDb();
    expect(await seedDatabase(portal, { demo: true })).toEqual({ demoAccountsCreated: true });
    expect(await seedDatabase(portal, { demo: true })).toEqual({ demoAccountsCreated: false });
    const rows = await portal.db.select({ email: users.email }).from(users);
    expect(rows.map((r) => r.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
  });

  test('never creates demo accounts in production', async () => {
    const portal = await freshDb();
    await seedDatabase(portal, { demo: false });
    expect(await portal.db.select().from(users)).toEqual([]);
  });
});
