import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { localStatuses, type LocalStatus, type StoredRecordRow } from '../../../src/client/data/rows';
import { unsyncedSummary } from '../../../src/client/data/status';

const none = { draft: 0, ready: 0, sending: 0, returned: 0, rejected: 0, conflict: 0 };

/** Bookkeeping columns only: the summary must never need a row's (encrypted) body. */
function row(id: string, status: LocalStatus, updatedAt: string): StoredRecordRow {
  return { id, status, updatedAt, measureId: 'm', date: '2023-05-01', kind: 'serviceLog', authorId: 'a' } as unknown as StoredRecordRow;
}

describe('the unsynced summary', () => {
  it('is empty on a new device', async () => {
    freshDb();
    expect(await unsyncedSummary()).toEqual({ count: 0, oldestAt: null, newestAt: null, byStatus: none });
  });

  it('counts every status but sent, each on its own, with the oldest and newest change among them, from the index', async () => {
    const db = freshDb();
    const rows: StoredRecordRow[] = [];
    let n = 0;
    for (const status of localStatuses)
      for (const day of [3, 9, 27]) rows.push(row(`r${++n}`, status, `2023-05-${String(day + localStatuses.indexOf(status)).padStart(2, '0')}T08:00:00.000Z`));
    // the extremes are sent records: they must not count
    rows.push(row('old-sent', 'sent', '2023-01-01T00:00:00.000Z'), row('new-sent', 'sent', '2023-12-31T00:00:00.000Z'));
    await db.records.bulkPut(rows);

    const unsent = rows.filter((r) => r.status !== 'sent');
    const times = unsent.map((r) => r.updatedAt).sort();
    expect(await unsyncedSummary()).toEqual({
      count: unsent.length,
      oldestAt: times[0],
      newestAt: times[times.length - 1],
      byStatus: { draft: 3, ready: 3, sending: 3, returned: 3, rejected: 3, conflict: 3 },
    });
  });
});
