/**
 * Reads and transactions on an embedded database through statements that are prepared once
 * and kept.
 *
 * The libSQL client prepares every statement again each time it runs one, asks the
 * statement for its columns twice, and builds each row with a property definition per
 * column. For the statements every page runs (the session, a topic and its posts) and every
 * booking writes, that cost as much as running them. This client keeps two connections of
 * its own, each with its statements prepared on first use and their column names worked out
 * once:
 *
 * - a read-only one that answers a plain SELECT outside a transaction;
 * - a writer that runs one transaction at a time (`transaction()`). A transaction asked for
 *   while the writer is in use, or after a failed one while it reopens, goes to the libSQL
 *   client's own connections, as does everything else (batches, migrations, pragmas,
 *   statements outside a transaction).
 *
 * Results and errors have the libSQL client's shape: rows readable by column name and by
 * position, integers as numbers, blobs as ArrayBuffers; SQLite's errors as LibsqlError with
 * the same codes.
 *
 * A read statement is reset as soon as it has been read to the end, so the read connection
 * holds no read transaction between requests and never keeps a checkpoint from emptying the
 * WAL. If a read fails, the connection and its statements are dropped and the read is run
 * again through the libSQL client, which reports the error in its own terms. If anything in
 * a transaction fails, the writer and its statements are dropped when the transaction ends
 * (a statement SQLite refused with SQLITE_BUSY would otherwise stay unreset and block every
 * later COMMIT on that connection).
 */
import Database from 'libsql';
import { LibsqlError, type Client, type InArgs, type InStatement, type InValue, type Replicated, type ResultSet, type Row, type Transaction, type TransactionMode } from '@libsql/client';

/** How many different statements are kept; the least recently used one goes first. */
const MAX_STATEMENTS = 256;

type Connection = InstanceType<typeof Database>;

interface Prepared {
  statement: ReturnType<Connection['prepare']>;
  /** False for a statement that returns no rows (most writes): it is run, not read. */
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  /** Rows of this statement: named columns are own properties, positions come from here. */
  rowPrototype: object;
  /** The column names each row gets as its own properties (the first of any repeated name; none that is a position). */
  named: { name: string; index: number }[];
}

const VALUES = Symbol('values');

/** A plain SELECT (comments and blank space first are allowed): the only thing this client answers itself. */
export function isPlainSelect(sql: string): boolean {
  return /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*select\b/i.test(sql);
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** As the libSQL client gives values back: integers as numbers (refused when not exact), blobs as ArrayBuffers. */
function valueFromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  if (value instanceof Uint8Array) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  return value;
}

/** As the libSQL client passes values in. */
function valueToSql(value: InValue | undefined): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function argsToSql(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    named[name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name] = valueToSql(value);
  }
  return named;
}

const NO_ROWS: Omit<Prepared, 'statement'> = { reader: false, columns: [], columnTypes: [], rowPrototype: {}, named: [] };

function prepare(connection: Connection, sql: string): Prepared {
  const statement = connection.prepare(sql);
  statement.safeIntegers(true);
  if (!statement.reader) return { statement, ...NO_ROWS };
  statement.raw(true);
  const described = statement.columns();
  const columns = described.map((c) => c.name);
  const rowPrototype: Record<string | number, unknown> = {};
  Object.defineProperty(rowPrototype, 'length', { value: columns.length });
  columns.forEach((_, index) => {
    Object.defineProperty(rowPrototype, index, {
      get(this: { [VALUES]: unknown[] }) {
        return this[VALUES][index];
      },
    });
  });
  // A column named like a position ("0" for `SELECT 0`) is read by position, as the libSQL
  // client reads it: the position is the row's own.
  const isPosition = (name: string) => /^(?:0|[1-9]\d*)$/.test(name) && Number(name) < columns.length;
  const named = columns.flatMap((name, index) => (columns.indexOf(name) === index && !isPosition(name) ? [{ name, index }] : []));
  return { statement, reader: true, columns, columnTypes: described.map((c) => c.type ?? ''), rowPrototype, named };
}

/** Kept statements of one connection, by their SQL; the least recently used one goes first. */
class StatementCache {
  // A Map keeps insertion order: a statement used again moves to the end, so the first is the oldest.
  readonly #statements = new Map<string, Prepared>();
  readonly connection: Connection;

  constructor(connection: Connection) {
    this.connection = connection;
  }

  get(sql: string): Prepared {
    let prepared = this.#statements.get(sql);
    if (prepared === undefined) {
      prepared = prepare(this.connection, sql);
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
    } else {
      this.#statements.delete(sql);
    }
    this.#statements.set(sql, prepared);
    return prepared;
  }

