/**
 * Statements built once per database handle. Drizzle's query builder turns a query into SQL
 * text on every call, and for the statements every page runs (the session lookup, a topic and
 * its posts) that cost as much CPU as running them: about 0.3 ms each at 100,000 posts. A
 * prepared query keeps its SQL and takes only the values (`sql.placeholder`).
 */

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
