import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import Database from 'libsql';
import { createClient, LibsqlError, type Client } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { KeptStatementsClient, isPlainSelect } from '../../db/kept-statements.ts';
import { users } from '../../db/schema.ts';
import { isRetryableWriteError, type Tx } from '../../db/client.ts';
import { activeMember, freshDb } from './helpers.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/** The libSQL client and a KeptStatementsClient over it, on a new WAL file with a little data. */
async function pair(): Promise<{ plain: Client; cached: KeptStatementsClient }> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-cached-'));
  const path = join(dir, 'reads.db');
  const plain = createClient({ url: `file:${path}` });
  await plain.execute('PRAGMA journal_mode = WAL');
  await plain.executeMultiple(`
    CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, badge BLOB, team_id INTEGER);
    CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    INSERT INTO teams VALUES (1, 'North'), (2, 'South');
    INSERT INTO people VALUES (1, 'Ada', 1.5, x'00ff10', 1), (2, 'Ben', NULL, NULL, 2), (3, 'Cy', 3, NULL, 1);
  `);
  const cached = new KeptStatementsClient(plain, path, { transactions: true });
  cleanup.push(() => {
    cached.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { plain, cached };
}

/** What a test can compare of a result: columns, and each row by position and by name. */
function shape(result: Awaited<ReturnType<Client['execute']>>) {
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    byPosition: result.rows.map((row) => Array.prototype.slice.call(row)),
    byName: result.rows.map((row) => ({ ...row })),
    lengths: result.rows.map((row) => row.length),
    json: result.toJSON(),
  };
}

