import { describe, expect, it } from 'vitest';
// fake IndexedDB first: Dexie looks for indexedDB when it loads
import { freshDb, unlockForTests } from '../../support';
import { getCodec, setCodec, type Codec } from '../../../../src/client/data/codec';
import { FieldDb, LATEST_SCHEMA_VERSION, setDatabase } from '../../../../src/client/data/db';
import { loadDraft } from '../../../../src/client/data/drafts';
import { recordsForHandoff } from '../../../../src/client/data/handoff';
import { getRecord, listRecords } from '../../../../src/client/data/recordRead';
import type { Encoded } from '../../../../src/client/data/rows';
import { getSession } from '../../../../src/client/data/session';
import { syncInfo } from '../../../../src/client/data/status';
import { deviceSyncStore } from '../../../../src/client/data/syncStore';
import { listServerRecords } from '../../../../src/client/data/teamRecordRead';
import { aesGcmCodec } from '../../../../src/client/data/vault/aesCodec';
import { countClearRows, encryptInPlace, isEncryptedAtRest } from '../../../../src/client/data/vault/encryptInPlace';
import { dropKey, getLockState } from '../../../../src/client/data/vault/lockState';
import { checkLock, hasStoredData, setUpPin } from '../../../../src/client/data/vault/unlock';
import { defaultCatalogue } from '../../../../src/shared/plan';
import { validateRecord } from '../../../../src/shared/records/validate';
import { canaries, RELEASE_3_STORES, release3Rows, type Canaries, type Who } from './release3';
import { findInRows } from './scan';

const who: Who = {
  userId: '0190f5c8-0000-7000-8000-0000000000u1', teamId: 'team-1', teamName: 'Бригада 3', deviceId: 'device-r3',
  email: 'olena@example.com', displayName: 'Олена', token: 'tok_3f9c2a7be1d84c55a0b6e2d9',
};

/** Writes a release-3 device database, as that release's Dexie schema made it. */
async function release3Device(name: string, c: Canaries) {
  const old = new FieldDb(name, { upTo: 3 });
  // the schema release 3 shipped (db.ts never edits a shipped version; checked here anyway)
  expect(RELEASE_3_STORES.map((v) => v.version)).toEqual([1, 2, 3]);
  await old.open();
  expect(old.verno).toBe(3);
  const rows = release3Rows(c, who);
  await old.table('records').bulkPut(rows.records);
  await old.table('outbox').bulkPut(rows.outbox);
  await old.table('drafts').bulkPut(rows.drafts);
  await old.table('serverRecords').bulkPut(rows.serverRecords);
  await old.table('session').bulkPut(rows.session);
  await old.table('meta').bulkPut(rows.meta);
  old.close();
  return rows;
}

const secretsOf = (c: Canaries) => [...Object.values(c), who.token];

