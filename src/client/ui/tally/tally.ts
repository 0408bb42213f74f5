import type { CellDimension } from '../../../shared/dimensions';
import { cellKey, type CountCell, type CountTable } from '../../../shared/records/counts';

/**
 * Counting people one tap at a time, or by typing numbers, into cells of a disaggregated table.
 * Pure functions over a small state that is saved with the form's draft after every change,
 * so the history survives a reload and "undo" still works afterwards.
 */

export type Cell = Partial<Record<CellDimension, string>>;

export interface TallyOp {
  key: string;
  /** the cell's count before this change */
  before: number;
}

export interface TallyState {
  counts: Record<string, number>;
  history: TallyOp[];
}

/** Undo reaches this far back; older steps are dropped to keep drafts small. */
export const HISTORY_LIMIT = 300;

export function emptyTally(): TallyState {
  return { counts: {}, history: [] };
}

export const keyOf = (cell: Cell): string => cellKey(cell);

export function cellOf(key: string): Cell {
  const [sex, ageBand, group, sphere] = key.split('|');
  const cell: Cell = {};
  if (sex) cell.sex = sex;
  if (ageBand) cell.ageBand = ageBand;
  if (group) cell.group = group;
  if (sphere) cell.sphere = sphere;
  return cell;
}

export function countAt(state: TallyState, cell: Cell): number {
  return state.counts[keyOf(cell)] ?? 0;
}

function withCount(state: TallyState, key: string, count: number): TallyState {
  const before = state.counts[key] ?? 0;
  if (before === count) return state;
  const counts = { ...state.counts };
  if (count === 0) delete counts[key];
  else counts[key] = count;
  const history = [...state.history, { key, before }].slice(-HISTORY_LIMIT);
  return { counts, history };
}

/** One more person in this cell. */
export function tap(state: TallyState, cell: Cell): TallyState {
  const key = keyOf(cell);
  return withCount(state, key, (state.counts[key] ?? 0) + 1);
}

/** A typed number; anything that is not a whole number from 0 is refused (state unchanged). */
export function setCount(state: TallyState, cell: Cell, count: number): TallyState {
  if (!Number.isInteger(count) || count < 0) return state;
  return withCount(state, keyOf(cell), count);
}

/** Takes back the last tap or typed number. */
export function undo(state: TallyState): TallyState {
  const last = state.history[state.history.length - 1];
  if (!last) return state;
  const counts = { ...state.counts };
  if (last.before === 0) delete counts[last.key];
  else counts[last.key] = last.before;
  return { counts, history: state.history.slice(0, -1) };
}

export function canUndo(state: TallyState): boolean {
  return state.history.length > 0;
}

export function lastChange(state: TallyState): { cell: Cell; delta: number } | null {
  const last = state.history[state.history.length - 1];
  if (!last) return null;
  return { cell: cellOf(last.key), delta: (state.counts[last.key] ?? 0) - last.before };
}

export function grandTotal(state: TallyState): number {
  return Object.values(state.counts).reduce((s, n) => s + n, 0);
}

/** Sum over the cells that agree with `fixed` on every dimension it names. */
export function sumWhere(state: TallyState, fixed: Cell): number {
  let sum = 0;
  for (const [key, n] of Object.entries(state.counts)) {
    const cell = cellOf(key);
    if (Object.entries(fixed).every(([dim, value]) => cell[dim as CellDimension] === value)) sum += n;
  }
  return sum;
}

export interface Axis {
  dim: CellDimension;
  values: readonly string[];
}

export interface GridTotals {
  /** [row][column] */
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
}

/**
 * The grid a person sees: rows × columns within one slice (`fixed`, e.g. one social group),
 * with row, column and overall totals. A missing axis is a single row or column.
 */
export function gridTotals(state: TallyState, rows: Axis | null, columns: Axis | null, fixed: Cell = {}): GridTotals {
  const rowValues = rows ? rows.values : [undefined];
  const columnValues = columns ? columns.values : [undefined];
  const cells = rowValues.map((r) =>
    columnValues.map((c) => {
      const cell: Cell = { ...fixed };
      if (rows && r !== undefined) cell[rows.dim] = r;
      if (columns && c !== undefined) cell[columns.dim] = c;
      return countAt(state, cell);
    }),
  );
  const rowTotals = cells.map((row) => row.reduce((s, n) => s + n, 0));
  const columnTotals = columnValues.map((_, ci) => cells.reduce((s, row) => s + row[ci]!, 0));
  return { cells, rowTotals, columnTotals, total: rowTotals.reduce((s, n) => s + n, 0) };
}

/** The table a record stores: non-empty cells in a stable order, and their total. */
export function toTable(state: TallyState): CountTable {
  const cells: CountCell[] = Object.entries(state.counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, count]) => ({ ...cellOf(key), count }));
  return { cells, total: cells.reduce((s, c) => s + c.count, 0) };
}

/** Back from a stored table, for editing a saved record (no history yet). */
export function fromTable(table: CountTable): TallyState {
  const counts: Record<string, number> = {};
  for (const { count, ...cell } of table.cells) if (count > 0) counts[keyOf(cell)] = (counts[keyOf(cell)] ?? 0) + count;
  return { counts, history: [] };
}
