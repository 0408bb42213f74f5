import type loadHighs from 'highs';
import { dimensions, districtValues, isMinorAgeBand } from '../../../src/shared/dimensions';
import type { Catalogue } from '../../../src/shared/plan';
import type { IndicatorProgress, ProgressReport, PublicIndicator, PublicProgress } from '../../../src/shared/reports';

/**
 * The intruder of the disclosure audit, written apart from the method it checks and solved with
 * HiGHS (not the method's simplex). It reads only what a reader sees, every snapshot of the year
 * as JSON, plus what the threat model grants: the plan's definitions (which indicators count the
 * same people, what "women" and "children" mean), that counts are not negative, that a category
 * left out of a list is 0, and the direction (grew / shrank) of every figure between two
 * consecutive snapshots. Its unknowns are the people themselves: one variable per combination of
 * sex × age band × group × district that the published zeros do not rule out (microdata), so
 * nothing here relies on the method's own reduction to one-way tables.
 */

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Pop = 'all' | 'women' | 'children';
type Dim = 'sex' | 'ageBand' | 'group' | 'district';
const DIMS: Dim[] = ['sex', 'ageBand', 'group', 'district'];
const LISTS = { sex: 'bySex', ageBand: 'byAgeBand', group: 'byGroup', district: 'byDistrict' } as const;
const PEOPLE = new Set(['persons', 'consultations', 'services']);

export const WIDTH = 5;

interface Micro {
  sex: string;
  ageBand: string;
  group: string;
  district: string;
}

/** A published figure: a population, and a dimension's category (or the total). */
interface Figure {
  pop: Pop;
  dim: Dim | 'total';
  value: string;
}

const figureKey = (f: Figure) => `${f.pop}:${f.dim}:${f.value}`;
const inPop = (pop: Pop, m: Micro) => pop === 'all' || (pop === 'women' ? m.sex === 'female' : isMinorAgeBand(m.ageBand));
const inFigure = (f: Figure, m: Micro) => inPop(f.pop, m) && (f.dim === 'total' || m[f.dim] === f.value);

/** The tables the documentation says are published for a population. */
function publishedDims(pop: Pop): Dim[] {
  return pop === 'women' ? ['ageBand', 'group', 'district'] : DIMS;
}

function universe(catalogue: Catalogue, pop: Pop, dim: Dim): string[] {
  if (dim === 'district') return districtValues(catalogue).map((d) => d.id);
  const ids = dimensions[dim].values.map((v) => v.id);
  return dim === 'ageBand' && pop === 'children' ? ids.filter(isMinorAgeBand) : ids;
}

export interface FamilyDef {
  measureId: string;
  source: string;
  indicators: { id: string; pop: Pop }[];
}

/** People-counting indicators that add up the same facts (same measure and source). */
export function familiesOfCatalogue(catalogue: Catalogue): FamilyDef[] {
  const out = new Map<string, FamilyDef>();
  for (const sg of catalogue.strategicGoals)
    for (const og of sg.operationalGoals)
      for (const t of og.tasks)
        for (const m of t.measures)
          for (const i of m.indicators ?? []) {
            if (i.kind !== 'count' || !PEOPLE.has(i.unit)) continue;
            const key = `${m.id}|${i.source}|${i.source === 'indicatorReport' ? i.id : ''}`;
            const def = out.get(key) ?? { measureId: m.id, source: i.source, indicators: [] };
            def.indicators.push({ id: i.id, pop: i.population });
            out.set(key, def);
          }
  return [...out.values()];
}

function findIndicator(p: PublicProgress, id: string): PublicIndicator | undefined {
  return p.strategicGoals.flatMap((g) => g.measures.flatMap((m) => m.indicators)).find((i) => i.id === id);
}

/** The true figures, from the report the snapshot was made from (for directions of change and which changes are small). */
function trueFigures(catalogue: Catalogue, report: ProgressReport, def: FamilyDef): Map<string, number> {
  const out = new Map<string, number>();
  const progress = report.measures.flatMap((m) => m.indicators);
  for (const { id, pop } of def.indicators) {
    const p: IndicatorProgress = progress.find((x) => x.indicatorId === id)!;
    out.set(figureKey({ pop, dim: 'total', value: '' }), p.value);
    for (const dim of publishedDims(pop)) {
      for (const v of universe(catalogue, pop, dim)) {
        const value =
          dim === 'sex' ? p.bySex[v] ?? 0
          : dim === 'district' ? p.byDistrict[v] ?? 0
          : p.cells.filter((c) => c[dim] === v).reduce((s, c) => s + c.value, 0);
        out.set(figureKey({ pop, dim, value: v }), value);
      }
    }
  }
  return out;
}