describe('KeptStatementsClient', () => {
  test.each([
    ['SELECT id, name, score, badge FROM people ORDER BY id', []],
    ['select name from people where id = ?', [2]],
    ['SELECT p.id, t.id, p.name, t.name FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.id', []],
    ['select count(*) as n, max(score) from people where team_id = :team', { ':team': 1 }],
    ['  /* a comment */ SELECT name FROM people WHERE id IN (?, ?) ORDER BY id', [1, 3]],
    // Columns named like positions: an unnamed literal is named by its text.
    ['SELECT name, 0, 7 AS "1", id FROM people ORDER BY id', []],
  ] as const)('answers %s as the libSQL client does', async (text, args) => {
    const { plain, cached } = await pair();
    const statement = { sql: text, args: args as never };
    expect(shape(await cached.execute(statement))).toEqual(shape(await plain.execute(statement)));
    // And the same again, from the kept statement.
    expect(shape(await cached.execute(statement))).toEqual(shape(await plain.execute(statement)));
  });

  test('executeArrays gives each row as the values the libSQL client has at its positions', async () => {
    const { plain, cached } = await pair();
    const statements = [
      { sql: 'SELECT p.id, t.id, p.name, p.score, p.badge FROM people p JOIN teams t ON t.id = p.team_id ORDER BY p.id', args: [] },
      { sql: 'select name from people where id = ?', args: [2] },
      // Not a plain SELECT: the libSQL client runs it, and its rows come back as arrays all the same.
      { sql: 'WITH x AS (SELECT name FROM people WHERE id = 1) SELECT name FROM x', args: [] },
    ];
    for (const statement of statements) {
      const expected = (await plain.execute(statement)).rows.map((row) => Array.prototype.slice.call(row));
      const arrays = await cached.executeArrays(statement);
      expect(arrays).toEqual(expected);
      expect(arrays.every(Array.isArray)).toBe(true);
    }
    const [[badge]] = (await cached.executeArrays({ sql: 'SELECT badge FROM people WHERE id = 1', args: [] })) as [[ArrayBuffer]];
    expect(badge).toBeInstanceOf(ArrayBuffer);
    await expect(cached.executeArrays({ sql: 'SELECT 9007199254740993 AS big', args: [] })).rejects.toThrow(RangeError);
    await expect(cached.executeArrays({ sql: 'SELECT nothing FROM people', args: [] })).rejects.toThrow(LibsqlError);
  });

  test('gives blobs as ArrayBuffers and repeated column names by position', async () => {
    const { cached } = await pair();
    const { rows } = await cached.execute('SELECT p.id, t.id, p.badge FROM people p JOIN teams t ON t.id = p.team_id WHERE p.id = 1');
    const [row] = rows;
    expect([row![0], row![1]]).toEqual([1, 1]);
    expect(row!.badge).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(row!.badge as ArrayBuffer)]).toEqual([0x00, 0xff, 0x10]);
    expect(Object.keys(row!)).toEqual(['id', 'badge']);
  });

  test('passes writes, pragmas and anything else to the libSQL client', async () => {
    const { plain, cached } = await pair();
    const inserted = await cached.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    expect(inserted.rowsAffected).toBe(1);
    expect((await plain.execute('SELECT count(*) AS n FROM people')).rows[0]!.n).toBe(4);
    expect((await cached.execute('PRAGMA journal_mode')).rows[0]!.journal_mode).toBe('wal');
  });

  test('sees every write as soon as it is committed', async () => {
    const { plain, cached } = await pair();
    const count = async () => (await cached.execute('SELECT count(*) AS n FROM people')).rows[0]!.n;
    expect(await count()).toBe(3);
    await plain.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    expect(await count()).toBe(4);
    const tx = await plain.transaction('write');
    await tx.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Eve'] });
    expect(await count()).toBe(4);
    await tx.commit();
    expect(await count()).toBe(5);
  });

  test('holds no read open between reads, so a checkpoint can empty the WAL', async () => {
    const { plain, cached } = await pair();
    await cached.execute('SELECT * FROM people');
    await cached.execute({ sql: 'SELECT * FROM people WHERE id > ?', args: [0] });
    await plain.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    const [checkpoint] = (await plain.execute('PRAGMA wal_checkpoint(TRUNCATE)')).rows;
    expect({ busy: checkpoint!.busy, log: checkpoint!.log }).toEqual({ busy: 0, log: 0 });
  });

  test('a failed read is reported as the libSQL client reports it, and the next read works', async () => {
    const { cached } = await pair();
    const failure = await cached.execute('SELECT nothing FROM people').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LibsqlError);
    expect((failure as LibsqlError).code).toBe('SQLITE_ERROR');
    const overflow = await cached.execute('SELECT abs(-9223372036854775807 - id) FROM people').catch((e: unknown) => e);
    expect(overflow).toBeInstanceOf(LibsqlError);
    expect((await cached.execute('SELECT name FROM people WHERE id = 1')).rows[0]!.name).toBe('Ada');
  });

  test('refuses an integer a JavaScript number cannot hold exactly, as the libSQL client does', async () => {
    const { plain, cached } = await pair();
    const text = 'SELECT 9007199254740993 AS big';
    await expect(plain.execute(text)).rejects.toThrow(RangeError);
    await expect(cached.execute(text)).rejects.toThrow(RangeError);
  });

  test('refuses arguments the libSQL client refuses, and converts the ones it converts', async () => {
    const { cached } = await pair();
    await expect(cached.execute({ sql: 'SELECT ? AS v', args: [Number.NaN] })).rejects.toThrow(RangeError);
    await expect(cached.execute({ sql: 'SELECT ? AS v', args: [undefined as never] })).rejects.toThrow(TypeError);
    const { rows } = await cached.execute({ sql: 'SELECT ? AS yes, ? AS at, typeof(?) AS blob', args: [true, new Date(5000), new Uint8Array([1]).buffer] });
    expect({ ...rows[0] }).toEqual({ yes: 1, at: 5000, blob: 'blob' });
  });

  test('after close, reads fail as the closed libSQL client fails', async () => {
    const { cached } = await pair();
    cached.close();
    expect(cached.closed).toBe(true);
    await expect(cached.execute('SELECT 1')).rejects.toThrow(LibsqlError);
  });

  test.each([
    ['SELECT 1', true],
    ['  select * from t', true],
    ['-- why\nSELECT 1', true],
    ['/* why */ select 1', true],
    ['INSERT INTO t SELECT 1', false],
    ['WITH x AS (SELECT 1) DELETE FROM t', false],
    ['PRAGMA table_info(t)', false],
    ['selection', false],
  ])('isPlainSelect(%j) is %s', (text, expected) => {
    expect(isPlainSelect(text)).toBe(expected);
  });
});

/** A result as a caller can see it, for writes too: the read shape, the count of rows changed and the last rowid. */
function outcome(result: Awaited<ReturnType<Client['execute']>>) {
  return { ...shape(result), rowsAffected: result.rowsAffected, lastInsertRowid: result.lastInsertRowid };
}

