import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { FieldRecord } from '../../shared/records/schemas';
import { uuidv7 } from '../../shared/records/uuid';
import type { PushResult } from '../../shared/sync/protocol';
import { getCodec } from './codec';
import { getDb } from './db';
import { guardWrite } from './errors';
import { sealReason, withoutClearNotes } from './notes';
import type { Encoded, OutboxRow, StatusReason } from './rows';
import { bilingual } from '../locales/bilingual';

/**
 * The outbox: revisions waiting for upload, handed to the shared sync engine through
 * `deviceSyncStore` (syncStore.ts). `freezeUploads` gives the engine every revision it may send
 * now and freezes each: its body is copied here and never changes, so a resend after a lost answer
 * carries exactly what the server may already hold (it answers `duplicate`). Edits made meanwhile
 * become the next revision, queued behind it. `settleUploads` applies the server's answers.
 */

async function decodeFrozen(entries: OutboxRow[]): Promise<FieldRecord[]> {
  return Promise.all(entries.map(async (e) => (await getCodec().decode(e.frozen!)) as FieldRecord));
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

/**
 * Every revision the engine may upload now (up to `limit`), frozen; the engine splits them into
 * batches. Revisions already frozen by an earlier, unanswered upload come first, unchanged; then
 * queued ones in queue order. Only `authorId`'s records go: another person's records on this
 * device wait for them to log in (the server would refuse them under this login).
 */
export async function freezeUploads(authorId: string, limit: number): Promise<FieldRecord[]> {
  const db = getDb();
  const entries = await guardWrite(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      const isMine = async (e: OutboxRow) => (await db.records.get(e.recordId))?.authorId === authorId;
      const frozen: OutboxRow[] = [];
      for (const e of await db.outbox.where('state').equals('sending').sortBy('queuedAt')) if (await isMine(e)) frozen.push(e);
      // Bookkeeping only: which freeze took a revision. The engine sends each batch under a new id.
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
  return decodeFrozen(entries);
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
