import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import { indexCatalogue } from '../../../shared/plan/catalogue-index';
import type { FieldRecord } from '../../../shared/records/schemas';
import { countsInReport, factsOfRecord } from '../../../shared/reports/facts';
import { buildProgressReport, type IndicatorProgress, type MeasureProgress, type ProgressReport } from '../../../shared/reports/progress';
import { memoryFactQuery, type AggregateRequest, type AggregateRow, type Breakdown, type FactQuery, type ReportFilter, type StatusedFact } from '../../../shared/reports/query';
import type { ProgressReportJson } from '../../../shared/reports/protocol';
import type { ReviewStatus } from '../../../shared/sync/protocol';
import { deviceReviewStatus, type FactBucket, type StoredRecord } from '../../data';
import { queryString } from '../../net/queryString';
import { periodParam } from './period';

/** Every breakdown the report screen shows. */
export const SCREEN_BREAKDOWNS: readonly Breakdown[] = ['group', 'district', 'teamId', 'month'];

/** The report as the API sends it (schema in src/shared/reports/protocol.ts). */
export type { MeasureProgressJson, ProgressReportJson } from '../../../shared/reports/protocol';

/** Puts the catalogue's objects back into a report the server sent. Measures this device's catalogue lacks are dropped. */
export function hydrateReport(catalogue: Catalogue, json: ProgressReportJson): ProgressReport {
  const { measures } = indexCatalogue(catalogue);
  return {
    ...json,
    measures: json.measures.flatMap(({ measureId, ...rest }) => {
      const entry = measures.get(measureId);
      if (!entry) return [];
      const { strategicGoal: _sg, operationalGoal: _og, task: _t, withdrawnIn: _w, ...progress } = rest as typeof rest & Record<string, unknown>;
      return [{ ...(progress as Omit<MeasureProgress, 'entry'>), entry }];
    }),
  };
}

/** GET /api/v1/reports/progress query for a filter. */
export function progressQueryString(filter: ReportFilter, breakdowns: readonly Breakdown[]): string {
  return queryString({
    year: filter.year,
    period: periodParam(filter.period),
    district: filter.district,
    team: filter.teamId,
    executor: filter.executorId,
    goal: filter.strategicGoal,
    includePending: filter.includePending,
    breakdowns: breakdowns.join(','),
  });
}

export interface DeviceRecord {
  record: FieldRecord;
  /** the supervisor's verdict as far as this device knows; pending when none has arrived */
  review: ReviewStatus;
}

/** The device's records for an in-browser report, each with the review status this device knows (drafts left out). */
export function deviceReportRecords(records: readonly StoredRecord[]): DeviceRecord[] {
  return records.flatMap((stored) => {
    const review = deviceReviewStatus(stored);
    return review === null ? [] : [{ record: stored.record, review }];
  });
}

export function deviceFacts(records: readonly DeviceRecord[]): StatusedFact[] {
  return records.flatMap(({ record, review }) => factsOfRecord(record).map((f) => ({ ...f, status: review })));
}

/** The same report as the server's, made in memory from the records on this device (offline too). */
export function deviceReport(
  catalogue: Catalogue,
  records: readonly DeviceRecord[],
  filter: ReportFilter,
  asOf: string,
  breakdowns: readonly Breakdown[] = SCREEN_BREAKDOWNS,
): Promise<ProgressReport> {
  return buildProgressReport(catalogue, memoryFactQuery(deviceFacts(records)), filter, { asOf, breakdowns });
}

/**
 * The same report from facts already summed (the device's aggregates): figures equal to
 * deviceReport over the records they were summed from, since a report only adds them up.
 */
export function factsReport(
  catalogue: Catalogue,
  facts: readonly StatusedFact[],
  filter: ReportFilter,
  asOf: string,
  breakdowns: readonly Breakdown[] = SCREEN_BREAKDOWNS,
): Promise<ProgressReport> {
  return buildProgressReport(catalogue, memoryFactQuery(facts), filter, { asOf, breakdowns });
}

interface BucketRow {
  /** the row's key without its measure and month */
  key: string;
  month: string;
  row: AggregateRow;
}

/** What each bucket's facts give one request shape (breakdown and filters but measures and period), by facts array. */
const bucketMemo = new WeakMap<readonly StatusedFact[], Map<string, BucketRow[]>>();

function bucketRows(facts: readonly StatusedFact[], req: AggregateRequest): BucketRow[] {
  const shape = JSON.stringify([req.planId, req.by, req.includePending, req.district ?? '', req.teamId ?? '']);
  let memo = bucketMemo.get(facts);
  if (!memo) bucketMemo.set(facts, (memo = new Map()));
  const known = memo.get(shape);
  if (known) return known;
  const rows = new Map<string, BucketRow>();
  for (const f of facts) {
    if (f.planId !== req.planId || !countsInReport(f.status, req.includePending)) continue;
    if (req.district && f.district !== req.district) continue;
    if (req.teamId && f.teamId !== req.teamId) continue;
    const parts = [f.source, f.indicatorId ?? '', f.sex, f.ageBand, f.documentRef ?? ''];
    for (const b of req.by) parts.push(b === 'month' ? f.date.slice(0, 7) : f[b]);
    const key = parts.join('\u0000');
    const month = f.date.slice(0, 7);
    const seen = rows.get(`${month}\u0000${key}`);
    if (seen) {
      seen.row.value += f.value;
      continue;
    }
    const row: AggregateRow = { measureId: f.measureId, source: f.source, indicatorId: f.indicatorId, sex: f.sex, ageBand: f.ageBand, documentRef: f.documentRef, value: f.value };
    for (const b of req.by) {
      if (b === 'month') row.month = month;
      else row[b] = f[b];
    }
    rows.set(`${month}\u0000${key}`, { key, month, row });
  }
  const out = [...rows.values()];
  memo.set(shape, out);
  return out;
}

