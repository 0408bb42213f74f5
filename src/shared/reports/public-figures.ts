import { isMinorAgeBand } from '../dimensions';
import type { Objective } from './lp';
import { isSmallCount, protectLinkedTables, type LinkedCell, type LinkedEquation } from './suppression';

/**
 * The figures the public page publishes for one family of people-counting indicators, and the
 * linked system an intruder solves over them. A family is every indicator of one measure that
 * adds up the same facts (same source): its indicators differ only by population (everyone,
 * women, children), so their tables are linked and are protected together.
 *
 * Published per population: the total; by sex (not for "women": it would repeat the total); by
 * age band (only the bands under 18 for "children"); by social group; by district. No two-way
 * table is published: the women and children indicators are already the female and minor
 * slices. Figures are keyed `pop:total` and `pop:dim:value`.
 */

export type Population = 'all' | 'women' | 'children';
export type TableDimension = 'sex' | 'ageBand' | 'group' | 'district';
export const TABLE_DIMENSIONS: readonly TableDimension[] = ['sex', 'ageBand', 'group', 'district'];

/** One family's true figures in one snapshot, and which of them the snapshot hid. Never served. */
export interface FamilyFigures {
  cells: Record<string, number>;
  hidden: string[];
}

export const totalKey = (pop: Population) => `${pop}:total`;
export const figureKey = (pop: Population, dim: TableDimension, value: string) => `${pop}:${dim}:${value}`;

interface ParsedKey {
  pop: Population;
  dim: TableDimension | 'total';
  value: string;
}

function parseKey(key: string): ParsedKey {
  const [pop, dim, ...rest] = key.split(':');
  return { pop: pop as Population, dim: dim as TableDimension | 'total', value: rest.join(':') };
}

/** The tables' equations over keys, for one snapshot's figures. Extra (never published) cells get new keys. */
function equationsOf(keys: readonly string[]): { internal: string[]; equations: { parts: string[]; whole: string }[] } {
  const parsed = keys.map((k) => ({ key: k, ...parseKey(k) }));
  const pops = [...new Set(parsed.map((p) => p.pop))].sort();
  const equations: { parts: string[]; whole: string }[] = [];
  const dimsOf = (pop: Population) => TABLE_DIMENSIONS.filter((d) => parsed.some((p) => p.pop === pop && p.dim === d));
  const valuesOf = (pop: Population, dim: TableDimension) => parsed.filter((p) => p.pop === pop && p.dim === dim).map((p) => p.value);
  if (pops.length === 1) {
    const pop = pops[0]!;
    for (const dim of dimsOf(pop)) equations.push({ parts: valuesOf(pop, dim).map((v) => figureKey(pop, dim, v)), whole: totalKey(pop) });
    return { internal: [], equations };
  }
  // Several populations: split the people into blocks (female or not × minor or not, as needed).
  // Each block is a table of its own with one-way margins; every published figure is a sum of
  // block figures. With one-way margins this is exact: any margins with equal sums fit a table.
  const sexSplit = pops.includes('women');
  const ageSplit = pops.includes('children');
  const blocks = (sexSplit ? ['F', 'N'] : ['*']).flatMap((s) => (ageSplit ? ['M', 'A'] : ['*']).map((a) => ({ s, a, id: `~${s}${a}` })));
  const covers = (pop: Population, b: { s: string; a: string }) =>
    pop === 'all' || (pop === 'women' && b.s === 'F') || (pop === 'children' && b.a === 'M');
  const allows = (b: { s: string; a: string }, dim: TableDimension | 'total', value: string) =>
    (dim !== 'sex' || b.s === '*' || (b.s === 'F') === (value === 'female')) &&
    (dim !== 'ageBand' || b.a === '*' || (b.a === 'M') === isMinorAgeBand(value));
  const internal: string[] = [];
  const valuesAnywhere = (dim: TableDimension) => [...new Set(parsed.filter((p) => p.dim === dim).map((p) => p.value))].sort();
  for (const b of blocks) {
    internal.push(`${b.id}:total`);
    for (const dim of TABLE_DIMENSIONS) {
      const values = valuesAnywhere(dim).filter((v) => allows(b, dim, v));
      if (!values.length) continue;
      values.forEach((v) => internal.push(`${b.id}:${dim}:${v}`));
      equations.push({ parts: values.map((v) => `${b.id}:${dim}:${v}`), whole: `${b.id}:total` });
    }
  }
  for (const p of parsed) {
    const parts = blocks
      .filter((b) => covers(p.pop, b) && allows(b, p.dim, p.value))
      .map((b) => (p.dim === 'total' ? `${b.id}:total` : `${b.id}:${p.dim}:${p.value}`))
      .filter((k) => internal.includes(k));
    equations.push({ parts, whole: p.key });
  }
  return { internal, equations };
}

/** One family's figures in the new snapshot, and in each earlier snapshot of the year (oldest first; null where it had none). */
export interface FamilyHistory {
  current: Record<string, number>;
  earlier: readonly (FamilyFigures | null)[];
}

