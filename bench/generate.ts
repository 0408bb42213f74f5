import {
  allMeasures,
  defaultCatalogue,
  measureYears,
  NOT_STATED,
  valueIds,
  type CellDimension,
  type CountCell,
  type FieldRecord,
  type Measure,
  type ReviewStatus,
} from '../src/shared';
import type { FactsTable } from '../src/server/db/schema';
import { factRows } from '../src/server/features/reports/fact-rows';
import { random } from './random';

/**
 * A city's three years of field records, made up with the shape real data has: most records are
 * consultations logged by mobile brigades in their own district, events carry more cells, women
 * are most of the people served, a few social groups dominate, most records are approved.
 * Deterministic (seeded), so every run measures the same data.
 */

export const DISTRICTS = defaultCatalogue.districts.map((d) => d.id);
export const TEAMS = 40;

type Weighted<T> = readonly (readonly [T, number])[];

function picker<T>(items: Weighted<T>): (r: number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let sum = 0;
  const cumulative = items.map(([, w]) => (sum += w) / total);
  return (r) => {
    const i = cumulative.findIndex((c) => r < c);
    return items[i === -1 ? items.length - 1 : i]![0];
  };
}

/** Zipf-like weights: the first values are common, the tail rare. */
function zipf<T>(values: readonly T[], first = 1): Weighted<T> {
  return values.map((v, i) => [v, first / (i + 1)] as const);
}

const sexOf = picker<string>([['female', 68], ['male', 30], [NOT_STATED, 2]]);
const ageOf = picker<string>([['35-59', 38], ['18-34', 28], ['60+', 16], ['14-17', 6], ['0-13', 6], [NOT_STATED, 6]]);
const groupOf = picker<string>([
  [NOT_STATED, 30],
  ...zipf(valueIds('group').filter((g) => g !== NOT_STATED && g !== 'general_population'), 30),
  ['general_population', 8],
]);
const sphereOf = picker<string>(zipf(valueIds('sphere').filter((s) => s !== NOT_STATED), 10));
const statusOf = picker<ReviewStatus>([['approved', 80], ['pending', 12], ['returned', 5], ['rejected', 3]]);

interface Source {
  measure: Measure;
  years: number[];
  dims: Set<CellDimension>;
}

/** Measures whose indicators count people served or events, with the dimensions they ask for. */
function sources(kind: 'servicePersons' | 'eventAttendance'): Source[] {
  return allMeasures(defaultCatalogue).flatMap(({ measure }) => {
    const indicators = (measure.indicators ?? []).filter((i) => i.kind === 'count' && i.source === kind);
    if (indicators.length === 0) return [];
    const dims = new Set(indicators.flatMap((i) => (i.kind === 'count' ? i.dimensions : [])) as CellDimension[]);
    return [{ measure, years: measureYears(measure, defaultCatalogue), dims }];
  });
}

const serviceSources = sources('servicePersons');
const eventSources = sources('eventAttendance');

function cells(next: () => number, dims: Set<CellDimension>, n: number, maxCount: number): CountCell[] {
  const seen = new Set<string>();
  const out: CountCell[] = [];
  for (let i = 0; i < n; i++) {
    const cell: CountCell = { count: 1 + Math.floor(next() * maxCount) } as CountCell;
    if (dims.has('sex')) cell.sex = sexOf(next());
    if (dims.has('ageBand')) cell.ageBand = ageOf(next());
    if (dims.has('group')) cell.group = groupOf(next());
    if (dims.has('sphere')) cell.sphere = sphereOf(next());
    const key = `${cell.sex}|${cell.ageBand}|${cell.group}|${cell.sphere}`;
    if (seen.has(key)) continue; // one cell per combination, as validation demands
    seen.add(key);
    out.push(cell);
  }
  return out;
}

const DAY = 86_400_000;
const START = Date.UTC(2021, 0, 1);
const DAYS = (Date.UTC(2024, 0, 1) - START) / DAY;

/** Work grows over the plan's term: later days are a little more likely. */
function dateOf(next: () => number): string {
  const d = Math.floor(Math.sqrt(next()) * 0.4 * DAYS + next() * 0.6 * DAYS);
  return new Date(START + Math.min(d, DAYS - 1) * DAY).toISOString().slice(0, 10);
}

function choose<T extends Source>(list: T[], year: number, r: number): T {
  const running = list.filter((s) => s.years.includes(year));
  return running[Math.floor(r * running.length)]!;
}

export interface Team {
  id: string;
  district: string;
  /** share of its records that are events */
  eventShare: number;
}

export function teams(): Team[] {
  return Array.from({ length: TEAMS }, (_, i) => ({
    id: `bench-team-${String(i + 1).padStart(2, '0')}`,
    district: DISTRICTS[i % DISTRICTS.length]!,
    // 24 mobile brigades (mostly consultations), 10 district services, 6 training centres
    eventShare: i < 24 ? 0.1 : i < 34 ? 0.35 : 0.85,
  }));
}

/** One record, as a device would send it (only what factsOfRecord reads), and its review status. */
export function makeRecord(next: () => number, n: number, team: Team): { record: FieldRecord; status: ReviewStatus } {
  const date = dateOf(next);
  const year = Number(date.slice(0, 4));
  const id = `bench-${String(n).padStart(8, '0')}`;
  const base = { id, teamId: team.id, authorId: 'bench', deviceId: 'bench', revision: 1, deleted: false };
  const district = next() < 0.85 ? team.district : DISTRICTS[Math.floor(next() * DISTRICTS.length)]!;
  if (next() >= team.eventShare) {
    const s = choose(serviceSources, year, next());
    const served = cells(next, s.dims, next() < 0.6 ? 1 : next() < 0.75 ? 2 : 3, 4);
    const record = { ...base, kind: 'serviceLog', measureId: s.measure.id, date, district, served: { cells: served, total: 0 } };
    return { record: record as unknown as FieldRecord, status: statusOf(next()) };
  }
  const s = choose(eventSources, year, next());
  const attendance = cells(next, s.dims, 2 + Math.floor(next() * 5), 25);
  const venue = next() < 0.8 ? { mode: 'in_person', district } : { mode: 'online' };
  const record = {
    ...base,
    kind: 'event',
    measureId: s.measure.id,
    startDate: date,
    endDate: date,
    venue,
    attendance: { cells: attendance, total: 0 },
    materials: { produced: next() < 0.2 ? 1 + Math.floor(next() * 3) : 0, distributed: 0 },
  };
  return { record: record as unknown as FieldRecord, status: statusOf(next()) };
}

/** Facts of `count` records, in chunks, for a bulk load. */
export function* factChunks(count: number, chunkRecords: number, seed = 1325): Generator<FactsTable[]> {
  const next = random(seed);
  const all = teams();
  const pickTeam = picker(zipf(all, 1).map(([t, w]) => [t, 0.5 + w] as const));
  for (let start = 0; start < count; start += chunkRecords) {
    const chunk: FactsTable[] = [];
    for (let n = start; n < Math.min(count, start + chunkRecords); n++) {
      const { record, status } = makeRecord(next, n, pickTeam(next()));
      chunk.push(...factRows(record, status));
    }
    yield chunk;
  }
}
