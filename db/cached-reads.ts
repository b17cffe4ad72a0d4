/**
 * Reads from an embedded database through statements that are prepared once and kept.
 *
 * The libSQL client prepares every statement again each time it runs one, asks the
 * statement for its columns twice, and builds each row with a property definition per
 * column. For the statements every page runs (the session, a topic and its posts) that cost
 * more than running them. This client answers a plain SELECT from its own read-only
 * connection, with the statement prepared on first use and its column names worked out
 * once; it hands everything else (writes, transactions, batches, pragmas) to the libSQL
 * client unchanged. Results have the libSQL client's shape: rows readable by column name
 * and by position, integers as numbers, blobs as ArrayBuffers.
 *
 * A statement is reset as soon as it has been read to the end, so the connection holds no
 * read transaction between requests and never keeps a checkpoint from emptying the WAL.
 * If a read fails, the connection and its statements are dropped and the read is run again
 * through the libSQL client, which reports the error in its own terms.
 */
import Database from 'libsql';
import type { Client, InArgs, InStatement, InValue, Replicated, ResultSet, Row, Transaction, TransactionMode } from '@libsql/client';

/** How many different statements are kept; the least recently used one goes first. */
const MAX_STATEMENTS = 256;

type Connection = InstanceType<typeof Database>;

interface Prepared {
  statement: ReturnType<Connection['prepare']>;
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

function prepare(connection: Connection, sql: string): Prepared | null {
  const statement = connection.prepare(sql);
  if (!statement.reader) return null;
  statement.raw(true);
  statement.safeIntegers(true);
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
  return { statement, columns, columnTypes: described.map((c) => c.type ?? ''), rowPrototype, named };
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

/**
 * A libSQL client whose plain SELECTs on the embedded database at `path` are answered through
 * kept statements on a read-only connection of its own; everything else goes to `client`.
 */
export class CachedReadsClient implements Client {
  readonly #client: Client;
  readonly #path: string;
  #connection: Connection | null = null;
  // A Map keeps insertion order: a statement used again moves to the end, so the first is the oldest.
  readonly #statements = new Map<string, Prepared | null>();

  constructor(client: Client, path: string) {
    this.#client = client;
    this.#path = path;
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
      const prepared = this.#prepared(sql);
      if (prepared === null) return null;
      return { prepared, raw: prepared.statement.all(argsToSql(typeof stmt === 'string' ? undefined : stmt.args)) as unknown[][] };
    } catch {
      // A failed read leaves nothing half-done: start again on a fresh connection next
      // time, and let the libSQL client run it now and report any error in its own words.
      this.#drop();
      return null;
    }
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return this.#client.batch(stmts, mode);
  }
  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#client.migrate(stmts);
  }
  transaction(mode?: TransactionMode): Promise<Transaction> {
    return this.#client.transaction(mode);
  }
  executeMultiple(sql: string): Promise<void> {
    return this.#client.executeMultiple(sql);
  }
  sync(): Promise<Replicated> {
    return this.#client.sync();
  }
  close(): void {
    this.#drop();
    this.#client.close();
  }
  reconnect(): void {
    this.#drop();
    this.#client.reconnect();
  }

  #prepared(sql: string): Prepared | null {
    let prepared = this.#statements.get(sql);
    if (prepared === undefined) {
      prepared = prepare(this.#open(), sql);
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value!);
    } else {
      this.#statements.delete(sql);
    }
    this.#statements.set(sql, prepared);
    return prepared;
  }
  #open(): Connection {
    if (this.#connection) return this.#connection;
    const opened = new Database(this.#path);
    // Anything but a read is a mistake here: refuse it rather than write outside the write lock.
    opened.exec('PRAGMA query_only = ON');
    this.#connection = opened;
    return opened;
  }
  #drop(): void {
    this.#statements.clear();
    const closing = this.#connection;
    this.#connection = null;
    try {
      closing?.close();
    } catch {
      // already unusable
    }
  }
}
