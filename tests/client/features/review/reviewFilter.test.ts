import { describe, expect, it } from 'vitest';
import { createRecord, reviseRecord, type EventContent, type RecordContent } from '../../../../src/shared/records';
import type { ReviewItem } from '../../../../src/shared/review/protocol';
import { recordPeriod } from '../../../../src/shared/records/period';
import {
  approvable,
  commentMissing,
  currentVerdict,
  defaultReviewFilter,
  matchesReview,
  monthBounds,
  sortForReview,
} from '../../../../src/client/features/review/reviewFilter';
import { columnDimension, gridCells, recordCells } from '../../../../src/client/features/review/recordCounts';

const at = new Date('2024-01-15T10:00:00Z');
const author = { authorId: 'u-1', deviceId: 'd-1', teamId: 'team-a' };

function event(start: string, end: string, measureId = '1.1'): RecordContent {
  return {
    kind: 'event', measureId, title: 'Тренінг', format: 'training', startDate: start, endDate: end,
    venue: { mode: 'online' }, organiser: 'ДСП',
    attendance: { cells: [{ sex: 'female', group: 'idp', count: 3 }], total: 3 }, materials: { produced: 0, distributed: 0 },
  };
}

const item = (content: RecordContent, status: ReviewItem['status'], teamId = 'team-a'): ReviewItem => ({
  record: createRecord(content, { ...author, teamId }, at),
  status,
  verdicts: [],
});

const all = { ...defaultReviewFilter, status: '' as const };

describe('the review filter on the device (as the server filters)', () => {
  it('keeps a record whose days touch the month, including one that spans a month end', () => {
    const spanning = item(event('2023-01-30', '2023-02-02'), 'pending');
    expect(matchesReview(spanning, { ...all, month: '2023-01' })).toBe(true);
    expect(matchesReview(spanning, { ...all, month: '2023-02' })).toBe(true);
    expect(matchesReview(spanning, { ...all, month: '2023-03' })).toBe(false);
    expect(matchesReview(item(event('2022-12-31', '2022-12-31'), 'pending'), { ...all, month: '2023-01' })).toBe(false);
  });

  it('filters by team, status and measure, and never lists deleted records', () => {
    const pending = item(event('2023-05-01', '2023-05-01'), 'pending');
    expect(matchesReview(pending, defaultReviewFilter)).toBe(true);
    expect(matchesReview(pending, { ...all, status: 'approved' })).toBe(false);
    expect(matchesReview(pending, { ...all, teamId: 'team-b' })).toBe(false);
    expect(matchesReview(pending, { ...all, measureId: '4.1' })).toBe(false);
    const deleted: ReviewItem = { ...pending, record: reviseRecord(pending.record, { deleted: true }, at) };
    expect(matchesReview(deleted, all)).toBe(false);
  });

  it('gives month bounds for leap and ordinary Februaries', () => {
    expect(monthBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthBounds('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(monthBounds('2023-12')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
  });

  it('sorts newest first and bulk-approves pending records only', () => {
    const a = item(event('2023-01-05', '2023-01-05'), 'pending');
    const b = item(event('2023-03-05', '2023-03-05'), 'returned');
    const c = item(event('2023-02-05', '2023-02-05'), 'approved');
    expect(sortForReview([a, b, c]).map((i) => recordPeriod(i.record).start)).toEqual(['2023-03-05', '2023-02-05', '2023-01-05']);
    expect(approvable([a, b, c])).toEqual([a]);
  });
});

describe('verdicts', () => {
  it('need a comment to return or reject, not to approve', () => {
    expect(commentMissing('approved', '')).toBe(false);
    expect(commentMissing('returned', '  ')).toBe(true);
    expect(commentMissing('rejected', '')).toBe(true);
    expect(commentMissing('returned', 'Перевірте дату')).toBe(false);
  });

  it('the current one is the last given on the current revision', () => {
    const base = item(event('2023-05-01', '2023-05-01'), 'pending');
    const revised = { ...base, record: reviseRecord(base.record, { content: { ...(event('2023-05-01', '2023-05-01') as EventContent), title: 'Виправлено' } }, at) };
    const v = (revision: number, status: 'approved' | 'returned', reviewedAt: string) => ({
      recordId: base.record.id, revision, status, comment: status === 'returned' ? 'x' : null, reviewerId: 's', reviewedAt,
    });
    expect(revised.record.revision).toBe(2);
    expect(currentVerdict({ ...revised, verdicts: [v(1, 'returned', '2023-05-02T00:00:00Z')] })).toBeNull();
    const later = v(2, 'approved', '2023-05-04T00:00:00Z');
    expect(currentVerdict({ ...revised, verdicts: [v(1, 'returned', '2023-05-02T00:00:00Z'), later] })).toEqual(later);
  });
});

describe('a record’s counts grid', () => {
  it('takes served, attendance or the reported table, with groups or spheres as columns', () => {
    const e = item(event('2023-05-01', '2023-05-01'), 'pending').record;
    expect(recordCells(e)).toEqual([{ sex: 'female', group: 'idp', count: 3 }]);
    expect(gridCells(recordCells(e)!)).toEqual([{ sex: 'female', ageBand: 'not_stated', group: 'idp', value: 3 }]);
    const bySphere = [{ sex: 'male', sphere: 'police', count: 2 }];
    expect(columnDimension(bySphere)).toBe('sphere');
    expect(gridCells(bySphere)).toEqual([{ sex: 'male', ageBand: 'not_stated', group: 'police', value: 2 }]);
    const deliverable = createRecord(
      { kind: 'indicatorReport', measureId: '3.1', indicatorId: '3.1.i1', periodStart: '2021-01-01', periodEnd: '2021-06-30', value: { type: 'deliverable', done: true, documentRef: 'Наказ' } },
      author,
      at,
    );
    expect(recordCells(deliverable)).toBeNull();
  });
});