interface Reading {
  /** known figure values (shown, or left out = 0) */
  known: Map<string, number>;
  hidden: Figure[];
  figures: Figure[];
  truth: Map<string, number>;
}

/** What a reader learns about a family from one snapshot; null when the family was withheld. */
function read(catalogue: Catalogue, def: FamilyDef, snapshot: PublicProgress, report: ProgressReport): Reading | null {
  const known = new Map<string, number>();
  const hidden: Figure[] = [];
  const figures: Figure[] = [];
  const pops = [...new Set(def.indicators.map((i) => i.pop))];
  for (const pop of pops) {
    const shownAs = def.indicators.filter((i) => i.pop === pop).map((i) => findIndicator(snapshot, i.id)!);
    const ind = shownAs[0]!;
    // Indicators of one population are the same figures and must be published alike.
    for (const other of shownAs) if (JSON.stringify({ ...other, id: '', text: '' }) !== JSON.stringify({ ...ind, id: '', text: '' })) throw new Error(`${other.id} and ${ind.id} differ`);
    const withheld = !ind.total.shown && DIMS.every((d) => ind[LISTS[d]].length === 0);
    if (withheld) return null;
    const total: Figure = { pop, dim: 'total', value: '' };
    figures.push(total);
    if (ind.total.shown) known.set(figureKey(total), ind.total.value);
    else hidden.push(total);
    for (const dim of publishedDims(pop)) {
      for (const value of universe(catalogue, pop, dim)) {
        const f: Figure = { pop, dim, value };
        figures.push(f);
        const item = ind[LISTS[dim]].find((x) => x.id === value);
        if (!item) known.set(figureKey(f), 0);
        else if (item.value.shown) known.set(figureKey(f), item.value.value);
        else hidden.push(f);
      }
    }
  }
  return { known, hidden, figures, truth: trueFigures(catalogue, report, def) };
}

/** Combinations of categories no published zero rules out. */
function microcells(catalogue: Catalogue, reading: Reading): Micro[] {
  const all = (dim: Dim) => universe(catalogue, 'all', dim);
  const out: Micro[] = [];
  for (const sex of all('sex'))
    for (const ageBand of all('ageBand'))
      for (const group of all('group'))
        for (const district of all('district')) {
          const m = { sex, ageBand, group, district };
          // People outside every population of the family are in none of its figures.
          if (!reading.figures.some((f) => f.dim === 'total' && inFigure(f, m))) continue;
          if (reading.figures.some((f) => inFigure(f, m) && reading.known.get(figureKey(f)) === 0)) continue;
          out.push(m);
        }
  return out;
}

export interface AuditResult {
  /** intervals computed (hidden figures and small changes) */
  checked: number;
  /** the narrowest interval found, and what it was */
  narrowest: { width: number; what: string } | null;
  failures: string[];
}

/**
 * Audits one family over every snapshot of the year at once (the intruder after the last one:
 * more snapshots can only narrow intervals). Every hidden figure of every snapshot, and every
 * change of a figure by 1–4 between any two snapshots, must keep an interval of at least WIDTH.
 */
export function auditFamily(
  highs: Highs,
  catalogue: Catalogue,
  def: FamilyDef,
  snapshots: readonly { progress: PublicProgress; report: ProgressReport }[],
): AuditResult {
  return auditFamilies(highs, catalogue, [def], [], snapshots);
}

/**
 * Audits families together, as auditFamily each, with what the plan's definitions add: a link
 * [lower, upper] says every person of family `lower` is in family `upper` at least once, in the
 * same combination of categories (a service log's persons and their contacts: each person had a
 * contact). The intruder's unknowns stay microdata, one set per family and snapshot, with
 * lower ≤ upper in every combination.
 */
