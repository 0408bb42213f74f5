import type { IndicatorSource } from '../plan/catalogue-schema';
import { ANY, NOT_STATED } from '../dimensions/ids';
import type { AlsoInCell, CountCell, ServiceCell } from '../records/counts';
import type { FieldRecord } from '../records/schemas';
import type { ReviewStatus } from '../sync/protocol';
import { planIdOf } from '../plan/plan-id';

/**
 * What a fact counts: an indicator source, or one of the breakdowns beside them that no indicator
 * reads as its value (docs/counting-model.md):
 * - `…AlsoIn`: people of that source counted again in another group they also belong to. Added to
 *   the source's group breakdown, which is then multi-response; never to a total.
 * - `eventAudience`: an event, once in each sex and group its attendance holds (`*` = any), so an
 *   event count can be broken down by audience (16.3); an event is in several cells at once.
 */
export const alsoInSources = {
  servicePersons: 'servicePersonsAlsoIn',
  eventAttendance: 'eventAttendanceAlsoIn',
  indicatorReport: 'indicatorReportAlsoIn',
} as const;
export type AlsoInSource = (typeof alsoInSources)[keyof typeof alsoInSources];
export type FactSource = IndicatorSource | AlsoInSource | 'eventAudience';

/** The source whose group breakdown an indicator's multi-response memberships extend, if any. */
export function alsoInSourceOf(source: IndicatorSource): AlsoInSource | null {
  return source in alsoInSources ? alsoInSources[source as keyof typeof alsoInSources] : null;
}

/**
 * The smallest countable unit a report adds up: one cell of one record, tagged with everything a
 * report filters or groups by. The device derives facts from its records in memory; the server
 * stores the same facts in a table so reports are one GROUP BY away.
 */
export interface Fact {
  recordId: string;
  /** the plan the record was made under: measure ids are a plan's own (two plans both have 1.1) */
  planId: string;
  measureId: string;
  source: FactSource;
  /** set for indicator reports, which feed exactly one indicator */
  indicatorId: string | null;
  /** YYYY-MM-DD: the service day, the event's first day, or the end of a reported period */
  date: string;
  teamId: string;
  district: string;
  sex: string;
  ageBand: string;
  group: string;
  sphere: string;
  value: number;
  /** deliverables only: the document that shows it was done */
  documentRef: string | null;
}

type Tag = Pick<Fact, 'recordId' | 'planId' | 'measureId' | 'teamId' | 'date' | 'district'>;

function cellFacts(tag: Tag, source: FactSource, indicatorId: string | null, cells: readonly CountCell[]): Fact[] {
  return cells
    .filter((c) => c.count > 0)
    .map((c) => ({
      ...tag,
      source,
      indicatorId,
      sex: c.sex ?? NOT_STATED,
      ageBand: c.ageBand ?? NOT_STATED,
      group: c.group ?? NOT_STATED,
      sphere: c.sphere ?? NOT_STATED,
      value: c.count,
      documentRef: null,
    }));
}

/** The cells as counts of contacts: a cell that does not say has as many contacts as persons. */
function contactCells(cells: readonly ServiceCell[]): CountCell[] {
  return cells.map(({ contacts, ...cell }) => ({ ...cell, count: contacts ?? cell.count }));
}

function alsoInFacts(tag: Tag, source: AlsoInSource, indicatorId: string | null, entries: readonly AlsoInCell[] | undefined): Fact[] {
  return cellFacts(tag, source, indicatorId, entries ?? []);
}

/**
 * An event in each sex and group its attendance holds: every pair, each sex and each group
 * whatever the other (`*`), and `*`·`*` once when anyone was counted (the events whose audience
 * is known). A group named only in `alsoIn` is in the audience too.
 */
function audienceFacts(tag: Tag, cells: readonly CountCell[], alsoIn: readonly AlsoInCell[] | undefined): Fact[] {
  const pairs = new Set<string>();
  for (const c of cells) if (c.count > 0) pairs.add(`${c.sex ?? NOT_STATED}\u0000${c.group ?? NOT_STATED}`);
  for (const a of alsoIn ?? []) if (a.count > 0) pairs.add(`${a.sex ?? ANY}\u0000${a.group}`);
  if (pairs.size === 0) return [];
  const keys = new Set<string>([`${ANY}\u0000${ANY}`]);
  for (const pair of pairs) {
    const [sex, group] = pair.split('\u0000') as [string, string];
    keys.add(pair).add(`${sex}\u0000${ANY}`).add(`${ANY}\u0000${group}`);
  }
  return [...keys].sort().map((key) => {
    const [sex, group] = key.split('\u0000') as [string, string];
    return { ...plainFact(tag, 'eventAudience', null, 1), sex, group };
  });
}

function plainFact(tag: Tag, source: FactSource, indicatorId: string | null, value: number, documentRef: string | null = null): Fact {
  return { ...tag, source, indicatorId, sex: NOT_STATED, ageBand: NOT_STATED, group: NOT_STATED, sphere: NOT_STATED, value, documentRef };
}

/** What a record contributes to the plan's indicators. A deleted record contributes nothing. */
export function factsOfRecord(record: FieldRecord): Fact[] {
  if (record.deleted) return [];
  const base = { recordId: record.id, planId: planIdOf(record), measureId: record.measureId, teamId: record.teamId };
  switch (record.kind) {
    case 'serviceLog': {
      const tag = { ...base, date: record.date, district: record.district };
      // Persons first: a stored fact keeps its place (the server's facts are keyed by it).
      // Then contacts, then memberships of other groups: new kinds of fact go after the old ones.
      return [
        ...cellFacts(tag, 'servicePersons', null, record.served.cells),
        ...cellFacts(tag, 'serviceContacts', null, contactCells(record.served.cells)),
        ...alsoInFacts(tag, 'servicePersonsAlsoIn', null, record.served.alsoIn),
      ];
    }
    case 'event': {
      const district = record.venue.mode === 'in_person' ? record.venue.district : NOT_STATED;
      const tag = { ...base, date: record.startDate, district };
      // The plan counts materials (titles) made, not copies handed out: copies stay on the record.
      const produced = record.materials.produced;
      return [
        plainFact(tag, 'eventCount', null, 1),
        ...cellFacts(tag, 'eventAttendance', null, record.attendance.cells),
        ...(produced > 0 ? [plainFact(tag, 'eventMaterials', null, produced)] : []),
        ...alsoInFacts(tag, 'eventAttendanceAlsoIn', null, record.attendance.alsoIn),
        ...audienceFacts(tag, record.attendance.cells, record.attendance.alsoIn),
      ];
    }
    case 'indicatorReport': {
      const tag = { ...base, date: record.periodEnd, district: NOT_STATED };
      const value = record.value;
      if (value.type === 'deliverable')
        return value.done ? [plainFact(tag, 'indicatorReport', record.indicatorId, 1, value.documentRef)] : [];
      return [
        ...cellFacts(tag, 'indicatorReport', record.indicatorId, value.table.cells),
        ...alsoInFacts(tag, 'indicatorReportAlsoIn', record.indicatorId, value.table.alsoIn),
      ];
    }
  }
}

/** Review states that count: approved always, pending only when the report asks for it. */
export function countsInReport(status: ReviewStatus, includePending: boolean): boolean {
  return status === 'approved' || (includePending && status === 'pending');
}
