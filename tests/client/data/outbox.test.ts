import { describe, expect, it } from 'vitest';
import { event, freshDb, refuseWrites, serviceLog } from '../support';
import { getDb } from '../../../src/client/data/db';
import { freezeUploads, settleThenFreeze } from '../../../src/client/data/outbox';
import { getRecord } from '../../../src/client/data/recordRead';
import { deleteRecord, saveRecord } from '../../../src/client/data/recordStore';
import { deviceSyncStore } from '../../../src/client/data/syncStore';
import { syncOnce, type SyncTransport } from '../../../src/shared/sync/engine';
import { jsonByteLength } from '../../../src/shared/sync/size';
import type { FieldRecord } from '../../../src/shared/records/schemas';
import type { PullResponse, PushRequest, PushResult } from '../../../src/shared/sync/protocol';

const me = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };
const other = { authorId: 'user-2', deviceId: 'device-1', teamId: 'team-1' };
const accepted = (r: FieldRecord): PushResult => ({ status: 'accepted', id: r.id, revision: r.revision });
const emptyPull: PullResponse = { protocolVersion: 2, catalogueVersion: 'v', cursor: 'c', reset: false, hasMore: false, records: [], verdicts: [] };

/** A server that accepts every batch, except the ones `failAt` names (1-based), which never arrive. */
function recordingTransport(failAt: number[] = []): SyncTransport & { batches: PushRequest[] } {
  const batches: PushRequest[] = [];
  return {
    batches,
    push: async (request) => {
      batches.push(request);
      if (failAt.includes(batches.length)) return { ok: false, failure: { kind: 'offline' } };
      return { ok: true, value: { protocolVersion: 2, batchId: request.batchId, results: request.records.map(accepted) } };
    },
    pull: async () => ({ ok: true, value: emptyPull }),
  };
}

async function outboxState() {
  const rows = await getDb().outbox.toArray();
  return Object.fromEntries(rows.map((e) => [`${e.recordId}:${e.revision}`, { state: e.state, frozen: e.frozen !== null, attempts: e.attempts }]));
}

