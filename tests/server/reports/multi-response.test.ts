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
import { multiResponseFixture } from '../../shared/reports/fixtures';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';
import { memoryQueryOf, normalized, pushReportFixture, REPORT_DAY, type PushedFixture } from '../helpers/report-fixture';
import { batch } from '../helpers/sync';

/**
 * People in several groups and events by their audience through the real API on each database:
 * pushed, approved, answered by the SQL FactQuery as by the memory one, with the hand-computed
 * figures; an entry that would count someone twice in one group is refused, naming it.
 */
describe.each(backends)('multi-response breakdowns on $name', (backend) => {
  let h: Harness;
  let fx: PushedFixture;
  let sqlQuery: FactQuery;

  beforeAll(async () => {
    h = await startHarness(backend);
    fx = await pushReportFixture(h, multiResponseFixture());
    sqlQuery = sqlFactQuery(h.ctx.db);
  });
  afterAll(() => h?.close());

  const options = { asOf: '2024-03-01', breakdowns: ['group', 'district', 'teamId', 'month', 'sphere'] as Breakdown[] };
  const year2023: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: false };
  const progress = (report: ProgressReport, id: string) => report.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id)!;
  const at = (values: { sex: string; group: string; value: number }[] | undefined, sex: string, group: string) =>
    values?.find((v) => v.sex === sex && v.group === group)?.value ?? 0;

  it('builds the same report from SQL as from memory', async () => {
    const withSql = await buildProgressReport(catalogue, sqlQuery, year2023, options);
    expect(normalized(withSql)).toEqual(normalized(await buildProgressReport(catalogue, memoryQueryOf(fx.memoryFacts), year2023, options)));
  });

  it('keeps the total and counts each person in every group they belong to', async () => {
    const p = progress(await buildProgressReport(catalogue, sqlQuery, year2023, options), '7.3.i1');
    expect(p.value).toBe(4);
    expect([at(p.groupMemberships, 'female', 'domestic_violence_survivor'), at(p.groupMemberships, 'female', 'idp'), at(p.groupMemberships, 'male', 'idp')]).toEqual([3, 2, 1]);
    expect(p.groupMemberships!.reduce((s, v) => s + v.value, 0)).toBe(7);
  });

  it('breaks the 16.3 event count down by audience: every event once in each group and sex it reached', async () => {
    const report = await buildProgressReport(catalogue, sqlQuery, year2023, options);
    const p = progress(report, '16.3.i1');
    expect(p.value).toBe(3);
    expect(at(p.audience, '*', '*')).toBe(2);
    expect([at(p.audience, '*', 'parent'), at(p.audience, '*', 'child'), at(p.audience, '*', 'idp')]).toEqual([1, 2, 1]);
    expect([at(p.audience, 'female', '*'), at(p.audience, 'male', '*'), at(p.audience, 'male', 'child')]).toEqual([1, 2, 1]);
    // the people attending are still counted once each
    expect(report.measures.find((m) => m.entry.measure.id === '16.3')!.peopleReached).toBe(31);
  });

  it('refuses an entry that counts someone twice in one group, naming it, and keeps the rest of the batch', async () => {
    h.clock.current = new Date(REPORT_DAY);
    const author = fx.workerA.author(fx.teamA);
    const content = (count: number): RecordContent => ({
      kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date: '2023-11-03', district: 'podilskyi', serviceType: 'social_service',
      served: { cells: [{ sex: 'female', ageBand: '36-59', group: 'idp', count: 2 }, { sex: 'female', ageBand: '18-35', group: 'veteran_family', count: 1 }], total: 3, alsoIn: [{ sex: 'female', group: 'idp', count }] },
    });
    const bad = createRecord(content(2), author, new Date('2024-02-01T10:00:00Z'));
    const good = createRecord(content(1), author, new Date('2024-02-01T10:00:00Z'));
    const res = await h.call('POST', '/api/v1/sync/push', { token: fx.workerA.token, body: batch(fx.workerA.deviceKey, [bad, good]) });
    expect(res.statusCode).toBe(200);
    const [refused, accepted] = (res.json() as PushResponse).results;
    expect(accepted).toMatchObject({ status: 'accepted', id: good.id });
    expect(refused).toMatchObject({ status: 'rejected', id: bad.id });
    expect(refused!.status === 'rejected' ? refused!.issues : []).toEqual([
      { field: 'served.alsoIn.0.count', code: 'also_in_exceeds_persons', message: { uk: expect.stringMatching(/двічі/), en: expect.stringMatching(/twice/) } },
    ]);
    const stored = await h.ctx.db.selectFrom('records').select('id').where('id', 'in', [bad.id, good.id]).execute();
    expect(stored.map((r) => r.id)).toEqual([good.id]);
  });
});
