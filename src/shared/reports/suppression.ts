import { Polytope, type LinearRow, type Objective } from './lp';
import type { PublishedValue } from './protocol';

/**
 * Cell suppression for published counts of people, as statistical offices do it (τ-ARGUS,
 * sdcTable): primary suppression of every count of 1–4, then secondary suppression audited by
 * linear programming over every linked figure. The intruder knows every shown figure, that the
 * figures add up (each breakdown to its total, linked tables to each other), that counts are not
 * negative, and what the mark means: "not shown", nothing more (one mark for every hidden cell).
 * For every hidden cell the LP gives the interval of values consistent with all that; a cell is
 * protected when that interval is at least PROTECTION_WIDTH wide. Complementary cells are added,
 * cheapest first, until every hidden cell (and every other target, such as the difference of two
 * snapshots) is protected. Integrality is ignored (the LP relaxation, as τ-ARGUS audits).
 */

export const SMALL_CELL_THRESHOLD = 5;
/**
 * Every hidden figure's feasible interval must be at least this wide: as wide as the small-count
 * threshold, so the reader can never narrow a hidden count to the band of small counts (1–4 is
 * only 3 wide) nor to fewer than six consecutive values.
 */
export const PROTECTION_WIDTH = 5;
/** The one mark every hidden figure gets, whatever the reason it is hidden. */
export const HIDDEN_MARK = 'x';

export type { PublishedValue } from './protocol';

export function isSmallCount(value: number): boolean {
  return value > 0 && value < SMALL_CELL_THRESHOLD;
}

/**
 * free: this publication decides whether the cell is shown. shown / hidden: settled, as in an
 * earlier snapshot; cells never published (links between tables) are hidden.
 */
export type CellState = 'free' | 'shown' | 'hidden';

export interface LinkedCell {
  value: number;
  state: CellState;
  /** when hidden, its feasible interval must be at least PROTECTION_WIDTH wide */
  protect: boolean;
}

/** Σ parts = whole, indexes into the cells */
export interface LinkedEquation {
  parts: readonly number[];
  whole: number;
}

export interface LinkedTables {
  cells: readonly LinkedCell[];
  equations: readonly LinkedEquation[];
  /** more figures whose interval must be wide, as sums of cells (the change of a cell between two snapshots) */
  targets?: readonly Objective[];
}

export interface Protection {
  hidden: boolean[];
  /** false when even hiding every free cell could not protect every target */
  protected: boolean;
}

const TOLERANCE = 1e-7;

/** The reader's view: hidden cells are the unknowns, shown ones are constants. */
class Region {
  private readonly variable = new Map<number, number>();
  private readonly polytope: Polytope;

  constructor(tables: LinkedTables, readonly hidden: readonly boolean[]) {
    hidden.forEach((h, i) => h && this.variable.set(i, this.variable.size));
    const rows: LinearRow[] = [];
    for (const eq of tables.equations) {
      const terms = new Map<number, number>();
      let rhs = 0;
      const add = (cell: number, coef: number) => {
        const v = this.variable.get(cell);
        if (v === undefined) rhs -= coef * tables.cells[cell]!.value;
        else terms.set(v, (terms.get(v) ?? 0) + coef);
      };
      eq.parts.forEach((p) => add(p, 1));
      add(eq.whole, -1);
      const nonzero = [...terms].filter(([, c]) => c !== 0);
      if (nonzero.length) rows.push({ terms: nonzero, rhs });
    }
    const polytope = Polytope.of(this.variable.size, rows);
    // The true figures satisfy every row: no solution means the tables do not add up.
    if (!polytope) throw new Error('disclosure control: the linked tables do not add up');
    this.polytope = polytope;
  }

  /** one assignment of the hidden cells that fits everything published */
  point(): Map<number, number> {
    const x = this.polytope.point();
    return new Map([...this.variable].map(([cell, v]) => [cell, x[v]!]));
  }

  /** width of the target's interval, computed only up to PROTECTION_WIDTH (enough to decide) */
  width(target: Objective): number {
    const terms = target.flatMap(([cell, coef]) => {
      const v = this.variable.get(cell);
      return v === undefined ? [] : [[v, coef] as const];
    });
    if (terms.length === 0) return 0;
    const lo = this.polytope.minimize(terms);
    if (lo === -Infinity) return Infinity;
    return this.polytope.maximize(terms, lo + PROTECTION_WIDTH) - lo;
  }
}

function isWide(width: number): boolean {
  return width >= PROTECTION_WIDTH - TOLERANCE;
}

/** Hidden cells whose interval must be wide, then the extra targets. */
function targetsOf(tables: LinkedTables, hidden: readonly boolean[]): { key: string; objective: Objective }[] {
  const cells = tables.cells.flatMap((c, i) => (hidden[i] && c.protect ? [{ key: `c${i}`, objective: [[i, 1]] as Objective }] : []));
  return [...cells, ...(tables.targets ?? []).map((objective, i) => ({ key: `t${i}`, objective }))];
}

