import { describe, expect, it } from 'vitest';
import { createRecord, reviseRecord } from '../../../src/shared/records';
import type { StoredRecord } from '../../../src/client/data';
import { deviceReviewStatus, mergeDeviceRecords } from '../../../src/client/data/deviceRecords';
import { deviceReportRecords } from '../../../src/client/features/reports/reportModel';
import { deviceReviewItems } from '../../../src/client/features/review/deviceReview';
import { event } from '../support';

const at = new Date('2024-01-15T10:00:00Z');
const author = { authorId: 'u-1', deviceId: 'd-1', teamId: 'team-a' };

function stored(status: StoredRecord['row']['status'], extra: Record<string, unknown> = {}, deleted = false): StoredRecord {
  const created = createRecord(event(), author, at);
  const record = deleted ? reviseRecord(created, { deleted: true }, at) : created;
  const row = {
    id: record.id, kind: record.kind, measureId: record.measureId, date: '2023-03-01', authorId: author.authorId, teamId: author.teamId,
    createdAt: record.createdAt, updatedAt: record.updatedAt, revision: record.revision, deleted, status, reason: null,
    syncedRevision: null, localVersion: 1, payload: { codec: 'plain', data: record }, ...extra,
  } as StoredRecord['row'];
  return { row, record };
}

describe('review status as this device knows it', () => {
  it('leaves drafts out: they never reached a supervisor', () => {
    expect(deviceReviewStatus(stored('draft'))).toBeNull();
    expect(deviceReportRecords([stored('draft')])).toEqual([]);
  });

  it('takes the supervisor’s verdict when the device has one, else counts the record as pending', () => {
    expect(deviceReviewStatus(stored('sent'))).toBe('pending');
    expect(deviceReviewStatus(stored('ready'))).toBe('pending');
    expect(deviceReviewStatus(stored('returned'))).toBe('returned');
    const note = (status: string, revision = 1) => ({ review: { status, revision, comment: null, reviewedAt: '2024-01-16T00:00:00Z', reviewerId: 's' } });
    expect(deviceReviewStatus(stored('sent', note('approved')))).toBe('approved');
    // A rejection reaches the author's device as "returned" (set aside) with the verdict beside it.
    expect(deviceReviewStatus(stored('returned', note('rejected')))).toBe('rejected');
    // A verdict on an older revision says nothing about the one held now.
    expect(deviceReviewStatus(stored('ready', note('approved', 0)))).toBe('pending');
  });

  it('lists the team’s records the server sent beside the device’s own, once each', () => {
    const own = stored('sent');
    const copy = { ...own, row: { ...own.row, status: 'sent' as const } };
    const other = stored('sent');
    expect(mergeDeviceRecords([own], [copy, other]).map((r) => r.row.id)).toEqual([own.row.id, other.row.id]);
  });

  it('does not list deleted records for review', () => {
    const items = deviceReviewItems([stored('sent'), stored('sent', {}, true)]);
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBe('pending');
  });
});
