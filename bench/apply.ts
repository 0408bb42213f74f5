import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { createRecord, defaultCatalogue, uuidv7, validateRecord, type FieldRecord, type PushRequest } from '../src/shared';
import { SYNC_PROTOCOL_VERSION } from '../src/shared/sync/constants';
import { backends, type Backend } from '../tests/server/helpers/backends';
import { startHarness, type Harness } from '../tests/server/helpers/harness';
import { eventContent, serviceLogContent } from '../tests/server/helpers/records';
import { insertRows, type ColumnTypes } from '../src/server/db/bulk-rows';
import { factRows } from '../src/server/features/reports/fact-rows';
import { recordPeriod } from '../src/shared';
import { median, type BenchRow } from './report-table';

/**
 * The server's side of a push: a 200-record batch through the real route (parse, session,
 * rights, validation, the one transaction that applies it with its facts, rollup and audit
 * entry), beside two limits measured in the same run:
 * - a bare INSERT of the same revision rows into a copy of record_revisions with only its primary
 *   key (one prepared statement per row in a transaction on SQLite, one multi-row INSERT on
 *   PostgreSQL): the limit, goal ≤ 2×;
 * - the rows the push must write, written bare into the real tables with their indexes, in one
 *   transaction: the revisions, the latest rows (records: 5 indexes besides its key, each body a
 *   second time) and the facts (~2.5 a record, 3 indexes besides the key), the same way (prepared
 *   statements on SQLite, unnest on PostgreSQL). What no implementation of the route can go
 *   under without writing less: goal ≤ 2× too.
 * Validation alone (zod and the content hash, per record) is timed too.
 */

const BATCH = 200;

function batchOf(author: { authorId: string; deviceId: string; teamId: string }, n: number): FieldRecord[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const day = String(1 + ((n * BATCH + i) % 28)).padStart(2, '0');
    const content = i % 4 === 3 ? eventContent({ startDate: `2023-05-${day}`, endDate: `2023-05-${day}` }) : serviceLogContent({ date: `2023-05-${day}` });
    return createRecord(content, author, new Date('2023-06-01T09:00:00Z'));
  });
}

function revisionValues(records: FieldRecord[]) {
  return records.map((r) => ({
    record_id: r.id,
    revision: r.revision,
    kind: r.kind,
    measure_id: r.measureId,
    team_id: r.teamId,
    author_id: r.authorId,
    device_id: r.deviceId,
    body: JSON.stringify(r),
    content_hash: r.contentHash,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }));
}

const BARE_COLUMNS = ['record_id', 'revision', 'kind', 'measure_id', 'team_id', 'author_id', 'device_id', 'body', 'content_hash', 'created_at', 'updated_at'] as const;

async function createBareTable(h: Harness): Promise<void> {
  await sql`create table bare_revisions (record_id text not null, revision integer not null, kind text not null, measure_id text not null,
    team_id text not null, author_id text not null, device_id text not null, body text not null, content_hash text not null,
    created_at text not null, updated_at text not null, primary key (record_id, revision))`.execute(h.ctx.db);
}

let bareSqlite: SqliteDatabase.Database | undefined;

/** The rows a push of these records writes, built before the clock starts (as the bare revision rows are). */
function pushRows(records: FieldRecord[], team: { userId: string; deviceId: string }, seq: number) {
  const received = new Date().toISOString();
  const revisions = records.map((r) => {
    const period = recordPeriod(r);
    return {
      record_id: r.id, revision: r.revision, kind: r.kind, measure_id: r.measureId, indicator_id: r.kind === 'event' ? null : r.indicatorId,
      team_id: r.teamId, author_id: r.authorId, device_id: r.deviceId, period_start: period.start, period_end: period.end,
      body: JSON.stringify(r), content_hash: r.contentHash, deleted: r.deleted ? 1 : 0, created_at: r.createdAt, updated_at: r.updatedAt,
      received_at: received, batch_id: uuidv7(), pushed_by_user: team.userId, pushed_by_device: team.deviceId, imported: 0,
    };
  });
  const latest = revisions.map(({ record_id, batch_id: _b, pushed_by_user: _u, pushed_by_device: _d, imported: _i, ...columns }, i) => ({
    id: record_id, ...columns, server_seq: seq + i, review_status: 'pending',
  }));
  const facts = records.flatMap((r) => factRows(r, 'pending'));
  return { revisions, latest, facts };
}

type Rows = ReturnType<typeof pushRows>;

function columnTypes(row: object): ColumnTypes<Record<string, unknown>> {
  const ints = new Set(['revision', 'deleted', 'imported', 'position', 'value']);
  return Object.fromEntries(Object.keys(row).map((c) => [c, c === 'server_seq' ? 'bigint' : ints.has(c) ? 'integer' : 'text'])) as never;
}

/** The push's rows straight into the real tables, nothing else: no reads, no validation, no rollup, no audit. */
async function bareWrite(h: Harness, rows: Rows): Promise<number> {
  const tables = [['record_revisions', rows.revisions], ['records', rows.latest], ['facts', rows.facts]] as const;
  const started = performance.now();
  if (h.backend === 'sqlite') {
    const raw = (bareSqlite ??= openBareSqlite(h.database.handle.location));
    raw.transaction(() => {
      for (const [table, list] of tables) {
        const columns = Object.keys(list[0]!);
        const insert = raw.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
        for (const r of list) insert.run(Object.values(r));
      }
    })();
  } else {
    await h.ctx.db.transaction().execute(async (trx) => {
      for (const [table, list] of tables) await insertRows(trx, table, columnTypes(list[0]!), list as readonly Record<string, unknown>[]);
    });
  }
  return performance.now() - started;
}

