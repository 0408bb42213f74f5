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

/** A disaggregated count: its cells and the total they must add up to. */
export const countTable = z
  .strictObject({ cells: z.array(countCell).max(2000), total: count.max(10_000_000) }, { error: 'unknown_field' })
  .superRefine((table, ctx) => {
    const sum = table.cells.reduce((s, c) => s + c.count, 0);
    if (sum !== table.total) ctx.addIssue({ code: 'custom', message: 'total_mismatch', path: ['total'] });
    const seen = new Set<string>();
    table.cells.forEach((cell, i) => {
      const key = cellKey(cell);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'duplicate_cell', path: ['cells', i] });
      seen.add(key);
    });
  });
export type CountTable = z.infer<typeof countTable>;

export function sumCells(cells: readonly CountCell[]): number {
  return cells.reduce((s, c) => s + c.count, 0);
}
