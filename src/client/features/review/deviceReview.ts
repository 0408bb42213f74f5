import type { ReviewItem } from '../../../shared/review/protocol';
import { deviceReviewStatus, type StoredRecord } from '../../data';

/** The device's records as review items (offline reading of a supervisor's pulled team records). */
export function deviceReviewItems(records: readonly StoredRecord[]): ReviewItem[] {
  return records.flatMap((stored) => {
    const status = deviceReviewStatus(stored);
    if (status === null || stored.record.deleted) return [];
    const verdicts = stored.row.review ? [{ ...stored.row.review, recordId: stored.row.id }] : [];
    return [{ record: stored.record, status, verdicts }];
  });
}