/**
 * The report's fact query over the device's buckets: each bucket's rows for a request shape are
 * worked out once per bucket version and kept (a write changes only its buckets), then added up
 * over the buckets of the measures and months asked. The same sums memoryFactQuery makes of the
 * same facts (a fact's date is the first of its month; report periods are whole months).
 */
export function bucketFactQuery(buckets: readonly FactBucket[]): FactQuery {
  return async (req) => {
    const measures = req.measureIds ? new Set(req.measureIds) : null;
    const out = new Map<string, AggregateRow>();
    for (const bucket of buckets) {
      if (measures && !measures.has(bucket.measureId)) continue;
      for (const { key, month, row } of bucketRows(bucket.facts, req)) {
        const date = `${month}-01`;
        if (date < req.from || date > req.to) continue;
        const full = `${bucket.measureId}\u0000${key}`;
        const seen = out.get(full);
        if (seen) seen.value += row.value;
        else out.set(full, { ...row });
      }
    }
    return [...out.values()];
  };
}

/** The report from the device's buckets: the figures deviceReport gives over the records they sum. */
export function bucketsReport(
  catalogue: Catalogue,
  buckets: readonly FactBucket[],
  filter: ReportFilter,
  asOf: string,
  breakdowns: readonly Breakdown[] = SCREEN_BREAKDOWNS,
): Promise<ProgressReport> {
  return buildProgressReport(catalogue, bucketFactQuery(buckets), filter, { asOf, breakdowns });
}

/** Measures grouped under their strategic goal, in plan order, for the screen's headings. */
export function byStrategicGoal(report: ProgressReport): { number: string; measures: MeasureProgress[] }[] {
  const groups = new Map<string, MeasureProgress[]>();
  for (const m of report.measures) {
    const key = m.entry.strategicGoal.number;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.entries()].map(([number, measures]) => ({ number, measures }));
}

/** Only what has something to say: measures with an indicator that has data or a target this period. */
export function hasContent(m: MeasureProgress): boolean {
  return m.eventsHeld > 0 || m.peopleReached > 0 || m.indicators.some((i) => i.value > 0 || i.doneBefore !== undefined);
}

export interface CellTable {
  /** column keys (groups) in dimension order */
  groups: string[];
  /** rows: sex × age band, with a value per group and the row total */
  rows: { sex: string; ageBand: string; values: Record<string, number>; total: number }[];
  columnTotals: Record<string, number>;
  total: number;
}

/** The sex × age band × group cross table of an indicator, with only the rows and columns that hold people. */
export function cellTable(
  cells: IndicatorProgress['cells'],
  order: { sex: readonly string[]; ageBand: readonly string[]; group: readonly string[] },
): CellTable {
  const rank = (list: readonly string[], id: string) => {
    const i = list.indexOf(id);
    return i < 0 ? list.length : i;
  };
  const groups = [...new Set(cells.filter((c) => c.value > 0).map((c) => c.group))].sort(
    (a, b) => rank(order.group, a) - rank(order.group, b),
  );
  const rows = new Map<string, CellTable['rows'][number]>();
  const columnTotals: Record<string, number> = {};
  let total = 0;
  for (const c of cells) {
    if (c.value <= 0) continue;
    const key = `${c.sex}|${c.ageBand}`;
    const row = rows.get(key) ?? { sex: c.sex, ageBand: c.ageBand, values: {}, total: 0 };
    row.values[c.group] = (row.values[c.group] ?? 0) + c.value;
    row.total += c.value;
    rows.set(key, row);
    columnTotals[c.group] = (columnTotals[c.group] ?? 0) + c.value;
    total += c.value;
  }
  const sorted = [...rows.values()].sort(
    (a, b) => rank(order.sex, a.sex) - rank(order.sex, b.sex) || rank(order.ageBand, a.ageBand) - rank(order.ageBand, b.ageBand),
  );
  return { groups, rows: sorted, columnTotals, total };
}

export interface ExecutorLine {
  executorId: string;
  measures: number;
  eventsHeld: number;
  peopleReached: number;
  met: number;
  behind: number;
}

/**
 * The report by executor: each body named on a measure answers for its measures' events and
 * people. A measure with several executors appears under each, so the lines do not add up to the total.
 */
export function byExecutor(report: ProgressReport): ExecutorLine[] {
  const lines = new Map<string, ExecutorLine>();
  for (const m of report.measures) {
    for (const x of m.entry.measure.executors ?? []) {
      const line = lines.get(x.id) ?? { executorId: x.id, measures: 0, eventsHeld: 0, peopleReached: 0, met: 0, behind: 0 };
      line.measures += 1;
      line.eventsHeld += m.eventsHeld;
      line.peopleReached += m.peopleReached;
      line.met += m.indicators.filter((i) => i.status === 'met').length;
      line.behind += m.indicators.filter((i) => i.status === 'behind').length;
      lines.set(x.id, line);
    }
  }
  return [...lines.values()].filter((l) => l.eventsHeld > 0 || l.peopleReached > 0 || l.met > 0).sort((a, b) => b.peopleReached - a.peopleReached);
}

/** Events held and people reached over the whole report: each record belongs to one measure, so measures add up. */
export function reportTotals(report: ProgressReport): { eventsHeld: number; peopleReached: number } {
  return report.measures.reduce(
    (sum, m) => ({ eventsHeld: sum.eventsHeld + m.eventsHeld, peopleReached: sum.peopleReached + m.peopleReached }),
    { eventsHeld: 0, peopleReached: 0 },
  );
}
