import {
  allMeasures,
  createRecord,
  defaultCatalogue,
  measureYears,
  valueIds,
  type Author,
  type CellDimension,
  type CountCell,
  type CountIndicator,
  type FieldRecord,
  type Measure,
  type RecordContent,
} from '../../../src/shared';

/**
 * Valid records for the real plan catalogue, picked by what the measures' indicators count
 * (not hard-coded ids), so the tests follow the catalogue as it is corrected.
 */

const YEAR = 2023;

function countIndicators(measure: Measure): CountIndicator[] {
  return (measure.indicators ?? []).filter((i): i is CountIndicator => i.kind === 'count');
}

function runsIn(measure: Measure): boolean {
  return measureYears(measure, defaultCatalogue).includes(YEAR);
}

function firstMeasure(pick: (m: Measure) => boolean): Measure {
  const found = allMeasures(defaultCatalogue).find((e) => runsIn(e.measure) && pick(e.measure));
  if (!found) throw new Error('the catalogue has no suitable measure for this fixture');
  return found.measure;
}

export const serviceMeasure = firstMeasure((m) => countIndicators(m).some((i) => i.source === 'servicePersons'));
export const serviceIndicator = countIndicators(serviceMeasure).find((i) => i.source === 'servicePersons')!;
export const eventMeasure = firstMeasure((m) => countIndicators(m).some((i) => i.source === 'eventAttendance'));
/** a measure whose indicators count no events: an event record for it is invalid */
export const measureWithoutEvents = firstMeasure((m) => !countIndicators(m).some((i) => i.source.startsWith('event')));

const cellDims: CellDimension[] = ['sex', 'ageBand', 'group', 'sphere'];

function value(dim: CellDimension, n: number): string {
  const ids = valueIds(dim).filter((v) => v !== 'not_stated');
  return ids[n % ids.length]!;
}

/** Cells carrying every dimension the indicators ask for, with the given counts. */
function cells(dims: readonly string[], counts: number[]): { cells: CountCell[]; total: number } {
  const wanted = cellDims.filter((d) => dims.includes(d));
  const list = counts.map((count, n) => ({ ...Object.fromEntries(wanted.map((d) => [d, value(d, n)])), count }) as CountCell);
  return { cells: list, total: counts.reduce((a, b) => a + b, 0) };
}

export function serviceLogContent(over: Partial<Extract<RecordContent, { kind: 'serviceLog' }>> = {}): RecordContent {
  return {
    kind: 'serviceLog',
    measureId: serviceMeasure.id,
    indicatorId: serviceIndicator.id,
    date: `${YEAR}-05-10`,
    district: defaultCatalogue.districts[0]!.id,
    serviceType: 'psychosocial_consultation',
    served: cells(serviceIndicator.dimensions, [3, 1]),
    ...over,
  };
}

export function eventContent(over: Partial<Extract<RecordContent, { kind: 'event' }>> = {}): RecordContent {
  const dims = countIndicators(eventMeasure)
    .filter((i) => i.source === 'eventAttendance')
    .flatMap((i) => i.dimensions);
  return {
    kind: 'event',
    measureId: eventMeasure.id,
    title: 'Тренінг щодо резолюції 1325',
    format: 'training',
    startDate: `${YEAR}-05-10`,
    endDate: `${YEAR}-05-11`,
    venue: { mode: 'in_person', place: 'Бібліотека', district: defaultCatalogue.districts[1]!.id },
    organiser: 'Департамент соціальної політики',
    attendance: cells(dims, [12, 5]),
    materials: { produced: 1, distributed: 30 },
    ...over,
  };
}

export const RECORDED_AT = new Date('2023-06-01T09:00:00Z');

/** n service logs (alternating with events) by one author. */
export function someRecords(author: Author, n: number): FieldRecord[] {
  return Array.from({ length: n }, (_, i) =>
    createRecord(i % 2 === 0 ? serviceLogContent({ date: `${YEAR}-05-${String(1 + (i % 28)).padStart(2, '0')}` }) : eventContent(), author, RECORDED_AT),
  );
}
