import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { buildProgressReport, defaultCatalogue, type AggregateRequest, type FactQuery, type ReportFilter } from '../src/shared';
import { openDatabase, SQLITE_FILE, type DatabaseHandle } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrate';
import type { Database } from '../src/server/db/schema';
import { sqlFactQuery, type FactQueryOptions, type FactScope } from '../src/server/features/reports/fact-query';
import { latestRevisionsChanged, reviewStatusChanged } from '../src/server/features/reports/facts-store';
import { rebuildRollup } from '../src/server/features/reports/rollup';
import { factChunks, makeRecord, teams } from './generate';
import { random } from './random';
import { postgresLoader, sqliteLoader, type Loader } from './load';
import type { BenchRow } from './report-table';

/**
 * The progress report over a city's years of records (1,000,000 by default) on SQLite and on
 * PostgreSQL. Facts are generated and bulk-loaded straight into the database (not through HTTP),
 * then the year's report with breakdowns by group, district, team and month is timed through the
 * same FactQuery the API uses, beside the limit in the same run: one raw GROUP BY over the facts.
 * Goal: under 1 s, and no slower than the raw GROUP BY.
 */

const TARGET_MS = 1000;
const BREAKDOWNS = ['group', 'district', 'teamId', 'month'] as const;

export interface ReportBenchOptions {
  records: number;
  runs: number;
  backends: readonly ('sqlite' | 'postgresql')[];
  year: number;
}

let RECORDS = 1_000_000;
let RUNS = 7;
let YEAR = 2023;
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://kyiv1325:kyiv1325@127.0.0.1:5432/kyiv1325_test';

