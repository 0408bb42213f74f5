import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://kyiv1325:kyiv1325@127.0.0.1:5432/kyiv1325_test';
const skipPostgres = process.env.SKIP_POSTGRES === '1';

/** A fresh, migrated database for one suite; `openAgain` gives a second, independent connection to it (a second server instance). */
export interface TestDatabase {
  handle: DatabaseHandle;
  openAgain: () => Promise<DatabaseHandle>;
  /** settings a child process (the CLI) needs to reach the same database */
  env: Record<string, string>;
  /**
   * PostgreSQL only: resolves once one of this suite's connections waits for a lock another
   * transaction holds. A race test's gate: "the second writer is now blocked behind the first".
   */
  untilWaitingForLock?: () => Promise<void>;
  destroy: () => Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgresql';
  create: () => Promise<TestDatabase>;
}

async function createSqlite(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-test-'));
  const handle = await openDatabase({ dataDir });
  await migrateToLatest(handle.db, handle.kind);
  const others: DatabaseHandle[] = [];
  return {
    handle,
    openAgain: async () => {
      const again = await openDatabase({ dataDir });
      others.push(again);
      return again;
    },
    env: { DATA_DIR: dataDir, DATABASE_URL: '' },
    destroy: async () => {
      for (const h of [handle, ...others]) await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function assertPostgresReachable(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${TEST_DATABASE_URL.replace(/:[^:@/]+@/, ':***@')} (${(error as Error).message}).\n` +
        'Start it with `sudo scripts/setup-test-env.sh` (or point TEST_DATABASE_URL elsewhere), ' +
        'or set SKIP_POSTGRES=1 to run the server suite on SQLite only.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Schemas left behind by a run that was killed: dropped once they are an hour old. */
async function dropStaleSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select schema_name as name from information_schema.schemata where schema_name ~ '^t_[0-9]+_[0-9a-f]+$'`,
    );
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    for (const { name } of rows) {
      if (Number(name.split('_')[1]) < hourAgo) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    }
  } finally {
    await client.end();
  }
}

/** Polls pg_stat_activity for a connection named `appName` that another backend blocks. */
async function untilWaitingForLock(appName: string, timeoutMs = 10_000): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where application_name = $1 and cardinality(pg_blocking_pids(pid)) > 0',
        [appName],
      );
      if (rows[0]!.n > 0) return;
      if (Date.now() > deadline) throw new Error(`no connection of ${appName} waited for a lock within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await client.end();
  }
}

/**
 * Each suite gets its own schema, dropped afterwards: suites never see each other's rows. Its
 * connections carry the schema's name as application_name, so a test can find them.
 */
async function createPostgres(): Promise<TestDatabase> {
  await assertPostgresReachable();
  await dropStaleSchemas();
  const schema = `t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}application_name=${schema}`;
  const handle = await openDatabase({ dataDir: '', databaseUrl: url, pgSchema: schema });
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  };
  try {
    await migrateToLatest(handle.db, handle.kind);
  } catch (error) {
    await handle.close();
    await dropSchema();
    throw error;
  }
  const others: DatabaseHandle[] = [];
  return {
    handle,
    openAgain: async () => {
      const again = await openDatabase({ dataDir: '', databaseUrl: url, pgSchema: schema });
      others.push(again);
      return again;
    },
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    untilWaitingForLock: () => untilWaitingForLock(schema),
    destroy: async () => {
      for (const h of [handle, ...others]) await h.close();
      await dropSchema();
    },
  };
}

/** The backends every integration suite runs on. PostgreSQL is required unless SKIP_POSTGRES=1. */
export const backends: Backend[] = [
  { name: 'sqlite', create: createSqlite },
  ...(skipPostgres ? [] : [{ name: 'postgresql' as const, create: createPostgres }]),
];