describe('the outbox, one batch at a time', () => {
  it('a push failing at batch k leaves k frozen as sent, k + 1 frozen (never sent) and the rest queued and untouched; the next sync resends them unchanged first', async () => {
    freshDb();
    const ids = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'];
    for (const [i, id] of ids.entries()) await saveRecord(id, serviceLog(i + 1), 'ready', me);
    const before = await outboxState();

    // batches of 2: the first two land, the third never arrives; the fourth was frozen while the third travelled
    const failing = recordingTransport([3]);
    const outcome = await syncOnce(deviceSyncStore(me.authorId), failing, { deviceId: me.deviceId, maxRecords: 2 });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'offline' }, pushed: 4 });
    expect(failing.batches.map((b) => b.records.map((r) => r.id))).toEqual([['r0', 'r1'], ['r2', 'r3'], ['r4', 'r5']]);
    // the rows wait: a freeze marks the outbox entry, not the record
    const statuses = await Promise.all(ids.map(async (id) => (await getRecord(id))!.row.status));
    expect(statuses).toEqual(['sent', 'sent', 'sent', 'sent', 'ready', 'ready', 'ready', 'ready', 'ready']);
    const after = await outboxState();
    expect(Object.keys(after).sort()).toEqual(['r4:1', 'r5:1', 'r6:1', 'r7:1', 'r8:1']);
    // frozen, each body still its row's payload: no copy until a row moves on
    expect(after['r4:1']).toEqual({ state: 'sending', frozen: false, attempts: 1 });
    expect(after['r6:1']).toEqual({ state: 'sending', frozen: false, attempts: 1 });
    // r8 (batch 5) exactly as it was before the sync
    expect(after['r8:1']).toEqual(before['r8:1']);
    expect((await getDb().outbox.get(['r8', 1]))?.batchId).toBeNull();

    // r4 and r6 edited meanwhile: the next revision, queued behind the frozen one
    await saveRecord('r4', serviceLog(40), 'ready', me);
    await saveRecord('r6', serviceLog(60), 'ready', me);
    // each edit left the revision it replaced its own copy; r5 and r7 still have none
    expect(await outboxState()).toMatchObject({ 'r4:1': { frozen: true }, 'r6:1': { frozen: true }, 'r5:1': { frozen: false }, 'r7:1': { frozen: false } });
    const retry = recordingTransport();
    expect(await syncOnce(deviceSyncStore(me.authorId), retry, { deviceId: me.deviceId, maxRecords: 2 })).toMatchObject({ ok: true, pushed: 7, accepted: 7 });
    expect(retry.batches[0]!.records).toEqual(failing.batches[2]!.records);
    expect(retry.batches.map((b) => b.records.map((r) => `${r.id}:${r.revision}`))).toEqual([['r4:1', 'r5:1'], ['r6:1', 'r7:1'], ['r8:1', 'r4:2'], ['r6:2']]);
    // r6:1 goes with the body it had when it was frozen, not the edit
    const r6 = retry.batches[1]!.records[0]!;
    expect(r6.kind === 'serviceLog' && r6.served.total).toBe(7);
    expect(await getDb().outbox.count()).toBe(0);
    expect((await getRecord('r4'))!.row).toMatchObject({ revision: 2, status: 'sent', syncedRevision: 2 });
    expect((await getRecord('r6'))!.row).toMatchObject({ revision: 2, status: 'sent', syncedRevision: 2 });
  });

  it('freezes only what fits the byte cap, counted from the stored body, and always at least one', async () => {
    freshDb();
    for (const id of ['a', 'b', 'c']) await saveRecord(id, serviceLog(2), 'ready', me);
    const size = jsonByteLength((await getRecord('a'))!.record);
    // the envelope allowance (512) + two records and their commas, not three
    const two = await freezeUploads(me.authorId, 100, 512 + 2 * (size + 1));
    expect(two.map((r) => r.id)).toEqual(['a', 'b']);
    expect((await getRecord('c'))!.row.status).toBe('ready');
    // the frozen two come first again, and a cap below one record still lets one through
    expect((await freezeUploads(me.authorId, 100, 10)).map((r) => r.id)).toEqual(['a']);
  });

  it('passes over another author’s queued records and stale entries, however many stand in front', async () => {
    const db = freshDb();
    for (let i = 0; i < 30; i++) await saveRecord(`theirs-${String(i).padStart(2, '0')}`, serviceLog(1), 'ready', other);
    await saveRecord('mine-1', serviceLog(1), 'ready', me);
    await saveRecord('mine-2', event(), 'ready', me);
    // an entry whose revision is no longer the record's (left by an older release)
    await db.outbox.put({ recordId: 'mine-1', revision: 7, state: 'queued', queuedAt: '2000-01-01T00:00:00.000Z', batchId: null, frozen: null, attempts: 0, lastError: null });
    const batch = await freezeUploads(me.authorId, 2);
    expect(batch.map((r) => r.id)).toEqual(['mine-1', 'mine-2']);
    expect(await db.outbox.get(['mine-1', 7])).toBeUndefined();
    expect(await db.outbox.where('state').equals('queued').count()).toBe(30);
  });
});

