import type { LockMonthRequest, MonthLock, OpenRecord, ReviewList, UnlockMonthRequest, VerdictRequest } from '../../../shared/review/protocol';
import type { ReviewVerdict } from '../../../shared/sync/protocol';
import { ApiFailure } from '../../net/failure';
import { getJson, postJson } from '../../net/loggedIn';
import { queryString } from '../../net/queryString';
import { monthBounds, type ReviewFilter } from './reviewFilter';

/** The review API (docs/reports.md): the supervisor's list, verdicts and month locks. */

export const PAGE_SIZE = 100;

export function listForReview(filter: ReviewFilter, offset = 0, limit = PAGE_SIZE): Promise<ReviewList> {
  const month = filter.month ? monthBounds(filter.month) : null;
  return getJson<ReviewList>(
    `/review/records${queryString({
      team: filter.teamId, status: filter.status, measure: filter.measureId, from: month?.from, to: month?.to, offset, limit,
    })}`,
  );
}

/** The whole filtered list, page by page (for bulk approval of everything the filter shows). */
export async function listAllForReview(filter: ReviewFilter, cap = 5000): Promise<ReviewList['items']> {
  const items: ReviewList['items'] = [];
  for (let offset = 0; offset < cap; offset += 200) {
    const page = await listForReview(filter, offset, 200);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return items;
}

export function giveVerdict(verdict: VerdictRequest): Promise<ReviewVerdict> {
  return postJson<ReviewVerdict>('/review/verdicts', verdict);
}

export type LockOutcome = { locked: true; lock: MonthLock } | { locked: false; open: OpenRecord[]; openCount: number };

/** Locking answers 409 with the records still open: that is an answer to show, not a failure. */
export async function lockMonth(request: LockMonthRequest): Promise<LockOutcome> {
  try {
    return { locked: true, lock: await postJson<MonthLock>('/review/months/lock', request) };
  } catch (error) {
    const details = error instanceof ApiFailure ? (error.details as { open?: OpenRecord[]; openCount?: number }) : undefined;
    if (error instanceof ApiFailure && error.kind === 'conflict' && details?.open)
      return { locked: false, open: details.open, openCount: details.openCount ?? details.open.length };
    throw error;
  }
}

export function unlockMonth(request: UnlockMonthRequest): Promise<MonthLock> {
  return postJson<MonthLock>('/review/months/unlock', request);
}

export async function listLocks(teamId?: string): Promise<MonthLock[]> {
  return (await getJson<{ locks: MonthLock[] }>(`/review/months${queryString({ team: teamId })}`)).locks;
}