function openBareSqlite(file: string): SqliteDatabase.Database {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

async function bareInsert(h: Harness, records: FieldRecord[]): Promise<number> {
  const rows = revisionValues(records);
  const started = performance.now();
  if (h.backend === 'sqlite') {
    // better-sqlite3 on the same file with the server's settings: one prepared statement, one transaction
    const raw = (bareSqlite ??= openBareSqlite(h.database.handle.location));
    const insert = raw.prepare(`insert into bare_revisions (${BARE_COLUMNS.join(', ')}) values (${BARE_COLUMNS.map(() => '?').join(', ')})`);
    raw.transaction(() => {
      for (const r of rows) insert.run(BARE_COLUMNS.map((c) => r[c]));
    })();
  } else {
    await h.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('bare_revisions' as never).values(rows as never).execute();
    });
  }
  return performance.now() - started;
}

async function push(h: Harness, token: string, deviceId: string, records: FieldRecord[]): Promise<number> {
  const body: PushRequest = { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId, records };
  const started = performance.now();
  const res = await h.call('POST', '/api/v1/sync/push', { token, body });
  const ms = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`push answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const results = (res.json() as { results: { status: string }[] }).results;
  const notAccepted = results.filter((r) => r.status !== 'accepted');
  if (notAccepted.length) throw new Error(`push: ${notAccepted.length} not accepted: ${JSON.stringify(notAccepted[0])}`);
  return ms;
}

function validationMs(records: FieldRecord[]): number {
  const today = '2026-12-31';
  const started = performance.now();
  for (const r of records) if (!validateRecord(r, { catalogue: defaultCatalogue, today }).ok) throw new Error('bench record invalid');
  return performance.now() - started;
}

async function benchBackend(backend: Backend, runs: number): Promise<BenchRow[]> {
  const h = await startHarness(backend);
  try {
    const team = await h.team();
    const user = await h.user('field_worker', [team]);
    await createBareTable(h);
    const author = user.author(team);
    // warm-up: JIT, prepared statements, the catalogue's caches
    for (let n = 0; n < 3; n++) {
      const records = batchOf(author, 1000 + n);
      await push(h, user.token, user.deviceKey, records);
      await bareInsert(h, batchOf(author, 2000 + n));
    }
    const pusher = { userId: user.id, deviceId: (await h.ctx.db.selectFrom('devices').select('id').where('device_key', '=', user.deviceKey).executeTakeFirstOrThrow()).id };
    // change numbers far above the counter's, so the bare latest rows never take one a push takes
    let seq = 1e12;
    for (let n = 0; n < 3; n++) await bareWrite(h, pushRows(batchOf(author, 3000 + n), pusher, (seq += BATCH)));
    const product: number[] = [];
    const bare: number[] = [];
    const written: number[] = [];
    const validation: number[] = [];
    for (let n = 0; n < runs; n++) {
      const records = batchOf(author, n);
      validation.push(validationMs(records));
      const bareRecords = batchOf(author, 5000 + n);
      const rows = pushRows(batchOf(author, 7000 + n), pusher, (seq += BATCH));
      // rotate which goes first, so none always meets a warmer cache
      const steps = [
        async () => product.push(await push(h, user.token, user.deviceKey, records)),
        async () => bare.push(await bareInsert(h, bareRecords)),
        async () => written.push(await bareWrite(h, rows)),
      ];
      for (let k = 0; k < steps.length; k++) await steps[(n + k) % steps.length]!();
    }
    const p = median(product);
    const b = median(bare);
    const w = median(written);
    const factCount = pushRows(batchOf(author, 0), pusher, 0).facts.length;
    return [
      {
        measure: `server apply of a ${BATCH}-record batch, ${backend.name}`,
        product: `${p.toFixed(1)} ms (validation ${median(validation).toFixed(1)} ms of it)`,
        limit: `bare INSERT of the same rows: ${b.toFixed(1)} ms`,
        ratio: p / b,
        goal: 2,
        note: `the route must also write the latest rows and the facts: see the next row`,
      },
      {
        measure: `the same, beside the rows the push must write, ${backend.name}`,
        product: `${p.toFixed(1)} ms`,
        limit: `bare INSERT of its ${BATCH} revisions, ${BATCH} latest rows and ${factCount} facts into the real tables: ${w.toFixed(1)} ms`,
        ratio: p / w,
        goal: 2,
      },
    ];
  } finally {
    bareSqlite?.close();
    bareSqlite = undefined;
    await h.close();
  }
}

export async function benchApply(runs = 15, names: readonly Backend['name'][] = ['sqlite', 'postgresql']): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // filtered here: the backends list is fixed when the test helpers load, before --backend is read
  for (const backend of backends.filter((b) => names.includes(b.name))) rows.push(...(await benchBackend(backend, runs)));
  return rows;
}
