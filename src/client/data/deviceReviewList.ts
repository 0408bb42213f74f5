import type { FactBucket } from './aggregates';
import { getCodec } from './codec';
import { decodeRows, type StoredRecord } from './recordRead';
import { deviceRowsInReviewOrder, type DeviceReviewQuery } from './reviewOrder';
import { reviewStatusOf } from './reviewStatus';
import type { ReviewNote, StoredRecordRow } from './rows';

export type { DeviceReviewQuery } from './reviewOrder';

/**
 * The supervisor's review list made on the device (offline, or without a reviewer's login): how
 * many records match, from the aggregates' counts, and one page of them, read in order through
 * the date indexes; only the rows that may match are opened, and only until the page is full.
 */

/**
 * How many records the list holds for a query: the buckets' tallies of the measure asked, from
 * the months up to the one asked, of records whose days end in it or later (a record's bucket is
 * the month it starts in). The same records matchesReview (features/review) keeps.
 */
export function deviceReviewCount(buckets: readonly FactBucket[], q: DeviceReviewQuery): number {
  let count = 0;
  for (const bucket of buckets) {
    if ((q.measureId && bucket.measureId !== q.measureId) || (q.month && bucket.month > q.month)) continue;
    for (const t of bucket.tallies) {
      if ((q.teamId && t.teamId !== q.teamId) || (q.status && t.status !== q.status) || (q.month && t.endMonth < q.month)) continue;
      count += t.count;
    }
  }
  return count;
}

/** Whether a row's review is the one asked; a sealed verdict is opened (a short note, not the body). */
async function reviewMatches(q: DeviceReviewQuery, row: StoredRecordRow): Promise<boolean> {
  // A verdict in the clear was checked with the other columns, before the row was read in order.
  if (!q.status || !row.sealedReview) return true;
  const review = (await getCodec().decode(row.sealedReview)) as ReviewNote;
  return reviewStatusOf({ status: row.status, revision: row.revision, review }) === q.status;
}

export interface DeviceReviewPage {
  /** in the list's order, at most the limit asked */
  records: StoredRecord[];
  /** every record the query matches */
  total: number;
}

/**
 * The first `limit` records of the list for a query, among those `accept` keeps (the list's own
 * filter, on the opened record; the query narrows the rows before they are opened). Rows are
 * opened a few at a time, as many as the page still lacks, and the reading stops when the page
 * is full or every match (the count) is found.
 */
export async function deviceReviewPage(
  q: DeviceReviewQuery,
  accept: (stored: StoredRecord) => boolean,
  limit: number,
  buckets: readonly FactBucket[],
): Promise<DeviceReviewPage> {
  const total = deviceReviewCount(buckets, q);
  const want = Math.min(limit, total);
  const records: StoredRecord[] = [];
  if (want === 0) return { records, total };
  const seen = new Set<string>();
  let batch: StoredRecordRow[] = [];
  const openBatch = async () => {
    records.push(...(await decodeRows(batch)).filter(accept));
    batch = [];
  };
  for await (const row of deviceRowsInReviewOrder(q)) {
    // Reads are not one transaction: a row rewritten meanwhile may come twice.
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    if (!(await reviewMatches(q, row))) continue;
    batch.push(row);
    if (records.length + batch.length < want) continue;
    await openBatch();
    if (records.length >= want) break;
  }
  if (batch.length > 0) await openBatch();
  return { records: records.slice(0, want), total };
}
