import type { ReviewVerdict } from '../../../shared';
import type { ReviewsTable } from '../../db/schema';

/** A verdict as the API sends it, from its row: in a pull (here) and in the review answers (features/reviews). */
export function verdictDto(r: Pick<ReviewsTable, 'record_id' | 'revision' | 'status' | 'comment' | 'reviewer_id' | 'reviewed_at'>): ReviewVerdict {
  return {
    recordId: r.record_id,
    revision: r.revision,
    status: r.status,
    comment: r.comment,
    reviewerId: r.reviewer_id,
    reviewedAt: r.reviewed_at,
  };
}
