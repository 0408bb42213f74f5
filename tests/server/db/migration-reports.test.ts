import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { migrations } from '../../../src/server/db/migrations';
import { factRows } from '../../../src/server/features/reports/fact-rows';
import { rebuildRollup } from '../../../src/server/features/reports/rollup';
import { createRecord, reviseRecord, type FieldRecord } from '../../../src/shared';
import { backends, TEST_DATABASE_URL } from '../helpers/backends';
import { eventContent, RECORDED_AT, serviceLogContent } from '../helpers/records';

/** A database as issue 4 left it (migrations up to 0004), holding records and verdicts. */
async function openAt0004(kind: 'sqlite' | 'postgresql'): Promise<{ handle: DatabaseHandle; destroy: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-migrate-'));
    const handle = await openDatabase({ dataDir: dir });
    return { handle, destroy: async () => (await handle.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ dataDir: '', databaseUrl: TEST_DATABASE_URL, pgSchema: schema });
  return {
    handle,
    destroy: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

describe.each(backends)('migration 0005 carries existing data over on $name', (backend) => {
  let db: Awaited<ReturnType<typeof openAt0004>>;
  const author = { authorId: 'u-1', deviceId: 'd-1', teamId: 'team-1' };
  let approved: FieldRecord;
  let revised: FieldRecord;
  let deleted: FieldRecord;

  beforeAll(async () => {
    db = await openAt0004(backend.name);
    const { db: k, kind } = db.handle;
    const schema = kind === 'postgresql' ? (await sql<{ s: string }>`select current_schema() as s`.execute(k)).rows[0]!.s : undefined;
    const migrator = new Migrator({ db: k, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error } = await migrator.migrateTo('0004_review');
    if (error) throw error;

    const now = '2023-06-01T00:00:00.000Z';
    await k.insertInto('teams').values({ id: 'team-1', name: 'Бригада', kind: 'mobile_brigade', created_at: now }).execute();
    await k.insertInto('users').values({ id: 'u-1', email: 'a@b.ua', display_name: 'А', role: 'supervisor', password_hash: 'x', created_at: now, password_changed_at: now }).execute();
    approved = createRecord(serviceLogContent({ date: '2023-05-02' }), author, RECORDED_AT);
    const first = createRecord(eventContent(), author, RECORDED_AT);
    revised = reviseRecord(first, { content: eventContent({ title: 'Виправлено' }) }, new Date('2023-06-02T00:00:00Z'));
    deleted = reviseRecord(createRecord(serviceLogContent(), author, RECORDED_AT), { deleted: true }, new Date('2023-06-02T00:00:00Z'));
    const revisionsOf = [approved, first, revised, deleted].map((r) => ({
      record_id: r.id, revision: r.revision, kind: r.kind, measure_id: r.measureId, indicator_id: null, team_id: r.teamId, author_id: r.authorId,
      device_id: r.deviceId, period_start: '2023-05-01', period_end: '2023-05-31', body: JSON.stringify(r), content_hash: r.contentHash,
      deleted: r.deleted ? 1 : 0, created_at: r.createdAt, updated_at: r.updatedAt, received_at: now, batch_id: 'b', pushed_by_user: 'u-1', pushed_by_device: 'd',
    }));
    await k.insertInto('record_revisions').values(revisionsOf).execute();
    await k
      .insertInto('records')
      .values(revisionsOf.filter((r) => r.record_id !== first.id || r.revision === 2).map(({ record_id, batch_id: _b, pushed_by_user: _u, pushed_by_device: _d, ...rest }, i) => ({ id: record_id, ...rest, server_seq: i + 1 })))
      .execute();
    const verdict = (record: FieldRecord, revision: number, status: 'approved' | 'returned', seq: number) =>
      k.insertInto('reviews').values({ id: `v${seq}`, record_id: record.id, revision, status, comment: null, reviewer_id: 'u-1', reviewed_at: now, server_seq: 100 + seq }).execute();
    await verdict(approved, 1, 'returned', 1);
    await verdict(approved, 1, 'approved', 2); // the latest verdict wins
    await verdict(first, 1, 'approved', 3); // on an older revision: the latest stays pending
    await migrateToLatest(k, kind);
  });
  afterAll(() => db?.destroy());

  it('gives each record the status of the latest verdict on its latest revision', async () => {
    const rows = await db.handle.db.selectFrom('records').select(['id', 'review_status']).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.review_status]))).toEqual({
      [approved.id]: 'approved', [revised.id]: 'pending', [deleted.id]: 'pending',
    });
  });

  it('derives the facts of the latest revisions (none for a tombstone), and their rollup', async () => {
    const facts = await db.handle.db.selectFrom('facts').selectAll().orderBy('record_id').orderBy('position').execute();
    const expected = [...factRows(approved, 'approved'), ...factRows(revised, 'pending')];
    const key = (f: { record_id: string; position: number }) => `${f.record_id}#${f.position}`;
    expect(facts.map((f) => ({ ...f, value: Number(f.value) })).sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
    const rollup = async () => (await db.handle.db.selectFrom('fact_months').selectAll().execute()).map((r) => JSON.stringify({ ...r, value: Number(r.value), facts: Number(r.facts) })).sort();
    const migrated = await rollup();
    await db.handle.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(migrated).toEqual(await rollup());
    expect(migrated.length).toBeGreaterThan(0);
  });
});
