import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlFactQuery } from '../../../src/server/features/reports/fact-query';
import { rebuildRollup } from '../../../src/server/features/reports/rollup';
import {
  buildProgressReport,
  defaultCatalogue as catalogue,
  type AggregateRequest,
  type Breakdown,
  type FactQuery,
  type ProgressReport,
  type ReportFilter,
} from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';
import { memoryQueryOf, normalized, pushReportFixture, type PushedFixture } from '../helpers/report-fixture';

/**
 * The server's SQL FactQuery against the reference (memoryFactQuery in src/shared), on the shared
 * hand-made fixture pushed through the real API with verdicts given through the review API; and
 * the hand-computed figures of tests/shared/reports/progress.test.ts, now from the database.
 */
describe.each(backends)('SQL fact query conforms to the memory query on $name', (backend) => {
  let h: Harness;
  let fx: PushedFixture;
  let sqlQuery: FactQuery;
  let memory: FactQuery;

  beforeAll(async () => {
    h = await startHarness(backend);
    fx = await pushReportFixture(h);
    sqlQuery = sqlFactQuery(h.ctx.db);
    memory = memoryQueryOf(fx.memoryFacts);
  });
  afterAll(() => h?.close());

  const after = { asOf: '2024-03-01' };
  const year2023: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: false };
  const all: Breakdown[] = ['group', 'district', 'teamId', 'month', 'sphere'];

  function progress(report: ProgressReport, indicatorId: string) {
    const found = report.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === indicatorId);
    if (!found) throw new Error(`no ${indicatorId}`);
    return found;
  }

  it('holds exactly the facts of the latest revisions, with their review status', async () => {
    const rows = await h.ctx.db.selectFrom('facts').selectAll().orderBy('record_id').orderBy('position').execute();
    const stored = rows.map((r) => [r.record_id, r.measure_id, r.source, r.indicator_id, r.date, r.team_id, r.district, r.sex, r.age_band, r.grp, r.sphere, r.value, r.document_ref, r.review_status].join('|'));
    const expected = fx.memoryFacts.map((f) => [f.recordId, f.measureId, f.source, f.indicatorId, f.date, f.teamId, f.district, f.sex, f.ageBand, f.group, f.sphere, f.value, f.documentRef, f.status].join('|'));
    expect(stored.sort()).toEqual(expected.sort());
    expect(rows.some((r) => r.value > 1)).toBe(true);
  });

  it('keeps the monthly rollup equal to one rebuilt from the facts', async () => {
    const read = () => h.ctx.db.selectFrom('fact_months').selectAll().execute();
    const text = (rows: Awaited<ReturnType<typeof read>>) => rows.map((r) => JSON.stringify({ ...r, value: Number(r.value), facts: Number(r.facts) })).sort();
    const maintained = text(await read());
    await h.ctx.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(maintained).toEqual(text(await read()));
    expect(maintained.length).toBeGreaterThan(0);
  });

  const filters: [string, ReportFilter][] = [
    ['2023', year2023],
    ['2023 with pending', { ...year2023, includePending: true }],
    ['2022', { ...year2023, year: 2022 }],
    ['2021', { ...year2023, year: 2021 }],
    ['Q1 2023', { ...year2023, period: { kind: 'quarter', quarter: 1 } }],
    ['Q2 2023 with pending', { ...year2023, includePending: true, period: { kind: 'quarter', quarter: 2 } }],
    ['Q4 2023', { ...year2023, period: { kind: 'quarter', quarter: 4 } }],
    ['December 2023', { ...year2023, period: { kind: 'month', month: 12 } }],
    ['January 2023', { ...year2023, period: { kind: 'month', month: 1 } }],
    ['district obolonskyi', { ...year2023, district: 'obolonskyi' }],
    ['strategic goal 2', { ...year2023, strategicGoal: '2' }],
    ['executor kmc-ato', { ...year2023, executorId: 'kmc-ato' }],
  ];

  it.each(filters)('builds the same report as the memory query: %s', async (_name, filter) => {
    const withSql = await buildProgressReport(catalogue, sqlQuery, filter, { ...after, breakdowns: all });
    const withMemory = await buildProgressReport(catalogue, memory, filter, { ...after, breakdowns: all });
    expect(normalized(withSql)).toEqual(normalized(withMemory));
  });

  it('builds the same report for one team, as the filter and as a field worker\'s scope', async () => {
    const filter = { ...year2023, teamId: fx.teamB };
    const expected = normalized(await buildProgressReport(catalogue, memory, filter, { ...after, breakdowns: all }));
    expect(normalized(await buildProgressReport(catalogue, sqlQuery, filter, { ...after, breakdowns: all }))).toEqual(expected);
    const scoped = sqlFactQuery(h.ctx.db, { teamIds: [fx.teamB] });
    const asFieldWorker = normalized(await buildProgressReport(catalogue, scoped, year2023, { ...after, breakdowns: all }));
    expect(asFieldWorker.measures).toEqual(expected.measures);
    expect(progress(asFieldWorker, '7.3.i1')).toMatchObject({ value: 5, byTeam: { [fx.teamB]: 5 } });
  });

  it('answers every request like the memory query, on the rollup and on the facts, whole months or not', async () => {
    const ranges = [
      ['2022-12-31', '2023-01-01'], ['2023-01-01', '2023-12-31'], ['2023-03-31', '2023-04-01'], ['2021-01-01', '2023-12-31'],
      ['2023-02-01', '2023-02-28'], ['2023-06-16', '2023-06-16'], ['2023-12-31', '2023-12-31'], ['2024-01-01', '2023-01-01'],
    ];
    const bys: Breakdown[][] = [[], ['group'], ['district'], ['teamId'], ['month'], ['sphere'], ['group', 'month'], ['district', 'teamId']];
    const rollupOff = sqlFactQuery(h.ctx.db, {}, { rollup: false });
    const sorted = async (q: FactQuery, req: AggregateRequest) => (await q(req)).map((r) => JSON.stringify(r)).sort();
    for (const [from, to] of ranges)
      for (const by of bys)
        for (const includePending of [false, true])
          for (const measureIds of [null, ['1.1', '7.3'], []]) {
            const req: AggregateRequest = { planId: catalogue.id, from: from!, to: to!, by, includePending, measureIds };
            const expected = await sorted(memory, req);
            expect(await sorted(sqlQuery, req), JSON.stringify(req)).toEqual(expected);
            expect(await sorted(rollupOff, req), JSON.stringify(req)).toEqual(expected);
          }
  });

  describe('the hand-computed figures, from the database', () => {
    it('counts approved records only: not pending, returned, rejected or deleted ones', async () => {
      const report = await buildProgressReport(catalogue, sqlQuery, year2023, after);
      expect(progress(report, '1.1.i1')).toMatchObject({ value: 2, target: 4, status: 'behind' });
      expect(progress(report, '1.1.i2')).toMatchObject({ value: 9, bySex: { female: 7, male: 2 } });
    });

    it('adds pending records when asked, never returned or rejected ones', async () => {
      const report = await buildProgressReport(catalogue, sqlQuery, { ...year2023, includePending: true }, after);
      expect(progress(report, '1.1.i1').value).toBe(3);
      expect(progress(report, '1.1.i2').value).toBe(14);
    });

    it('puts 31 December and 1 January in different years', async () => {
      const y2022 = await buildProgressReport(catalogue, sqlQuery, { ...year2023, year: 2022 }, after);
      expect(progress(y2022, '1.1.i1').value).toBe(1);
      expect(progress(y2022, '1.1.i2').value).toBe(16);
    });

    it('puts 31 March in the first quarter and 1 April in the second', async () => {
      const q1 = await buildProgressReport(catalogue, sqlQuery, { ...year2023, period: { kind: 'quarter', quarter: 1 } }, after);
      expect(progress(q1, '1.1.i1')).toMatchObject({ value: 2, target: 0.99, status: 'met' });
      const q2 = await buildProgressReport(catalogue, sqlQuery, { ...year2023, includePending: true, period: { kind: 'quarter', quarter: 2 } }, after);
      expect(progress(q2, '1.1.i1').value).toBe(1);
      expect(progress(q2, '1.1.i2').value).toBe(5);
    });

    it('counts women only, or girls and boys only, where the indicator says so', async () => {
      const report = await buildProgressReport(catalogue, sqlQuery, year2023, after);
      expect(progress(report, '4.1.i1').value).toBe(7);
      expect(progress(report, '4.1.i2').value).toBe(1);
      expect(progress(report, '10.2.i2')).toMatchObject({ value: 10, bySex: { female: 6, male: 4 } });
    });

    it('breaks people served down by district, month, team and sex × age × group', async () => {
      const report = await buildProgressReport(catalogue, sqlQuery, year2023, { ...after, breakdowns: ['district', 'month', 'teamId', 'group'] });
      const served = progress(report, '7.3.i1');
      expect(served).toMatchObject({
        value: 8, status: 'no_target',
        byDistrict: { podilskyi: 3, obolonskyi: 5 }, byMonth: { '2023-02': 3, '2023-12': 5 }, byTeam: { [fx.teamA]: 3, [fx.teamB]: 5 },
      });
      expect(served.cells).toEqual(expect.arrayContaining([{ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', value: 2 }]));
    });

    it('filters by district and team', async () => {
      expect(progress(await buildProgressReport(catalogue, sqlQuery, { ...year2023, district: 'obolonskyi' }, after), '7.3.i1').value).toBe(5);
      expect(progress(await buildProgressReport(catalogue, sqlQuery, { ...year2023, teamId: fx.teamB }, after), '1.1.i1').value).toBe(1);
    });

    it('shows a deliverable with its document in its year', async () => {
      const y2021 = await buildProgressReport(catalogue, sqlQuery, { ...year2023, year: 2021 }, after);
      expect(progress(y2021, '3.1.i1')).toMatchObject({ status: 'met', documents: ['Наказ № 1'] });
    });

    it('puts events held next to people reached', async () => {
      const report = await buildProgressReport(catalogue, sqlQuery, year2023, after);
      expect(report.measures.find((m) => m.entry.measure.id === '1.1')).toMatchObject({ eventsHeld: 2, peopleReached: 9 });
    });
  });
});
