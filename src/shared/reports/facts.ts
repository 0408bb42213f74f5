import type { IndicatorSource } from '../plan/catalogue-schema';
import { NOT_STATED } from '../dimensions/ids';
import type { CountCell, ServiceCell } from '../records/counts';
import type { FieldRecord } from '../records/schemas';
import type { ReviewStatus } from '../sync/protocol';

/**
 * The smallest countable unit a report adds up: one cell of one record, tagged with everything a
 * report filters or groups by. The device derives facts from its records in memory; the server
 * stores the same facts in a table so reports are one GROUP BY away.
 */
export interface Fact {
  recordId: string;
  measureId: string;
  source: IndicatorSource;
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

type Tag = Pick<Fact, 'recordId' | 'measureId' | 'teamId' | 'date' | 'district'>;

function cellFacts(tag: Tag, source: IndicatorSource, indicatorId: string | null, cells: readonly CountCell[]): Fact[] {
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

function plainFact(tag: Tag, source: IndicatorSource, indicatorId: string | null, value: number, documentRef: string | null = null): Fact {
  return { ...tag, source, indicatorId, sex: NOT_STATED, ageBand: NOT_STATED, group: NOT_STATED, sphere: NOT_STATED, value, documentRef };
}

/** What a record contributes to the plan's indicators. A deleted record contributes nothing. */
export function factsOfRecord(record: FieldRecord): Fact[] {
  if (record.deleted) return [];
  const base = { recordId: record.id, measureId: record.measureId, teamId: record.teamId };
  switch (record.kind) {
    case 'serviceLog': {
      const tag = { ...base, date: record.date, district: record.district };
      // Persons first: a stored fact keeps its place (the server's facts are keyed by it).
      return [...cellFacts(tag, 'servicePersons', null, record.served.cells), ...cellFacts(tag, 'serviceContacts', null, contactCells(record.served.cells))];
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
      ];
    }
    case 'indicatorReport': {
      const tag = { ...base, date: record.periodEnd, district: NOT_STATED };
      const value = record.value;
      if (value.type === 'deliverable')
        return value.done ? [plainFact(tag, 'indicatorReport', record.indicatorId, 1, value.documentRef)] : [];
      return cellFacts(tag, 'indicatorReport', record.indicatorId, value.table.cells);
    }
  }
}

/** Review states that count: approved always, pending only when the report asks for it. */
export function countsInReport(status: ReviewStatus, includePending: boolean): boolean {
  return status === 'approved' || (includePending && status === 'pending');
}
