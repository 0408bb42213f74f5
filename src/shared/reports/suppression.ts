/**
 * Small-cell suppression for published figures. A count of 1–4 people is hidden ("<5") because a
 * handful of violence survivors in one district can be identified; then, wherever a sum is shown,
 * one more cell is hidden beside a hidden one, so it cannot be recovered by subtraction.
 */

export const SMALL_CELL_THRESHOLD = 5;

export type PublishedValue =
  | { shown: true; value: number }
  | { shown: false; reason: 'small' | 'complementary' };

/** `whole` is the sum of `parts`: indexes into the value list. */
export interface SumConstraint {
  parts: number[];
  whole: number;
}

export function suppress(values: readonly number[], constraints: readonly SumConstraint[]): PublishedValue[] {
  const hidden: ('small' | 'complementary' | null)[] = values.map((v) => (v > 0 && v < SMALL_CELL_THRESHOLD ? 'small' : null));
  let changed = true;
  while (changed) {
    changed = false;
    for (const { parts, whole } of constraints) {
      const members = [...parts, whole];
      const hiddenCount = members.filter((i) => hidden[i] !== null).length;
      if (hiddenCount !== 1) continue;
      // Hide the smallest other non-zero part; zeros reveal nothing and stay shown.
      const candidate = parts
        .filter((i) => hidden[i] === null && values[i]! > 0)
        .sort((a, b) => values[a]! - values[b]!)[0];
      const target = candidate ?? (hidden[whole] === null ? whole : undefined);
      if (target === undefined) continue;
      hidden[target] = 'complementary';
      changed = true;
    }
  }
  return values.map((value, i) => {
    const reason = hidden[i];
    return reason ? { shown: false, reason } : { shown: true, value };
  });
}

/** A one-way breakdown with its total: the parts then the total, suppressed together. */
export function suppressBreakdown(parts: readonly number[], total: number): { parts: PublishedValue[]; total: PublishedValue } {
  const out = suppress([...parts, total], [{ parts: parts.map((_, i) => i), whole: parts.length }]);
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
  const constraints: SumConstraint[] = [];
  for (let r = 0; r < rows; r++) constraints.push({ parts: Array.from({ length: cols }, (_, c) => r * cols + c), whole: rowTotal(r) });
  for (let c = 0; c < cols; c++) constraints.push({ parts: Array.from({ length: rows }, (_, r) => r * cols + c), whole: colTotal(c) });
  constraints.push({ parts: Array.from({ length: rows }, (_, r) => rowTotal(r)), whole: grand });
  constraints.push({ parts: Array.from({ length: cols }, (_, c) => colTotal(c)), whole: grand });
  const out = suppress(values, constraints);
  return {
    cells: Array.from({ length: rows }, (_, r) => out.slice(r * cols, (r + 1) * cols)),
    rowTotals: Array.from({ length: rows }, (_, r) => out[rowTotal(r)]!),
    columnTotals: Array.from({ length: cols }, (_, c) => out[colTotal(c)]!),
    total: out[grand]!,
  };
}

export function formatPublished(v: PublishedValue): string {
  return v.shown ? String(v.value) : v.reason === 'small' ? '<5' : 'x';
}
