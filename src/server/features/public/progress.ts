import type { Kysely } from 'kysely';
import { buildProgressReport, publicProgress, type Catalogue, type PublicProgress } from '../../../shared';
import type { Database } from '../../db/schema';
import { sqlFactQuery } from '../reports/fact-query';

/** The city's progress for a year as published: approved records only, every team, suppressed small counts. */
export async function publishedProgress(db: Kysely<Database>, catalogue: Catalogue, year: number, asOf: string): Promise<PublicProgress> {
  const report = await buildProgressReport(
    catalogue,
    sqlFactQuery(db),
    { year, period: { kind: 'year' }, includePending: false },
    // publicProgress needs the group breakdown
    { asOf, breakdowns: ['group'] },
  );
  return publicProgress(catalogue, report);
}

/**
 * Anyone may ask for the public page, so it must not cost a report per request. Answers are kept
 * per year and day, and only while the change sequence stands still: every push and verdict takes
 * a number from it, so a stale answer is never served. (A cache, not state: losing it loses nothing.)
 */
export class PublicProgressCache {
  private entries = new Map<string, Promise<PublicProgress>>();

  constructor(private readonly maxEntries = 16) {}

  async get(db: Kysely<Database>, catalogue: Catalogue, year: number, asOf: string): Promise<PublicProgress> {
    const counter = await db.selectFrom('counters').select('value').where('name', '=', 'change').executeTakeFirstOrThrow();
    const key = `${year}|${asOf}|${counter.value}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = publishedProgress(db, catalogue, year, asOf);
      entry.catch(() => this.entries.delete(key));
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, entry);
    }
    return entry;
  }
}
