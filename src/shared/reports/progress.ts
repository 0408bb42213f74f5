import type { Catalogue, Indicator, LocalizedText, Measure } from '../plan/catalogue-schema';
import { allMeasures, countedPerOf, measureYears, type MeasureEntry } from '../plan/catalogue-index';
import { isMinorAgeBand } from '../dimensions';
import { shortfallWords, statusWords } from '../messages/reports';
import { periodRange, type AggregateRow, type Breakdown, type FactQuery, type ReportFilter } from './query';
import type { IndicatorProgress, ProgressStatus } from './protocol';
import { alsoInSourceOf } from './facts';

// The shapes the API sends are zod schemas (protocol.ts); the computation uses their types.
export type { IndicatorProgress, ProgressStatus } from './protocol';

export interface MeasureProgress {
  entry: MeasureEntry;
  indicators: IndicatorProgress[];
  /** events held next to people reached, as the plan's indicators pair them */
  eventsHeld: number;
  peopleReached: number;
}

export interface ProgressReport {
  filter: ReportFilter;
  from: string;
  to: string;
  asOf: string;
  measures: MeasureProgress[];
}

export interface ProgressOptions {
  /** the day the report is made: decides whether a running period is on track */
  asOf: string;
  breakdowns?: readonly Breakdown[];
}

export function measuresInFilter(catalogue: Catalogue, filter: ReportFilter): MeasureEntry[] {
  return allMeasures(catalogue).filter(
    (e) =>
      (!filter.strategicGoal || e.strategicGoal.number === filter.strategicGoal) &&
      (!filter.executorId || (e.measure.executors ?? []).some((x) => x.id === filter.executorId)),
  );
}

/** Rows that feed an indicator: its source's facts for the measure, plus reports made for it directly. */
function feeds(indicator: Indicator, measure: Measure, row: AggregateRow): boolean {
  if (row.measureId !== measure.id) return false;
  if (row.source === 'indicatorReport') return row.indicatorId === indicator.id;
  return indicator.kind === 'count' && row.source === indicator.source;
}

/** People are counted as each indicator defines: "women" counts women, "children" girls and boys. */
function inPopulation(indicator: Indicator, row: AggregateRow): boolean {
  if (indicator.kind !== 'count') return true;
  if (indicator.population === 'women') return row.sex === 'female';
  if (indicator.population === 'children') return isMinorAgeBand(row.ageBand);
  return true;
}

type SexGroupValue = { sex: string; group: string; value: number };

