import type { Table } from 'dexie';
import { getCodec } from '../codec';
import { getDb } from '../db';
import { guardWrite } from '../errors';
import { withLock } from '../locks';
import { getMeta, META, setMeta } from '../meta';
import { sealReason, sealReview, withoutClearNotes } from '../notes';
import type { DraftRow, Encoded, OutboxRow, StoredRecordRow, StoredSessionRow } from '../rows';
import { sealSession } from '../session';
import type { StoredSyncError } from '../status';
import { isEncrypted } from './aesCodec';

/**
 * A device that ran a release before encryption at rest holds its records, drafts, outbox,
 * server copies, session and error texts in the clear. At the first unlock after the update
 * (when the user has just set a PIN) every such row is rewritten encrypted, in place: same keys,
 * same content, nothing dropped. Row by row, each encrypted outside a transaction and written
 * only if no other tab changed it meanwhile (else read again). Resumable: an interrupted run
 * leaves rows in the clear, which the app still reads, and the next unlock finishes the job.
 * One tab at a time (Web Lock). When nothing is left, a flag saves the scan on later unlocks.
 */

export const AT_REST_VERSION = 1;

export interface EncryptProgress {
  done: number;
  total: number;
}

const needs = {
  record: (r: StoredRecordRow) => !isEncrypted(r.payload) || r.reason !== undefined || r.review !== undefined || (r.sealedReason !== undefined && r.sealedReason !== null && !isEncrypted(r.sealedReason)),
  draft: (d: DraftRow) => !isEncrypted(d.payload),
  outbox: (e: OutboxRow) => (e.frozen !== null && !isEncrypted(e.frozen)) || typeof e.lastError === 'string' || (e.lastError !== null && typeof e.lastError === 'object' && !isEncrypted(e.lastError)),
  session: (s: StoredSessionRow) => s.sealed === undefined || !isEncrypted(s.sealed),
  syncError: (v: unknown) => typeof v === 'object' && v !== null && 'text' in v,
};

async function reencode(stored: Encoded): Promise<Encoded> {
  return isEncrypted(stored) ? stored : getCodec().encode(await getCodec().decode(stored));
}

async function encryptedRecord<Row extends StoredRecordRow>(row: Row): Promise<Row> {
  const sealedReason = row.sealedReason !== undefined ? (row.sealedReason && (await reencode(row.sealedReason))) : await sealReason(row.reason ?? null);
  const sealedReview = row.sealedReview !== undefined ? (row.sealedReview && (await reencode(row.sealedReview))) : await sealReview(row.review ?? null);
  return { ...withoutClearNotes(row), payload: await reencode(row.payload), sealedReason, sealedReview };
}

type Db = ReturnType<typeof getDb>;

/**
 * Rewrites one row: read, encrypt outside the transaction, write if unchanged (`same`), retry if
 * another tab wrote in between. Returns false when the row is gone or already encrypted.
 */
async function rewrite<Row>(
  load: () => Promise<Row | undefined>,
  encrypt: (row: Row) => Promise<Row>,
  needsIt: (row: Row) => boolean,
  same: (a: Row, b: Row) => boolean,
  store: (row: Row) => Promise<unknown>,
  db: Db,
  tables: string[],
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await load();
    if (!before || !needsIt(before)) return false;
    const after = await encrypt(before);
    const written = await guardWrite(() =>
      db.transaction('rw', tables, async () => {
        const current = await load();
        if (!current || !same(current, before)) return false;
        await store(after);
        return true;
      }),
    );
    if (written) return true;
  }
  return false;
}

const sameRecord = (a: StoredRecordRow, b: StoredRecordRow) => a.localVersion === b.localVersion && a.revision === b.revision && a.updatedAt === b.updatedAt && a.status === b.status;

async function encryptRecords(db: Db, tick: () => void): Promise<void> {
  await encryptRecordTable(db, db.records, tick);
  await encryptRecordTable(db, db.serverRecords, tick);
}

async function encryptRecordTable<Row extends StoredRecordRow>(db: Db, table: Table<Row, string>, tick: () => void): Promise<void> {
  for (const id of await table.filter(needs.record).primaryKeys()) {
    await rewrite(() => table.get(id), encryptedRecord, needs.record, sameRecord, (row) => table.put(row), db, [table.name]);
    tick();
  }
}

