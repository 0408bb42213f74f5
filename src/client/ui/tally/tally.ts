import type { CellDimension } from '../../../shared/dimensions';
import { cellKey, eligibleForAlsoIn, type AlsoInCell, type ServiceCell, type ServiceTable } from '../../../shared/records/counts';

/**
 * Counting people one tap at a time, or by typing numbers, into cells of a disaggregated table.
 * Pure functions over a small state that is saved with the form's draft after every change,
 * so the history survives a reload and "undo" still works afterwards.
 *
 * A service log also counts contacts (consultations, calls): a tap is a new person and their
 * contact; a repeat contact adds a contact to a cell without a person. A cell's contacts are kept
 * apart only once they differ (`contacts`); elsewhere they are as many as its persons. Drafts made
 * before contacts were counted have no `contacts` and no op touches them: they load as they were.
 */

export type Cell = Partial<Record<CellDimension, string>>;

export interface TallyOp {
  key: string;
  /** the cell's count before this change */
  before: number;
  /** the cell's own contacts before it, when the change touched them; null: it had none of its own */
  contactsBefore?: number | null;
}

export interface TallyState {
  counts: Record<string, number>;
  /** contacts of the cells that count them apart from their persons (a repeat contact, a typed number) */
  contacts?: Record<string, number>;
  history: TallyOp[];
  /**
   * People counted who also belong to another group than their cell's, by `sex|group`: typed, not
   * tapped, and apart from the undo history (the table's `alsoIn`, docs/counting-model.md).
   */
  also?: Record<string, number>;
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

function pushHistory(history: readonly TallyOp[], op: TallyOp): TallyOp[] {
  return [...history, op].slice(-HISTORY_LIMIT);
}

function withContacts(contacts: Record<string, number> | undefined, key: string, value: number | null): Record<string, number> | undefined {
  const next = { ...contacts };
  if (value === null) delete next[key];
  else next[key] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** The state with `contacts` set, or dropped when no cell counts them apart (the shape of an old draft). */
function withState(
  counts: Record<string, number>,
  contacts: Record<string, number> | undefined,
  history: TallyOp[],
  also?: Record<string, number>,
): TallyState {
  const state: TallyState = contacts ? { counts, contacts, history } : { counts, history };
  if (also && Object.keys(also).length > 0) state.also = also;
  return state;
}

function withCount(state: TallyState, key: string, count: number): TallyState {
  const before = state.counts[key] ?? 0;
  if (before === count) return state;
  const counts = { ...state.counts };
  if (count === 0) delete counts[key];
  else counts[key] = count;
  return withState(counts, state.contacts, pushHistory(state.history, { key, before }), state.also);
}

/** One more person in this cell (and, where the cell counts contacts apart, their contact). */
export function tap(state: TallyState, cell: Cell): TallyState {
  const key = keyOf(cell);
  const own = state.contacts?.[key];
  if (own === undefined) return withCount(state, key, (state.counts[key] ?? 0) + 1);
  const before = state.counts[key] ?? 0;
  const counts = { ...state.counts, [key]: before + 1 };
  return withState(counts, withContacts(state.contacts, key, own + 1), pushHistory(state.history, { key, before, contactsBefore: own }), state.also);
}

/** A typed number; anything that is not a whole number from 0 is refused (state unchanged). */
export function setCount(state: TallyState, cell: Cell, count: number): TallyState {
  if (!Number.isInteger(count) || count < 0) return state;
  return withCount(state, keyOf(cell), count);
}

/** The contacts of a cell: its own when it counts them apart, else as many as its persons. */
export function contactsAt(state: TallyState, cell: Cell): number {
  const key = keyOf(cell);
  return state.contacts?.[key] ?? state.counts[key] ?? 0;
}

function withContactsOf(state: TallyState, key: string, value: number): TallyState {
  const own = state.contacts?.[key];
  if (own === value) return state;
  const op: TallyOp = { key, before: state.counts[key] ?? 0, contactsBefore: own ?? null };
  return withState(state.counts, withContacts(state.contacts, key, value), pushHistory(state.history, op), state.also);
}

/** A repeat contact: one more contact in this cell by a person already counted in it. */
export function repeatContact(state: TallyState, cell: Cell): TallyState {
  return withContactsOf(state, keyOf(cell), contactsAt(state, cell) + 1);
}

/** Typed contacts of a cell; anything that is not a whole number from 0 is refused (state unchanged). */
export function setContacts(state: TallyState, cell: Cell, contacts: number): TallyState {
  if (!Number.isInteger(contacts) || contacts < 0) return state;
  return withContactsOf(state, keyOf(cell), contacts);
}

const alsoKey = (sex: string, group: string) => `${sex}|${group}`;

/** People of this sex marked as also in `group` (besides their cell's group). */
export function alsoAt(state: TallyState, sex: string, group: string): number {
  return state.also?.[alsoKey(sex, group)] ?? 0;
}

/** Typed "also in this group"; anything that is not a whole number from 0 is refused (state unchanged). */
export function setAlso(state: TallyState, sex: string, group: string, count: number): TallyState {
  if (!Number.isInteger(count) || count < 0) return state;
  const also = { ...state.also };
  if (count === 0) delete also[alsoKey(sex, group)];
  else also[alsoKey(sex, group)] = count;
  return withState(state.counts, state.contacts, state.history, also);
}

/** How many of this sex could still be also in `group`: those counted in another group. */
export function alsoRoom(state: TallyState, sex: string, group: string): number {
  return eligibleForAlsoIn(toTable(state).cells, { sex, group });
}

/** Takes back the last tap, repeat contact or typed number. */
export function undo(state: TallyState): TallyState {
  const last = state.history[state.history.length - 1];
  if (!last) return state;
  const counts = { ...state.counts };
  if (last.before === 0) delete counts[last.key];
  else counts[last.key] = last.before;
  const contacts = last.contactsBefore === undefined ? state.contacts : withContacts(state.contacts, last.key, last.contactsBefore);
  return withState(counts, contacts, state.history.slice(0, -1), state.also);
}

export function canUndo(state: TallyState): boolean {
  return state.history.length > 0;
}

/** The last change: of persons, or (`contacts`) of contacts alone (a repeat contact, typed contacts). */
export function lastChange(state: TallyState): { cell: Cell; delta: number; contacts?: true } | null {
  const last = state.history[state.history.length - 1];
  if (!last) return null;
  const cell = cellOf(last.key);
  const delta = (state.counts[last.key] ?? 0) - last.before;
  if (delta !== 0 || last.contactsBefore === undefined) return { cell, delta };
  return { cell, delta: contactsAt(state, cell) - (last.contactsBefore ?? last.before), contacts: true };
}

export function grandTotal(state: TallyState): number {
  return Object.values(state.counts).reduce((s, n) => s + n, 0);
}

/** Every cell's contacts added up. */
export function grandContacts(state: TallyState): number {
  const keys = new Set([...Object.keys(state.counts), ...Object.keys(state.contacts ?? {})]);
  let sum = 0;
  for (const key of keys) sum += state.contacts?.[key] ?? state.counts[key] ?? 0;
  return sum;
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

/**
 * The table a record stores: non-empty cells in a stable order, and their total. A cell says its
 * contacts only where they differ from its persons (an unchanged cell reads as every record before).
 */
export function toTable(state: TallyState): ServiceTable {
  const keys = new Set([...Object.keys(state.counts), ...Object.keys(state.contacts ?? {})]);
  const cells: ServiceCell[] = [...keys]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((key) => {
      const count = state.counts[key] ?? 0;
      const contacts = state.contacts?.[key];
      if (count === 0 && !contacts) return [];
      return [{ ...cellOf(key), count, ...(contacts !== undefined && contacts !== count ? { contacts } : {}) }];
    });
  const alsoIn: AlsoInCell[] = Object.entries(state.also ?? {})
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, count]) => {
      const [sex, group] = key.split('|') as [string, string];
      return { sex, group, count };
    });
  const total = cells.reduce((s, c) => s + c.count, 0);
  return alsoIn.length > 0 ? { cells, total, alsoIn } : { cells, total };
}

/** Back from a stored table, for editing a saved record (no history yet). */
export function fromTable(table: { cells: readonly ServiceCell[]; alsoIn?: readonly AlsoInCell[] | undefined }): TallyState {
  const counts: Record<string, number> = {};
  const contacts: Record<string, number> = {};
  for (const { count, contacts: own, ...cell } of table.cells) {
    const key = keyOf(cell);
    if (count > 0) counts[key] = (counts[key] ?? 0) + count;
    if (own !== undefined) contacts[key] = (contacts[key] ?? 0) + own;
  }
  // The form records memberships by sex alone; an entry that also names an age band (sent by
  // another client) is kept under its sex, added to any other of that sex and group.
  const also: Record<string, number> = {};
  for (const a of table.alsoIn ?? []) also[alsoKey(a.sex ?? 'not_stated', a.group)] = (also[alsoKey(a.sex ?? 'not_stated', a.group)] ?? 0) + a.count;
  return withState(counts, Object.keys(contacts).length > 0 ? contacts : undefined, [], also);
}