  /** Closes the connection, and with it every statement. */
  close(): void {
    this.#statements.clear();
    try {
      this.connection.close();
    } catch {
      // already unusable
    }
  }
}

/** SQLite's error as the libSQL client reports it: a LibsqlError whose code is the primary result code (SQLITE_CONSTRAINT for SQLITE_CONSTRAINT_UNIQUE). */
function libsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { code: extended, rawCode, message } = error as unknown as { code?: string; rawCode?: number; message: string };
  const code = extended === undefined ? 'SQLITE_UNKNOWN' : extended.split('_').slice(0, 2).join('_');
  return new LibsqlError(message, code, extended, rawCode, error);
}

/** Runs a statement as the libSQL client runs it, on a kept statement. */
function run(prepared: Prepared, args: InArgs | undefined): ResultSet {
  const values = argsToSql(args);
  if (prepared.reader) return resultSet(prepared, (prepared.statement.all(values) as unknown[][]).map((raw) => toRow(prepared, raw)));
  const info = prepared.statement.run(values) as { changes: number; lastInsertRowid: number | bigint };
  return writeResult(info.changes, BigInt(info.lastInsertRowid));
}

function toRow(prepared: Prepared, raw: unknown[]): Row {
  const values = raw.map(valueFromSql);
  const row = Object.create(prepared.rowPrototype) as Record<string | symbol, unknown>;
  // Not enumerable, so spreading or listing a row gives its named columns only.
  Object.defineProperty(row, VALUES, { value: values });
  for (const { name, index } of prepared.named) row[name] = values[index];
  return row as unknown as Row;
}

function resultSet(prepared: Prepared, rows: Row[]): ResultSet {
  return {
    columns: prepared.columns,
    columnTypes: prepared.columnTypes,
    rows,
    rowsAffected: 0,
    lastInsertRowid: undefined,
    toJSON() {
      const json = (v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v);
      return { columns: this.columns, columnTypes: this.columnTypes, rows: rows.map((r) => Array.prototype.map.call(r, json)), rowsAffected: 0, lastInsertRowid: null };
    },
  };
}

function writeResult(rowsAffected: number, lastInsertRowid: bigint): ResultSet {
  return {
    columns: [],
    columnTypes: [],
    rows: [],
    rowsAffected,
    lastInsertRowid,
    toJSON() {
      return { columns: [], columnTypes: [], rows: [], rowsAffected, lastInsertRowid: lastInsertRowid.toString() };
    },
  };
}

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

/**
 * A transaction on the writer connection. It behaves as the libSQL client's own does: the
 * same results and errors, closed once committed or rolled back, a ROLLBACK on close() if
 * still open. `release` hands the writer back, saying whether anything failed on it.
 */
class KeptTransaction implements Transaction {
  #cache: StatementCache | null;
  #failed = false;
  readonly #release: (failed: boolean) => void;

  constructor(cache: StatementCache, release: (failed: boolean) => void) {
    this.#cache = cache;
    this.#release = release;
  }

  get closed(): boolean {
    const connection = this.#cache?.connection;
    return !connection || !connection.open || !connection.inTransaction;
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt: InStatement = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#run(stmt.sql, stmt.args);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
    return stmts.map((stmt) => (typeof stmt === 'string' ? this.#run(stmt, []) : Array.isArray(stmt) ? this.#run(stmt[0], stmt[1]) : this.#run(stmt.sql, stmt.args)));
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#attempt((cache) => cache.connection.exec(sql));
  }

  async commit(): Promise<void> {
    try {
      this.#run('COMMIT', []);
    } finally {
      this.#settle();
    }
  }

  async rollback(): Promise<void> {
    if (this.#cache === null) return;
    try {
      if (!this.closed) this.#run('ROLLBACK', []);
    } finally {
      this.#settle();
    }
  }

  close(): void {
    if (this.#cache === null) return;
    try {
      if (!this.closed) this.#run('ROLLBACK', []);
    } catch {
      // #run has marked the writer failed: it is dropped rather than used again.
    } finally {
      this.#settle();
    }
  }

  #open(): StatementCache {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#cache!;
  }

  #run(sql: string, args: InArgs | undefined): ResultSet {
    return this.#attempt((cache) => run(cache.get(sql), args));
  }

  /** `work` on the open writer; if it fails, the writer is marked to be dropped and the error given in the libSQL client's terms. */
  #attempt<T>(work: (cache: StatementCache) => T): T {
    const cache = this.#open();
    try {
      return work(cache);
    } catch (error) {
      this.#failed = true;
      throw libsqlError(error);
    }
  }

  #settle(): void {
    if (this.#cache === null) return;
    this.#cache = null;
    this.#release(this.#failed);
  }
}

/**
 * A libSQL client whose plain SELECTs on the embedded database at `path` are answered through
 * kept statements on a read-only connection of its own, and whose transactions run one at a
 * time on a writer connection of its own (unless `transactions` is false); everything else
 * goes to `client`.
 */
export class KeptStatementsClient implements Client {
  readonly #client: Client;
  readonly #path: string;
  #reads: StatementCache | null = null;
  #writer: StatementCache | null = null;
  /** True while a transaction has the writer. */
  #writing = false;
  readonly #transactions: boolean;

