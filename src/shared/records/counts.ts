import { z } from 'zod';
import { plainText } from './text';

/** Largest count one cell may hold: guards against typos like 1000000 instead of 10. */
export const MAX_CELL_COUNT = 100_000;

export const count = z
  .number({ error: 'invalid_type' })
  .int({ error: 'count_integer' })
  .min(0, { error: 'count_non_negative' })
  .max(MAX_CELL_COUNT, { error: 'count_too_large' });

const dimensionValueId = plainText('one').min(1, { error: 'required' }).max(64, { error: 'too_long' });

/**
 * One cell of a disaggregated table: a combination of dimension values and how many people
 * (or items) fall in it. Which dimensions must be present depends on the indicator.
 */
export const countCell = z.strictObject(
  {
    sex: dimensionValueId.optional(),
    ageBand: dimensionValueId.optional(),
    group: dimensionValueId.optional(),
    sphere: dimensionValueId.optional(),
    count,
  },
  { error: 'unknown_field' },
);
export type CountCell = z.infer<typeof countCell>;

export function cellKey(cell: Omit<CountCell, 'count'>): string {
  return [cell.sex ?? '', cell.ageBand ?? '', cell.group ?? '', cell.sphere ?? ''].join('|');
}

/** What every table must hold: the total adds up its cells, and no combination appears twice. */
function checkCells(table: { cells: readonly CountCell[]; total: number }, ctx: z.RefinementCtx): void {
  const sum = table.cells.reduce((s, c) => s + c.count, 0);
  if (sum !== table.total) ctx.addIssue({ code: 'custom', message: 'total_mismatch', path: ['total'] });
  const seen = new Set<string>();
  table.cells.forEach((cell, i) => {
    const key = cellKey(cell);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'duplicate_cell', path: ['cells', i] });
    seen.add(key);
  });
}

/** A disaggregated count: its cells and the total they must add up to. */
export const countTable = z
  .strictObject({ cells: z.array(countCell).max(2000), total: count.max(10_000_000) }, { error: 'unknown_field' })
  .superRefine(checkCells);
export type CountTable = z.infer<typeof countTable>;

/**
 * One cell of a service log: `count` is the distinct persons served, `contacts` the contacts
 * (consultations, counselling sessions, hotline calls) they had, which one person may have several
 * of. Absent means as many contacts as persons: what every record said before contacts were
 * counted apart, so a stored record keeps its figures and its content hash (no default is added).
 */
export const serviceCell = z.strictObject(
  { ...countCell.shape, contacts: count.optional() },
  { error: 'unknown_field' },
);
export type ServiceCell = z.infer<typeof serviceCell>;

/** People served and their contacts, by cell: `total` adds up the persons; every cell has at least as many contacts as persons. */
export const serviceTable = z
  .strictObject({ cells: z.array(serviceCell).max(2000), total: count.max(10_000_000) }, { error: 'unknown_field' })
  .superRefine((table, ctx) => {
    checkCells(table, ctx);
    table.cells.forEach((cell, i) => {
      if (cell.contacts !== undefined && cell.contacts < cell.count)
        ctx.addIssue({ code: 'custom', message: 'contacts_below_persons', path: ['cells', i, 'contacts'] });
    });
  });
export type ServiceTable = z.infer<typeof serviceTable>;

/** A service cell's contacts: as many as its persons unless it says otherwise. */
export function contactsOf(cell: CountCell & { contacts?: number | undefined }): number {
  return cell.contacts ?? cell.count;
}

export function sumCells(cells: readonly CountCell[]): number {
  return cells.reduce((s, c) => s + c.count, 0);
}