async function encryptDrafts(db: Db, tick: () => void): Promise<void> {
  for (const key of await db.drafts.filter(needs.draft).primaryKeys()) {
    await rewrite(
      () => db.drafts.get(key),
      async (d) => ({ ...d, payload: await reencode(d.payload) }),
      needs.draft,
      (a, b) => a.updatedAt === b.updatedAt,
      (d) => db.drafts.put(d),
      db,
      ['drafts'],
    );
    tick();
  }
}

async function encryptOutbox(db: Db, tick: () => void): Promise<void> {
  for (const key of await db.outbox.filter(needs.outbox).primaryKeys()) {
    await rewrite(
      () => db.outbox.get(key),
      async (e) => ({
        ...e,
        // The same frozen body, encrypted: a retry still resends exactly what may be on the server.
        frozen: e.frozen && (await reencode(e.frozen)),
        lastError: e.lastError === null ? null : typeof e.lastError === 'string' ? await getCodec().encode(e.lastError) : await reencode(e.lastError),
      }),
      needs.outbox,
      (a, b) => a.state === b.state && a.batchId === b.batchId && a.attempts === b.attempts,
      (e) => db.outbox.put(e),
      db,
      ['outbox'],
    );
    tick();
  }
}

async function encryptSession(db: Db, tick: () => void): Promise<void> {
  await rewrite(
    () => db.session.get('current'),
    async (s) => (s.sealed === undefined ? sealSession(s) : { ...s, sealed: await reencode(s.sealed) }),
    needs.session,
    (a, b) => a.updatedAt === b.updatedAt,
    (s) => db.session.put(s),
    db,
    ['session'],
  );
  tick();
}

async function encryptSyncError(db: Db, tick: () => void): Promise<void> {
  await rewrite(
    () => db.meta.get(META.lastSyncError),
    async (m) => {
      const { text, ...rest } = m.value as StoredSyncError;
      return { ...m, value: { ...rest, ...(text ? { sealedText: await getCodec().encode(text) } : {}) } satisfies StoredSyncError };
    },
    (m) => needs.syncError(m.value),
    (a, b) => (a.value as StoredSyncError).at === (b.value as StoredSyncError).at,
    (m) => db.meta.put(m),
    db,
    ['meta'],
  );
  tick();
}

/** How many rows still wait to be encrypted (0 on a device that never held any in the clear). */
export async function countClearRows(): Promise<number> {
  const db = getDb();
  const [records, server, drafts, outbox, session, error] = await Promise.all([
    db.records.filter(needs.record).count(),
    db.serverRecords.filter(needs.record).count(),
    db.drafts.filter(needs.draft).count(),
    db.outbox.filter(needs.outbox).count(),
    db.session.filter(needs.session).count(),
    db.meta.filter((m) => m.key === META.lastSyncError && needs.syncError(m.value)).count(),
  ]);
  return records + server + drafts + outbox + session + error;
}

export async function isEncryptedAtRest(): Promise<boolean> {
  return (await getMeta<number>(META.atRest)) === AT_REST_VERSION;
}

/** Encrypts every row still in the clear. Returns how many it found. */
export async function encryptInPlace(onProgress: (p: EncryptProgress) => void = () => undefined): Promise<number> {
  if (await isEncryptedAtRest()) return 0;
  return withLock('kyiv1325-encrypt', async () => {
    if (await isEncryptedAtRest()) return 0;
    const db = getDb();
    const total = await countClearRows();
    let done = 0;
    const tick = () => onProgress({ done: Math.min(++done, total), total });
    if (total > 0) {
      onProgress({ done: 0, total });
      await encryptRecords(db, tick);
      await encryptDrafts(db, tick);
      await encryptOutbox(db, tick);
      if ((await db.session.filter(needs.session).count()) > 0) await encryptSession(db, tick);
      if (await db.meta.filter((m) => m.key === META.lastSyncError && needs.syncError(m.value)).count()) await encryptSyncError(db, tick);
    }
    // Only a clean pass sets the flag; a row that kept changing is taken at the next unlock.
    if ((await countClearRows()) === 0) await setMeta(META.atRest, AT_REST_VERSION);
    return total;
  });
}
