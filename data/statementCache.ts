/** What is used here of a better-sqlite3 connection (the package ships no types). */
interface Connection {
  prepare(sql: string): unknown;
}

/** Enough for every statement text a turn uses; IN lists of many lengths make more, and the oldest go first. */
const CACHE_SIZE = 500;

/**
 * knex's better-sqlite3 client prepares every query anew (about a tenth of a turn's database time); this keeps the
 * prepared statements of one connection by their SQL text. Safe for knex's use: it runs each with all() or run(),
 * which finish before they return, so no statement is ever used by two queries at once; SQLite re-prepares a kept
 * statement by itself when the schema has changed. knex's only per-query setting, safeIntegers, is not used here.
 */
export function cachePreparedStatements(connection: Connection, size = CACHE_SIZE): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (statement) {
      // Map order is insertion order: moving it to the end keeps the most recently used.
      cache.delete(sql);
    } else {
      statement = prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return statement;
  };
}
