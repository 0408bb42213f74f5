/**
 * A small dense simplex for the disclosure audit: variables x ≥ 0, equality rows, one feasible
 * region asked many objectives. Phase I runs once; every objective starts from its feasible basis.
 * Deterministic (same input, same pivots). Sizes here are tens of rows and variables.
 */

/** Σ coef·x[index] = rhs */
export interface LinearRow {
  terms: readonly (readonly [index: number, coef: number])[];
  rhs: number;
}

export type Objective = readonly (readonly [index: number, coef: number])[];

const EPS = 1e-9;
/** consecutive degenerate pivots before switching to Bland's rule (which cannot cycle) */
const DEGENERATE_LIMIT = 30;

type Tableau = Float64Array[];

function pivot(t: Tableau, basis: number[], row: number, col: number, width: number): void {
  const p = t[row]!;
  const inv = 1 / p[col]!;
  for (let j = 0; j < width; j++) p[j]! *= inv;
  p[col] = 1;
  for (let i = 0; i < t.length; i++) {
    if (i === row) continue;
    const r = t[i]!;
    const f = r[col]!;
    if (f === 0) continue;
    for (let j = 0; j < width; j++) {
      const v = r[j]! - f * p[j]!;
      r[j] = Math.abs(v) < EPS ? 0 : v;
    }
    r[col] = 0;
  }
  basis[row] = col;
}

/**
 * Maximises `cost · x` over the tableau's rows (columns < `columns` may enter).
 * Returns the optimum, +Infinity when unbounded, or stops early once the value reaches `stopAt`.
 */
function run(t: Tableau, basis: number[], cost: Float64Array, columns: number, stopAt: number): number {
  const rhs = cost.length;
  // Reduced costs, kept up to date by each pivot; z[rhs] is minus the objective's value.
  const z = new Float64Array(rhs + 1);
  z.set(cost);
  for (let i = 0; i < t.length; i++) {
    const cb = cost[basis[i]!]!;
    if (cb === 0) continue;
    const r = t[i]!;
    for (let j = 0; j <= rhs; j++) z[j] = z[j]! - cb * r[j]!;
  }
  let degenerate = 0;
  for (let iteration = 0; ; iteration++) {
    if (iteration > 50_000) throw new Error('simplex: iteration limit');
    const value = -z[rhs]!;
    if (value >= stopAt) return value;
    const bland = degenerate >= DEGENERATE_LIMIT;
    let col = -1;
    for (let j = 0; j < columns; j++) {
      if (z[j]! <= EPS) continue;
      if (col < 0 || (!bland && z[j]! > z[col]!)) col = j;
      if (bland) break;
    }
    if (col < 0) return value;
    let row = -1;
    let best = Infinity;
    for (let i = 0; i < t.length; i++) {
      const a = t[i]![col]!;
      if (a <= EPS) continue;
      const ratio = t[i]![rhs]! / a;
      if (ratio < best - EPS || (ratio < best + EPS && row >= 0 && basis[i]! < basis[row]!)) {
        best = ratio;
        row = i;
      }
    }
    if (row < 0) return Infinity;
    degenerate = best <= EPS ? degenerate + 1 : 0;
    pivot(t, basis, row, col, rhs + 1);
    const f = z[col]!;
    const p = t[row]!;
    for (let j = 0; j <= rhs; j++) {
      const v = z[j]! - f * p[j]!;
      z[j] = Math.abs(v) < EPS ? 0 : v;
    }
    z[col] = 0;
  }
}

/**
 * Rows that settle their variables outright: one variable left (x = rhs / a), or variables of
 * one sign adding to 0 (all 0, since x ≥ 0). Applied until none is left; null: no solution.
 */
function presolve(variables: number, rows: readonly LinearRow[]): { fixed: Map<number, number>; rows: LinearRow[] } | null {
  const live = rows.map((r) => ({ terms: new Map(r.terms.filter(([, c]) => c !== 0)), rhs: r.rhs }));
  const rowsOf: number[][] = Array.from({ length: variables }, () => []);
  live.forEach((r, i) => r.terms.forEach((_, j) => rowsOf[j]!.push(i)));
  const fixed = new Map<number, number>();
  const tol = (r: { rhs: number }) => 1e-9 * Math.max(1, Math.abs(r.rhs));
  const settles = (r: (typeof live)[number]) => {
    if (r.terms.size === 1) return true;
    const signs = new Set([...r.terms.values()].map(Math.sign));
    return r.terms.size > 1 && signs.size === 1 && Math.abs(r.rhs) <= tol(r);
  };
  const queue = live.flatMap((r, i) => (settles(r) ? [i] : []));
  let feasible = true;
  const fix = (j: number, value: number) => {
    if (value < -1e-7) feasible = false;
    fixed.set(j, Math.max(0, value));
    for (const i of rowsOf[j]!) {
      const r = live[i]!;
      const c = r.terms.get(j);
      if (c === undefined) continue;
      r.terms.delete(j);
      r.rhs -= c * value;
      if (settles(r)) queue.push(i);
    }
  };
  while (queue.length && feasible) {
    const r = live[queue.pop()!]!;
    if (!settles(r)) continue;
    const terms = [...r.terms];
    if (terms.length === 1) fix(terms[0]![0], r.rhs / terms[0]![1]);
    else for (const [j] of terms) fix(j, 0);
  }
  if (!feasible) return null;
  const out: LinearRow[] = [];
  for (const r of live) {
    if (r.terms.size > 0) out.push({ terms: [...r.terms], rhs: r.rhs });
    else if (Math.abs(r.rhs) > 1e-7 * Math.max(1, Math.abs(r.rhs))) return null;
  }
  return { fixed, rows: out };
}

