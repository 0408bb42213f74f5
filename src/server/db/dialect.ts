import { SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from './schema';

/** SQLite runs one transaction at a time on the server's single connection: row locks are PostgreSQL's business. */
export function isSqlite(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