export function auditFamilies(
  highs: Highs,
  catalogue: Catalogue,
  defs: readonly FamilyDef[],
  links: readonly (readonly [number, number])[],
  snapshots: readonly { progress: PublicProgress; report: ProgressReport }[],
): AuditResult {
  const readingsOf = defs.map((def) =>
    snapshots.flatMap((s, i) => {
      const r = read(catalogue, def, s.progress, s.report);
      return r ? [{ ...r, at: i }] : [];
    }),
  );
  let columns = 0;
  const cellsOf = readingsOf.map((readings) => readings.map((r) => microcells(catalogue, r).map((m) => ({ m, col: columns++ }))));
  type Terms = [number, number][];
  const expr = (d: number, s: number, f: Figure, sign = 1): Terms => cellsOf[d]![s]!.filter((c) => inFigure(f, c.m)).map((c) => [c.col, sign]);
  const rows: { terms: Terms; lower: number; upper: number }[] = [];
  readingsOf.forEach((readings, d) => {
    readings.forEach((r, s) => {
      for (const f of r.figures) {
        const v = r.known.get(figureKey(f));
        const terms = expr(d, s, f);
        if (v === undefined || v === 0 || !terms.length) continue;
        rows.push({ terms, lower: v, upper: v });
      }
    });
    for (let s = 1; s < readings.length; s++) {
      for (const f of readings[s]!.figures) {
        const key = figureKey(f);
        const [was, now] = [readings[s - 1]!.truth.get(key), readings[s]!.truth.get(key)];
        if (was === undefined || now === undefined) continue;
        const terms = [...expr(d, s, f), ...expr(d, s - 1, f, -1)];
        if (terms.length) rows.push(now >= was ? { terms, lower: 0, upper: highs.infinity } : { terms, lower: -highs.infinity, upper: 0 });
      }
    }
  });
  const microKey = (m: Micro) => `${m.sex}|${m.ageBand}|${m.group}|${m.district}`;
  for (const [lower, upper] of links) {
    readingsOf[lower]!.forEach((r, s) => {
      const u = readingsOf[upper]!.findIndex((x) => x.at === r.at);
      if (u < 0) return;
      const above = new Map(cellsOf[upper]![u]!.map((c) => [microKey(c.m), c.col]));
      for (const c of cellsOf[lower]![s]!) {
        const col = above.get(microKey(c.m));
        // A combination the upper family rules out (a published zero) holds nobody of the lower one either.
        rows.push(col === undefined ? { terms: [[c.col, 1]], lower: -highs.infinity, upper: 0 } : { terms: [[col, 1], [c.col, -1]], lower: 0, upper: highs.infinity });
      }
    });
  }
  // One HiGHS model per audit: every interval is two solves of it with another objective.
  const model = highs.createModel({
    numCols: Math.max(columns, 1),
    numRows: rows.length,
    colCost: new Array<number>(Math.max(columns, 1)).fill(0),
    colLower: new Array<number>(Math.max(columns, 1)).fill(0),
    colUpper: new Array<number>(Math.max(columns, 1)).fill(highs.infinity),
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: {
      format: 'csr',
      numRows: rows.length,
      numCols: Math.max(columns, 1),
      starts: rows.reduce((acc, r) => [...acc, acc.at(-1)! + r.terms.length], [0]),
      indices: rows.flatMap((r) => r.terms.map(([c]) => c)),
      values: rows.flatMap((r) => r.terms.map(([, v]) => v)),
    },
  });
  model.options.set('output_flag', false);
  model.options.set('presolve', 'off');
  const { objectiveSense, modelStatus } = highs.constants;
  const solve = (sense: 'min' | 'max', objective: Terms): number => {
    if (!objective.length) return 0;
    const cost = new Array<number>(Math.max(columns, 1)).fill(0);
    for (const [c, v] of objective) cost[c] = cost[c]! + v;
    model.changeColsCost({ kind: 'range', from: 0, to: cost.length - 1 }, cost);
    model.changeObjectiveSense(sense === 'max' ? objectiveSense.maximize : objectiveSense.minimize);
    const status = model.run().modelStatus;
    if (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible) return sense === 'max' ? Infinity : -Infinity;
    if (status !== modelStatus.optimal) throw new Error(`intruder LP: status ${status}`);
    return model.getObjectiveValue();
  };
  const result: AuditResult = { checked: 0, narrowest: null, failures: [] };
  const check = (what: string, objective: Terms) => {
    const width = solve('max', objective) - solve('min', objective);
    result.checked++;
    if (!result.narrowest || width < result.narrowest.width) result.narrowest = { width, what };
    if (!(width >= WIDTH - 1e-6)) result.failures.push(`${what}: interval ${width}`);
  };
  readingsOf.forEach((readings, d) => {
    const name = defs.length > 1 ? `${defs[d]!.measureId} ${defs[d]!.source}` : defs[d]!.measureId;
    readings.forEach((r, s) => {
      for (const f of r.hidden) check(`v${snapshots[r.at]!.progress.version} ${name} ${figureKey(f)}`, expr(d, s, f));
    });
    for (let s = 1; s < readings.length; s++)
      for (let e = 0; e < s; e++)
        for (const f of readings[s]!.figures) {
          const key = figureKey(f);
          const change = (readings[s]!.truth.get(key) ?? 0) - (readings[e]!.truth.get(key) ?? 0);
          if (change === 0 || Math.abs(change) >= WIDTH) continue;
          check(`v${snapshots[readings[e]!.at]!.progress.version}→v${snapshots[readings[s]!.at]!.progress.version} ${name} ${key} (${change > 0 ? '+' : ''}${change})`,
            [...expr(d, s, f), ...expr(d, e, f, -1)]);
        }
  });
  model.dispose();
  return result;
}
