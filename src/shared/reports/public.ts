import type { Catalogue, Indicator, LocalizedText } from '../plan/catalogue-schema';
import { dimensions, districtValues, isMinorAgeBand, type DimensionValue } from '../dimensions';
import {
  figureKey,
  protectFamilies,
  totalKey,
  type FamilyFigures,
  type Population,
  type TableDimension,
} from './public-figures';
import { type PublishedValue } from './suppression';
import { type IndicatorProgress, type ProgressReport } from './progress';
import type { PublicIndicator, PublicProgress } from './protocol';

/**
 * The public progress page (plan measures 21.1 and 21.2) as published snapshots: aggregated
 * figures only; every count of people protected by cell suppression (suppression.ts) audited
 * over every figure of the indicator's family and over every earlier snapshot of the year.
 * Counts of events, materials and the like are not about people and are shown as they are.
 */

export const PEOPLE_UNITS: ReadonlySet<string> = new Set(['persons', 'consultations', 'services']);

// What the public API sends is a zod schema (protocol.ts); these are its types.
export type { PublicBreakdownItem, PublicIndicator, PublicMeasure, PublicProgress } from './protocol';

/** Everything a snapshot knew, for the audit of the next one: never served. */
export interface SnapshotTruth {
  families: Record<string, FamilyFigures>;
}

export interface PublicSnapshot {
  progress: PublicProgress;
  truth: SnapshotTruth;
}

function countsPeople(indicator: Indicator): indicator is Extract<Indicator, { kind: 'count' }> {
  return indicator.kind === 'count' && PEOPLE_UNITS.has(indicator.unit);
}

function familyId(measureId: string, indicator: Extract<Indicator, { kind: 'count' }>): string {
  return `${measureId}|${indicator.source}${indicator.source === 'indicatorReport' ? `|${indicator.id}` : ''}`;
}

function populationOf(indicator: Extract<Indicator, { kind: 'count' }>): Population {
  return indicator.population;
}

function categories(catalogue: Catalogue, pop: Population, dim: TableDimension): DimensionValue[] {
  if (dim === 'district') return districtValues(catalogue);
  const values = dimensions[dim].values;
  return dim === 'ageBand' && pop === 'children' ? values.filter((v) => isMinorAgeBand(v.id)) : values;
}

function dimensionsOf(pop: Population): TableDimension[] {
  return pop === 'women' ? ['ageBand', 'group', 'district'] : ['sex', 'ageBand', 'group', 'district'];
}

function sums(p: IndicatorProgress, dim: TableDimension): Record<string, number> {
  if (dim === 'sex') return p.bySex;
  if (dim === 'district') return p.byDistrict;
  const out: Record<string, number> = {};
  for (const c of p.cells) out[c[dim]] = (out[c[dim]] ?? 0) + c.value;
  return out;
}

/** The category ids of a table: the dimension's, and any the data holds beyond them (so tables always add up). */
function idsOf(catalogue: Catalogue, pop: Population, dim: TableDimension, data: Record<string, number>): string[] {
  const known = categories(catalogue, pop, dim).map((v) => v.id);
  const extra = Object.keys(data).filter((k) => !known.includes(k) && data[k] !== 0).sort();
  return [...known, ...extra];
}

function figuresOf(catalogue: Catalogue, pop: Population, p: IndicatorProgress): Record<string, number> {
  const cells: Record<string, number> = { [totalKey(pop)]: p.value };
  for (const dim of dimensionsOf(pop)) {
    const data = sums(p, dim);
    for (const id of idsOf(catalogue, pop, dim, data)) cells[figureKey(pop, dim, id)] = data[id] ?? 0;
  }
  return cells;
}

interface Family {
  measureId: string;
  source: Extract<Indicator, { kind: 'count' }>['source'];
  indicators: { indicator: Extract<Indicator, { kind: 'count' }>; progress: IndicatorProgress }[];
}

function label(catalogue: Catalogue, pop: Population, dim: TableDimension, id: string): LocalizedText {
  const value = categories(catalogue, pop, dim).find((v) => v.id === id);
  if (!value) return { uk: id, en: id };
  return dim === 'sex' && pop === 'children' && value.childLabel ? value.childLabel : value.label;
}

function published(cells: Record<string, number>, hidden: ReadonlySet<string>, key: string): PublishedValue {
  return hidden.has(key) ? { shown: false } : { shown: true, value: cells[key] ?? 0 };
}

function breakdown(catalogue: Catalogue, pop: Population, dim: TableDimension, cells: Record<string, number>, hidden: ReadonlySet<string>) {
  const prefix = figureKey(pop, dim, '');
  return Object.keys(cells)
    .filter((k) => k.startsWith(prefix) && (hidden.has(k) || cells[k] !== 0))
    .map((k) => {
      const id = k.slice(prefix.length);
      return { id, label: label(catalogue, pop, dim, id), value: published(cells, hidden, k) };
    });
}

