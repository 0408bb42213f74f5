import type { StatusedFact } from '../../shared/reports/query';
import { getCodec } from './codec';
import { getDb } from './db';
import { bucketOf, staleRow } from './aggregateMarks';
import { figuresOf, isFigures, openFigures, type OpenedFigures, type OwnFact, type ReviewTally } from './bucketFigures';
import { guardWrite } from './errors';
import { decodeRows } from './recordRead';
import type { AggregateRow, Encoded, StoredRecordRow } from './rows';

export type { OwnFact, ReviewTally } from './bucketFigures';

/**
 * The device's figures, kept so a report, the plan or the review list never decodes the whole
 * device. Records are grouped in buckets by measure × month of their row's `date` (both clear
 * columns already); each bucket holds the sum of its records' report facts by every key a report
 * filters or groups by (source, indicator, fact month, team, district, sex, age band, group,
 * sphere, document, review status, and the author of the device's own records for the plan), and
 * the review list's counts (bucketFigures.ts), sealed with the codec like a body: counts by sex or
 * group in the clear would tell what a lost device recorded.
 *
 * Incremental, exact, and crash safe: every write to `records` or `serverRecords` marks the
 * buckets it touches stale in its own transaction (aggregateMarks.ts, a DBCore middleware, so no
 * write path can forget it). A report recomputes only the stale buckets from their records (an
 * index range, decoded outside any transaction: the codec is async crypto), and stores a result
 * only if the bucket's mark is still the one it read with the rows (the optimistic check every
 * write here uses); a crash between leaves the bucket stale, i.e. recomputed next time.
 */

/**
 * The records of a bucket as the report counts them: the device's own and the server copies
 * whose id the device does not hold itself (its own copy wins, as in mergeDeviceRecords).
 */
async function bucketRows(measureId: string, month: string): Promise<{ own: StoredRecordRow[]; team: StoredRecordRow[] }> {
  const db = getDb();
  const range = [[measureId, `${month}-`], [measureId, `${month}-\uffff`]] as const;
  const own = await db.records.where('[measureId+date]').between(range[0], range[1]).toArray();
  const copies = await db.serverRecords.where('[measureId+date]').between(range[0], range[1]).toArray();
  if (copies.length === 0) return { own, team: [] };
  const mine = new Set(await db.records.where('id').anyOf(copies.map((c) => c.id)).primaryKeys());
  return { own, team: copies.filter((c) => !mine.has(c.id)) };
}

interface Opened {
  mark: string;
  figures: OpenedFigures;
}

/** Buckets opened in this tab, by key, with the mark they were opened at. */
const opened = new Map<string, Opened>();
const pending = new Map<string, Promise<Opened>>();

async function recompute(stale: AggregateRow): Promise<Opened> {
  const db = getDb();
  // The mark and the rows are read together, so rows written after the mark change it.
  const { mark, own, team } = await db.transaction('r', db.aggregates, db.records, db.serverRecords, async () => {
    const current = await db.aggregates.get(stale.key);
    return { mark: current?.mark ?? null, ...(await bucketRows(stale.measureId, stale.month)) };
  });
  const figures = figuresOf(await decodeRows(own), await decodeRows(team));
  const sealed: Encoded = await getCodec().encode(figures);
  const result = { mark: mark ?? stale.mark, figures: openFigures(stale.measureId, figures) };
  const stored = await guardWrite(() =>
    db.transaction('rw', db.aggregates, async () => {
      const current = await db.aggregates.get(stale.key);
      if (!current || current.mark !== mark) return false; // written meanwhile: the next read recomputes it
      if (own.length === 0 && team.length === 0) await db.aggregates.delete(stale.key);
      else await db.aggregates.put({ key: stale.key, measureId: stale.measureId, month: stale.month, stale: false, mark: current.mark, sealed });
      return true;
    }),
  );
  if (stored) opened.set(stale.key, result);
  return result;
}

/** A sealed bucket's figures; one an earlier release sealed in another form is recomputed. */
async function unseal(row: AggregateRow, sealed: Encoded): Promise<Opened> {
  const figures = await getCodec().decode(sealed);
  return isFigures(figures) ? { mark: row.mark, figures: openFigures(row.measureId, figures) } : recompute(row);
}

async function open(row: AggregateRow): Promise<OpenedFigures> {
  const known = opened.get(row.key);
  if (known && known.mark === row.mark && !row.stale) return known.figures;
  const id = `${row.key}#${row.mark}#${row.stale}`;
  let job = pending.get(id);
  if (!job) {
    job = row.stale || !row.sealed ? recompute(row) : unseal(row, row.sealed);
    pending.set(id, job);
    void job.finally(() => pending.delete(id)).catch(() => undefined);
  }
  const done = await job;
  if (!row.stale && done.mark === row.mark) opened.set(row.key, done);
  return done.figures;
}

/** What the aggregates table holds, as a live query reads it (no codec inside). */
export function aggregateRows(): Promise<AggregateRow[]> {
  return getDb().aggregates.toArray();
}

/**
 * One bucket's figures. The same arrays (by identity) come back for a bucket as long as nothing
 * changed it, so a report may keep what it derived from them.
 */
export interface FactBucket {
  measureId: string;
  month: string;
  /** the report's facts: drafts left out, each with the review status the device knows */
  facts: readonly StatusedFact[];
  /** the plan's: the facts of the device's own records (drafts too), each with its author */
  ownFacts: readonly OwnFact[];
  /** the review list's: how many records it lists, by team, review status and last month */
  tallies: readonly ReviewTally[];
}

/** Every bucket of the device, opened: stale ones recomputed first. */
export async function openAggregates(rows: readonly AggregateRow[]): Promise<FactBucket[]> {
  const parts = await Promise.all(rows.map(open));
  return rows.map((row, i) => ({ measureId: row.measureId, month: row.month, ...parts[i]! }));
}

export async function deviceBuckets(): Promise<FactBucket[]> {
  return openAggregates(await aggregateRows());
}

/** Every report fact of the device, summed per bucket. */
export async function deviceFacts(): Promise<StatusedFact[]> {
  return (await deviceBuckets()).flatMap((b) => b.facts);
}

/**
 * Marks every bucket stale from the records themselves (index keys, no body) and drops the
 * others: after it, the next report recomputes every figure from the records.
 */
export async function rebuildAggregates(): Promise<void> {
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.aggregates, db.records, db.serverRecords, async () => {
      const keys = [
        ...((await db.records.orderBy('[measureId+date]').keys()) as unknown as [string, string][]),
        ...((await db.serverRecords.orderBy('[measureId+date]').keys()) as unknown as [string, string][]),
      ];
      const stale = new Map<string, AggregateRow>();
      for (const [measureId, date] of keys) stale.set(bucketOf({ measureId, date }).key, staleRow({ measureId, date }));
      await db.aggregates.clear();
      await db.aggregates.bulkPut([...stale.values()]);
    }),
  );
  opened.clear();
}

/** Forgets the buckets opened in this tab (the app locked, or tests swapping the database). */
export function forgetOpenedAggregates(): void {
  opened.clear();
}
