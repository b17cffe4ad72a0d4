/**
 * The one way the portal opens its database. It reads no environment variables, so the
 * server, the seed script and every test pass their own URL.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { Mutex } from 'async-mutex';
import * as schema from './schema.ts';
import { KeptStatementsClient } from './kept-statements.ts';

export type Schema = typeof schema;
export type Drizzle = LibSQLDatabase<Schema>;
/** A drizzle transaction handle, as passed to `write()` callbacks. */
export type Tx = Parameters<Parameters<Drizzle['transaction']>[0]>[0];

export interface PortalDb {
  /** Drizzle over the client, for reads. */
  readonly db: Drizzle;
  /** The libSQL client drizzle uses (on a file, plain reads and transactions through kept statements), for pragmas and health checks. */
  readonly client: Client;
  /** True for an embedded `file:` database, false for a libSQL server. */
  readonly embedded: boolean;
  /**
   * For an embedded database, the file's path and its identity (device and inode) when it
   * was opened: if the file is later moved or replaced, this process still writes to the
   * old one, and the health check notices the difference.
   */
  readonly file: { path: string; dev: number; ino: number } | null;
  /**
   * Runs `fn` inside one write transaction. Inside one process the transactions run one
   * after another; a `SQLITE_BUSY` from another process, or a 429 from a libSQL server,
   * is retried after a short random pause rather than waited for, because the embedded
   * driver is synchronous and a busy timeout would stall every request on this instance.
   * Keep network I/O out of `fn`: it holds the write lock.
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): void;
}

/** Resolves the folder of a `file:` URL, or null for other URLs. */
export function fileUrlToPath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  if (url.startsWith('file://')) return fileURLToPath(url);
  return url.slice('file:'.length);
}

const MAX_ATTEMPTS = 40;

/** True for errors that mean "another writer holds the lock, try again shortly". */
export function isRetryableWriteError(error: unknown): boolean {
  let current: unknown = error;
  // drizzle wraps driver errors; look through the cause chain.
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; status?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') return true;
    if (/database is locked|SQLITE_BUSY|status(?: code)? 429|Too Many Requests/i.test(message)) return true;
    if (e.status === 429) return true;
    current = e.cause;
  }
  return false;
}

function pause(attempt: number): Promise<void> {
  // Exponential backoff with full jitter, capped at 100 ms.
  const ceiling = Math.min(100, 2 * 2 ** Math.min(attempt, 6));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/**
 * Runs `fn` again, after a short jittered pause, while another process holds the lock:
 * for start-up work outside `write()` (a crashed instance's WAL being recovered, or another
 * process checkpointing as it closes, can briefly hold the file).
 */
export async function retryWhileBusy<T>(fn: () => Promise<T>, beforeRetry: () => void = () => {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableWriteError(error)) throw error;
      beforeRetry();
      await pause(attempt);
    }
  }
}

/**
 * Opens the database at `url` (`file:data/portal.db`, `http://127.0.0.1:8080`, `libsql://…`).
 * For a file database the folder is created if missing and WAL is switched on.
 */
export async function createDb(url: string, authToken?: string): Promise<PortalDb> {
  const path = fileUrlToPath(url);
  if (path !== null && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const client = createClient({ url, authToken });
  if (path !== null) {
    // WAL lets readers carry on while one connection writes; it is stored in the file.
    // A statement that failed with SQLITE_BUSY leaves the embedded connection unusable: reopen.
    const reopen = () => client.reconnect();
    await retryWhileBusy(() => client.execute('PRAGMA journal_mode = WAL'), reopen);
    // FULL (the driver's default, stated here so it cannot silently change): a committed
    // booking survives a power cut. Foreign keys are on by default in libSQL.
    await retryWhileBusy(() => client.execute('PRAGMA synchronous = FULL'), reopen);
    await retryWhileBusy(() => client.execute('PRAGMA foreign_keys = ON'), reopen);
  }
  // Plain reads and transactions on an embedded file run through statements prepared once
  // (db/kept-statements.ts).
  const reads = path !== null && path !== ':memory:' ? new KeptStatementsClient(client, path, { transactions: true }) : client;
  const db = drizzle(reads, { schema, casing: 'snake_case' });
  const lock = new Mutex();

  async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return lock.runExclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction(fn);
        } catch (error) {
          if (attempt >= MAX_ATTEMPTS || !isRetryableWriteError(error)) throw error;
          // The embedded driver leaves a statement that failed with SQLITE_BUSY unreset, and
          // its connection then refuses every later COMMIT ("SQL statements in progress").
          // The kept writer closes itself after a failure; a transaction that ran on the
          // libSQL client's pool instead is discarded by reopening the pool. We hold the
          // write lock, so no other transaction of this process is open; plain reads borrow a
          // connection only for a synchronous call, so none is cut off mid-statement.
          if (path !== null) client.reconnect();
          await pause(attempt);
        }
      }
    });
  }

  let file: PortalDb['file'] = null;
  if (path !== null && path !== ':memory:') {
    const { dev, ino } = statSync(path);
    file = { path, dev, ino };
  }
  return { db, client: reads, embedded: path !== null, file, write, close: () => reads.close() };
}

/** A read-only handle on the database, for work moved off the server's event loop. */
export interface ReadOnlyDb {
  readonly db: Drizzle;
  close(): void;
}

/**
 * Opens a second, read-only connection to the database at `url`, for a worker thread. On an
 * embedded file the connection refuses every write (`query_only`), and WAL lets it read while
 * the server's own connection writes; on a libSQL server it is simply another client.
 */
export async function openReadOnlyDb(url: string, authToken?: string): Promise<ReadOnlyDb> {
  const client = createClient({ url, authToken });
  const path = fileUrlToPath(url);
  if (path !== null) await retryWhileBusy(() => client.execute('PRAGMA query_only = ON'), () => client.reconnect());
  const reads = path !== null && path !== ':memory:' ? new KeptStatementsClient(client, path, { transactions: false }) : client;
  return { db: drizzle(reads, { schema, casing: 'snake_case' }), close: () => reads.close() };
}