function sumSexGroup(rows: readonly AggregateRow[]): SexGroupValue[] {
  const out = new Map<string, SexGroupValue>();
  for (const r of rows) {
    const group = r.group ?? 'not_stated';
    const key = `${r.sex}\u0000${group}`;
    const seen = out.get(key);
    if (seen) seen.value += r.value;
    else out.set(key, { sex: r.sex, group, value: r.value });
  }
  // In a fixed order: the device's and the server's queries return rows in their own.
  return [...out.values()].sort((a, b) => (a.sex < b.sex ? -1 : a.sex > b.sex ? 1 : a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/**
 * Multi-response breakdowns beside an indicator's one-cell-per-person figures: memberships of
 * other groups added to its persons by group, and an event count's audience. Absent when none.
 */
function multiResponse(indicator: Indicator, measure: Measure, groupRows: readonly AggregateRow[], own: readonly AggregateRow[]) {
  if (indicator.kind !== 'count') return {};
  const alsoIn = alsoInSourceOf(indicator.source);
  const also = alsoIn
    ? groupRows.filter(
        (r) =>
          r.measureId === measure.id && r.source === alsoIn && (alsoIn !== 'indicatorReportAlsoIn' || r.indicatorId === indicator.id) &&
          inPopulation(indicator, r),
      )
    : [];
  const audience =
    indicator.source === 'eventCount'
      ? groupRows.filter((r) => r.measureId === measure.id && r.source === 'eventAudience')
      : [];
  return {
    ...(also.length > 0 ? { groupMemberships: sumSexGroup([...own, ...also]) } : {}),
    ...(audience.length > 0 ? { audience: sumSexGroup(audience) } : {}),
  };
}

function sumBy(rows: readonly AggregateRow[], key: (r: AggregateRow) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = key(r);
    if (k !== undefined) out[k] = (out[k] ?? 0) + r.value;
  }
  return out;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** Share of the report's period that has passed on `asOf` (0..1). */
function elapsed(from: string, to: string, asOf: string): number {
  if (asOf >= to) return 1;
  if (asOf < from) return 0;
  return (dayNumber(asOf) - dayNumber(from) + 1) / (dayNumber(to) - dayNumber(from) + 1);
}

function scaledTarget(indicator: Indicator, measure: Measure, catalogue: Catalogue, from: string, to: string): number | null {
  if (indicator.kind !== 'count' || !indicator.target) return null;
  const days = dayNumber(to) - dayNumber(from) + 1;
  const yearDays = dayNumber(`${from.slice(0, 4)}-12-31`) - dayNumber(`${from.slice(0, 4)}-01-01`) + 1;
  const perYear =
    indicator.target.per === 'year' ? indicator.target.min : indicator.target.min / measureYears(measure, catalogue).length;
  return Math.round(perYear * (days / yearDays) * 100) / 100;
}

function statusOf(value: number, hasRows: boolean, target: number | null, scheduled: boolean, share: number): ProgressStatus {
  if (!scheduled) return 'not_scheduled';
  if (target === null) return hasRows ? 'no_target' : 'no_data';
  if (value >= target) return 'met';
  if (!hasRows) return 'no_data';
  return value >= target * share ? 'on_track' : 'behind';
}

/** A deliverable done before the report's period: the last month it was done in, and its documents. */
function doneBefore(indicator: Indicator, measure: Measure, earlier: readonly AggregateRow[]): IndicatorProgress['doneBefore'] {
  if (indicator.kind !== 'deliverable') return undefined;
  const rows = earlier.filter((r) => r.value > 0 && feeds(indicator, measure, r));
  if (rows.length === 0) return undefined;
  const month = rows.reduce((last, r) => (r.month && r.month > last ? r.month : last), '');
  return { month, documents: [...new Set(rows.flatMap((r) => (r.documentRef ? [r.documentRef] : [])))] };
}

function indicatorProgress(
  indicator: Indicator,
  entry: MeasureEntry,
  catalogue: Catalogue,
  report: { from: string; to: string; asOf: string; year: number },
  rowsBy: Map<Breakdown | 'base', AggregateRow[]>,
  earlier: readonly AggregateRow[],
): IndicatorProgress {
  const pick = (b: Breakdown | 'base') =>
    (rowsBy.get(b) ?? []).filter((r) => feeds(indicator, entry.measure, r) && inPopulation(indicator, r));
  const base = pick('base');
  const groupRows = pick('group');
  const value = base.reduce((s, r) => s + r.value, 0);
  const scheduled = measureYears(entry.measure, catalogue).includes(report.year);
  const target = scaledTarget(indicator, entry.measure, catalogue, report.from, report.to);
  const before = doneBefore(indicator, entry.measure, earlier);
  // A deliverable counts in the year it was done; from then on the measure's output stands done.
  const status =
    indicator.kind === 'deliverable'
      ? !scheduled && !before ? 'not_scheduled' : value > 0 || before ? 'met' : report.asOf >= report.to ? 'behind' : 'no_data'
      : statusOf(value, base.length > 0, target, scheduled, elapsed(report.from, report.to, report.asOf));
  return {
    indicatorId: indicator.id,
    measureId: entry.measure.id,
    kind: indicator.kind,
    value,
    target,
    per: indicator.kind === 'count' ? countedPerOf(indicator) : null,
    status,
    documents: [...new Set(base.flatMap((r) => (r.documentRef ? [r.documentRef] : [])))],
    bySex: sumBy(base, (r) => r.sex),
    cells: groupRows.map((r) => ({ sex: r.sex, ageBand: r.ageBand, group: r.group ?? 'not_stated', value: r.value })),
    byDistrict: sumBy(pick('district'), (r) => r.district),
    byTeam: sumBy(pick('teamId'), (r) => r.teamId),
    byMonth: sumBy(pick('month'), (r) => r.month),
    bySphere: sumBy(pick('sphere'), (r) => r.sphere),
    ...multiResponse(indicator, entry.measure, rowsBy.get('group') ?? [], groupRows),
    ...(before ? { doneBefore: before } : {}),
  };
}

/** The day before a YYYY-MM-DD day. */
function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Progress of every measure and indicator in the filter against its target, with its breakdowns. */
export async function buildProgressReport(
  catalogue: Catalogue,
  query: FactQuery,
  filter: ReportFilter,
  options: ProgressOptions,
): Promise<ProgressReport> {
  const { from, to } = periodRange(filter.year, filter.period);
  const entries = measuresInFilter(catalogue, filter);
  const request = {
    planId: catalogue.id, from, to, measureIds: entries.map((e) => e.measure.id), district: filter.district, teamId: filter.teamId,
    includePending: filter.includePending,
  };
  const rowsBy = new Map<Breakdown | 'base', AggregateRow[]>();
  const breakdowns = options.breakdowns ?? [];
  // Deliverables done in the plan's earlier years: by month, to say when.
  const planStart = `${Math.min(...catalogue.years)}-01-01`;
  const withDeliverables = entries.filter((e) => (e.measure.indicators ?? []).some((i) => i.kind === 'deliverable')).map((e) => e.measure.id);
  const askEarlier = withDeliverables.length > 0 && from > planStart;
  const [earlier, ...answers] = await Promise.all([
    askEarlier ? query({ ...request, from: planStart, to: dayBefore(from), measureIds: withDeliverables, by: ['month'] }) : Promise.resolve([]),
    query({ ...request, by: [] }),
    ...breakdowns.map((b) => query({ ...request, by: [b] })),
  ]);
  rowsBy.set('base', answers[0]!);
  breakdowns.forEach((b, i) => rowsBy.set(b, answers[i + 1]!));
  const ctx = { from, to, asOf: options.asOf, year: filter.year };
  const measures = entries.flatMap((entry) => {
    const base = rowsBy.get('base')!.filter((r) => r.measureId === entry.measure.id);
    // a measure a revision withdrew shows only with the records made for it
    if (entry.measure.withdrawnIn && base.length === 0) return [];
    const indicators = (entry.measure.indicators ?? []).map((i) => indicatorProgress(i, entry, catalogue, ctx, rowsBy, earlier!));
    return {
      entry,
      indicators,
      eventsHeld: base.filter((r) => r.source === 'eventCount').reduce((s, r) => s + r.value, 0),
      peopleReached: base
        .filter((r) => r.source === 'eventAttendance' || r.source === 'servicePersons')
        .reduce((s, r) => s + r.value, 0),
    };
  });
  return { filter, from, to, asOf: options.asOf, measures };
}

export const statusLabels: Record<ProgressStatus, LocalizedText> = statusWords;

/** A plain-language note on what falls short, for the annual report. */
export function shortfallNote(p: IndicatorProgress): LocalizedText | null {
  switch (p.status) {
    case 'behind':
      return p.kind === 'deliverable' ? shortfallWords.notDone : shortfallWords.behind(p.value, p.target);
    case 'no_data':
      return shortfallWords.noData;
    case 'on_track':
      return shortfallWords.onTrack(p.value, p.target);
    default:
      return null;
  }
}
