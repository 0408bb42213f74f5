import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { served } from '../deviceSeed';
import { getCodec, setCodec, type Codec } from '../../../src/client/data/codec';
import { getDb } from '../../../src/client/data/db';
import { deviceBuckets } from '../../../src/client/data/aggregates';
import { sealReview } from '../../../src/client/data/notes';
import { decodeRows } from '../../../src/client/data/recordRead';
import { rowFor, saveRecord } from '../../../src/client/data/recordStore';
import { latestServerRows } from '../../../src/client/data/teamRecordRead';
import { bucketsProgress } from '../../../src/client/features/plan/progress';
import { defaultReviewFilter } from '../../../src/client/features/review/reviewFilter';
import { DEVICE_PAGE_SIZE, deviceList } from '../../../src/client/features/review/useReview';
import { defaultCatalogue } from '../../../src/shared/plan';
import { createRecord } from '../../../src/shared/records/build';
import type { StoredRecordRow } from '../../../src/client/data/rows';

/**
 * A supervisor's device with 5,000 records (1,000 its own, 4,000 the team's server copies, a fifth
 * of them approved): the Sync screen's server records, a review page and the plan's progress
 * decode at most a page of records, not the device. Decodes are counted on the codec itself.
 */

const OWN = 1000;
const COPIES = 4000;
const me = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };

/** The codec the app runs, counting what it opens: record bodies, and verdicts (short notes). */
const opened = { bodies: 0, notes: 0 };
function countingCodec(real: Codec): Codec {
  return {
    id: real.id,
    encode: (value) => real.encode(value),
    decode: async (stored) => {
      const value = (await real.decode(stored)) as { kind?: unknown };
      if (value && typeof value === 'object' && 'kind' in value) opened.bodies++;
      else opened.notes++;
      return value;
    },
  };
}
const reset = () => Object.assign(opened, { bodies: 0, notes: 0 });

async function seed(): Promise<void> {
  const rows: StoredRecordRow[] = [];
  for (let i = 0; i < OWN + COPIES; i++) {
    const day = new Date(Date.UTC(2023, 0, 1 + (i % 365))).toISOString().slice(0, 10);
    const who = i < OWN ? me : { authorId: `user-${2 + (i % 7)}`, deviceId: 'd', teamId: i % 3 === 0 ? 'team-2' : 'team-1' };
    const record = createRecord(served(i % 2 ? '7.3' : '13.3', i % 2 ? '7.3.i1' : '13.3.i1', day, [{ sex: 'female', ageBand: '18-34', count: 1 + (i % 4) }]), who, new Date(Date.UTC(2023, 0, 1, 0, 0, i)));
    const review = i % 5 === 0 ? await sealReview({ status: 'approved', revision: 1, comment: null, reviewedAt: '2023-06-01T00:00:00Z', reviewerId: 'boss' }) : null;
    rows.push({ ...rowFor(record, 'sent', null, await getCodec().encode(record)), syncedRevision: 1, sealedReview: review });
  }
  await getDb().records.bulkPut(rows.slice(0, OWN));
  await getDb().serverRecords.bulkPut(rows.slice(OWN).map((r) => ({ ...r, status: 'sent' as const })));
}

describe('hot screens on a device with 5,000 records', () => {
  beforeAll(async () => {
    freshDb();
    await seed();
    setCodec(countingCodec(getCodec()));
  });

  it('Sync: counts the server copies from the key and decodes only the 50 shown, newest change first', async () => {
    reset();
    const { count, rows } = await latestServerRows(50);
    const shown = await decodeRows(rows);
    expect(count).toBe(COPIES);
    expect(shown.map((s) => s.row.id)).toEqual((await getDb().serverRecords.orderBy('updatedAt').reverse().primaryKeys()).slice(0, 50));
    expect(opened.bodies).toBe(50);
  });

  it('Review: once the aggregates are kept, a page decodes one page of bodies and counts from the tallies', async () => {
    const device = { kind: 'device', why: 'failed' } as const;
    reset();
    // The first figures on a fresh device are worked out from every record once, then kept sealed.
    await deviceBuckets();
    expect(opened.bodies).toBe(OWN + COPIES);
    reset();
    const pending = await deviceList(defaultReviewFilter, 1, await deviceBuckets(), device);
    expect(pending.items).toHaveLength(DEVICE_PAGE_SIZE);
    expect(pending.total).toBe(((OWN + COPIES) * 4) / 5);
    expect(opened.bodies).toBe(DEVICE_PAGE_SIZE);
    // The approved ones met on the way are told apart by their verdict alone.
    expect(opened.notes).toBeLessThan(DEVICE_PAGE_SIZE);
    reset();
    const two = await deviceList({ ...defaultReviewFilter, status: '', teamId: 'team-2', month: '2023-03' }, 2, await deviceBuckets(), device);
    expect(two.items).toHaveLength(2 * DEVICE_PAGE_SIZE);
    expect(opened.bodies).toBe(2 * DEVICE_PAGE_SIZE);
  });

  it('Plan: progress decodes nothing once the aggregates are kept, and after a write only its bucket', async () => {
    await deviceBuckets();
    reset();
    const who = { authorId: me.authorId, teamId: me.teamId };
    const before = await bucketsProgress(defaultCatalogue, await deviceBuckets(), who, 2023, '2023-12-31');
    expect(opened).toEqual({ bodies: 0, notes: 0 });
    await saveRecord('00000000-0000-7000-8000-0000000000aa', served('7.3', '7.3.i1', '2023-05-09', [{ sex: 'female', ageBand: '18-34', count: 4 }]), 'ready', me);
    reset();
    const after = await bucketsProgress(defaultCatalogue, await deviceBuckets(), who, 2023, '2023-12-31');
    const inBucket = (await getDb().records.where('[measureId+date]').between(['7.3', '2023-05-'], ['7.3', '2023-05-\uffff']).count()) +
      (await getDb().serverRecords.where('[measureId+date]').between(['7.3', '2023-05-'], ['7.3', '2023-05-\uffff']).count());
    expect(opened.bodies).toBe(inBucket);
    expect(after.mine.get('7.3.i1')!.value).toBe(before.mine.get('7.3.i1')!.value + 4);
  });
});