describe('encrypting a release-3 device in place at the first unlock', () => {
  it('the fixture is what the server would accept (so the browser test can sync it)', () => {
    const rows = release3Rows(canaries(), who);
    for (const body of Object.values(rows.bodies)) expect(validateRecord(body, { catalogue: defaultCatalogue, today: '2024-01-01' })).toMatchObject({ ok: true });
  });

  it('loses nothing, leaves no free text or token in the clear, and the upload in flight resends the same body', async () => {
    const c = canaries();
    const name = `release3-${Date.now()}`;
    const rows = await release3Device(name, c);
    const db = new FieldDb(name);
    setDatabase(db);
    dropKey();
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    // Before the PIN: everything still in the clear, and the app knows there is data to protect.
    for (const secret of secretsOf(c)) expect(await findInRows(db, secret), secret).not.toEqual([]);
    await checkLock();
    expect(getLockState().status).toBe('setup');
    expect(await hasStoredData()).toBe(true);

    const progress: { done: number; total: number }[] = [];
    const unsubscribe = (await import('../../../../src/client/data/vault/lockState')).subscribeLock(() => {
      const e = getLockState().encrypting;
      if (e) progress.push(e);
    });
    expect(await setUpPin('472915', 'pin')).toBe('done');
    unsubscribe();
    expect(progress.at(-1)).toEqual({ done: 9, total: 9 });
    expect(await isEncryptedAtRest()).toBe(true);
    expect(await countClearRows()).toBe(0);

    for (const secret of [...secretsOf(c), who.displayName, who.email, who.teamName]) expect(await findInRows(db, secret), secret).toEqual([]);
    for (const table of [db.records, db.serverRecords]) for (const r of await table.toArray()) expect(r).not.toHaveProperty('reason');

    // Everything reads back as it was.
    const records = await listRecords();
    expect(records.map((r) => r.record).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [rows.bodies.sending, rows.bodies.queuedOnline, rows.bodies.report, rows.bodies.returned].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const returned = (await getRecord(rows.ids.returned))!;
    expect(returned.row).toMatchObject({ status: 'returned', localVersion: 3, review: { status: 'returned', comment: c.comment } });
    expect(returned.row.reason?.message.uk).toContain(c.comment);
    expect((await listServerRecords())[0]!.row.review).toMatchObject({ status: 'approved', comment: c.serverComment });
    expect(await getSession()).toMatchObject({ userId: who.userId, token: who.token, email: who.email, displayName: who.displayName, teamName: who.teamName, refused: null });
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'server', text: { uk: `Помилка: ${c.syncError}` } });
    expect((await loadDraft<{ values: { title: string } }>('event:new'))?.data.values.title).toBe(c.draftTitle);
    const inFlight = (await db.outbox.get([rows.ids.sending, 1]))!;
    expect(inFlight).toMatchObject({ state: 'sending', batchId: rows.outbox[0]!.batchId, attempts: 1 });
    // Release 3's per-revision error text, sealed like everything a person may have typed.
    expect(inFlight.lastError).toMatchObject({ codec: 'aes-gcm-1' });
    expect(await getCodec().decode(inFlight.lastError as Encoded)).toContain(c.lastError);
    expect((await recordsForHandoff()).map((r) => r.id).sort()).toEqual([rows.ids.sending, rows.ids.queuedOnline, rows.ids.report].sort());
    // The frozen body goes first and unchanged: the server answers "duplicate" if it had it.
    const uploads = await deviceSyncStore(who.userId).pendingUploads(100);
    expect(uploads[0]).toEqual(rows.bodies.sending);
    expect(uploads.map((r) => r.id)).toEqual([rows.ids.sending, rows.ids.queuedOnline, rows.ids.report]);

    // A later unlock does not scan again.
    expect(await encryptInPlace()).toBe(0);
  });

  it('an interrupted run leaves every row readable and the next unlock finishes it', async () => {
    const c = canaries();
    const name = `release3-cut-${Date.now()}`;
    const rows = await release3Device(name, c);
    setDatabase(new FieldDb(name));
    unlockForTests();
    const aes = aesGcmCodec((await import('../../support')).testKey);
    let writes = 0;
    const failing: Codec = { ...aes, encode: (v) => (++writes > 4 ? Promise.reject(new Error('power cut')) : aes.encode(v)) };
    setCodec(failing);
    await expect(encryptInPlace()).rejects.toThrow('power cut');
    expect(await isEncryptedAtRest()).toBe(false);
    const left = await countClearRows();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(9);
    setCodec(aes);
    // Half-encrypted: still all there.
    expect((await listRecords()).length).toBe(4);
    expect((await getRecord(rows.ids.returned))!.row.review?.comment).toBe(c.comment);
    expect(await encryptInPlace()).toBe(left);
    expect(await isEncryptedAtRest()).toBe(true);
    expect((await getSession())?.token).toBe(who.token);
  });

  it('a new device has nothing to encrypt', async () => {
    freshDb();
    expect(await hasStoredData()).toBe(false);
    expect(await encryptInPlace()).toBe(0);
    expect(await isEncryptedAtRest()).toBe(true);
  });
});
