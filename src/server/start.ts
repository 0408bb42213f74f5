import type { Env } from './config';
import { openDatabase, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';

/** Opens the database the environment names and brings its schema up to date (server and CLI alike). */
export async function openMigratedDatabase(env: Pick<Env, 'DATA_DIR' | 'DATABASE_URL' | 'DATABASE_SCHEMA'>): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL, pgSchema: env.DATABASE_SCHEMA });
  try {
    await migrateToLatest(handle.db, handle.kind);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
