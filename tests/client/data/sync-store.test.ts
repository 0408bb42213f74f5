import { describe, expect, it } from 'vitest';
import { event, freshDb, serviceLog } from '../support';
import { getDb } from '../../../src/client/data/db';
import { getRecord, listRecords } from '../../../src/client/data/recordRead';
import { deleteRecord, saveRecord } from '../../../src/client/data/recordStore';
import { deviceSyncStore } from '../../../src/client/data/syncStore';
import { recordsForHandoff } from '../../../src/client/data/handoff';
import { getPullCursor } from '../../../src/client/data/pull';
import { listServerRecords } from '../../../src/client/data/teamRecordRead';
import { syncInfo } from '../../../src/client/data/status';
import { syncOnce, type SyncTransport } from '../../../src/shared/sync/engine';
import { createRecord } from '../../../src/shared/records/build';
import { uuidv7 } from '../../../src/shared/records/uuid';
import type { FieldRecord } from '../../../src/shared/records/schemas';
import type { PullResponse, PushResult, ReviewVerdict } from '../../../src/shared/sync/protocol';

const me = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };
const other = { authorId: 'user-2', deviceId: 'device-1', teamId: 'team-1' };
const accepted = (r: FieldRecord): PushResult => ({ status: 'accepted', id: r.id, revision: r.revision });
const pull = (over: Partial<PullResponse> = {}): PullResponse => ({
  protocolVersion: 1,
  catalogueVersion: 'kyiv-2021-2023@3',
  cursor: 'c1',
  reset: false,
  hasMore: false,
  records: [],
  verdicts: [],
  ...over,
});
const verdict = (recordId: string, revision: number, status: ReviewVerdict['status'], comment: string | null = null): ReviewVerdict => ({
  recordId,
  revision,
  status,
  comment,
  reviewerId: 'boss',
  reviewedAt: '2023-06-01T10:00:00.000Z',
});