/**
 * Decides what a new snapshot hides for one family, given its figures in every earlier snapshot
 * of the year (oldest first). The intruder knows all of them, and for each figure whether it grew
 * or shrank since the family's previous snapshot: the joint system is audited, so that every
 * hidden figure of every snapshot, and every change of a figure between any two snapshots by 1–4,
 * keeps an interval of at least PROTECTION_WIDTH. Only the new snapshot's figures may be hidden
 * now. null: not even hiding every figure protects them, so the family must be withheld.
 */
export function protectFamily(current: Record<string, number>, earlier: readonly FamilyFigures[]): Set<string> | null {
  return protectFamilies([{ current, earlier }], [])?.[0] ?? null;
}

/**
 * Several families audited as one system (protectFamily for each, and the links between them).
 * A link [lower, upper] says each figure of family `lower` is at most the same figure of family
 * `upper`: a service log's persons are at most its contacts, cell by cell, so every published sum
 * of them too, and the intruder knows it. Each such inequality is an equation with an unpublished,
 * non-negative rest (contacts = persons + repeat contacts), added wherever it holds of the true
 * figures (an indicator report for one of the two indicators can break it: then the intruder
 * cannot use it either). Earlier snapshots are aligned by position across the families.
 * null: not even hiding every figure protects them all, so every family of the system is withheld.
 */
export function protectFamilies(families: readonly FamilyHistory[], links: readonly (readonly [number, number])[]): Set<string>[] | null {
  const cells: LinkedCell[] = [];
  const equations: LinkedEquation[] = [];
  const targets: Objective[] = [];
  const hiddenCell = (value: number) => {
    cells.push({ value, state: 'hidden', protect: false });
    return cells.length - 1;
  };
  // Per family, per snapshot position: where each of its figures is among the cells.
  const indexes = families.map((family) => {
    const snapshots: { at: number; cells: Record<string, number>; hidden: readonly string[]; free: boolean }[] = [
      ...family.earlier.flatMap((e, at) => (e ? [{ at, cells: e.cells, hidden: e.hidden, free: false }] : [])),
      { at: family.earlier.length, cells: family.current, hidden: [], free: true },
    ];
    const index = new Map<number, Map<string, number>>();
    for (const snap of snapshots) {
      const at = new Map<string, number>();
      const hidden = new Set(snap.hidden);
      for (const [key, value] of Object.entries(snap.cells)) {
        at.set(key, cells.length);
        cells.push({ value, state: snap.free ? 'free' : hidden.has(key) ? 'hidden' : 'shown', protect: true });
      }
      const { internal, equations: eqs } = equationsOf(Object.keys(snap.cells));
      for (const key of internal) at.set(key, hiddenCell(Number.NaN));
      for (const eq of eqs) equations.push({ parts: eq.parts.map((k) => at.get(k)!), whole: at.get(eq.whole)! });
      index.set(snap.at, at);
    }
    const value = (s: number, key: string) => snapshots[s]!.cells[key]!;
    for (let s = 1; s < snapshots.length; s++) {
      for (const key of Object.keys(snapshots[s]!.cells)) {
        const [before, after] = [index.get(snapshots[s - 1]!.at)!.get(key), index.get(snapshots[s]!.at)!.get(key)!];
        if (before === undefined || key.startsWith('~')) continue;
        // The direction of every change is taken as known: a change cell ≥ 0 links the two figures.
        const grew = value(s, key) >= value(s - 1, key);
        const change = hiddenCell(Math.abs(value(s, key) - value(s - 1, key)));
        equations.push(grew ? { parts: [before, change], whole: after } : { parts: [after, change], whole: before });
      }
    }
    for (let s = 1; s < snapshots.length; s++)
      for (let r = 0; r < s; r++)
        for (const key of Object.keys(snapshots[s]!.cells)) {
          const before = index.get(snapshots[r]!.at)!.get(key);
          if (before === undefined || !isSmallCount(Math.abs(value(s, key) - value(r, key)))) continue;
          targets.push([[index.get(snapshots[s]!.at)!.get(key)!, 1], [before, -1]]);
        }
    return index;
  });
  for (const [lower, upper] of links) {
    for (const [at, low] of indexes[lower]!) {
      const high = indexes[upper]!.get(at);
      if (!high) continue;
      for (const [key, l] of low) {
        const h = high.get(key);
        if (h === undefined || key.startsWith('~')) continue;
        const rest = cells[h]!.value - cells[l]!.value;
        if (rest >= 0) equations.push({ parts: [l, hiddenCell(rest)], whole: h });
      }
    }
  }
  const result = protectLinkedTables({ cells, equations, targets });
  if (!result.protected) return null;
  return families.map((family, f) => {
    const last = indexes[f]!.get(family.earlier.length)!;
    return new Set(Object.keys(family.current).filter((key) => result.hidden[last.get(key)!]));
  });
}
