import type { ReviewStatus } from '../../shared/sync/protocol';
import type { StoredRecord } from './recordRead';

/**
 * What this device knows of a record's review. Drafts never reached a supervisor: null, so they
 * are not listed for review and never count in a report.
 */
export function deviceReviewStatus(stored: StoredRecord): ReviewStatus | null {
  const { row } = stored;
  if (row.status === 'draft') return null;
  // The verdict a pull brought, if it is on the revision held here (an edit since makes it pending again).
  if (row.review && row.review.revision === row.revision) return row.review.status;
  if (row.status === 'returned') return 'returned';
  return 'pending';
}
