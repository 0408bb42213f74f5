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

/**
 * People of the table who also belong to another group than the one their cell names (a
 * displaced woman who is also a survivor of domestic violence). Each cell is counted once, in
 * its one (primary) group, so the total stays right; `alsoIn` adds the memberships a group
 * breakdown needs, which therefore adds up to more than the total (a multi-response breakdown,
 * docs/counting-model.md). Sex and age band narrow whom an entry speaks of; absent means any.
 */
export const alsoInCell = z.strictObject(
  { sex: dimensionValueId.optional(), ageBand: dimensionValueId.optional(), group: dimensionValueId, count },
  { error: 'unknown_field' },
);
export type AlsoInCell = z.infer<typeof alsoInCell>;
const alsoIn = z.array(alsoInCell).max(500).optional();

/** People of the cells an also-in entry may speak of: its sex and age band, any other group than its own. */
export function eligibleForAlsoIn(cells: readonly CountCell[], entry: Omit<AlsoInCell, 'count'>): number {
  return cells
    .filter(
      (c) =>
        (entry.sex === undefined || c.sex === entry.sex) &&
        (entry.ageBand === undefined || c.ageBand === entry.ageBand) &&
        c.group !== entry.group,
    )
    .reduce((s, c) => s + c.count, 0);
}

/** Nobody is counted twice in one group: an entry has at most the people whose own group is another. */
function checkAlsoIn(table: { cells: readonly CountCell[]; alsoIn?: readonly AlsoInCell[] | undefined }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  table.alsoIn?.forEach((entry, i) => {
    const key = [entry.sex ?? '', entry.ageBand ?? '', entry.group].join('|');
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: 'duplicate_cell', path: ['alsoIn', i] });
    seen.add(key);
    if (entry.count > eligibleForAlsoIn(table.cells, entry))
      ctx.addIssue({ code: 'custom', message: 'also_in_exceeds_persons', path: ['alsoIn', i, 'count'] });
  });
}

/** A disaggregated count: its cells and the total they must add up to. */
export const countTable = z
  .strictObject({ cells: z.array(countCell).max(2000), total: count.max(10_000_000), alsoIn }, { error: 'unknown_field' })
  .superRefine((table, ctx) => {
    checkCells(table, ctx);
    checkAlsoIn(table, ctx);
  });
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
  .strictObject({ cells: z.array(serviceCell).max(2000), total: count.max(10_000_000), alsoIn }, { error: 'unknown_field' })
  .superRefine((table, ctx) => {
    checkCells(table, ctx);
    checkAlsoIn(table, ctx);
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
