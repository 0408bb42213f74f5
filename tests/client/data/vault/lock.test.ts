import { describe, expect, it } from 'vitest';
// fake IndexedDB first: Dexie looks for indexedDB when it loads
import { freshDb, serviceLog, author } from '../../support';
import Dexie from 'dexie';
import { getCodec, LockedError } from '../../../../src/client/data/codec';
import { DB_NAME, FieldDb, getDb, setDatabase } from '../../../../src/client/data/db';
import { getRecord } from '../../../../src/client/data/recordRead';
import { saveRecord } from '../../../../src/client/data/recordStore';
import { AES_CODEC_ID } from '../../../../src/client/data/vault/aesCodec';
import { dropKey, getLockState, hideData, holdKey } from '../../../../src/client/data/vault/lockState';
import { checkLock, setUpPin, unlockWithPin } from '../../../../src/client/data/vault/unlock';
import { changeSecret, createVault, readVault, setMaxFailures, tryUnlock, VaultExistsError } from '../../../../src/client/data/vault/vaultStore';
import { aesGcmCodec } from '../../../../src/client/data/vault/aesCodec';
import { findInRows } from './scan';

const fast = { iterations: 1_000 };

describe('the vault: PIN, wrapped key, wrong tries', () => {
  it('counts each wrong PIN before checking it, says how many tries are left, and resets on the right one', async () => {
    const db = freshDb();
    const { vault } = await createVault('472915', 'pin', { ...fast, maxFailures: 5 });
    expect(vault).toMatchObject({ failures: 0, maxFailures: 5, secretKind: 'pin', kdf: { iterations: 1_000 } });
    await expect(createVault('000000', 'pin', fast)).rejects.toBeInstanceOf(VaultExistsError);

    expect(await tryUnlock('111111')).toEqual({ ok: false, erase: false, triesLeft: 4, maxFailures: 5 });
    expect(await tryUnlock('472916')).toEqual({ ok: false, erase: false, triesLeft: 3, maxFailures: 5 });
    expect((await db.vault.get('vault'))?.failures).toBe(2);
    // Two tabs trying at once each count.
    await Promise.all([tryUnlock('1'), tryUnlock('2')]);
    expect((await readVault())?.failures).toBe(4);

    const right = await tryUnlock('472915');
    expect(right.ok).toBe(true);
    expect((await readVault())?.failures).toBe(0);
  });

  it('the last allowed wrong PIN says to erase; the setting changes how many are allowed', async () => {
    freshDb();
    await createVault('passcode-1325', 'passcode', { ...fast, maxFailures: 10 });
    await setMaxFailures(3);
    await expect(setMaxFailures(2)).rejects.toThrow(RangeError);
    await tryUnlock('a');
    await tryUnlock('b');
    expect(await tryUnlock('c')).toEqual({ ok: false, erase: true, maxFailures: 3 });
  });

  it('a new PIN keeps the data key; the old PIN no longer opens', async () => {
    freshDb();
    const { key } = await createVault('472915', 'pin', fast);
    const stored = await aesGcmCodec(key).encode({ kept: true });
    expect((await changeSecret('000001', 'тиха вода', 'passcode')).ok).toBe(false);
    const changed = await changeSecret('472915', 'тиха вода', 'passcode');
    expect(changed.ok).toBe(true);
    expect((await readVault())?.secretKind).toBe('passcode');
    const reopened = await tryUnlock('тиха вода');
    expect(reopened.ok && (await aesGcmCodec(reopened.key).decode(stored))).toEqual({ kept: true });
    expect((await tryUnlock('472915')).ok).toBe(false);
  });
});

describe('locking and unlocking the app', () => {
  it('starts locked on a device with a PIN; unlocks with the PIN; locked again, no body can be read', async () => {
    const db = freshDb();
    dropKey();
    await checkLock();
    expect(getLockState().status).toBe('setup');
    expect(await setUpPin('472915', 'pin')).toBe('done');
    expect(getLockState()).toMatchObject({ status: 'unlocked', encrypting: null });
    expect(getCodec().id).toBe(AES_CODEC_ID);

    await saveRecord('r1', serviceLog(3), 'ready', author);
    expect((await db.records.get('r1'))?.payload.codec).toBe(AES_CODEC_ID);

    hideData();
    expect(getLockState().status).toBe('locked');
    dropKey();
    await expect(getRecord('r1')).rejects.toBeInstanceOf(LockedError);
    await expect(saveRecord('r2', serviceLog(1), 'ready', author)).rejects.toBeInstanceOf(LockedError);
    expect(await db.records.count()).toBe(1);

    // A cold start: the vault is there, no other tab hands a key over, so the PIN is asked.
    await checkLock();
    expect(getLockState().status).toBe('locked');
    expect(await unlockWithPin('000000')).toEqual({ ok: false, triesLeft: 9, maxFailures: 10 });
    expect(getLockState().status).toBe('locked');
    expect(await unlockWithPin('472915')).toEqual({ ok: true });
    expect((await getRecord('r1'))?.record).toMatchObject({ kind: 'serviceLog', served: { total: 3 } });
  });

  it('too many wrong PINs erase the device: database, key and all', async () => {
    setDatabase(new FieldDb(DB_NAME));
    const { key, vault } = await createVault('472915', 'pin', fast);
    holdKey(key, vault.id);
    await saveRecord('r1', serviceLog(3), 'ready', author);
    dropKey();
    await setMaxFailures(3);
    expect(await unlockWithPin('1')).toMatchObject({ ok: false, triesLeft: 2 });
    expect(await unlockWithPin('2')).toMatchObject({ ok: false, triesLeft: 1 });
    expect(await Dexie.exists(DB_NAME)).toBe(true);
    expect(await unlockWithPin('3')).toEqual({ ok: false, erased: true, maxFailures: 3 });
    expect(await Dexie.exists(DB_NAME)).toBe(false);
    expect(getLockState()).toMatchObject({ status: 'setup', vaultId: null });
    expect(await getCodec().encode('x').catch((e: unknown) => e)).toBeInstanceOf(LockedError);
    // The next start is a fresh device.
    expect(await readVault()).toBeNull();
    expect(await getDb().records.count()).toBe(0);
  });

  it('keeps no trace of the PIN or the data key in the clear', async () => {
    const db = freshDb();
    dropKey();
    await setUpPin('472915', 'pin');
    await saveRecord('r1', { ...serviceLog(2) }, 'ready', author);
    expect(await findInRows(db, '472915')).toEqual([]);
    const vault = (await readVault())!;
    expect(Object.keys(vault).sort()).toEqual(['createdAt', 'failures', 'id', 'kdf', 'key', 'maxFailures', 'secretKind', 'wrapped']);
  });
});
