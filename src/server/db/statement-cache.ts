import type SqliteDatabase from 'better-sqlite3';

/** Enough for every distinct statement the server runs, times a few batch-size shapes. */
const CAPACITY = 500;

/**
 * Kysely prepares every query's SQL afresh; for SQLite, parsing a multi-row INSERT of a batch
 * costs more than running it. This keeps prepared statements by their SQL text (least recently
 * used dropped first), so the hot statements of a push are parsed once per process.
 * A statement is only ever used by one query at a time: the connection runs one at a time.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string): SqliteDatabase.Statement => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const statement = sqlite.prepare(source);
    cache.set(source, statement);
    if (cache.size > CAPACITY) cache.delete(cache.keys().next().value!);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
