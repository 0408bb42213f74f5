import { Migrator, sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './connect';
import { migrations } from './migrations';
import type { Database } from './schema';

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (an advisory lock on PostgreSQL),
 * so instances starting together do not run the same migration twice.
 */
export async function migrateToLatest(db: Kysely<Database>, kind: DatabaseKind): Promise<string[]> {
  // On PostgreSQL, name the schema: otherwise Kysely finds its bookkeeping tables in *any*
  // schema of the database and may skip creating them in ours.
  const schema =
    kind === 'postgresql' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