function peopleIndicator(
  catalogue: Catalogue,
  indicator: Extract<Indicator, { kind: 'count' }>,
  p: IndicatorProgress,
  figures: FamilyFigures | null,
): PublicIndicator {
  const pop = populationOf(indicator);
  // A withheld family shows only the mark.
  const cells = figures?.cells ?? {};
  const hidden = new Set(figures ? figures.hidden : [totalKey(pop)]);
  const total = published(cells, hidden, totalKey(pop));
  const table = (dim: TableDimension) => (figures && dimensionsOf(pop).includes(dim) ? breakdown(catalogue, pop, dim, cells, hidden) : []);
  return {
    id: indicator.id,
    text: indicator.text,
    target: p.target,
    // The status follows from the total and the (public) target, except "not scheduled".
    status: total.shown || p.status === 'not_scheduled' ? p.status : null,
    protected: true,
    total,
    bySex: table('sex'),
    byAgeBand: table('ageBand'),
    byGroup: table('group'),
    byDistrict: table('district'),
  };
}

function plainIndicator(indicator: Indicator, p: IndicatorProgress): PublicIndicator {
  return {
    id: indicator.id, text: indicator.text, target: p.target, status: p.status, protected: false,
    total: { shown: true, value: p.value }, bySex: [], byAgeBand: [], byGroup: [], byDistrict: [],
  };
}

/** Families of people-counting indicators in the report, in catalogue order. */
function familiesOf(report: ProgressReport): Map<string, Family> {
  const families = new Map<string, Family>();
  for (const m of report.measures) {
    for (const indicator of m.entry.measure.indicators ?? []) {
      if (!countsPeople(indicator)) continue;
      const progress = m.indicators.find((x) => x.indicatorId === indicator.id);
      if (!progress) continue;
      const id = familyId(m.entry.measure.id, indicator);
      const family = families.get(id) ?? { measureId: m.entry.measure.id, source: indicator.source, indicators: [] };
      family.indicators.push({ indicator, progress });
      families.set(id, family);
    }
  }
  return families;
}

/** A family's figures in this snapshot. */
function familyCells(catalogue: Catalogue, family: Family): Record<string, number> {
  const cells: Record<string, number> = {};
  // Indicators of one population in one family are the same figures: published once, alike.
  for (const { indicator, progress } of family.indicators) Object.assign(cells, figuresOf(catalogue, populationOf(indicator), progress));
  return cells;
}

/**
 * Families audited together: a measure's persons served and their contacts (each person had at
 * least one contact, so its persons never exceed its contacts: a published contact figure bounds
 * a hidden persons figure, and the other way round). Every other family on its own.
 */
function auditGroups(families: ReadonlyMap<string, Family>): { ids: string[]; links: [number, number][] }[] {
  const groups: { ids: string[]; links: [number, number][] }[] = [];
  const grouped = new Set<string>();
  for (const [id, family] of families) {
    if (grouped.has(id)) continue;
    const contacts = `${family.measureId}|serviceContacts`;
    if (family.source === 'servicePersons' && families.has(contacts)) {
      groups.push({ ids: [id, contacts], links: [[0, 1]] });
      grouped.add(contacts);
    } else if (family.source === 'serviceContacts' && families.has(`${family.measureId}|servicePersons`)) {
      continue; // audited with its persons, whose id comes in catalogue order too
    } else groups.push({ ids: [id], links: [] });
    grouped.add(id);
  }
  return groups;
}

/**
 * The next public snapshot of a year from its report (approved records of locked months, with
 * the 'group' and 'district' breakdowns), audited against every earlier snapshot of the year.
 */
export function buildPublicSnapshot(
  catalogue: Catalogue,
  report: ProgressReport,
  earlier: readonly SnapshotTruth[],
  meta: { version: number; publishedAt: string },
): PublicSnapshot {
  const truth: SnapshotTruth = { families: {} };
  const figuresOfFamily = new Map<string, FamilyFigures | null>();
  const families = familiesOf(report);
  // Each group's figures audited against the group's figures in the earlier snapshots; a group
  // that cannot be protected is withheld whole (nothing of it is published this time).
  for (const group of auditGroups(families)) {
    const current = group.ids.map((id) => familyCells(catalogue, families.get(id)!));
    const histories = group.ids.map((id, i) => ({ current: current[i]!, earlier: earlier.map((s) => s.families[id] ?? null) }));
    const hidden = protectFamilies(histories, group.links);
    group.ids.forEach((id, i) => {
      const cells = current[i]!;
      const figures = hidden ? { cells, hidden: Object.keys(cells).filter((k) => hidden[i]!.has(k)) } : null;
      figuresOfFamily.set(id, figures);
      if (figures) truth.families[id] = figures;
    });
  }
  const byMeasure = new Map(report.measures.map((m) => [m.entry.measure.id, m]));
  const progress: PublicProgress = {
    planTitle: catalogue.title,
    year: report.filter.year,
    version: meta.version,
    publishedAt: meta.publishedAt,
    asOf: report.asOf,
    strategicGoals: catalogue.strategicGoals.map((sg) => ({
      number: sg.number,
      title: sg.title,
      measures: sg.operationalGoals.flatMap((og) =>
        og.tasks.flatMap((t) =>
          t.measures.flatMap((m) => {
            const measure = byMeasure.get(m.id);
            if (!measure || !m.indicators) return [];
            const indicators = m.indicators.flatMap((i) => {
              const p = measure.indicators.find((x) => x.indicatorId === i.id);
              if (!p || i.kind !== 'count') return [];
              if (!countsPeople(i)) return [plainIndicator(i, p)];
              return [peopleIndicator(catalogue, i, p, figuresOfFamily.get(familyId(m.id, i)) ?? null)];
            });
            return indicators.length ? [{ id: m.id, text: m.text, indicators }] : [];
          }),
        ),
      ),
    })),
  };
  return { progress, truth };
}