describe('the device sync store (IndexedDB)', () => {
  it('freezes what it hands out for upload: an edit in flight becomes the next revision', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('a', serviceLog(3), 'ready', me);
    await saveRecord('b', event(), 'ready', me);
    const first = await store.pendingUploads(100);
    expect(first.map((r) => [r.id, r.revision])).toEqual([['a', 1], ['b', 1]]);
    // frozen in the outbox; the row waits ('ready') until the answer
    expect((await getDb().outbox.get(['a', 1]))?.state).toBe('sending');
    expect((await getRecord('a'))?.row.status).toBe('ready');

    // Edited while the batch is in flight, and the answer is lost: the retry sends the same frozen body.
    await saveRecord('a', serviceLog(9), 'ready', me);
    const retry = await store.pendingUploads(100);
    expect(retry.slice(0, 2)).toEqual(first);
    expect(retry.map((r) => [r.id, r.revision])).toEqual([['a', 1], ['b', 1], ['a', 2]]);

    await store.applyPushResults(retry, retry.map(accepted));
    const a = await getRecord('a');
    expect(a?.row).toMatchObject({ revision: 2, status: 'sent', syncedRevision: 2 });
    expect(a?.record.kind === 'serviceLog' && a.record.served.total).toBe(9);
    expect(await store.pendingUploads(100)).toEqual([]);
  });

  it('answers about an older revision leave the newer one queued', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('a', serviceLog(3), 'ready', me);
    const batch = await store.pendingUploads(100);
    await saveRecord('a', serviceLog(4), 'ready', me);
    await store.applyPushResults(batch, batch.map(accepted));
    expect((await getRecord('a'))?.row).toMatchObject({ revision: 2, status: 'ready', syncedRevision: 1 });
    expect((await store.pendingUploads(100)).map((r) => r.revision)).toEqual([2]);
  });

  it('uploads only the logged-in user’s records; another person’s wait on the device', async () => {
    freshDb();
    await saveRecord('mine', serviceLog(1), 'ready', me);
    await saveRecord('theirs', serviceLog(2), 'ready', other);
    expect((await deviceSyncStore(me.authorId).pendingUploads(100)).map((r) => r.id)).toEqual(['mine']);
    expect((await getRecord('theirs'))?.row.status).toBe('ready');
  });

  it('sets rejected and conflicting records aside with the server’s reason, never deletes them, and the rest go on', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('ok', serviceLog(1), 'ready', me);
    await saveRecord('bad', serviceLog(2), 'ready', me);
    await saveRecord('clash', event(), 'ready', me);
    const batch = await store.pendingUploads(100);
    const issues = [
      { field: 'district', code: 'invalid_value' as const, message: { uk: 'Недопустиме значення', en: 'Not allowed' } },
      { field: 'contentHash', code: 'content_hash' as const, message: { uk: 'Хеш', en: 'Hash' } },
    ];
    // Records saved in the same millisecond may come back in any order: answer each by its place.
    await store.applyPushResults(
      batch,
      batch.map((record, index): PushResult => {
        if (record.id === 'ok') return accepted(record);
        // a record without a usable id is answered by its place in the batch
        if (record.id === 'bad') return { status: 'rejected', id: null, revision: null, index, issues };
        return { status: 'conflict', id: 'clash', revision: 1, reason: 'locked_period', serverRevision: 1 };
      }),
    );
    const byId = Object.fromEntries((await listRecords()).map((r) => [r.row.id, r.row]));
    expect(byId.ok).toMatchObject({ status: 'sent' });
    expect(byId.bad).toMatchObject({ status: 'rejected', reason: { code: 'invalid_value', field: 'district', issues } });
    expect(byId.clash).toMatchObject({ status: 'conflict', reason: { code: 'locked_period' } });
    expect(byId.clash!.reason!.message.en).toMatch(/locked/);
    // Set aside: not sent again by themselves, not blocking anything.
    await saveRecord('next', serviceLog(5), 'ready', me);
    expect((await store.pendingUploads(100)).map((r) => r.id)).toEqual(['next']);
    // Fixing: a rejected record keeps its revision (the server never stored it); a conflict makes a new one.
    expect((await saveRecord('bad', serviceLog(2), 'ready', me)).revision).toBe(1);
    expect((await saveRecord('clash', event('Інша назва'), 'ready', me)).revision).toBe(2);
  });

  it('a supervisor’s verdict sends the record back to its author, who fixes and resends it', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('r', serviceLog(2), 'ready', me);
    await saveRecord('fine', serviceLog(3), 'ready', me);
    const batch = await store.pendingUploads(100);
    await store.applyPushResults(batch, batch.map(accepted));

    await store.applyPull(pull({ verdicts: [verdict('r', 1, 'returned', 'Вкажіть район'), verdict('fine', 1, 'approved')] }));
    const returned = (await getRecord('r'))!.row;
    expect(returned).toMatchObject({ status: 'returned', review: { status: 'returned', revision: 1, comment: 'Вкажіть район' } });
    expect(returned.reason?.message.uk).toContain('Вкажіть район');
    expect((await getRecord('fine'))!.row).toMatchObject({ status: 'sent', review: { status: 'approved' } });

    // The fix is a new revision, queued; the old verdict no longer applies to it.
    const fixed = await saveRecord('r', serviceLog(2), 'ready', me);
    expect(fixed.revision).toBe(2);
    expect((await getRecord('r'))!.row).toMatchObject({ status: 'ready', reason: null });
    expect((await getRecord('r'))!.row.review ?? null).toBeNull();
    expect((await store.pendingUploads(100)).map((r) => [r.id, r.revision])).toEqual([['r', 2]]);
    // A verdict on the older revision, arriving late, changes nothing.
    await store.applyPull(pull({ cursor: 'c2', verdicts: [verdict('r', 1, 'rejected', 'пізно')] }));
    expect((await getRecord('r'))!.row).toMatchObject({ revision: 2, status: 'ready', reason: null });
  });

  it('keeps records from the server apart and read-only, with the cursor per user and the catalogue version', async () => {
    const db = freshDb();
    const store = deviceSyncStore(me.authorId);
    const ownId = uuidv7();
    await saveRecord(ownId, serviceLog(1), 'ready', me);
    const teamRecord = createRecord(serviceLog(7), other);
    const gone = { ...createRecord(serviceLog(1), other), deleted: true };
    await store.applyPull(pull({ cursor: 'c9', records: [teamRecord] }));
    await store.applyPull(pull({ cursor: 'c10', records: [gone], verdicts: [verdict(teamRecord.id, 1, 'approved')] }));

    expect(await db.records.count()).toBe(1);
    const copies = await listServerRecords();
    expect(copies.map((r) => r.row.id)).toEqual([teamRecord.id]);
    expect(copies[0]!.row).toMatchObject({ status: 'sent', authorId: 'user-2', review: { status: 'approved' } });
    // As stored, the verdict is encrypted like the body.
    expect((await db.serverRecords.get(teamRecord.id))!).toMatchObject({ payload: { codec: 'aes-gcm-1' }, sealedReview: { codec: 'aes-gcm-1' } });
    expect(await getPullCursor(me.authorId)).toBe('c10');
    expect(await getPullCursor('someone-else')).toBeNull();
    expect((await syncInfo()).serverCatalogueVersion).toBe('kyiv-2021-2023@3');
    // The server copy of the device's own record does not make a second row.
    const own = (await getRecord(ownId))!.record;
    await store.applyPull(pull({ cursor: 'c11', records: [own] }));
    expect(await db.serverRecords.count()).toBe(1);
    expect(await db.records.count()).toBe(1);
  });

  it('a pull answer that says reset drops the server copies pulled before, in the same write; the device’s own records stay', async () => {
    const db = freshDb();
    const store = deviceSyncStore(me.authorId);
    const ownId = uuidv7();
    await saveRecord(ownId, serviceLog(1), 'ready', me);
    const left = createRecord(serviceLog(2), other);
    const joined = createRecord(serviceLog(3), { ...other, teamId: 'team-2' });
    await store.applyPull(pull({ cursor: 'c1', records: [left] }));
    await store.applyPull(pull({ cursor: 'c2', reset: true, records: [joined] }));
    expect((await listServerRecords()).map((r) => r.row.id)).toEqual([joined.id]);
    expect(await db.records.get(ownId)).toBeDefined();
    expect(await getPullCursor(me.authorId)).toBe('c2');
    // a later page of the same pull adds to it
    await store.applyPull(pull({ cursor: 'c3', records: [left] }));
    expect((await listServerRecords()).map((r) => r.row.id).sort()).toEqual([joined.id, left.id].sort());
  });

  it('runs the whole engine: every record lands once, a deletion follows, nothing is left waiting', async () => {
    const db = freshDb();
    const server = new Map<string, FieldRecord>();
    const transport: SyncTransport = {
      async push(request) {
        const results: PushResult[] = request.records.map((r) => {
          const key = `${r.id}:${r.revision}`;
          const dup = server.has(key);
          server.set(key, r);
          return { status: dup ? 'duplicate' : 'accepted', id: r.id, revision: r.revision };
        });
        return { ok: true, value: { protocolVersion: 1, batchId: request.batchId, results } };
      },
      async pull() {
        return { ok: true, value: pull() };
      },
    };
    for (let i = 0; i < 5; i++) await saveRecord(`r${i}`, serviceLog(i + 1), 'ready', me);
    const outcome = await syncOnce(deviceSyncStore(me.authorId), transport, { deviceId: 'device-1', maxRecords: 2 });
    expect(outcome).toMatchObject({ ok: true, pushed: 5, accepted: 5, setAside: 0 });
    expect([...server.keys()].sort()).toEqual(['r0:1', 'r1:1', 'r2:1', 'r3:1', 'r4:1']);
    expect(await deleteRecord('r0', me)).toBe('tombstone');
    await syncOnce(deviceSyncStore(me.authorId), transport, { deviceId: 'device-1' });
    expect(server.get('r0:2')?.deleted).toBe(true);
    expect(await db.records.count()).toBe(4);
    expect(await db.outbox.count()).toBe(0);
  });

  it('puts in a hand-off file what the server does not have, as frozen, and leaves drafts and sent records out', async () => {
    freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('sent', serviceLog(1), 'ready', me);
    await store.applyPushResults(await store.pendingUploads(100), [accepted((await getRecord('sent'))!.record)]);
    await saveRecord('frozen', serviceLog(2), 'ready', me);
    const inFlight = await store.pendingUploads(100);
    await saveRecord('frozen', serviceLog(3), 'ready', me);
    await saveRecord('queued', event(), 'ready', me);
    await saveRecord('draft', serviceLog(4), 'draft', me);
    const file = await recordsForHandoff();
    expect(file.map((r) => [r.id, r.revision]).sort()).toEqual([['frozen', 1], ['frozen', 2], ['queued', 1]]);
    expect(file.find((r) => r.revision === 1 && r.id === 'frozen')).toEqual(inFlight[0]);
  });
});