interface Target {
  name: 'sqlite' | 'postgresql';
  open: () => Promise<DatabaseHandle>;
  loader: () => Promise<Loader>;
  /** what a database does after a bulk load on its own in time (autovacuum / ANALYZE) */
  settle: (db: Kysely<Database>) => Promise<void>;
  cleanup: () => Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-bench-'));
  return {
    name: 'sqlite',
    open: () => openDatabase({ dataDir: dir }),
    loader: async () => sqliteLoader(path.join(dir, SQLITE_FILE)),
    settle: async (db) => void (await sql`analyze`.execute(db)),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTarget(): Target {
  const schema = `bench_${Date.now()}`;
  return {
    name: 'postgresql',
    open: () => openDatabase({ dataDir: '', databaseUrl: PG_URL, pgSchema: schema }),
    loader: () => postgresLoader(PG_URL, schema),
    settle: async (db) => void (await sql`vacuum analyze`.execute(db)),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toLocaleString('en-US');

async function count(db: Kysely<Database>, table: 'facts' | 'fact_months', where?: { from: string; to: string }): Promise<number> {
  const column = table === 'facts' ? 'date' : 'month';
  let q = db.selectFrom(table).select(sql<number>`count(*)`.as('n'));
  if (where) q = q.where(column, '>=', table === 'facts' ? where.from : where.from.slice(0, 7)).where(column, '<=', table === 'facts' ? where.to : where.to.slice(0, 7));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The facts table's secondary indexes (as migration 0005 makes them): dropped for the bulk load, built after. */
const FACT_INDEXES = [
  ['facts_date', ['date', 'review_status']],
  ['facts_team_date', ['team_id', 'date']],
  ['facts_district_date', ['district', 'date']],
] as const;

/** Loads the data; returns the bare insert time (table and primary key only) and the index build time. */
async function load(target: Target, db: Kysely<Database>): Promise<{ insertMs: number; indexMs: number }> {
  for (const [name] of FACT_INDEXES) await db.schema.dropIndex(name).execute();
  const loader = await target.loader();
  const start = process.hrtime.bigint();
  let generateMs = 0;
  let records = 0;
  const chunk = 20_000;
  for (let g = process.hrtime.bigint(), it = factChunks(RECORDS, chunk), next = it.next(); !next.done; next = it.next()) {
    generateMs += ms(g);
    await loader.insert(next.value);
    records += chunk;
    if (records % 200_000 === 0) process.stdout.write(`  … ${fmt(Math.min(records, RECORDS))} records\n`);
    g = process.hrtime.bigint();
  }
  const total = ms(start);
  await loader.close();
  const indexStart = process.hrtime.bigint();
  for (const [name, columns] of FACT_INDEXES) await db.schema.createIndex(name).on('facts').columns([...columns]).execute();
  return { insertMs: total - generateMs, indexMs: ms(indexStart) };
}

function countingQuery(query: FactQuery, rows: number[]): FactQuery {
  return async (req: AggregateRequest) => {
    const out = await query(req);
    rows.push(out.length);
    return out;
  };
}

const UPKEEP_BATCH = 200;

/**
 * What keeping facts and rollup exact costs a push: a full batch of new records written the way
 * the push transaction writes them, and a verdict's status change, on the loaded database.
 */
async function timeUpkeep(db: Kysely<Database>): Promise<{ batch: number; verdict: number }> {
  const batches: number[] = [];
  const verdicts: number[] = [];
  const next = random(99);
  const all = teams();
  for (let b = 0; b < 5; b++) {
    const records = Array.from({ length: UPKEEP_BATCH }, (_, i) => makeRecord(next, 10_000_000 + b * UPKEEP_BATCH + i, all[i % all.length]!).record);
    let start = process.hrtime.bigint();
    await db.transaction().execute((trx) => latestRevisionsChanged(trx, records));
    batches.push(ms(start));
    start = process.hrtime.bigint();
    await db.transaction().execute((trx) => reviewStatusChanged(trx, records[0]!.id, 'approved'));
    verdicts.push(ms(start));
  }
  return { batch: median(batches), verdict: median(verdicts) };
}

/** Median of RUNS reports (after one warm-up run), and the rows each query returned. */
async function timeReport(
  db: Kysely<Database>,
  options: FactQueryOptions,
  over: Partial<ReportFilter> = {},
  scope: FactScope = {},
): Promise<{ median: number; min: number; max: number; rows: number[] }> {
  const filter: ReportFilter = { year: YEAR, period: { kind: 'year' }, includePending: false, ...over };
  const times: number[] = [];
  let rows: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    rows = [];
    const start = process.hrtime.bigint();
    await buildProgressReport(defaultCatalogue, countingQuery(sqlFactQuery(db, scope, options), rows), filter, {
      asOf: `${YEAR + 1}-03-01`,
      breakdowns: BREAKDOWNS,
    });
    if (run > 0) times.push(ms(start));
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), rows };
}

async function benchTarget(target: Target): Promise<BenchRow> {
  console.log(`\n== ${target.name} ==`);
  const handle = await target.open();
  try {
    await migrateToLatest(handle.db, handle.kind);
    console.log(`generating and loading ${fmt(RECORDS)} records' facts …`);
    const { insertMs, indexMs } = await load(target, handle.db);
    const facts = await count(handle.db, 'facts');
    console.log(`bare insert: ${fmt(facts)} fact rows in ${(insertMs / 1000).toFixed(1)} s (${fmt(Math.round(facts / (insertMs / 1000)))} rows/s); secondary indexes built in ${(indexMs / 1000).toFixed(1)} s`);
    const rollupStart = process.hrtime.bigint();
    await handle.db.transaction().execute((trx) => rebuildRollup(trx));
    const rollupMs = ms(rollupStart);
    await target.settle(handle.db);
    const range = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const yearFacts = await count(handle.db, 'facts', range);
    const rollupRows = await count(handle.db, 'fact_months');
    const yearRollup = await count(handle.db, 'fact_months', range);
    console.log(`monthly rollup built in ${(rollupMs / 1000).toFixed(1)} s: ${fmt(rollupRows)} rows (${fmt(yearRollup)} in ${YEAR}); ${fmt(yearFacts)} fact rows in ${YEAR}`);

    const raw = await timeReport(handle.db, { rollup: false });
    console.log(`  raw facts GROUP BY (reference): median ${raw.median.toFixed(0)} ms (min ${raw.min.toFixed(0)}, max ${raw.max.toFixed(0)}); rows per query ${raw.rows.join(', ')}`);
    const api = await timeReport(handle.db, { rollup: true });
    console.log(`  through the rollup (what the API does): median ${api.median.toFixed(0)} ms (min ${api.min.toFixed(0)}, max ${api.max.toFixed(0)}); rows per query ${api.rows.join(', ')}`);
    const others: [string, Partial<ReportFilter>, FactScope][] = [
      ['second quarter, with pending records', { period: { kind: 'quarter', quarter: 2 }, includePending: true }, {}],
      ['one district (read from the facts)', { district: 'podilskyi' }, {}],
      ["a field worker's team (read from the facts)", {}, { teamIds: ['bench-team-01'] }],
    ];
    for (const [name, over, scope] of others) {
      const t = await timeReport(handle.db, { rollup: true }, over, scope);
      console.log(`  also: ${name}: median ${t.median.toFixed(0)} ms`);
    }
    const upkeep = await timeUpkeep(handle.db);
    console.log(`  upkeep in a push: facts + rollup of a ${UPKEEP_BATCH}-record batch ${upkeep.batch.toFixed(0)} ms; one verdict ${upkeep.verdict.toFixed(1)} ms (medians)`);
    return {
      measure: `year report over ${fmt(RECORDS)} records, ${target.name} (goal also < ${TARGET_MS} ms)`,
      product: `${api.median.toFixed(0)} ms through the rollup`,
      limit: `raw GROUP BY of the facts: ${raw.median.toFixed(0)} ms`,
      ratio: api.median / raw.median,
      goal: 1,
      ...(api.median >= TARGET_MS ? { note: `${api.median.toFixed(0)} ms is over ${TARGET_MS} ms` } : {}),
      failed: api.median >= TARGET_MS,
    };
  } finally {
    await handle.close();
    await target.cleanup();
  }
}

export async function benchReport(options: ReportBenchOptions): Promise<BenchRow[]> {
  RECORDS = options.records;
  RUNS = options.runs;
  YEAR = options.year;
  const targets: Target[] = [];
  if (options.backends.includes('sqlite')) targets.push(sqliteTarget());
  if (options.backends.includes('postgresql')) targets.push(postgresTarget());
  const rows: BenchRow[] = [];
  for (const t of targets) rows.push(await benchTarget(t));
  return rows;
}
