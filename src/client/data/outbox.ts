import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { FieldRecord } from '../../shared/records/schemas';
import { uuidv7 } from '../../shared/records/uuid';
import type { PushResult } from '../../shared/sync/protocol';
import { encodedSize, getCodec } from './codec';
import { getDb } from './db';
import { guardWrite } from './errors';
import { sealReason, withoutClearNotes } from './notes';
import type { Encoded, OutboxRow, StatusReason, StoredRecordRow } from './rows';
import { bilingual } from '../locales/bilingual';

/**
 * The outbox: revisions waiting for upload. The sync engine calls `claimBatch` to start an upload;
 * from then on that revision is frozen (its body is copied here and never changes), so a retry
 * after a timeout resends exactly what the server may already hold, under the same batch id.
 * Edits made meanwhile become the next revision, queued behind it.
 */

export interface Batch {
  batchId: string;
  records: FieldRecord[];
}

export interface ClaimOptions {
  maxRecords: number;
  /** approximate: measured on the stored bodies */
  maxBytes: number;
}

function sizeOf(row: StoredRecordRow): number {
  return encodedSize(row.payload);
}

async function decodeBatch(entries: OutboxRow[]): Promise<FieldRecord[]> {
  return Promise.all(entries.map(async (e) => (await getCodec().decode(e.frozen!)) as FieldRecord));
}

/**
 * The batch to upload next: an unfinished one first (same id, same bodies), else a new one from
 * the queue in the order records were queued. Null when nothing waits.
 */
export async function claimBatch(options: ClaimOptions): Promise<Batch | null> {
  const db = getDb();
  const entries = await guardWrite(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      const sending = await db.outbox.where('state').equals('sending').toArray();
      if (sending.length > 0) {
        const batchId = sending.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))[0]!.batchId!;
        return sending.filter((e) => e.batchId === batchId);
      }
      const waiting = await db.outbox.where('state').equals('queued').sortBy('queuedAt');
      const batchId = uuidv7();
      const claimed: OutboxRow[] = [];
      let bytes = 0;
      for (const entry of waiting) {
        if (claimed.length >= options.maxRecords) break;
        const row = await db.records.get(entry.recordId);
        if (!row || row.revision !== entry.revision) {
          await db.outbox.delete([entry.recordId, entry.revision]);
          continue;
        }
        const size = sizeOf(row);
        if (claimed.length > 0 && bytes + size > options.maxBytes) break;
        bytes += size;
        const frozen: OutboxRow = { ...entry, state: 'sending', batchId, frozen: row.payload, attempts: entry.attempts + 1 };
        await db.outbox.put(frozen);
        await db.records.put({ ...withoutClearNotes(row), status: 'sending', sealedReason: null, localVersion: row.localVersion + 1 });
        claimed.push(frozen);
      }
      return claimed;
    }),
  );
  if (entries.length === 0) return null;
  return { batchId: entries[0]!.batchId!, records: await decodeBatch(entries) };
}

/** An upload attempt failed before any answer: the batch stays frozen for the retry. */
export async function noteBatchFailure(batchId: string, error: string): Promise<void> {
  const db = getDb();
  // An error text may quote a record: encrypted like one.
  const sealed = await getCodec().encode(error);
  await guardWrite(() =>
    db.transaction('rw', db.outbox, async () => {
      await db.outbox.where('batchId').equals(batchId).modify({ lastError: sealed });
    }),
  );
}

/** The last error of an upload attempt, decrypted. */
export async function lastErrorOf(entry: OutboxRow): Promise<string | null> {
  if (entry.lastError === null || typeof entry.lastError === 'string') return entry.lastError;
  return (await getCodec().decode(entry.lastError)) as string;
}

const conflictReasons = ['different_content', 'stale_revision', 'locked_period'] as const;

function conflictText(reason: string): LocalizedText {
  const known = conflictReasons.find((r) => r === reason);
  return bilingual(`reason.${known ?? 'different_content'}`);
}

function reasonFor(result: PushResult): StatusReason | null {
  if (result.status === 'rejected') {
    const first = result.issues[0];
    return first
      ? { code: first.code, message: first.message, field: first.field, issues: result.issues }
      : { code: 'rejected', message: bilingual('status.rejected') };
  }
  if (result.status === 'conflict') return { code: result.reason, message: conflictText(result.reason) };
  return null;
}

type Db = ReturnType<typeof getDb>;

/** Each answer's reason, encrypted before the transaction that stores it. */
async function sealedReasons(results: readonly PushResult[]): Promise<Map<PushResult, Encoded | null>> {
  const sealed = new Map<PushResult, Encoded | null>();
  for (const result of results) sealed.set(result, await sealReason(reasonFor(result)));
  return sealed;
}