/** The region {x ≥ 0 : rows}, ready to be asked for the range of linear objectives. */
export class Polytope {
  private constructor(
    private readonly t: Tableau,
    private readonly basis: number[],
    /** the tableau's variables, after presolve */
    private readonly columns: number,
    /** original variable → tableau column, or −1 when presolve fixed it */
    private readonly column: Int32Array,
    private readonly fixed: ReadonlyMap<number, number>,
    readonly variables: number,
  ) {}

  /** null when the rows have no solution with x ≥ 0 */
  static of(variables: number, rows: readonly LinearRow[]): Polytope | null {
    const pre = presolve(variables, rows);
    if (!pre) return null;
    const column = new Int32Array(variables).fill(-1);
    let n = 0;
    for (let j = 0; j < variables; j++) if (!pre.fixed.has(j)) column[j] = n++;
    const m = pre.rows.length;
    const width = n + m + 1;
    const t: Tableau = pre.rows.map((r, i) => {
      const line = new Float64Array(width);
      const sign = r.rhs < 0 ? -1 : 1;
      for (const [j, c] of r.terms) line[column[j]!] = line[column[j]!]! + sign * c;
      line[n + i] = 1;
      line[width - 1] = sign * r.rhs;
      return line;
    });
    const basis = pre.rows.map((_, i) => n + i);
    // Phase I: maximise −Σ artificials; the rows are feasible when it reaches 0.
    const cost = new Float64Array(width - 1);
    for (let i = 0; i < m; i++) cost[n + i] = -1;
    const scale = Math.max(1, ...pre.rows.map((r) => Math.abs(r.rhs)));
    if (run(t, basis, cost, n, Infinity) < -1e-7 * scale) return null;
    // Drive artificials still basic (at zero) out of the basis; a row with nothing else is redundant.
    const keep: number[] = [];
    for (let i = 0; i < m; i++) {
      if (basis[i]! < n) {
        keep.push(i);
        continue;
      }
      let col = -1;
      for (let j = 0; j < n; j++) if (Math.abs(t[i]![j]!) > EPS && (col < 0 || Math.abs(t[i]![j]!) > Math.abs(t[i]![col]!))) col = j;
      if (col >= 0) {
        pivot(t, basis, i, col, width);
        keep.push(i);
      }
    }
    const reduced = keep.map((i) => {
      const line = new Float64Array(n + 1);
      line.set(t[i]!.subarray(0, n));
      line[n] = t[i]![width - 1]!;
      return line;
    });
    return new Polytope(reduced, keep.map((i) => basis[i]!), n, column, pre.fixed, variables);
  }

  private expand(t: Tableau, basis: readonly number[]): number[] {
    const inner = new Array<number>(this.columns).fill(0);
    basis.forEach((col, i) => (inner[col] = t[i]![this.columns]!));
    return Array.from({ length: this.variables }, (_, j) => (this.column[j]! >= 0 ? inner[this.column[j]!]! : this.fixed.get(j)!));
  }

  /** a point of the region (the basic solution Phase I found) */
  point(): number[] {
    return this.expand(this.t, this.basis);
  }

  /** max of the objective; +Infinity when unbounded; stops as soon as a point reaching `stopAt` is found */
  maximize(objective: Objective, stopAt = Infinity): number {
    return this.solve(objective, stopAt).value;
  }

  /** the point where the objective is smallest (null when it is unbounded below) */
  argmin(objective: Objective): number[] | null {
    const { value, t, basis } = this.solve(objective.map(([j, c]) => [j, -c] as const), Infinity);
    return value === Infinity ? null : this.expand(t, basis);
  }

  private solve(objective: Objective, stopAt: number): { value: number; t: Tableau; basis: number[] } {
    const cost = new Float64Array(this.columns);
    let constant = 0;
    for (const [j, c] of objective) {
      const col = this.column[j]!;
      if (col >= 0) cost[col] = cost[col]! + c;
      else constant += c * this.fixed.get(j)!;
    }
    const t = this.t.map((r) => r.slice());
    const basis = [...this.basis];
    const value = run(t, basis, cost, this.columns, stopAt - constant) + constant;
    return { value: value || 0, t, basis };
  }

  minimize(objective: Objective): number {
    return 0 - this.maximize(objective.map(([j, c]) => [j, -c] as const)) || 0;
  }

  /** [min, max] of the objective */
  range(objective: Objective): [number, number] {
    return [this.minimize(objective), this.maximize(objective)];
  }
}
