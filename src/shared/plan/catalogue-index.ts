import type { Catalogue, CountedPer, CountIndicator, Indicator, Measure, OperationalGoal, StrategicGoal, Task } from './catalogue-schema';

export interface MeasureEntry {
  measure: Measure;
  task: Task;
  operationalGoal: OperationalGoal;
  strategicGoal: StrategicGoal;
}

export interface CatalogueIndex {
  measures: Map<string, MeasureEntry>;
  indicators: Map<string, { indicator: Indicator; measure: Measure }>;
}

const cache = new WeakMap<Catalogue, CatalogueIndex>();

/** Look-ups by id, built once per catalogue object. */
export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const cached = cache.get(catalogue);
  if (cached) return cached;
  const index: CatalogueIndex = { measures: new Map(), indicators: new Map() };
  for (const strategicGoal of catalogue.strategicGoals)
    for (const operationalGoal of strategicGoal.operationalGoals)
      for (const task of operationalGoal.tasks)
        for (const measure of task.measures) {
          index.measures.set(measure.id, { measure, task, operationalGoal, strategicGoal });
          for (const indicator of measure.indicators ?? []) index.indicators.set(indicator.id, { indicator, measure });
        }
  cache.set(catalogue, index);
  return index;
}

export function allMeasures(catalogue: Catalogue): MeasureEntry[] {
  return [...indexCatalogue(catalogue).measures.values()];
}

/**
 * The years in which a measure runs. "Ongoing" and a missing period both mean the plan's whole
 * term: the plan itself bounds every measure.
 */
export function measureYears(measure: Measure, catalogue: Catalogue): number[] {
  return measure.period?.kind === 'years' ? measure.period.years : catalogue.years;
}

export function isDateInMeasurePeriod(date: string, measure: Measure, catalogue: Catalogue): boolean {
  return measureYears(measure, catalogue).includes(Number(date.slice(0, 4)));
}

/** The last day a measure may be recorded for, e.g. "2023-12-31". */
export function measureLastDay(measure: Measure, catalogue: Catalogue): string {
  return `${Math.max(...measureYears(measure, catalogue))}-12-31`;
}

export function measureFirstDay(measure: Measure, catalogue: Catalogue): string {
  return `${Math.min(...measureYears(measure, catalogue))}-01-01`;
}

/** Whether a count indicator is counted per year or over its measure's whole period. */
export function countedPerOf(indicator: Pick<CountIndicator, 'per' | 'target'>): CountedPer {
  return indicator.per ?? indicator.target?.per ?? 'period';
}

/** A measure's programme links, each as `{id, draft}` (a bare id is a programme the source does not call a draft). */
export function programmeRefsOf(measure: Pick<Measure, 'programmes'>): { id: string; draft: boolean }[] {
  return measure.programmes.map((r) => (typeof r === 'string' ? { id: r, draft: false } : r));
}