/** One answer about one frozen revision: sent, or set aside with the reason. Inside a transaction. */
async function settleOne(db: Db, key: [string, number], result: PushResult, reason: Encoded | null): Promise<void> {
  await db.outbox.delete(key);
  const row = await db.records.get(key[0]);
  if (!row) return;
  const landed = result.status === 'accepted' || result.status === 'duplicate';
  const synced = landed ? Math.max(row.syncedRevision ?? 0, key[1]) : row.syncedRevision;
  if (row.revision !== key[1]) {
    // A newer revision is already queued behind this one: it keeps its own status.
    await db.records.put({ ...row, syncedRevision: synced, localVersion: row.localVersion + 1 });
  } else if (landed && row.deleted) {
    await db.records.delete(row.id);
  } else {
    const status = landed ? 'sent' : result.status === 'rejected' ? 'rejected' : 'conflict';
    await db.records.put({ ...withoutClearNotes(row), status, sealedReason: reason, syncedRevision: synced, localVersion: row.localVersion + 1 });
  }
}

/** Applies the server's per-record answers. Records it did not answer about stay in the batch. */
export async function settleBatch(batchId: string, results: readonly PushResult[]): Promise<void> {
  const db = getDb();
  const reasons = await sealedReasons(results);
  await guardWrite(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      for (const result of results) {
        if (result.id === null || result.revision === null) continue;
        const key: [string, number] = [result.id, result.revision];
        const entry = await db.outbox.get(key);
        if (!entry || entry.batchId !== batchId) continue;
        await settleOne(db, key, result, reasons.get(result) ?? null);
      }
    }),
  );
}

/**
 * For the sync engine (which forms its own batches): every revision it may upload now, frozen.
 * Revisions already frozen by an earlier, unanswered upload come first, unchanged; then queued
 * ones in queue order. Only `authorId`'s records go: another person's records on this device
 * wait for them to log in (the server would refuse them under this login).
 */
export async function freezeUploads(authorId: string, limit: number): Promise<FieldRecord[]> {
  const db = getDb();
  const entries = await guardWrite(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      const isMine = async (e: OutboxRow) => (await db.records.get(e.recordId))?.authorId === authorId;
      const frozen: OutboxRow[] = [];
      for (const e of await db.outbox.where('state').equals('sending').sortBy('queuedAt')) if (await isMine(e)) frozen.push(e);
      const claimId = frozen[0]?.batchId ?? uuidv7();
      const claimed: OutboxRow[] = [];
      for (const entry of await db.outbox.where('state').equals('queued').sortBy('queuedAt')) {
        if (frozen.length + claimed.length >= limit) break;
        const row = await db.records.get(entry.recordId);
        if (!row || row.revision !== entry.revision) {
          await db.outbox.delete([entry.recordId, entry.revision]);
          continue;
        }
        if (row.authorId !== authorId) continue;
        const next: OutboxRow = { ...entry, state: 'sending', batchId: claimId, frozen: row.payload, attempts: entry.attempts + 1 };
        await db.outbox.put(next);
        await db.records.put({ ...withoutClearNotes(row), status: 'sending', sealedReason: null, localVersion: row.localVersion + 1 });
        claimed.push(next);
      }
      return [...frozen.slice(0, limit), ...claimed];
    }),
  );
  return decodeBatch(entries);
}

/**
 * The server's answers to a batch the engine formed from `freezeUploads`. Answers are matched to
 * the revision they are about (a rejected one by its place in the batch: its id may be unusable).
 */
export async function settleUploads(batch: readonly FieldRecord[], results: readonly PushResult[]): Promise<void> {
  const db = getDb();
  const reasons = await sealedReasons(results);
  await guardWrite(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      for (const result of results) {
        const sent = result.status === 'rejected' ? batch[result.index] : batch.find((r) => r.id === result.id && r.revision === result.revision);
        if (!sent || typeof sent.id !== 'string' || typeof sent.revision !== 'number') continue;
        const key: [string, number] = [sent.id, sent.revision];
        if ((await db.outbox.get(key))?.state !== 'sending') continue;
        await settleOne(db, key, result, reasons.get(result) ?? null);
      }
    }),
  );
}

export interface OutboxSummary {
  queued: number;
  sending: number;
}

export async function outboxSummary(): Promise<OutboxSummary> {
  const db = getDb();
  const [queuedCount, sending] = await Promise.all([
    db.outbox.where('state').equals('queued').count(),
    db.outbox.where('state').equals('sending').count(),
  ]);
  return { queued: queuedCount, sending };
}
