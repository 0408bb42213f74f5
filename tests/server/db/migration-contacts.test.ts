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
import { sqlFactQuery } from '../../../src/server/features/reports/fact-query';
import { factRows } from '../../../src/server/features/reports/fact-rows';
import { rebuildRollup } from '../../../src/server/features/reports/rollup';
import {
  buildProgressReport,
  defaultCatalogue as catalogue,
  factsOfRecord,
  memoryFactQuery,
  recordPeriod,
  type FactQuery,
  type Breakdown,
  type FieldRecord,
  type ProgressReport,
  type ReportFilter,
} from '../../../src/shared';
import { beforeContacts, contactsFixture, reportFixture } from '../../shared/reports/fixtures';
import { backends, TEST_DATABASE_URL } from '../helpers/backends';
import { normalized } from '../helpers/report-fixture';

/** A database as the release before left it (migrations up to 0008). */
async function openAt0008(kind: 'sqlite' | 'postgresql'): Promise<{ handle: DatabaseHandle; destroy: () => Promise<void> }> {
  let handle: DatabaseHandle;
  let destroy: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-migrate-'));
    handle = await openDatabase({ dataDir: dir });
    destroy = async () => (await handle.close(), rmSync(dir, { recursive: true, force: true }));
  } else {
    const schema = `t_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
    handle = await openDatabase({ dataDir: '', databaseUrl: TEST_DATABASE_URL, pgSchema: schema });
    destroy = async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    };
  }
  const { db: k } = handle;
  const schema = kind === 'postgresql' ? (await sql<{ s: string }>`select current_schema() as s`.execute(k)).rows[0]!.s : undefined;
  const migrator = new Migrator({ db: k, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateTo('0008_public_snapshots');
  if (error) throw error;
  return { handle, destroy };
}

/**
 * Migrations 0009 and 0010 from the schema the release before left, on both databases: the records
 * it held (none with contacts: that release refused them), with the facts it derived (persons only,
 * no events' audience) and their rollup. Reports before and after must agree on every figure: the
 * contacts indicators of 13.2, 16.2 and 17.3 read the persons before, and the contacts, as many,
 * after; event counts gain their audience, a breakdown that did not exist before.
 */
describe.each(backends)('migrations 0009 and 0010 give stored service logs their contacts and events their audience on $name', (backend) => {
  let db: Awaited<ReturnType<typeof openAt0008>>;
  const old = [...reportFixture(), ...contactsFixture()].filter(
    ({ record }) => record.kind !== 'serviceLog' || record.served.cells.every((c) => !('contacts' in c)),
  );
  const all: Breakdown[] = ['group', 'district', 'teamId', 'month', 'sphere'];
  const filters: ReportFilter[] = [
    { year: 2023, period: { kind: 'year' }, includePending: false },
    { year: 2023, period: { kind: 'year' }, includePending: true },
    { year: 2023, period: { kind: 'quarter', quarter: 2 }, includePending: true },
    { year: 2023, period: { kind: 'year' }, includePending: false, district: 'podilskyi' },
    { year: 2022, period: { kind: 'year' }, includePending: false },
  ];
  const reports = async (plan: typeof catalogue, query: FactQuery = sqlFactQuery(db.handle.db)) => {
    const out: ProgressReport[] = [];
    for (const filter of filters) out.push(normalized(await buildProgressReport(plan, query, filter, { asOf: '2024-03-01', breakdowns: all })));
    return out.map((r) => r.measures.map((m) => ({ id: m.entry.measure.id, indicators: m.indicators, eventsHeld: m.eventsHeld, peopleReached: m.peopleReached })));
  };
  /** The figures that existed before: every one but the events' audience. */
  const existing = (all: Awaited<ReturnType<typeof reports>>) =>
    all.map((measures) => measures.map((m) => ({ ...m, indicators: m.indicators.map(({ audience: _audience, ...i }) => i) })));
  const rollup = async () =>
    (await db.handle.db.selectFrom('fact_months').selectAll().execute()).map((r) => JSON.stringify({ ...r, value: Number(r.value), facts: Number(r.facts) })).sort();
  let before: Awaited<ReturnType<typeof reports>>;
  let oldFacts: number;

  beforeAll(async () => {
    db = await openAt0008(backend.name);
    const k = db.handle.db;
    const now = '2024-01-20T00:00:00.000Z';
    await k.insertInto('teams').values(['team-a', 'team-b'].map((id) => ({ id, name: id, kind: 'mobile_brigade' as const, created_at: now }))).execute();
    await k
      .insertInto('records')
      .values(old.map(({ record: r, status }, i) => {
        const period = recordPeriod(r);
        return {
          id: r.id, revision: r.revision, kind: r.kind, measure_id: r.measureId, indicator_id: r.kind === 'event' ? null : r.indicatorId,
          team_id: r.teamId, author_id: r.authorId, device_id: r.deviceId, period_start: period.start, period_end: period.end,
          body: JSON.stringify(r), content_hash: r.contentHash, deleted: r.deleted ? 1 : 0, created_at: r.createdAt, updated_at: r.updatedAt,
          received_at: now, server_seq: i + 1, review_status: status,
        };
      }))
      .execute();
    // The facts as that release derived them: no contacts, no audience, no plan (migration 0012
    // added it; its rollup is rebuilt there).
    const derivedThen = (f: { source: string }) => f.source !== 'serviceContacts' && f.source !== 'eventAudience';
    const facts = old.flatMap(({ record, status }) => factRows(record, status).filter(derivedThen).map(({ plan_id: _plan, ...f }) => f));
    oldFacts = facts.length;
    await k.insertInto('facts').values(facts as never).execute(); // the table as it was then: no plan_id
    // Today's query code reads a schema with the plan: the figures before are those same facts added up in memory.
    const statused = old.flatMap(({ record, status }) => factsOfRecord(record).filter(derivedThen).map((f) => ({ ...f, status })));
    before = await reports(beforeContacts(catalogue), memoryFactQuery(statused));
    expect(await migrateToLatest(k, db.handle.kind)).toEqual(['0009_service_contacts', '0010_event_audience', '0011_admin_screens', '0012_plans_as_data']);
  });
  afterAll(() => db?.destroy());

  it('agrees with the reports before on every figure, the contacts indicators now reading contacts', async () => {
    const after = await reports(catalogue);
    expect(existing(after)).toEqual(before);
    // and the plan as it was reads the same figures too: no persons fact moved
    expect(existing(await reports(beforeContacts(catalogue)))).toEqual(before);
    // Before, no event count had an audience; now those of events with attendance do.
    expect(before.flat().flatMap((m) => m.indicators).some((i) => 'audience' in i)).toBe(false);
    expect(after.flat().flatMap((m) => m.indicators).some((i) => i.audience && i.audience.length > 0)).toBe(true);
    const year = before[0]!.flatMap((m) => m.indicators);
    const value = (id: string) => year.find((i) => i.indicatorId === id)!.value;
    expect([value('13.2.i1'), value('13.2.i2'), value('16.2.i1'), value('16.2.i2')]).toEqual([2, 2, 1, 1]);
    expect(value('7.3.i1')).toBe(8);
  });

  it('holds exactly the facts a push now derives, each service log with its contacts, and the rollup of them', async () => {
    const rows = await db.handle.db.selectFrom('facts').selectAll().orderBy('record_id').orderBy('position').execute();
    const key = (f: { record_id: string; position: number }) => `${f.record_id}#${String(f.position).padStart(4, '0')}`;
    const expected = old.flatMap(({ record, status }) => factRows(record as FieldRecord, status)).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(rows.map((f) => ({ ...f, value: Number(f.value) })).sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual(expected);
    const contacts = rows.filter((f) => f.source === 'serviceContacts');
    const audience = rows.filter((f) => f.source === 'eventAudience');
    expect(contacts.length).toBeGreaterThan(0);
    expect(audience.length).toBeGreaterThan(0);
    expect(rows.length - contacts.length - audience.length).toBe(oldFacts);
    const migrated = await rollup();
    await db.handle.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(migrated).toEqual(await rollup());
  });

  it('is safe to run again over facts that already have contacts and audiences', async () => {
    const facts = await db.handle.db.selectFrom('facts').selectAll().execute();
    const after = await reports(catalogue);
    await migrations['0009_service_contacts']!.up(db.handle.db);
    await migrations['0010_event_audience']!.up(db.handle.db);
    expect((await db.handle.db.selectFrom('facts').selectAll().execute()).length).toBe(facts.length);
    expect(await reports(catalogue)).toEqual(after);
  });
});
