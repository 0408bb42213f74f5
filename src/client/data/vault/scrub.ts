/**
 * Deleting or overwriting a row in Chromium's IndexedDB (LevelDB) leaves the old bytes in its log
 * and table files until LevelDB compacts them, which it does when enough new data arrives. After
 * the rows written in the clear by an older release are encrypted in place, and after the device
 * is erased, this writes that much random data into a scratch database and deletes it, so the
 * compaction runs now and drops the old bytes. Best effort: it never fails the caller, stops at a
 * time limit, and a full disk ends it early. Measured on Chromium 156: 16 MiB in 8 KiB values
 * removed an overwritten value from every file of the profile (docs/client-sync.md).
 */

const SCRATCH_DB = 'kyiv-1325-scrub';
const VALUE_BYTES = 8 * 1024;
const PER_TRANSACTION = 64;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function fill(db: IDBDatabase, bytes: number, deadline: number): Promise<void> {
  const values = Math.ceil(bytes / VALUE_BYTES);
  for (let i = 0; i < values && Date.now() < deadline; i += PER_TRANSACTION) {
    const tx = db.transaction('junk', 'readwrite');
    const store = tx.objectStore('junk');
    for (let j = i; j < Math.min(values, i + PER_TRANSACTION); j++) store.put(crypto.getRandomValues(new Uint8Array(VALUE_BYTES)), j);
    await done(tx);
  }
}

export async function scrubFreedStorage(options: { bytes?: number; timeLimitMs?: number } = {}): Promise<void> {
  const idb = globalThis.indexedDB;
  if (!idb) return;
  const deadline = Date.now() + (options.timeLimitMs ?? 20_000);
  try {
    const open = idb.open(SCRATCH_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('junk');
    const db = await request(open);
    try {
      await fill(db, options.bytes ?? 16 * 1024 * 1024, deadline);
    } finally {
      db.close();
    }
  } catch {
    // Out of space or storage refused: what was written still helps.
  } finally {
    await request(idb.deleteDatabase(SCRATCH_DB)).catch(() => undefined);
  }
}
