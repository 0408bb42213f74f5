import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** where the data lives, safe to print (no password) */
  location: string;
  close: () => Promise<void>;
}

export interface DatabaseConfig {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL only: work inside this schema (tests give each suite a fresh one) */
  pgSchema?: string | undefined;
  /** PostgreSQL only: pool size per process */
  poolSize?: number;
}

export const SQLITE_FILE = 'kyiv1325.sqlite';

const INT8_OID = 20;

// bigint columns (sequence numbers, counts) come back as JS numbers: safe far beyond any real volume.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function openSqlite(dataDir: string): DatabaseHandle {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, SQLITE_FILE);
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers work while one writer commits; busy_timeout lets the CLI wait for the server.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', location: file, close: () => db.destroy() };
}

function safeSchemaName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return name;
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

async function openPostgres(config: DatabaseConfig & { databaseUrl: string }): Promise<DatabaseHandle> {
  const schema = config.pgSchema ? safeSchemaName(config.pgSchema) : undefined;
  if (schema) {
    const admin = new pg.Client({ connectionString: config.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: config.poolSize ?? 10,
    types: pgTypes,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process: the pool replaces it.
  pool.on('error', (error) => console.error(`PostgreSQL pool: ${error.message}`));
  // Fail at start, with the reason, rather than on the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = describeUrl(config.databaseUrl) + (schema ? ` (schema ${schema})` : '');
  return { db, kind: 'postgresql', location, close: () => db.destroy() };
}

/** PostgreSQL when a URL is given (several instances can share it), else SQLite in the data dir. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres({ ...config, databaseUrl: config.databaseUrl });
  return openSqlite(config.dataDir);
}
