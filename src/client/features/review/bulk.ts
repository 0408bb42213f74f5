import type { ReviewItem } from '../../../shared/review/protocol';
import { giveVerdict, listAllForReview } from './reviewApi';
import { approvable, type ReviewFilter } from './reviewFilter';

export interface BulkResult {
  total: number;
  approved: number;
  failed: { item: ReviewItem; error: unknown }[];
}

/**
 * Approves every pending record under the filter. One request per record, in turn: a record
 * that changed meanwhile (new revision, locked month) fails on its own and the rest go on.
 */
export async function approveAll(filter: ReviewFilter, onProgress: (done: number, total: number) => void): Promise<BulkResult> {
  const items = approvable(await listAllForReview({ ...filter, status: 'pending' }));
  const result: BulkResult = { total: items.length, approved: 0, failed: [] };
  for (const [i, item] of items.entries()) {
    try {
      await giveVerdict({ recordId: item.record.id, revision: item.record.revision, status: 'approved', comment: null });
      result.approved++;
    } catch (error) {
      result.failed.push({ item, error });
    }
    onProgress(i + 1, items.length);
  }
  return result;
}