/**
 * Cells that could widen the target when hidden: the free, shown cells of every equation that
 * reaches the target's hidden cells (directly or through other hidden cells), cheapest first.
 */
function candidates(tables: LinkedTables, hidden: readonly boolean[], target: Objective): number[] {
  const byCell = new Map<number, number[]>();
  tables.equations.forEach((eq, e) => [...eq.parts, eq.whole].forEach((c) => byCell.set(c, [...(byCell.get(c) ?? []), e])));
  const reached = new Set<number>();
  const seenEquations = new Set<number>();
  const queue = target.map(([c]) => c);
  const found = new Set<number>();
  while (queue.length) {
    const cell = queue.pop()!;
    if (reached.has(cell)) continue;
    reached.add(cell);
    if (!hidden[cell]) {
      if (tables.cells[cell]!.state === 'free') found.add(cell);
      continue;
    }
    for (const e of byCell.get(cell) ?? []) {
      if (seenEquations.has(e)) continue;
      seenEquations.add(e);
      const eq = tables.equations[e]!;
      queue.push(...eq.parts, eq.whole);
    }
  }
  const cost = (i: number) => tables.cells[i]!.value + 1;
  return [...found].sort((a, b) => cost(a) - cost(b) || a - b);
}

/** The cheapest cell whose hiding protects the target; else the one that widens it most; else the cheapest. */
function singleComplement(tables: LinkedTables, hidden: boolean[], target: Objective, current: number): number[] | null {
  const options = candidates(tables, hidden, target);
  let best: { cell: number; width: number } | null = null;
  for (const cell of options) {
    hidden[cell] = true;
    const width = new Region(tables, hidden).width(target);
    hidden[cell] = false;
    if (isWide(width)) return [cell];
    if (!best || width > best.width + TOLERANCE) best = { cell, width };
  }
  if (best && best.width > current + TOLERANCE) return [best.cell];
  return options.length ? [options[0]!] : null;
}

/**
 * The cheapest set of cells to hide so that the target's interval becomes PROTECTION_WIDTH wide
 * (the LP heuristic of secondary suppression): find two tables that both add up in every
 * equation, keep every count non-negative and every settled cell as published, and whose
 * targets differ by the width, changing as few and as small shown cells as possible
 * (Σ (value + 1)·|change|). Hiding the shown cells they change makes both fit what is
 * published, so the interval is then at least that wide.
 */
function perturbationComplement(tables: LinkedTables, base: readonly number[], hidden: readonly boolean[], target: Objective): number[] | null {
  const free = tables.cells.map((c, i) => !hidden[i] && c.state === 'free');
  let n = 0;
  const rows: LinearRow[] = [];
  const cost: [number, number][] = [];
  // Per table: a hidden cell's value is one variable (≥ 0); a shown free cell moves by up − down, down ≤ its value.
  const tablesColumns = [0, 1].map(() => {
    const column: number[] = [];
    tables.cells.forEach((c, i) => {
      if (hidden[i]) column[i] = n++;
      else if (free[i]) {
        column[i] = n;
        rows.push({ terms: [[n + 1, 1], [n + 2, 1]], rhs: base[i]! });
        cost.push([n, c.value + 1], [n + 1, c.value + 1]);
        n += 3;
      }
    });
    return column;
  });
  /** a cell's value in table k minus its true value, as terms (added to `terms`) and a constant */
  const change = (k: number, cell: number, coef: number, terms: [number, number][]): number => {
    const column = tablesColumns[k]!;
    if (hidden[cell]) {
      terms.push([column[cell]!, coef]);
      return -coef * base[cell]!;
    }
    if (free[cell]) terms.push([column[cell]!, coef], [column[cell]! + 1, -coef]);
    return 0;
  };
  for (const k of [0, 1])
    for (const eq of tables.equations) {
      const terms: [number, number][] = [];
      let constant = 0;
      for (const p of eq.parts) constant += change(k, p, 1, terms);
      constant += change(k, eq.whole, -1, terms);
      if (terms.length) rows.push({ terms, rhs: -constant });
    }
  const targetTerms: [number, number][] = [];
  let constant = 0;
  for (const [cell, coef] of target) constant += change(0, cell, coef, targetTerms) + change(1, cell, -coef, targetTerms);
  if (!targetTerms.length) return null;
  rows.push({ terms: targetTerms, rhs: PROTECTION_WIDTH - constant });
  const y = Polytope.of(n, rows)?.argmin(cost);
  if (!y) return null;
  const moved = (k: number, i: number) => Math.abs(y[tablesColumns[k]![i]!]! - y[tablesColumns[k]![i]! + 1]!) > TOLERANCE;
  const changed = tables.cells.flatMap((_, i) => (free[i] && (moved(0, i) || moved(1, i)) ? [i] : []));
  return changed.length ? changed : null;
}