describe('settling a batch in bulk', () => {
  it('applies every answer as the per-record rules say: sent, set aside, newer revision kept, tombstone gone, not frozen left alone', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('ok', serviceLog(1), 'ready', me);
    await saveRecord('dup', serviceLog(2), 'ready', me);
    await saveRecord('bad', serviceLog(3), 'ready', me);
    await saveRecord('clash', event(), 'ready', me);
    await saveRecord('gone', serviceLog(4), 'ready', me);
    await saveRecord('edited', serviceLog(5), 'ready', me);
    await saveRecord('twice', serviceLog(6), 'ready', me);
    await saveRecord('theirs', serviceLog(7), 'ready', other);
    // 'gone' and 'twice' reach the server first; then 'gone' is deleted (a tombstone revision)
    const first = await store.pendingUploads(100);
    await store.applyPushResults(first.filter((r) => r.id === 'gone' || r.id === 'twice'), first.filter((r) => r.id === 'gone' || r.id === 'twice').map(accepted));
    expect(await deleteRecord('gone', me)).toBe('tombstone');
    // 'twice' edited after it landed: revision 2, and again while revision 2 is frozen: revision 3
    await saveRecord('twice', serviceLog(60), 'ready', me);
    const batch = await store.pendingUploads(100);
    await saveRecord('edited', serviceLog(50), 'ready', me);
    await saveRecord('twice', serviceLog(61), 'ready', me);
    expect(batch.map((r) => `${r.id}:${r.revision}`).sort()).toEqual(['bad:1', 'clash:1', 'dup:1', 'edited:1', 'gone:2', 'ok:1', 'twice:2']);

    const issues = [{ field: 'district', code: 'invalid_value' as const, message: { uk: 'Ні', en: 'No' } }];
    const results = batch.map((r, index): PushResult => {
      if (r.id === 'dup') return { status: 'duplicate', id: r.id, revision: r.revision };
      if (r.id === 'bad') return { status: 'rejected', id: null, revision: null, index, issues };
      if (r.id === 'clash') return { status: 'conflict', id: r.id, revision: r.revision, reason: 'stale_revision', serverRevision: 4 };
      return accepted(r);
    });
    // answers in another order than the batch, and one twice: matched by id and revision, applied once
    const shuffled = [...results].reverse();
    shuffled.push(accepted(batch.find((r) => r.id === 'ok')!));
    const versionBefore = (await getRecord('edited'))!.row.localVersion;
    await store.applyPushResults(batch, shuffled);

    const row = async (id: string) => (await getRecord(id))?.row;
    expect(await row('ok')).toMatchObject({ status: 'sent', syncedRevision: 1 });
    expect(await row('dup')).toMatchObject({ status: 'sent', syncedRevision: 1 });
    expect(await row('bad')).toMatchObject({ status: 'rejected', syncedRevision: null, reason: { code: 'invalid_value', field: 'district', issues } });
    expect(await row('clash')).toMatchObject({ status: 'conflict', reason: { code: 'stale_revision' } });
    expect(await row('gone')).toBeUndefined();
    // a newer revision queued behind the answered one keeps its own status
    expect(await row('edited')).toMatchObject({ revision: 2, status: 'ready', syncedRevision: 1, localVersion: versionBefore + 1 });
    expect(await row('twice')).toMatchObject({ revision: 3, status: 'ready', syncedRevision: 2 });
    expect(await row('theirs')).toMatchObject({ status: 'ready' });
    const left = await outboxState();
    expect(Object.keys(left).sort()).toEqual(['edited:2', 'theirs:1', 'twice:3']);
    expect(Object.values(left).every((e) => e.state === 'queued')).toBe(true);

    // the same answers again (a late copy): nothing is frozen under them any more, nothing changes
    const rowsBefore = await getDb().records.toArray();
    await store.applyPushResults(batch, results);
    expect(await getDb().records.toArray()).toEqual(rowsBefore);
    const next = await store.pendingUploads(100);
    expect(next.map((r) => `${r.id}:${r.revision}`).sort()).toEqual(['edited:2', 'twice:3']);
    await store.applyPushResults(next, next.map(accepted));
    expect(await row('twice')).toMatchObject({ revision: 3, status: 'sent', syncedRevision: 3 });
    expect(await row('edited')).toMatchObject({ revision: 2, status: 'sent', syncedRevision: 2 });
  });

  it('two revisions of one record in one batch settle in order', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('r', serviceLog(1), 'ready', me);
    await store.pendingUploads(100); // revision 1 frozen, its answer lost
    await saveRecord('r', serviceLog(2), 'ready', me);
    const batch = await store.pendingUploads(100);
    expect(batch.map((r) => r.revision)).toEqual([1, 2]);
    await store.applyPushResults(batch, batch.map(accepted));
    expect((await getRecord('r'))!.row).toMatchObject({ revision: 2, status: 'sent', syncedRevision: 2 });
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('settles one batch and freezes the next in one transaction: if the freeze fails, the answers are not written either', async () => {
    const db = freshDb();
    // A disk that refuses the freeze's write, once the settle's writes are already in the transaction.
    const refuse = { on: false };
    refuseWrites(db, (table, req) => (refuse.on && table === 'outbox' && req.type === 'put' ? new Error('disk refused') : null));
    for (const id of ['a', 'b', 'c', 'd']) await saveRecord(id, serviceLog(1), 'ready', me);
    const first = await freezeUploads(me.authorId, 2);
    const skip = new Set(first.map((r) => `${r.id}:${r.revision}`));

    refuse.on = true;
    await expect(settleThenFreeze(first, first.map(accepted), me.authorId, 2, undefined, skip)).rejects.toThrow();
    refuse.on = false;
    // Nothing of it landed: a and b still frozen and waiting, c and d still queued.
    expect((await outboxState())).toEqual({
      'a:1': { state: 'sending', frozen: false, attempts: 1 },
      'b:1': { state: 'sending', frozen: false, attempts: 1 },
      'c:1': { state: 'queued', frozen: false, attempts: 0 },
      'd:1': { state: 'queued', frozen: false, attempts: 0 },
    });
    expect((await getRecord('a'))!.row.status).toBe('ready');

    const next = await settleThenFreeze(first, first.map(accepted), me.authorId, 2, undefined, skip);
    expect(next.map((r) => r.id)).toEqual(['c', 'd']);
    expect((await getRecord('a'))!.row).toMatchObject({ status: 'sent', syncedRevision: 1 });
    expect(await outboxState()).toEqual({ 'c:1': { state: 'sending', frozen: false, attempts: 1 }, 'd:1': { state: 'sending', frozen: false, attempts: 1 } });
  });
});