const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

describe('KeptStatementsClient transactions', () => {
  test('run each statement as a transaction of the libSQL client does, and keep it for the next transaction', async () => {
    const { plain, cached } = await pair();
    const steps = [
      { sql: 'INSERT INTO people (name, score) VALUES (?, ?)', args: ['Dee', 2.5] },
      { sql: 'INSERT INTO teams (name) VALUES (?) RETURNING id, name', args: ['East'] },
      { sql: 'UPDATE people SET score = score + 1 WHERE team_id = ?', args: [1] },
      { sql: 'SELECT id, name, score, badge FROM people ORDER BY id', args: [] },
      { sql: 'DELETE FROM people WHERE name = :name', args: { ':name': 'Dee' } },
    ];
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    const expected = [];
    const plainTx = await plain.transaction('write');
    for (const step of steps) expected.push(outcome(await plainTx.execute(step)));
    await plainTx.rollback();
    for (let round = 0; round < 3; round++) {
      const tx = await cached.transaction('write');
      const got = [];
      for (const step of steps) got.push(outcome(await tx.execute(step)));
      await tx.rollback();
      expect(got).toEqual(expected);
    }
    // Prepared on the writer in the first round only (the libSQL client prepared each once, in its own transaction).
    const prepared = (sql: string) => prepare.mock.calls.filter(([text]) => text === sql).length;
    for (const step of steps) expect(prepared(step.sql)).toBe(2);
    prepare.mockRestore();
  });

  test('commit keeps the writes, rollback undoes them, and a settled transaction refuses more', async () => {
    const { plain, cached } = await pair();
    const count = async () => (await plain.execute('SELECT count(*) AS n FROM people')).rows[0]!.n;
    const kept = await cached.transaction('write');
    await kept.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    expect(kept.closed).toBe(false);
    await kept.commit();
    expect(kept.closed).toBe(true);
    expect(await count()).toBe(4);
    // The read connection sees it at once.
    expect((await cached.execute('SELECT count(*) AS n FROM people')).rows[0]!.n).toBe(4);
    const failure = await failureOf(kept.execute('SELECT 1'));
    expect(failure).toBeInstanceOf(LibsqlError);
    expect((failure as LibsqlError).code).toBe('TRANSACTION_CLOSED');

    const undone = await cached.transaction('write');
    await undone.execute({ sql: 'DELETE FROM people', args: [] });
    await undone.rollback();
    expect(await count()).toBe(4);
    const dropped = await cached.transaction('write');
    await dropped.execute({ sql: 'DELETE FROM people', args: [] });
    dropped.close();
    expect(dropped.closed).toBe(true);
    expect(await count()).toBe(4);
  });

  test('report SQLite errors with the codes the libSQL client gives, and the next transaction works', async () => {
    const { plain, cached } = await pair();
    const duplicate = { sql: 'INSERT INTO people (id, name) VALUES (?, ?)', args: [1, 'Again'] };
    const plainTx = await plain.transaction('write');
    const expected = (await failureOf(plainTx.execute(duplicate))) as LibsqlError;
    await plainTx.rollback();
    const tx = await cached.transaction('write');
    await tx.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    const got = (await failureOf(tx.execute(duplicate))) as LibsqlError;
    expect(got).toBeInstanceOf(LibsqlError);
    expect({ code: got.code, extendedCode: got.extendedCode, rawCode: got.rawCode, message: got.message }).toEqual({
      code: expected.code,
      extendedCode: expected.extendedCode,
      rawCode: expected.rawCode,
      message: expected.message,
    });
    expect(expected.code).toBe('SQLITE_CONSTRAINT');
    // The statement that failed works again in the same transaction, which still commits.
    await tx.execute({ sql: duplicate.sql, args: [9, 'Nine'] });
    await tx.commit();
    const next = await cached.transaction('write');
    await next.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Eve'] });
    await next.rollback();
    const last = await cached.transaction('write');
    await last.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Fay'] });
    await last.commit();
    const names = (await plain.execute("SELECT name FROM people WHERE name IN ('Again', 'Dee', 'Nine', 'Eve', 'Fay') ORDER BY name")).rows.map((r) => r.name);
    expect(names).toEqual(['Dee', 'Fay', 'Nine']);
  });

  test('a second transaction while the writer is in use goes to the libSQL client, and waits its turn as before', async () => {
    const { cached } = await pair();
    const first = await cached.transaction('write');
    await first.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    // The libSQL client's connection cannot take the write lock the writer holds.
    const busy = await failureOf(cached.transaction('write'));
    expect(busy).toBeInstanceOf(LibsqlError);
    expect(isRetryableWriteError(busy)).toBe(true);
    // As write() does after a busy error: the libSQL client's connection that failed is
    // discarded; the writer's transaction carries on.
    cached.reconnect();
    const reader = await cached.transaction('read');
    expect((await reader.execute('SELECT count(*) AS n FROM people')).rows[0]!.n).toBe(3);
    await reader.commit();
    await first.commit();
    const second = await cached.transaction('write');
    expect((await second.execute('SELECT count(*) AS n FROM people')).rows[0]!.n).toBe(4);
    await second.commit();
  });

  test('a write lock held by another connection is reported as busy, and the writer is usable once it is free', async () => {
    const { plain, cached } = await pair();
    const other = await plain.transaction('write');
    await other.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    const busy = await failureOf(cached.transaction('write'));
    expect(busy).toBeInstanceOf(LibsqlError);
    expect((busy as LibsqlError).code).toBe('SQLITE_BUSY');
    expect(isRetryableWriteError(busy)).toBe(true);
    await other.commit();
    const tx = await cached.transaction('write');
    await tx.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Eve'] });
    await tx.commit();
    expect((await cached.execute('SELECT count(*) AS n FROM people')).rows[0]!.n).toBe(5);
  });

  test('a read-only handle leaves transactions to the libSQL client', async () => {
    const { plain } = await pair();
    const path = (await plain.execute('PRAGMA database_list')).rows[0]!.file as string;
    const readOnly = new KeptStatementsClient(plain, path, { transactions: false });
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    const tx = await readOnly.transaction('write');
    await tx.execute({ sql: 'INSERT INTO people (name) VALUES (?)', args: ['Dee'] });
    await tx.commit();
    // The libSQL client prepared them on its own connection; no writer of the handle's was opened.
    expect(prepare.mock.calls.map(([text]) => text)).toEqual(['BEGIN IMMEDIATE', 'INSERT INTO people (name) VALUES (?)', 'COMMIT']);
    prepare.mockRestore();
  });
});

