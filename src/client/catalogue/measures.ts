import type { Catalogue, CountIndicator, Indicator, Measure } from '../../shared/plan/catalogue-schema';
import { allMeasures, indexCatalogue, measureFirstDay, measureLastDay } from '../../shared/plan/catalogue-index';
import { defaultRecordDate } from '../../shared/plan/plan-period';
import { isServiceSource } from '../../shared/plan/sources';

export function countIndicators(measure: Measure): CountIndicator[] {
  return (measure.indicators ?? []).filter((i): i is CountIndicator => i.kind === 'count');
}

/** Indicators a service log can be recorded against: its persons' and its contacts' (it counts for both). */
export function serviceIndicators(measure: Measure): CountIndicator[] {
  return countIndicators(measure).filter((i) => isServiceSource(i.source));
}

export function eventIndicators(measure: Measure): CountIndicator[] {
  return countIndicators(measure).filter((i) => i.source.startsWith('event'));
}

export function serviceMeasures(catalogue: Catalogue): Measure[] {
  return allMeasures(catalogue).map((e) => e.measure).filter((m) => serviceIndicators(m).length > 0);
}

export function eventMeasures(catalogue: Catalogue): Measure[] {
  return allMeasures(catalogue).map((e) => e.measure).filter((m) => eventIndicators(m).length > 0);
}

export function measuresWithIndicators(catalogue: Catalogue): Measure[] {
  return allMeasures(catalogue).map((e) => e.measure).filter((m) => (m.indicators ?? []).length > 0);
}

export function findMeasure(catalogue: Catalogue, id: string): Measure | undefined {
  return indexCatalogue(catalogue).measures.get(id)?.measure;
}

/** Whether a date lies within the years the measure runs. */
export function withinMeasure(date: string, measure: Measure, catalogue: Catalogue): boolean {
  return date >= measureFirstDay(measure, catalogue) && date <= measureLastDay(measure, catalogue);
}

export function findIndicator(measure: Measure | undefined, id: string): Indicator | undefined {
  return measure?.indicators?.find((i) => i.id === id);
}

/** Words in a measure's text that mark the services mobile brigades give most. */
const USUAL_SERVICE_WORDS = ['консультац', 'кризов', 'реабілітац', 'правов', 'психолог', 'соціальн'];

function usualScore(measure: Measure): number {
  const text = measure.text.uk.toLowerCase();
  return USUAL_SERVICE_WORDS.filter((w) => text.includes(w)).length;
}

/**
 * The team's usual measures first: those it recorded most on this device, then those whose text
 * names consultations, crisis counselling, rehabilitation or legal aid, then plan order.
 */
export function usualFirst(measures: Measure[], usage: ReadonlyMap<string, number>): Measure[] {
  return measures
    .map((measure, order) => ({ measure, order, used: usage.get(measure.id) ?? 0, score: usualScore(measure) }))
    .sort((a, b) => b.used - a.used || b.score - a.score || a.order - b.order)
    .map((x) => x.measure);
}

/** A date for a new record: today, or the nearest day inside the measure's period (no measure yet: the plan's years). */
export function defaultDateFor(measure: Measure | undefined, catalogue: Catalogue, today: string): string {
  if (!measure) return defaultRecordDate(catalogue, today);
  const first = measureFirstDay(measure, catalogue);
  const last = measureLastDay(measure, catalogue);
  if (today > last) return last;
  if (today < first) return first;
  return today;
}

/** The days a date field may offer for a measure: its period, and never after today. */
export function dateBounds(measure: Measure | undefined, catalogue: Catalogue, today: string): { min?: string; max: string } {
  if (!measure) return { max: today };
  const last = measureLastDay(measure, catalogue);
  return { min: measureFirstDay(measure, catalogue), max: last < today ? last : today };
}

export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function shorten(text: string, max = 110): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
