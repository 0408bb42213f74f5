import type { ReviewStatus } from '../../shared/sync/protocol';
import type { StoredRecord } from './recordRead';
import type { RecordRow, StoredRecordRow } from './rows';

/**
 * What this device knows of a record's review. Drafts never reached a supervisor: null, so they
 * are not listed for review and never count in a report.
 */
export function deviceReviewStatus(stored: StoredRecord): ReviewStatus | null {
  return reviewStatusOf(stored.row);
}

/** The same from a row's status, revision and (opened) verdict. */
export function reviewStatusOf(row: Pick<RecordRow, 'status' | 'revision' | 'review'>): ReviewStatus | null {
  if (row.status === 'draft') return null;
  // The verdict a pull brought, if it is on the revision held here (an edit since makes it pending again).
  if (row.review && row.review.revision === row.revision) return row.review.status;
  if (row.status === 'returned') return 'returned';
  return 'pending';
}

/**
 * The same from a stored row's clear columns, when they tell it: a row without a verdict, or with
 * one release 3 left in the clear. Undefined when the verdict is sealed (only opening it tells).
 */
export function clearReviewStatus(row: StoredRecordRow): ReviewStatus | null | undefined {
  if (row.sealedReview) return undefined;
  // As openRow reads it: a sealed field, even empty, replaces release 3's clear one.
  const review = row.sealedReview === null ? null : (row.review ?? null);
  return reviewStatusOf({ status: row.status, revision: row.revision, review });
}
