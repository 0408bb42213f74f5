import type { FieldRecord, RecordKind } from '../../../shared/records/schemas';

export const routeFor: Record<RecordKind, string> = {
  serviceLog: '/consultations',
  event: '/events',
  indicatorReport: '/indicators',
};

/** The number a record adds: people served, people attending, or the reported count. */
export function recordTotal(record: FieldRecord): number | null {
  switch (record.kind) {
    case 'serviceLog':
      return record.served.total;
    case 'event':
      return record.attendance.total;
    case 'indicatorReport':
      return record.value.type === 'count' ? record.value.table.total : null;
  }
}

export interface RecordFilter {
  kind: RecordKind | '';
  measureId: string;
  from: string;
  to: string;
  status: string;
}

export const emptyFilter: RecordFilter = { kind: '', measureId: '', from: '', to: '', status: '' };

export function matches(row: { kind: RecordKind; measureId: string; date: string; status: string; deleted: boolean }, filter: RecordFilter): boolean {
  if (filter.kind && row.kind !== filter.kind) return false;
  if (filter.measureId && row.measureId !== filter.measureId) return false;
  if (filter.from && row.date < filter.from) return false;
  if (filter.to && row.date > filter.to) return false;
  if (filter.status === 'deleted') return row.deleted;
  if (filter.status && row.status !== filter.status) return false;
  return true;
}
