import type { ReviewItem } from '../../../shared/review/protocol';
import type { ReviewStatus } from '../../../shared/sync/protocol';
import { recordPeriod } from '../../../shared/records/period';

export interface ReviewFilter {
  teamId: string;
  status: ReviewStatus | '';
  measureId: string;
  /** YYYY-MM, or '' for any */
  month: string;
}

export const defaultReviewFilter: ReviewFilter = { teamId: '', status: 'pending', measureId: '', month: '' };

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** The same filter the server applies, for the records on this device when offline. */
export function matchesReview(item: ReviewItem, filter: ReviewFilter): boolean {
  const { record } = item;
  if (record.deleted) return false;
  if (filter.teamId && record.teamId !== filter.teamId) return false;
  if (filter.status && item.status !== filter.status) return false;
  if (filter.measureId && record.measureId !== filter.measureId) return false;
  if (filter.month && isMonth(filter.month)) {
    const { from, to } = monthBounds(filter.month);
    const { start, end } = recordPeriod(record);
    if (end < from || start > to) return false;
  }
  return true;
}

/** Newest first, as the server lists them. */
export function sortForReview(items: readonly ReviewItem[]): ReviewItem[] {
  return [...items].sort((a, b) => {
    const pa = recordPeriod(a.record).start;
    const pb = recordPeriod(b.record).start;
    return pa === pb ? a.record.id.localeCompare(b.record.id) : pa < pb ? 1 : -1;
  });
}

/** What a bulk approval would touch: only records waiting for review. */
export function approvable(items: readonly ReviewItem[]): ReviewItem[] {
  return items.filter((i) => i.status === 'pending' && !i.record.deleted);
}

/** The verdict on a record's current revision, if any (the last one given on it). */
export function currentVerdict(item: ReviewItem) {
  return [...item.verdicts].reverse().find((v) => v.revision === item.record.revision) ?? null;
}

/** A returned or rejected verdict needs a comment; the text names why (both languages come from the screen). */
export function commentMissing(status: 'approved' | 'returned' | 'rejected', comment: string): boolean {
  return status !== 'approved' && comment.trim().length === 0;
}
