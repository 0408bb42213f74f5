import { describe, expect, it } from 'vitest';
import { defaultCatalogue as catalogue } from '../../../../src/shared/plan';
import type { ProgressReport } from '../../../../src/shared/reports/progress';
import type { ReportFilter } from '../../../../src/shared/reports/query';
import {
  byExecutor,
  byStrategicGoal,
  cellTable,
  deviceReport,
  hasContent,
  hydrateReport,
  progressQueryString,
  reportTotals,
  type ProgressReportJson,
} from '../../../../src/client/features/reports/reportModel';
import { reportFixture } from '../../../shared/reports/fixtures';

const records = reportFixture().map(({ record, status }) => ({ record, review: status }));
const year2023: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: false };
const asOf = '2024-03-01';

function indicator(report: ProgressReport, id: string) {
  const found = report.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
}

/** What the server sends: measures placed by ids, as src/server/features/reports/serialize.ts does. */
function asServerJson(report: ProgressReport): ProgressReportJson {
  return {
    ...report,
    measures: report.measures.map(({ entry, ...rest }) => ({
      measureId: entry.measure.id,
      strategicGoal: entry.strategicGoal.number,
      operationalGoal: entry.operationalGoal.number,
      task: entry.task.number,
      ...rest,
    })),
  } as ProgressReportJson;
}

describe('the device report (offline, from the records on the device)', () => {
  it('adds up approved records only, by default: events held and people reached', async () => {
    const report = await deviceReport(catalogue, records, year2023, asOf);
    // 2023, approved: events 1.1 on 1 Jan and 31 Mar, 4.1 on 5 May, 10.2 on 1 Sep; people 5 + 4, 3 + 5 served, 10, 12.
    expect(reportTotals(report)).toEqual({ eventsHeld: 4, peopleReached: 39 });
    expect(indicator(report, '1.1.i2')).toMatchObject({ value: 9, bySex: { female: 7, male: 2 } });
    expect(indicator(report, '7.3.i1').byDistrict).toEqual({ podilskyi: 3, obolonskyi: 5 });
    expect(indicator(report, '7.3.i1').byTeam).toEqual({ 'team-a': 3, 'team-b': 5 });
    expect(indicator(report, '7.3.i1').byMonth).toEqual({ '2023-02': 3, '2023-12': 5 });
  });

  it('adds the pending record (never the returned, rejected or deleted ones) when asked', async () => {
    const report = await deviceReport(catalogue, records, { ...year2023, includePending: true }, asOf);
    expect(reportTotals(report)).toEqual({ eventsHeld: 5, peopleReached: 44 });
  });

  it('keeps 31 December in its own year and quarter', async () => {
    const q4 = await deviceReport(catalogue, records, { ...year2023, period: { kind: 'quarter', quarter: 4 } }, asOf);
    expect(reportTotals(q4)).toEqual({ eventsHeld: 0, peopleReached: 5 });
    const y2022 = await deviceReport(catalogue, records, { ...year2023, year: 2022 }, asOf);
    expect(reportTotals(y2022)).toEqual({ eventsHeld: 1, peopleReached: 16 });
  });

  it('groups measures under their strategic goals, and knows which have something to show', async () => {
    const report = await deviceReport(catalogue, records, year2023, asOf);
    const goals = byStrategicGoal(report);
    expect(goals.map((g) => g.number)).toEqual(catalogue.strategicGoals.map((sg) => sg.number));
    // 3.1's deliverable was done in 2021: 2023 shows it done.
    expect(goals[0]!.measures.filter(hasContent).map((m) => m.entry.measure.id)).toEqual(['1.1', '3.1', '4.1', '7.3']);
    expect(goals[1]!.measures.filter(hasContent).map((m) => m.entry.measure.id)).toEqual(['10.2']);
  });

  it('lines up executors with their measures (a measure counts under each of its executors)', async () => {
    const report = await deviceReport(catalogue, records, year2023, asOf);
    const lines = new Map(byExecutor(report).map((l) => [l.executorId, l]));
    // ngos take part in 1.1, 4.1, 7.3 and 10.2; dsp-kmda in 1.1 and 4.1; kmc-ato in 7.3; don-kmda in 4.1 and 10.2.
    expect(lines.get('ngos')).toMatchObject({ eventsHeld: 4, peopleReached: 39 });
    // dsp-kmda's 3.1 deliverable was done in 2021: it stands met in 2023.
    expect(lines.get('dsp-kmda')).toMatchObject({ eventsHeld: 3, peopleReached: 19, met: 1 });
    expect(lines.get('kmc-ato')).toMatchObject({ eventsHeld: 0, peopleReached: 8 });
    expect(lines.get('don-kmda')).toMatchObject({ eventsHeld: 2, peopleReached: 22 });
    expect(byExecutor(report)[0]!.executorId).toBe('ngos');
  });
});

describe('the sex × age band × group table', () => {
  it('puts rows and columns in the dimensions’ order, with totals', async () => {
    const report = await deviceReport(catalogue, records, year2023, asOf);
    const table = cellTable(indicator(report, '1.1.i2').cells, {
      sex: ['female', 'male', 'not_stated'],
      ageBand: ['0-13', 'not_stated'],
      group: ['idp', 'educator', 'not_stated'],
    });
    expect(table.groups).toEqual(['idp', 'educator', 'not_stated']);
    expect(table.rows).toEqual([
      { sex: 'female', ageBand: 'not_stated', values: { idp: 4, educator: 3 }, total: 7 },
      { sex: 'male', ageBand: 'not_stated', values: { not_stated: 2 }, total: 2 },
    ]);
    expect(table.columnTotals).toEqual({ idp: 4, educator: 3, not_stated: 2 });
    expect(table.total).toBe(9);
  });
});

describe('reports from the server', () => {
  it('get the catalogue’s objects back and lose measures this device does not know', async () => {
    const report = await deviceReport(catalogue, records, year2023, asOf);
    const json = asServerJson(report);
    json.measures.push({ ...json.measures[0]!, measureId: '99.9' });
    const hydrated = hydrateReport(catalogue, JSON.parse(JSON.stringify(json)) as ProgressReportJson);
    expect(hydrated.measures.map((m) => m.entry.measure.id)).toEqual(report.measures.map((m) => m.entry.measure.id));
    expect(hydrated.measures[0]!.entry).toBe(report.measures[0]!.entry);
    expect(reportTotals(hydrated)).toEqual(reportTotals(report));
    expect(hydrated.measures[0]).not.toHaveProperty('strategicGoal');
  });

  it('are asked for with the filter in the API’s words', () => {
    const filter: ReportFilter = {
      year: 2023, period: { kind: 'quarter', quarter: 2 }, district: 'podilskyi', teamId: undefined, executorId: 'ngos',
      strategicGoal: '1', includePending: true,
    };
    expect(progressQueryString(filter, ['group', 'month'])).toBe(
      '?year=2023&period=q2&district=podilskyi&executor=ngos&goal=1&includePending=true&breakdowns=group%2Cmonth',
    );
    expect(progressQueryString(year2023, [])).toBe('?year=2023&period=year&includePending=false');
  });
});
