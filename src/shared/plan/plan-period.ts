import type { Catalogue } from './catalogue-schema';

/** The plan's first and last day (its years run January 1 to December 31). Dates are ISO `YYYY-MM-DD`. */
export function planFirstDay(catalogue: Pick<Catalogue, 'years'>): string {
  return `${Math.min(...catalogue.years)}-01-01`;
}

export function planLastDay(catalogue: Pick<Catalogue, 'years'>): string {
  return `${Math.max(...catalogue.years)}-12-31`;
}

/** The plan's years are over: today is after its last day (the built-in 2021–2023 plan, from 2024 on). */
export function planHasEnded(catalogue: Pick<Catalogue, 'years'>, today: string): boolean {
  return today > planLastDay(catalogue);
}

/** A new record's date when no measure narrows it: today, moved into the plan's years if it falls outside them. */
export function defaultRecordDate(catalogue: Pick<Catalogue, 'years'>, today: string): string {
  const first = planFirstDay(catalogue);
  const last = planLastDay(catalogue);
  return today > last ? last : today < first ? first : today;
}
