import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { seedDevice, served } from '../deviceSeed';
import { getCodec } from '../../../src/client/data/codec';
import { getDb } from '../../../src/client/data/db';
import { deviceBuckets } from '../../../src/client/data/aggregates';
import { readDeviceRecords } from '../../../src/client/data/deviceRecords';
import { deviceReviewPage } from '../../../src/client/data/deviceReviewList';
import type { StoredRecord } from '../../../src/client/data/recordRead';
import { rowFor } from '../../../src/client/data/recordStore';
import { deviceReviewItems } from '../../../src/client/features/review/deviceReview';
import { matchesReview, sortForReview, type ReviewFilter } from '../../../src/client/features/review/reviewFilter';
import { deviceList } from '../../../src/client/features/review/useReview';
import { reviewStatuses, type ReviewItem } from '../../../src/shared/review/protocol';
import { createRecord } from '../../../src/shared/records/build';
import { recordPeriod } from '../../../src/shared/records/period';

/**
 * The review list made on the device, a page at a time through the indexes, is the list the device
 * made before from every record decoded (sortForReview of the merged records matchesReview keeps):
 * the same records in the same order, and the same count, for every filter.
 */

const device = { kind: 'device', why: 'failed' } as const;
const ids = (items: readonly ReviewItem[]) => items.map((i) => `${i.record.id}@${i.record.revision}:${i.status}`);

/** How the device listed them before: everything decoded, filtered and sorted. */
async function everyRecordList(): Promise<(filter: ReviewFilter) => ReviewItem[]> {
  const items = deviceReviewItems(await readDeviceRecords());
  return (filter) => sortForReview(items.filter((i) => matchesReview(i, filter)));
}

function filters(): ReviewFilter[] {
  const out: ReviewFilter[] = [];
  for (const teamId of ['', 'team-1', 'team-2', 'team-3'])
    for (const status of ['', ...reviewStatuses] as const)
      for (const measureId of ['', '7.3', '4.1', '2.1', '13.3', '3.1'])
        for (const month of ['', '2023-05', '2023-02', '2023-01', '2022-02', '2022-03', '2021-06', '2021-12', '2023-1']) out.push({ teamId, status, measureId, month });
  return out;
}

const accept = (filter: ReviewFilter) => (stored: StoredRecord) => deviceReviewItems([stored]).some((i) => matchesReview(i, filter));

describe('the review list on the device', () => {
  it('lists and counts what every record decoded gives, for every filter', async () => {
    freshDb();
    await seedDevice();
    const expected = await everyRecordList();
    const buckets = await deviceBuckets();
    let nonEmpty = 0;
    for (const filter of filters()) {
      const want = expected(filter);
      const page = await deviceList(filter, 1, buckets, device);
      expect({ filter, items: ids(page.items), total: page.total }).toEqual({ filter, items: ids(want), total: want.length });
      if (want.length > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(100);
    // Every status and both sources are there; the copy of an own record is listed once, as the own one.
    const all = expected({ teamId: '', status: '', measureId: '', month: '' });
    expect(new Set(all.map((i) => i.status))).toEqual(new Set(reviewStatuses));
    expect(all.filter((i) => i.record.id === '00000000-0000-7000-8000-00000000000a').map((i) => recordPeriod(i.record).start)).toEqual(['2023-05-02']);
  });

  it('pages in order across whole days, own records and server copies, and stops at the count', async () => {
    freshDb();
    const who = { authorId: 'user-2', deviceId: 'device-2', teamId: 'team-1' };
    // 150 records on one day (more than a read's chunk), half of them server copies, around other days.
    const copies = [];
    for (let i = 0; i < 200; i++) {
      const day = i < 150 ? '2023-05-02' : `2023-0${(i % 4) + 3}-1${i % 10}`;
      const record = createRecord(served('7.3', '7.3.i1', day, [{ sex: 'female', ageBand: '18-34', count: 1 + (i % 3) }]), who, new Date(Date.UTC(2023, 0, 1, 0, 0, i)));
      const row = rowFor(record, 'sent', null, await getCodec().encode(record));
      if (i % 2 === 0) copies.push({ ...row, status: 'sent' as const });
      else await getDb().records.put({ ...row, status: i % 5 === 0 ? 'draft' : 'sent' });
    }
    await getDb().serverRecords.bulkPut(copies);
    const expected = await everyRecordList();
    const buckets = await deviceBuckets();
    for (const filter of [{ teamId: '', status: '', measureId: '', month: '' }, { teamId: 'team-1', status: 'pending', measureId: '7.3', month: '2023-05' }] as ReviewFilter[]) {
      const want = expected(filter);
      expect(want.length).toBeGreaterThan(100);
      for (const limit of [1, 2, 49, 50, 64, 65, 130, 500]) {
        const page = await deviceReviewPage({ ...filter }, accept(filter), limit, buckets);
        expect(page.total).toBe(want.length);
        expect(ids(deviceReviewItems(page.records))).toEqual(ids(want.slice(0, limit)));
      }
    }
  });
});
