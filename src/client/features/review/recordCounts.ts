import { NOT_STATED } from '../../../shared/dimensions';
import type { CountCell } from '../../../shared/records/counts';
import type { FieldRecord } from '../../../shared/records/schemas';

export type ColumnDimension = 'group' | 'sphere';

/** A record's people (or items) table, if it has one: served, attendance, or a reported count. */
export function recordCells(record: FieldRecord): CountCell[] | null {
  switch (record.kind) {
    case 'serviceLog':
      return record.served.cells;
    case 'event':
      return record.attendance.cells;
    case 'indicatorReport':
      return record.value.type === 'count' ? record.value.table.cells : null;
  }
}

/** Columns of a record's grid: social group, or sphere for records counted by organisation. */
export function columnDimension(cells: readonly CountCell[]): ColumnDimension {
  return cells.some((c) => c.sphere !== undefined) && !cells.some((c) => c.group !== undefined) ? 'sphere' : 'group';
}

/** Cells in the shape the report's cross table takes: sex × age band rows, one column per group (or sphere). */
export function gridCells(cells: readonly CountCell[]): { sex: string; ageBand: string; group: string; value: number }[] {
  const column = columnDimension(cells);
  return cells.map((c) => ({
    sex: c.sex ?? NOT_STATED,
    ageBand: c.ageBand ?? NOT_STATED,
    group: c[column] ?? NOT_STATED,
    value: c.count,
  }));
}
