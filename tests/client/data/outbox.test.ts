import { describe, expect, it } from 'vitest';
import { author, event, freshDb, serviceLog } from '../support';
import { getRecord, listRecords } from '../../../src/client/data/recordRead';
import { deleteRecord, saveRecord } from '../../../src/client/data/recordStore';
import { claimBatch, lastErrorOf, noteBatchFailure, outboxSummary, settleBatch } from '../../../src/client/data/outbox';
import { unsyncedSummary } from '../../../src/client/data/status';
import { contentHashOf } from '../../../src/shared/records/validate';

const limits = { maxRecords: 50, maxBytes: 1_000_000 };
const accepted = (id: string, revision: number) => ({ status: 'accepted' as const, id, revision });

describe('records and the outbox', () => {
  it('edits a record in place until its upload starts', async () => {
    const db = freshDb();
    const first = await saveRecord('r1', serviceLog(3), 'ready', author);
    const second = await saveRecord('r1', serviceLog(4), 'ready', author);
    expect(second.revision).toBe(1);
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.contentHash).toBe(contentHashOf(second));
    expect(second.contentHash).not.toBe(first.contentHash);
    expect(await db.outbox.count()).toBe(1);
  });

  it('freezes a revision once its upload starts: later edits make the next revision', async () => {
    const db = freshDb();
    await saveRecord('r1', serviceLog(3), 'ready', author);
    const batch = await claimBatch(limits);
    expect(batch?.records.map((r) => [r.id, r.revision])).toEqual([['r1', 1]]);
    expect((await getRecord('r1'))?.row.status).toBe('sending');

    const edited = await saveRecord('r1', serviceLog(8), 'ready', author);
    expect(edited.revision).toBe(2);

    // The upload timed out: the retry sends the same batch id with the same frozen body.
    await noteBatchFailure(batch!.batchId, 'timeout');
    const retry = await claimBatch(limits);
    expect(retry?.batchId).toBe(batch!.batchId);
    expect(retry?.records).toEqual(batch!.records);
    const frozen = retry!.records[0]!;
    expect(frozen.kind === 'serviceLog' && frozen.served.total).toBe(3);
    const entry = (await db.outbox.get(['r1', 1]))!;
    expect(entry).toMatchObject({ state: 'sending', attempts: 1, lastError: { codec: 'aes-gcm-1' }, frozen: { codec: 'aes-gcm-1' } });
    expect(await lastErrorOf(entry)).toBe('timeout');

    await settleBatch(batch!.batchId, [accepted('r1', 1)]);
    const after = await getRecord('r1');
    expect(after?.row).toMatchObject({ revision: 2, status: 'ready', syncedRevision: 1 });
    const next = await claimBatch(limits);
    expect(next?.records.map((r) => [r.id, r.revision])).toEqual([['r1', 2]]);
    await settleBatch(next!.batchId, [accepted('r1', 2)]);
    expect((await getRecord('r1'))?.row).toMatchObject({ status: 'sent', syncedRevision: 2 });
    expect(await outboxSummary()).toEqual({ queued: 0, sending: 0 });
    expect(await unsyncedSummary()).toEqual({ count: 0, oldestAt: null, newestAt: null });
  });

  it('edits a sent record as a new revision, queued for upload', async () => {
    freshDb();
    await saveRecord('r1', event(), 'ready', author);
    const batch = await claimBatch(limits);
    await settleBatch(batch!.batchId, [{ status: 'duplicate', id: 'r1', revision: 1 }]);
    const revised = await saveRecord('r1', event('Нова назва'), 'ready', author);
    expect(revised.revision).toBe(2);
    expect((await getRecord('r1'))?.row).toMatchObject({ status: 'ready', syncedRevision: 1 });
  });

  it('sets rejected and conflicting records aside with their reason, and sends the rest', async () => {
    freshDb();
    await saveRecord('ok', serviceLog(1), 'ready', author);
    await saveRecord('bad', serviceLog(2), 'ready', author);
    await saveRecord('clash', serviceLog(3), 'ready', author);
    const batch = await claimBatch(limits);
    expect(batch?.records).toHaveLength(3);
    await settleBatch(batch!.batchId, [
      accepted('ok', 1),
      { status: 'rejected', id: 'bad', revision: 1, index: 1, issues: [{ field: 'date', code: 'date_future', message: { uk: 'Дата в майбутньому', en: 'Future date' } }] },
      { status: 'conflict', id: 'clash', revision: 1, reason: 'different_content', serverRevision: 1 },
    ]);
    const byId = Object.fromEntries((await listRecords()).map((r) => [r.row.id, r.row]));
    expect(byId.ok).toMatchObject({ status: 'sent' });
    expect(byId.bad).toMatchObject({ status: 'rejected', reason: { code: 'date_future', field: 'date' } });
    expect(byId.clash).toMatchObject({ status: 'conflict', reason: { code: 'different_content' } });
    // A rejected record never reached the server: fixing it keeps its revision.
    expect((await saveRecord('bad', serviceLog(2), 'ready', author)).revision).toBe(1);
  });

  it('keeps a tombstone of a record the server may know until the deletion has synced', async () => {
    const db = freshDb();
    await saveRecord('r1', serviceLog(3), 'ready', author);
    await settleBatch((await claimBatch(limits))!.batchId, [accepted('r1', 1)]);
    expect(await deleteRecord('r1', author)).toBe('tombstone');
    const tomb = await getRecord('r1');
    expect(tomb?.record).toMatchObject({ deleted: true, revision: 2 });
    expect(tomb?.row.status).toBe('ready');
    const batch = await claimBatch(limits);
    expect(batch?.records[0]).toMatchObject({ id: 'r1', deleted: true, revision: 2 });
    await settleBatch(batch!.batchId, [accepted('r1', 2)]);
    expect(await db.records.count()).toBe(0);
  });

  it('removes at once a record that never left the device', async () => {
    const db = freshDb();
    await saveRecord('r1', serviceLog(3), 'ready', author);
    expect(await deleteRecord('r1', author)).toBe('removed');
    expect(await db.records.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps drafts on the device: not queued until marked ready', async () => {
    freshDb();
    await saveRecord('r1', serviceLog(3), 'draft', author);
    expect(await claimBatch(limits)).toBeNull();
    expect(await unsyncedSummary()).toMatchObject({ count: 1 });
    await saveRecord('r1', serviceLog(3), 'ready', author);
    expect((await claimBatch(limits))?.records).toHaveLength(1);
  });

  it('caps a batch by count and by bytes', async () => {
    freshDb();
    for (let i = 0; i < 5; i++) await saveRecord(`r${i}`, serviceLog(i + 1), 'ready', author);
    expect((await claimBatch({ maxRecords: 2, maxBytes: 1e6 }))?.records.map((r) => r.id)).toEqual(['r0', 'r1']);
  });

  it('never duplicates a record saved twice at once (double tap, two tabs)', async () => {
    const db = freshDb();
    const saves = await Promise.all([1, 2, 3, 4].map((n) => saveRecord('same-id', serviceLog(n), 'ready', author)));
    expect(new Set(saves.map((s) => s.id))).toEqual(new Set(['same-id']));
    expect(await db.records.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    const [stored] = await listRecords();
    expect(stored!.row.localVersion).toBe(4);
    expect(stored!.record.contentHash).toBe(contentHashOf(stored!.record));
  });
});
