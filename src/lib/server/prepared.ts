/**
 * Statements built once per database handle. Drizzle's query builder turns a query into SQL
 * text on every call, and for the statements every page runs (the session lookup, a topic and
 * its posts) that cost as much CPU as running them: about 0.3 ms each at 100,000 posts. A
 * prepared query keeps its SQL and takes only the values (`sql.placeholder`).
 */
import { Column, SQL, fillPlaceholders, is } from 'drizzle-orm';
import type { InArgs } from '@libsql/client';
import { KeptStatementsClient } from '../../../db/kept-statements.ts';

/**
 * `build` run once for each database handle it is given (the server's, or a test's), its
 * result kept for as long as the handle lives.
 * @example const topicById = preparedPer((db: Drizzle) => db.select().from(forumTopics).where(eq(forumTopics.id, sql.placeholder('id'))).prepare());
 */
export function preparedPer<D extends object, Q>(build: (db: D) => Q): (db: D) => Q {
  const built = new WeakMap<D, Q>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

/** What `allRows` needs of a drizzle prepared SELECT: `getQuery`, `mapAllResult` and `all` are drizzle's public API. */
interface PreparedSelect {
  getQuery(): { sql: string; params: unknown[] };
  mapAllResult(rows: unknown): unknown;
  all(values?: Record<string, unknown>): Promise<unknown>;
}

/** A selected value's conversion from what the driver gives (a column's mode, or `sql<T>` as written). */
interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** A row as drizzle builds it from the values in SELECT order: each value put at its field's path. */
type RowReader = (values: unknown[]) => Record<string, unknown>;

/**
 * The reader for one prepared SELECT, or null to leave the rows to drizzle. Drizzle keeps the
 * selected fields in SELECT order on the prepared query (`fields`, each a path and a column or
 * SQL); its `mapAllResult` walks them for every row, with an iterator and an array for each
 * value. This reads the same list once and does the same per row without either: a value
 * NULL stays null, anything else goes through the field's decoder, blobs as Buffers. A
 * select whose nested objects come from an outer join (which drizzle turns into null when
 * all their values are) is left to drizzle, as is any shape this does not recognise.
 * tests/integration/prepared.test.ts checks it against drizzle's own results for every kind of
 * field the portal's statements select.
 */
function rowReaderFor(query: PreparedSelect): RowReader | null {
  const { fields, joinsNotNullableMap } = query as unknown as { fields?: unknown; joinsNotNullableMap?: Record<string, boolean> };
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const paths: string[][] = [];
  const decoders: Decoder[] = [];
  for (const entry of fields as { path?: unknown; field?: unknown }[]) {
    const { path, field } = entry;
    if (!Array.isArray(path) || path.length === 0 || !path.every((p) => typeof p === 'string')) return null;
    const decoder = is(field, Column)
      ? field
      : is(field, SQL)
        ? (field as unknown as { decoder?: Decoder }).decoder
        : is(field, SQL.Aliased)
          ? (field.sql as unknown as { decoder?: Decoder }).decoder
          : undefined;
    if (typeof decoder?.mapFromDriverValue !== 'function') return null;
    paths.push(path as string[]);
    decoders.push(decoder);
  }
  const nested = paths.some((p) => p.length > 1);
  if (nested && joinsNotNullableMap && Object.values(joinsNotNullableMap).some((notNull) => !notNull)) return null;
  const count = paths.length;
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const raw = values[i];
      const value = raw === null || raw === undefined ? null : decoders[i]!.mapFromDriverValue(raw instanceof ArrayBuffer ? Buffer.from(raw) : raw);
      const path = paths[i]!;
      let node = row;
      for (let depth = 0; depth < path.length - 1; depth++) node = (node[path[depth]!] ??= {}) as Record<string, unknown>;
      node[path[path.length - 1]!] = value;
    }
    return row;
  };
}

const rowReaders = new WeakMap<PreparedSelect, RowReader | null>();

/**
 * `query.all(values)`, for the statements every page runs. On the embedded database the rows
 * come back from the kept statement as plain arrays (`KeptStatementsClient.executeArrays`) and
 * are turned into drizzle's objects by a reader made once per statement (`rowReaderFor`).
 * Drizzle's own `all` asks for named rows, copies each back into an array and then walks its
 * list of fields for every value: for the twenty posts of a topic page, more CPU than reading
 * them, and about 70 KB of short-lived objects a request. On a libSQL server it is
 * `query.all(values)` itself.
 */
export async function allRows<Q extends PreparedSelect>(db: object, query: Q, values: Record<string, unknown>): Promise<Awaited<ReturnType<Q['all']>>> {
  type Rows = Awaited<ReturnType<Q['all']>>;
  // drizzle() keeps the client it was given as `$client`.
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof KeptStatementsClient)) return (await query.all(values)) as Rows;
  let reader = rowReaders.get(query);
  if (reader === undefined) {
    reader = rowReaderFor(query);
    rowReaders.set(query, reader);
  }
  const { sql, params } = query.getQuery();
  const rows = await client.executeArrays({ sql, args: fillPlaceholders(params, values) as InArgs });
  return (reader ? rows.map(reader) : query.mapAllResult(rows)) as Rows;
}
