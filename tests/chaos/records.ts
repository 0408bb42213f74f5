import {
  allMeasures,
  contentHashOf,
  contentOf,
  reviseRecord,
  defaultCatalogue,
  eventFormats,
  measureYears,
  serviceTypes,
  validateRecord,
  valueIds,
  type Author,
  type CellDimension,
  type CountCell,
  type CountIndicator,
  type CountTable,
  type FieldRecord,
  type Measure,
  type RecordContent,
} from '../../src/shared';
import type { Prng } from './prng';

/**
 * Valid records of every kind for the real plan catalogue, drawn from a seeded stream: ids,
 * timestamps, measures, dates, districts and counts all come from the seed, so a seed replays
 * the same bodies (and the same content hashes).
 */

const catalogue = defaultCatalogue;
const CELL_DIMS: CellDimension[] = ['sex', 'ageBand', 'group', 'sphere'];
const districts = catalogue.districts.map((d) => d.id);

const counts = (m: Measure) => (m.indicators ?? []).filter((i): i is CountIndicator => i.kind === 'count');
const measures = allMeasures(catalogue).map((e) => e.measure);
const serviceChoices = measures.flatMap((m) => counts(m).filter((i) => i.source === 'servicePersons').map((i) => ({ m, i })));
const eventChoices = measures.filter((m) => counts(m).some((i) => i.source.startsWith('event')));
const reportChoices = measures.flatMap((m) => (m.indicators ?? []).map((i) => ({ m, i })));

/** Years the chaos run records in: reports are compared for each. */
export const CHAOS_YEARS = [...new Set(measures.flatMap((m) => measureYears(m, catalogue)))].sort();

function day(rng: Prng, measure: Measure): string {
  const year = rng.pick(measureYears(measure, catalogue));
  const month = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A table carrying exactly the dimensions asked for, with distinct cells and the total they add to. */
function table(rng: Prng, dims: readonly string[]): CountTable {
  const wanted = CELL_DIMS.filter((d) => dims.includes(d));
  const cells: CountCell[] = [];
  const seen = new Set<string>();
  const n = rng.int(1, 6);
  for (let k = 0; k < n * 3 && cells.length < n; k++) {
    const cell = Object.fromEntries(wanted.map((d) => [d, rng.pick(valueIds(d))])) as Omit<CountCell, 'count'>;
    const key = JSON.stringify(cell);
    if (seen.has(key)) continue;
    seen.add(key);
    // small counts dominate, as in the field; a few larger ones
    cells.push({ ...cell, count: rng.chance(0.85) ? rng.int(0, 9) : rng.int(10, 400) });
  }
  return { cells, total: cells.reduce((s, c) => s + c.count, 0) };
}

function serviceLog(rng: Prng): RecordContent {
  const { m, i } = rng.pick(serviceChoices);
  return {
    kind: 'serviceLog',
    measureId: m.id,
    indicatorId: i.id,
    date: day(rng, m),
    district: rng.pick(districts),
    serviceType: rng.pick(serviceTypes),
    served: table(rng, i.dimensions),
  };
}

function event(rng: Prng): RecordContent {
  const m = rng.pick(eventChoices);
  const dims = [...new Set(counts(m).filter((i) => i.source === 'eventAttendance').flatMap((i) => i.dimensions))];
  const start = day(rng, m);
  const end = rng.chance(0.7) ? start : `${start.slice(0, 8)}${String(Math.min(28, Number(start.slice(8)) + rng.int(1, 3))).padStart(2, '0')}`;
  return {
    kind: 'event',
    measureId: m.id,
    title: `Захід ${rng.hex(6)} «Безпечний простір»`,
    format: rng.pick(eventFormats),
    startDate: start,
    endDate: end,
    venue: rng.chance(0.8) ? { mode: 'in_person', place: 'Бібліотека на Подолі', district: rng.pick(districts) } : { mode: 'online', platform: 'Zoom' },
    organiser: 'Київський міський центр',
    attendance: table(rng, dims),
    materials: { produced: rng.int(0, 3), distributed: rng.int(0, 50) },
  };
}

function indicatorReport(rng: Prng): RecordContent {
  const { m, i } = rng.pick(reportChoices);
  const year = rng.pick(measureYears(m, catalogue));
  const quarter = rng.int(0, 3);
  const start = `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  const end = `${year}-${String(quarter * 3 + 3).padStart(2, '0')}-28`;
  const value =
    i.kind === 'count'
      ? { type: 'count' as const, table: table(rng, i.dimensions) }
      : rng.chance(0.7)
        ? { type: 'deliverable' as const, done: true, documentRef: `Наказ № ${rng.int(1, 999)}` }
        : { type: 'deliverable' as const, done: false, documentRef: '' };
  return { kind: 'indicatorReport', measureId: m.id, indicatorId: i.id, periodStart: start, periodEnd: end, value };
}

export function randomContent(rng: Prng): RecordContent {
  const kind = rng.weighted({ serviceLog: 5, event: 3, indicatorReport: 2 });
  return kind === 'serviceLog' ? serviceLog(rng) : kind === 'event' ? event(rng) : indicatorReport(rng);
}

/** Same kind, measure and days, new counts: what an edit on a device usually is. */
export function editedContent(rng: Prng, record: FieldRecord): RecordContent {
  if (rng.chance(0.2)) return randomContent(rng);
  const content = contentOf(record);
  const fresh = randomContent(rng);
  if (content.kind === 'serviceLog' && fresh.kind === 'serviceLog' && fresh.indicatorId === content.indicatorId) return { ...content, served: fresh.served };
  if (content.kind === 'serviceLog') {
    const i = counts(measures.find((m) => m.id === content.measureId)!).find((x) => x.id === content.indicatorId)!;
    return { ...content, served: table(rng, i.dimensions), district: rng.pick(districts) };
  }
  if (content.kind === 'event') return { ...content, materials: { produced: rng.int(0, 3), distributed: rng.int(0, 50) }, title: `${content.title}+` };
  return fresh;
}

/** A generator bug must show as such, not as the server "losing" an invalid record. */
function checked(record: FieldRecord): FieldRecord {
  const check = validateRecord(record, { catalogue, today: '2099-12-31' });
  if (!check.ok) throw new Error(`chaos generator made an invalid record: ${JSON.stringify(check.issues)}`);
  return record;
}

function seal(record: Omit<FieldRecord, 'contentHash'>): FieldRecord {
  return checked({ ...record, contentHash: contentHashOf(record) } as FieldRecord);
}

/** Revision 1 with a seeded id, made at `at`. */
export function newRecord(rng: Prng, author: Author, at: Date): FieldRecord {
  const iso = at.toISOString();
  return seal({ ...randomContent(rng), id: rng.uuidv7(at.getTime()), ...author, createdAt: iso, updatedAt: iso, revision: 1, deleted: false } as Omit<FieldRecord, 'contentHash'>);
}

/** The next revision: an edit, or a tombstone (made as the app makes it, then checked). */
export function nextRevision(rng: Prng, previous: FieldRecord, at: Date, deleted = false): FieldRecord {
  const change = deleted ? { deleted: true } : { content: editedContent(rng, previous) };
  return checked(reviseRecord(previous, change, at));
}
