import { describe, expect, it } from 'vitest';
import { author, event, freshDb, serviceLog } from '../support';
import { getRecord, listRecords } from '../../../src/client/data/recordRead';
import { deleteRecord, saveRecord } from '../../../src/client/data/recordStore';
import { deviceSyncStore } from '../../../src/client/data/syncStore';
import { getCodec, setCodec } from '../../../src/client/data/codec';
import { unsyncedSummary } from '../../../src/client/data/status';
import { contentHashOf } from '../../../src/shared/records/validate';
import type { FieldRecord } from '../../../src/shared/records/schemas';
import type { PushResult } from '../../../src/shared/sync/protocol';

/** Saving and deleting records, and what an upload (the engine's store over the outbox) then takes. */

const accepted = (r: FieldRecord): PushResult => ({ status: 'accepted', id: r.id, revision: r.revision });
const uploads = () => deviceSyncStore(author.authorId);

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

  it('freezes a revision once its upload starts, encrypted: later edits make the next revision', async () => {
    const db = freshDb();
    await saveRecord('r1', serviceLog(3), 'ready', author);
    const batch = await uploads().pendingUploads(100);
    expect(batch.map((r) => [r.id, r.revision])).toEqual([['r1', 1]]);
    expect((await getRecord('r1'))?.row.status).toBe('ready');
    // Its body is still the row's payload: no copy yet.
    expect(await db.outbox.get(['r1', 1])).toMatchObject({ state: 'sending', attempts: 1, frozen: null });

    const edited = await saveRecord('r1', serviceLog(8), 'ready', author);
    expect(edited.revision).toBe(2);
    // The edit moved the row on: the frozen revision now has its own copy, encrypted.
    expect(await db.outbox.get(['r1', 1])).toMatchObject({ state: 'sending', frozen: { codec: 'aes-gcm-1' } });
    // The answer was lost: the resend carries the frozen body, not the edit.
    const resend = await uploads().pendingUploads(100);
    expect(resend[0]).toEqual(batch[0]);
    expect(resend[0]!.kind === 'serviceLog' && resend[0]!.served.total).toBe(3);
    expect(await db.outbox.get(['r1', 1])).toMatchObject({ attempts: 1 });

    await uploads().applyPushResults(resend, resend.map(accepted));
    expect((await getRecord('r1'))?.row).toMatchObject({ revision: 2, status: 'sent', syncedRevision: 2 });
    expect(await db.outbox.count()).toBe(0);
    expect(await unsyncedSummary()).toMatchObject({ count: 0, oldestAt: null, newestAt: null });
  });

  it('an edit that read its revision queued, frozen for upload before the edit writes, becomes the next revision', async () => {
    const db = freshDb();
    await saveRecord('r1', serviceLog(3), 'ready', author);
    const real = getCodec();
    let encodes = 0;
    let frozen: FieldRecord[] = [];
    // The edit encodes its guess (a new record; the add fails), reads the row and its entry
    // (queued), then encodes the edited body: the sync freezes the revision right then.
    setCodec({
      id: real.id,
      decode: (stored) => real.decode(stored),
      encode: async (value) => {
        const out = await real.encode(value);
        if (++encodes === 2) frozen = await uploads().pendingUploads(100);
        return out;
      },
    });
    let edited: FieldRecord;
    try {
      edited = await saveRecord('r1', serviceLog(8), 'ready', author);
    } finally {
      setCodec(real);
    }
    expect(frozen.map((r) => [r.id, r.revision])).toEqual([['r1', 1]]);
    // not written over the revision on its way: the next one, queued behind it
    expect(edited.revision).toBe(2);
    expect(frozen[0]!.kind === 'serviceLog' && frozen[0]!.served.total).toBe(3);
    expect((await db.outbox.toArray()).map((e) => [e.revision, e.state])).toEqual([[1, 'sending'], [2, 'queued']]);
    const resend = await uploads().pendingUploads(100);
    expect(resend[0]).toEqual(frozen[0]);
  });

  it('edits a sent record as a new revision, queued for upload', async () => {
    freshDb();
    await saveRecord('r1', event(), 'ready', author);
    const batch = await uploads().pendingUploads(100);
    await uploads().applyPushResults(batch, [{ status: 'duplicate', id: 'r1', revision: 1 }]);
    const revised = await saveRecord('r1', event('Нова назва'), 'ready', author);
    expect(revised.revision).toBe(2);
    expect((await getRecord('r1'))?.row).toMatchObject({ status: 'ready', syncedRevision: 1 });
  });

  it('saves an id already stored as an edit, keeping nothing of the failed add of a new record', async () => {
    const db = freshDb();
    const first = await saveRecord('r1', serviceLog(3), 'ready', author);
    const batch = await uploads().pendingUploads(100);
    await uploads().applyPushResults(batch, batch.map(accepted));
    expect(await db.outbox.count()).toBe(0);
    // The save first tries to add r1 as new (with its revision 1 queued): the add fails, and that
    // queue entry must go with it.
    const revised = await saveRecord('r1', serviceLog(5), 'ready', author);
    expect(revised).toMatchObject({ revision: 2, createdAt: first.createdAt });
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([['r1', 2]]);
    // saved, settled, edited (the freeze touches only the outbox entry)
    expect(await db.records.get('r1')).toMatchObject({ revision: 2, status: 'ready', syncedRevision: 1, localVersion: 3 });
  });

  it('keeps a tombstone of a record the server may know until the deletion has synced', async () => {
    const db = freshDb();
    await saveRecord('r1', serviceLog(3), 'ready', author);
    const first = await uploads().pendingUploads(100);
    await uploads().applyPushResults(first, first.map(accepted));
    expect(await deleteRecord('r1', author)).toBe('tombstone');
    const tomb = await getRecord('r1');
    expect(tomb?.record).toMatchObject({ deleted: true, revision: 2 });
    expect(tomb?.row.status).toBe('ready');
    const batch = await uploads().pendingUploads(100);
    expect(batch[0]).toMatchObject({ id: 'r1', deleted: true, revision: 2 });
    await uploads().applyPushResults(batch, batch.map(accepted));
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
    expect(await uploads().pendingUploads(100)).toEqual([]);
    expect(await unsyncedSummary()).toMatchObject({ count: 1 });
    await saveRecord('r1', serviceLog(3), 'ready', author);
    expect(await uploads().pendingUploads(100)).toHaveLength(1);
  });

  it('hands out no more than the limit, oldest first; the rest wait queued', async () => {
    const db = freshDb();
    for (let i = 0; i < 5; i++) await saveRecord(`r${i}`, serviceLog(i + 1), 'ready', author);
    expect((await uploads().pendingUploads(2)).map((r) => r.id)).toEqual(['r0', 'r1']);
    expect(await db.outbox.where('state').equals('queued').count()).toBe(3);
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