  /** With `transactions: false` (a read-only handle), transactions go to the libSQL client too, and the writer is never opened. */
  constructor(client: Client, path: string, { transactions }: { transactions: boolean }) {
    this.#client = client;
    this.#path = path;
    this.#transactions = transactions;
  }

  get closed(): boolean {
    return this.#client.closed;
  }
  get protocol(): string {
    return this.#client.protocol;
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt: InStatement = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    const read = this.#read(stmt);
    if (read === null) return this.#client.execute(stmt);
    const { prepared, raw } = read;
    return resultSet(prepared, raw.map((r) => toRow(prepared, r)));
  }

  /**
   * A SELECT's rows as arrays of values, by position, converted as `execute` converts them
   * (integers as numbers, blobs as ArrayBuffers): for callers that read columns by position
   * only, such as drizzle mapping a typed select, without building named rows first.
   * Anything `execute` would hand to the libSQL client goes there, and its rows come back
   * copied into arrays.
   */
  async executeArrays(stmt: InStatement): Promise<unknown[][]> {
    const read = this.#read(stmt);
    if (read === null) return (await this.#client.execute(stmt)).rows.map((row) => Array.prototype.slice.call(row));
    const { raw } = read;
    for (const values of raw) for (let i = 0; i < values.length; i++) values[i] = valueFromSql(values[i]);
    return raw;
  }

  /** A plain SELECT run on the kept statement, or null when the libSQL client should run it. */
  #read(stmt: InStatement): { prepared: Prepared; raw: unknown[][] } | null {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    if (this.#client.closed || !isPlainSelect(sql)) return null;
    try {
      this.#reads ??= new StatementCache(openReadOnly(this.#path));
      const prepared = this.#reads.get(sql);
      if (!prepared.reader) return null;
      return { prepared, raw: prepared.statement.all(argsToSql(typeof stmt === 'string' ? undefined : stmt.args)) as unknown[][] };
    } catch {
      // A failed read leaves nothing half-done: start again on a fresh connection next
      // time, and let the libSQL client run it now and report any error in its own words.
      this.#dropReads();
      return null;
    }
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return this.#client.batch(stmts, mode);
  }
  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#client.migrate(stmts);
  }
  /** A transaction on the writer, or on one of the libSQL client's connections while the writer is in use. */
  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    if (!this.#transactions || this.#writing || this.#client.closed) return this.#client.transaction(mode);
    this.#writing = true;
    let writer: StatementCache;
    try {
      writer = this.#writer ??= new StatementCache(openWriter(this.#path));
      run(writer.get(BEGIN[mode]), []);
    } catch (error) {
      // Most often SQLITE_BUSY: another process holds the write lock.
      this.#dropWriter();
      this.#writing = false;
      throw libsqlError(error);
    }
    return new KeptTransaction(writer, (failed) => {
      if (failed || this.#client.closed) this.#dropWriter();
      this.#writing = false;
    });
  }
  executeMultiple(sql: string): Promise<void> {
    return this.#client.executeMultiple(sql);
  }
  sync(): Promise<Replicated> {
    return this.#client.sync();
  }
  close(): void {
    this.#dropReads();
    this.#dropWriter();
    this.#client.close();
  }
  reconnect(): void {
    this.#dropReads();
    // A transaction still open on the writer carries on, and the writer stays after it
    // unless something in it failed (then it is dropped as that transaction ends).
    if (!this.#writing) this.#dropWriter();
    this.#client.reconnect();
  }

  #dropReads(): void {
    this.#reads?.close();
    this.#reads = null;
  }
  #dropWriter(): void {
    this.#writer?.close();
    this.#writer = null;
  }
}

function openReadOnly(path: string): Connection {
  const connection = new Database(path);
  // Anything but a read is a mistake here: refuse it rather than write outside the write lock.
  connection.exec('PRAGMA query_only = ON');
  return connection;
}

function openWriter(path: string): Connection {
  const connection = new Database(path);
  // As createDb sets them: a committed transaction survives a power cut, and foreign keys hold.
  connection.exec('PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON');
  return connection;
}