describe('the portal database reads and writes through kept statements', () => {
  test('drizzle selects, relational queries and raw SQL give the rows they did', async () => {
    const portal = await freshDb();
    expect(portal.client).toBeInstanceOf(KeptStatementsClient);
    const { id } = await activeMember(portal, 'sam@kent.gov.uk', 'correct horse battery staple');
    const [selected] = await portal.db.select({ id: users.id, email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, id));
    expect(selected).toMatchObject({ id, email: 'sam@kent.gov.uk' });
    expect(typeof selected!.hash).toBe('string');
    const found = await portal.db.query.users.findFirst({ where: eq(users.id, id) });
    expect(found?.email).toBe('sam@kent.gov.uk');
    expect(await portal.db.all(sql`select ${users.email} as email from ${users} where ${users.id} = ${id}`)).toEqual([{ email: 'sam@kent.gov.uk' }]);
  });

  test('write() commits what its callback wrote, undoes a failed savepoint alone and a failed callback whole', async () => {
    const portal = await freshDb();
    const add = (tx: Tx, email: string) =>
      tx.run(sql`INSERT INTO users (email, name, organisation, password_hash, status, created_at) VALUES (${email}, 'Someone', 'Kent County Council', '!', 'active', 0)`);
    await portal.write(async (tx) => {
      await add(tx, 'kept@kent.gov.uk');
      await failureOf(
        tx.transaction(async (sp) => {
          await add(sp, 'undone@kent.gov.uk');
          throw new Error('the savepoint fails');
        }),
      );
      await add(tx, 'after@kent.gov.uk');
    });
    const failed = await failureOf(
      portal.write(async (tx) => {
        await add(tx, 'never@kent.gov.uk');
        throw new Error('the write fails');
      }),
    );
    expect((failed as Error).message).toBe('the write fails');
    const emails = (await portal.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    expect(emails).toEqual(['after@kent.gov.uk', 'kept@kent.gov.uk']);
  });
});
