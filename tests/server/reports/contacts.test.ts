import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlFactQuery } from '../../../src/server/features/reports/fact-query';
import {
  buildProgressReport,
  createRecord,
  defaultCatalogue as catalogue,
  type Breakdown,
  type FactQuery,
  type ProgressReport,
  type PushResponse,
  type RecordContent,
  type ReportFilter,
} from '../../../src/shared';
import { contactsFixture } from '../../shared/reports/fixtures';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';
import { memoryQueryOf, normalized, pushReportFixture, REPORT_DAY, type PushedFixture } from '../helpers/report-fixture';
import { batch } from '../helpers/sync';

/**
 * Contacts and persons (13.2 calls, 16.2 counselling sessions, 17.3 legal consultations) through
 * the real API on each database: service logs with repeat contacts pushed and approved, the SQL
 * FactQuery against the memory one, the hand-computed figures; and fewer contacts than persons
 * refused, naming the cell.
 */
describe.each(backends)('contacts and persons on $name', (backend) => {
  let h: Harness;
  let fx: PushedFixture;
  let sqlQuery: FactQuery;
  let memory: FactQuery;

  beforeAll(async () => {
    h = await startHarness(backend);
    fx = await pushReportFixture(h, contactsFixture());
    sqlQuery = sqlFactQuery(h.ctx.db);
    memory = memoryQueryOf(fx.memoryFacts);
  });
  afterAll(() => h?.close());

  const after = { asOf: '2024-03-01' };
  const year2023: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: false };
  const all: Breakdown[] = ['group', 'district', 'teamId', 'month', 'sphere'];
  const progress = (report: ProgressReport, id: string) => report.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id)!;

  it.each([
    ['2023', year2023],
    ['2023 with pending', { ...year2023, includePending: true }],
    ['Q2 2023', { ...year2023, period: { kind: 'quarter', quarter: 2 } }],
    ['district obolonskyi', { ...year2023, district: 'obolonskyi' }],
  ] as [string, ReportFilter][])('builds the same report from SQL as from memory: %s', async (_name, filter) => {
    const withSql = await buildProgressReport(catalogue, sqlQuery, filter, { ...after, breakdowns: all });
    expect(normalized(withSql)).toEqual(normalized(await buildProgressReport(catalogue, memory, filter, { ...after, breakdowns: all })));
  });

  it.each([['13.2.i1', '13.2.i2', 10, 6], ['16.2.i1', '16.2.i2', 6, 3], ['17.3.i1', '17.3.i2', 7, 5]] as const)(
    'gives %s (contacts) and %s (persons) figures of their own: %i and %i',
    async (contactsId, personsId, contacts, persons) => {
      const report = await buildProgressReport(catalogue, sqlQuery, year2023, { ...after, breakdowns: ['district', 'teamId'] });
      expect(progress(report, contactsId).value).toBe(contacts);
      expect(progress(report, personsId).value).toBe(persons);
    },
  );

  it('breaks contacts down by district and team, and counts pending ones when asked', async () => {
    const report = await buildProgressReport(catalogue, sqlQuery, year2023, { ...after, breakdowns: ['district', 'teamId'] });
    expect(progress(report, '13.2.i1')).toMatchObject({ bySex: { female: 9, male: 1 }, byDistrict: { podilskyi: 2, obolonskyi: 8 }, byTeam: { [fx.teamA]: 2, [fx.teamB]: 8 } });
    const pending = await buildProgressReport(catalogue, sqlQuery, { ...year2023, includePending: true }, after);
    expect([progress(pending, '17.3.i1').value, progress(pending, '17.3.i2').value]).toEqual([16, 7]);
  });

  it('refuses fewer contacts than persons in a cell, naming the cell, and keeps the rest of the batch', async () => {
    h.clock.current = new Date(REPORT_DAY);
    const author = fx.workerA.author(fx.teamA);
    const content = (contacts: number): RecordContent => ({
      kind: 'serviceLog', measureId: '16.2', indicatorId: '16.2.i2', date: '2023-11-03', district: 'podilskyi', serviceType: 'crisis_counselling',
      served: { cells: [{ sex: 'male', ageBand: '18-34', group: 'idp', count: 1 }, { sex: 'female', ageBand: '35-59', group: 'idp', count: 4, contacts }], total: 5 },
    });
    const bad = createRecord(content(3), author, new Date('2024-02-01T10:00:00Z'));
    const good = createRecord(content(6), author, new Date('2024-02-01T10:00:00Z'));
    const res = await h.call('POST', '/api/v1/sync/push', { token: fx.workerA.token, body: batch(fx.workerA.deviceKey, [bad, good]) });
    expect(res.statusCode).toBe(200);
    const [refused, accepted] = (res.json() as PushResponse).results;
    expect(accepted).toMatchObject({ status: 'accepted', id: good.id });
    expect(refused).toMatchObject({ status: 'rejected', id: bad.id, index: 0 });
    const issues = refused!.status === 'rejected' ? refused!.issues : [];
    expect(issues).toEqual([
      { field: 'served.cells.1.contacts', code: 'contacts_below_persons', message: { uk: expect.stringMatching(/менше, ніж осіб/), en: expect.stringMatching(/fewer contacts/) } },
    ]);
    const stored = await h.ctx.db.selectFrom('records').select('id').where('id', 'in', [bad.id, good.id]).execute();
    expect(stored.map((r) => r.id)).toEqual([good.id]);
  });
});