/** Values for every cell: the true ones, and a consistent completion for cells never published (NaN). */
function completed(tables: LinkedTables): number[] {
  const unknown = tables.cells.map((c) => Number.isNaN(c.value));
  if (!unknown.some(Boolean)) return tables.cells.map((c) => c.value);
  const point = new Region(tables, unknown).point();
  return tables.cells.map((c, i) => (unknown[i] ? point.get(i) ?? 0 : c.value));
}

/** True when every target of the tables keeps a wide interval with these cells hidden. */
function allWide(tables: LinkedTables, hidden: readonly boolean[]): boolean {
  const region = new Region(tables, hidden);
  return targetsOf(tables, hidden).every((t) => isWide(region.width(t.objective)));
}

/**
 * The heuristic may hide more than it needs: each complementary cell, largest first, is shown
 * again when everything stays protected without it.
 */
function withoutRedundant(tables: LinkedTables, hidden: boolean[]): boolean[] {
  const complements = tables.cells
    .flatMap((c, i) => (hidden[i] && c.state === 'free' && !(c.protect && isSmallCount(c.value)) ? [i] : []))
    .sort((a, b) => tables.cells[b]!.value - tables.cells[a]!.value || a - b);
  for (const cell of complements) {
    hidden[cell] = false;
    if (!allWide(tables, hidden)) hidden[cell] = true;
  }
  return hidden;
}

/**
 * Primary suppression (free cells to protect with a count of 1–4), then secondary suppression
 * until every target is protected. Hiding more only widens intervals, so a target found wide
 * stays wide and is not audited again.
 */
export function protectLinkedTables(tables: LinkedTables): Protection {
  const hidden = tables.cells.map((c) => c.state === 'hidden' || (c.state === 'free' && c.protect && isSmallCount(c.value)));
  const base = completed(tables);
  const wide = new Set<string>();
  for (;;) {
    const region = new Region(tables, hidden);
    let failing: { objective: Objective; width: number } | null = null;
    for (const t of targetsOf(tables, hidden)) {
      if (wide.has(t.key)) continue;
      const width = region.width(t.objective);
      if (isWide(width)) wide.add(t.key);
      else {
        failing = { objective: t.objective, width };
        break;
      }
    }
    if (!failing) return { hidden: withoutRedundant(tables, hidden), protected: true };
    const cells =
      perturbationComplement(tables, base, hidden, failing.objective) ?? singleComplement(tables, hidden, failing.objective, failing.width);
    if (!cells) return { hidden, protected: false };
    for (const c of cells) hidden[c] = true;
  }
}

/** Cells all free and to be protected, published together. */
export function suppressLinked(values: readonly number[], equations: readonly LinkedEquation[]): PublishedValue[] {
  const { hidden } = protectLinkedTables({ cells: values.map((value) => ({ value, state: 'free', protect: true })), equations });
  return values.map((value, i) => (hidden[i] ? { shown: false } : { shown: true, value }));
}

/** A one-way breakdown with its total, suppressed together. */
export function suppressBreakdown(parts: readonly number[], total: number): { parts: PublishedValue[]; total: PublishedValue } {
  const out = suppressLinked([...parts, total], [{ parts: parts.map((_, i) => i), whole: parts.length }]);
  return { parts: out.slice(0, parts.length), total: out[parts.length]! };
}

/** A two-way table with row totals, column totals and a grand total. */
export function suppressTable(grid: readonly (readonly number[])[]): {
  cells: PublishedValue[][];
  rowTotals: PublishedValue[];
  columnTotals: PublishedValue[];
  total: PublishedValue;
} {
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const values: number[] = grid.flat();
  const rowTotal = (r: number) => rows * cols + r;
  const colTotal = (c: number) => rows * cols + rows + c;
  const grand = rows * cols + rows + cols;
  for (let r = 0; r < rows; r++) values.push(grid[r]!.reduce((s, v) => s + v, 0));
  for (let c = 0; c < cols; c++) values.push(grid.reduce((s, row) => s + row[c]!, 0));
  values.push(values.slice(0, rows * cols).reduce((s, v) => s + v, 0));
  const equations: LinkedEquation[] = [];
  for (let r = 0; r < rows; r++) equations.push({ parts: Array.from({ length: cols }, (_, c) => r * cols + c), whole: rowTotal(r) });
  for (let c = 0; c < cols; c++) equations.push({ parts: Array.from({ length: rows }, (_, r) => r * cols + c), whole: colTotal(c) });
  equations.push({ parts: Array.from({ length: rows }, (_, r) => rowTotal(r)), whole: grand });
  const out = suppressLinked(values, equations);
  return {
    cells: Array.from({ length: rows }, (_, r) => out.slice(r * cols, (r + 1) * cols)),
    rowTotals: Array.from({ length: rows }, (_, r) => out[rowTotal(r)]!),
    columnTotals: Array.from({ length: cols }, (_, c) => out[colTotal(c)]!),
    total: out[grand]!,
  };
}

export function formatPublished(v: PublishedValue): string {
  return v.shown ? String(v.value) : HIDDEN_MARK;
}
