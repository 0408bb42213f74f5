import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import type { FieldRecord } from '../../../shared/records/schemas';
import { factsOfRecord } from '../../../shared/reports/facts';
import { buildProgressReport, type IndicatorProgress } from '../../../shared/reports/progress';
import { memoryFactQuery, type StatusedFact } from '../../../shared/reports/query';
import type { FactBucket } from '../../data';

export interface PlanProgress {
  mine: Map<string, IndicatorProgress>;
  team: Map<string, IndicatorProgress>;
}

function byIndicator(progress: { measures: { indicators: IndicatorProgress[] }[] }): Map<string, IndicatorProgress> {
  return new Map(progress.measures.flatMap((m) => m.indicators.map((i) => [i.indicatorId, i] as const)));
}

/**
 * Progress against each target for one year from this device's records, with the same rules the
 * city's reports use. Nothing here is reviewed yet, so every record counts as pending. The plan
 * screen reads bucketsProgress (the same figures, without decoding the records); this is the
 * definition it is tested against.
 */
export async function localProgress(
  catalogue: Catalogue,
  records: readonly FieldRecord[],
  who: { authorId: string; teamId: string },
  year: number,
  asOf: string,
): Promise<PlanProgress> {
  const facts: StatusedFact[] = records.flatMap((r) => factsOfRecord(r).map((f) => ({ ...f, status: 'pending' as const })));
  const myIds = new Set(records.filter((r) => r.authorId === who.authorId).map((r) => r.id));
  const mineFacts = facts.filter((f) => myIds.has(f.recordId));
  const filter = { year, period: { kind: 'year' as const }, includePending: true };
  const [mine, team] = await Promise.all([
    buildProgressReport(catalogue, memoryFactQuery(mineFacts), filter, { asOf }),
    buildProgressReport(catalogue, memoryFactQuery(facts), { ...filter, teamId: who.teamId }, { asOf }),
  ]);
  return { mine: byIndicator(mine), team: byIndicator(team) };
}

/**
 * The same progress from the device's aggregates: the facts of its own records (drafts too),
 * summed per measure × month, each counted as pending; "mine" are those of the author asked.
 */
export async function bucketsProgress(
  catalogue: Catalogue,
  buckets: readonly FactBucket[],
  who: { authorId: string; teamId: string },
  year: number,
  asOf: string,
): Promise<PlanProgress> {
  const facts: (StatusedFact & { authorId: string })[] = buckets.flatMap((b) => b.ownFacts.map((f) => ({ ...f, status: 'pending' as const })));
  const mineFacts = facts.filter((f) => f.authorId === who.authorId);
  const filter = { year, period: { kind: 'year' as const }, includePending: true };
  const [mine, team] = await Promise.all([
    buildProgressReport(catalogue, memoryFactQuery(mineFacts), filter, { asOf }),
    buildProgressReport(catalogue, memoryFactQuery(facts), { ...filter, teamId: who.teamId }, { asOf }),
  ]);
  return { mine: byIndicator(mine), team: byIndicator(team) };
}

/** The plan year to show first: this year if the plan covers it, else the nearest one. */
export function defaultYear(years: readonly number[], today: string): number {
  const now = Number(today.slice(0, 4));
  if (years.includes(now)) return now;
  const past = years.filter((y) => y < now);
  return past.length > 0 ? Math.max(...past) : Math.min(...years);
}
