import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { FieldRecord } from '../../shared/records/schemas';
import { uuidv7 } from '../../shared/records/uuid';
import type { PushResult } from '../../shared/sync/protocol';
import { MAX_BATCH_BYTES } from '../../shared/sync/constants';
import { BatchBudget, jsonByteLength } from '../../shared/sync/size';
import { getCodec } from './codec';
import { getDb, type FieldDb } from './db';
import { guardWrite } from './errors';
import { deleteByRuns, getByRuns } from './keyRuns';
import { sealReason, withoutClearNotes } from './notes';
import type { Encoded, OutboxRow, StatusReason, StoredRecordRow } from './rows';
import { isEncrypted, type AesData } from './vault/aesCodec';
import { bilingual } from '../locales/bilingual';

/**
 * The outbox: revisions waiting for upload, handed to the shared sync engine through
 * `deviceSyncStore` (syncStore.ts) one batch at a time. `freezeUploads` gives the engine the
 * next batch and freezes each revision in it: its body never changes from then on, so a resend
 * after a lost answer carries exactly what the server may already hold (it answers
 * `duplicate`). Edits made meanwhile become the next revision, queued behind it. The rest of the
 * queue is not touched. `settleUploads` applies the server's answers. Each is one transaction
 * of bulk reads and writes; records are read and outbox entries deleted by runs of neighbouring
 * keys (keyRuns.ts), a request per run rather than per record.
 *
 * The outbox entry alone says a revision is frozen; its record row is not rewritten at the
 * freeze (it stays `ready`, waiting, until the answer makes it `sent` or sets it aside). A
 * record row carries the payload and ten indexes: writing every one twice per upload was half
 * of the device's time in a 10,000-record push. An edit checks the entry in its transaction
 * (recordStore), so a freeze between an edit's read and its write still makes the edit the
 * next revision.
 *
 * A frozen revision's body is its record row's payload for as long as the row holds that
 * revision; the entry gets its own copy (`frozen`) only when the row moves on: the edit that
 * makes the next revision copies it in its transaction (recordStore). Copying every body at the
 * freeze wrote 200 bodies per batch that an edit during the upload almost never needed.
 */

async function decodeBodies(bodies: Encoded[]): Promise<FieldRecord[]> {
  return Promise.all(bodies.map(async (body) => (await getCodec().decode(body)) as FieldRecord));
}

/**
 * The body a frozen revision goes with: its own copy if its row has moved on since the freeze,
 * otherwise the row's payload (still that revision). Null if neither holds it: nothing can be
 * resent for that entry.
 */
export function frozenBody(entry: OutboxRow, row: StoredRecordRow | undefined): Encoded | null {
  if (entry.frozen) return entry.frozen;
  return row && row.revision === entry.revision ? row.payload : null;
}

/** AES-GCM adds its 16-byte tag; the codec wraps the value as {"v":…} (serialize.ts). */
const AES_OVERHEAD = 16 + '{"v":}'.length;

/**
 * A body's size as JSON, from its stored form, without decrypting it (inside a transaction no
 * async crypto may run): the ciphertext's length less the codec's overhead, which is never
 * less than the record's JSON (the codec only adds markers), so a batch stays under the cap.
 * A body still in the clear (the plain codec, release 3) is counted as it is.
 */
function storedSize(body: Encoded): number {
  if (isEncrypted(body)) return Math.max(0, (body.data as AesData).ct.byteLength - AES_OVERHEAD);
  return jsonByteLength(body.data);
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
      : { code: 'rejected', message: bilingual('reason.rejected') };
  }
  if (result.status === 'conflict') return { code: result.reason, message: conflictText(result.reason) };
  return null;
}

/** Each answer's reason, encrypted before the transaction that stores it. */
async function sealedReasons(results: readonly PushResult[]): Promise<(Encoded | null)[]> {
  return Promise.all(results.map((result) => sealReason(reasonFor(result))));
}

type OutboxKey = [string, number];
const keyOf = (e: { recordId: string; revision: number }): OutboxKey => [e.recordId, e.revision];
const byQueue = (a: OutboxRow, b: OutboxRow) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0);

/** How much more than the room left to read per step of the queue: entries that cannot go (stale, another author's). */
const QUEUE_SLACK = 16;

const textKey = (k: OutboxKey) => `${k[0]}:${k[1]}`;

/**
 * The next batch the engine may upload, frozen: at most `maxRecords` revisions, their bodies
 * within `maxBytes` with the envelope. Revisions already frozen by an earlier, unanswered upload
 * come first, unchanged; then queued ones in queue order. Only `authorId`'s records go: another
 * person's records on this device wait for them to log in (the server would refuse them under
 * this login). `skip` ("id:revision") are revisions this sync has sent or frozen and not
 * settled yet (the batch on the wire, the one whose answers are being written): they are not
 * handed out again. One transaction; queued revisions after the batch stay as they are. Record
 * rows are read only for the entries that may go.
 */
export async function freezeUploads(authorId: string, maxRecords: number, maxBytes = MAX_BATCH_BYTES, skip: ReadonlySet<string> = new Set()): Promise<FieldRecord[]> {
  const db = getDb();
  const frozen = await guardWrite(() => db.transaction('rw', db.records, db.outbox, () => freezeIn(db, { authorId, maxRecords, maxBytes, skip })));
  return decodeBodies(frozen);
}

interface FreezeAsk {
  authorId: string;
  maxRecords: number;
  maxBytes: number;
  skip: ReadonlySet<string>;
}

/** The freeze itself, inside the caller's read-write transaction on records and outbox: the bodies it froze, still encoded. */
async function freezeIn(db: FieldDb, { authorId, maxRecords, maxBytes, skip }: FreezeAsk): Promise<Encoded[]> {
  const budget = new BatchBudget(maxRecords, maxBytes);
  const sendingKeys = (await db.outbox.where('state').equals('sending').primaryKeys()) as OutboxKey[];
  const resendKeys = sendingKeys.filter((k) => !skip.has(textKey(k)));
  const [sending, owners] = await Promise.all([db.outbox.bulkGet(resendKeys), db.records.bulkGet(resendKeys.map((k) => k[0]))]);
  const stale: OutboxKey[] = [];
  const mineFrozen = sending
    .flatMap((e, i) => {
      const owner = owners[i];
      if (!e || owner?.authorId !== authorId) return [];
      const body = frozenBody(e, owner);
      // Its row went without leaving a copy: nothing left to send (never expected).
      if (!body) stale.push(keyOf(e));
      return body ? [{ entry: e, body }] : [];
    })
    .sort((a, b) => byQueue(a.entry, b.entry));
  const bodies: Encoded[] = [];
  let full = false;
  for (const { body } of mineFrozen) {
    if (!budget.add(storedSize(body))) {
      full = true;
      break;
    }
    bodies.push(body);
  }
  // Bookkeeping only: which freeze took a revision. The engine sends each batch under a new id.
  const claimId = (bodies.length ? mineFrozen[0]?.entry.batchId : null) ?? uuidv7();
  const claimed: OutboxRow[] = [];
  const looked = new Set<string>();
  full ||= budget.full;
  // The queue in order: its head from the queuedAt index in one request (getAll; a request
  // per entry cost more than the frozen bodies read with it), then the records of its queued
  // entries in bulk. A head that yields too few (stale entries, another author's) is read
  // again, twice as long.
  for (let window = maxRecords - bodies.length + sendingKeys.length + QUEUE_SLACK; !full; window *= 2) {
    const head = await db.outbox.orderBy('queuedAt').limit(window).toArray();
    const fresh = head.filter((e) => e.state === 'queued' && !looked.has(textKey(keyOf(e))));
    const rows = await getByRuns(db.records, fresh.map((e) => e.recordId));
    for (const [i, entry] of fresh.entries()) {
      looked.add(textKey(keyOf(entry)));
      const row = rows[i];
      if (!row || row.revision !== entry.revision) {
        stale.push(keyOf(entry));
        continue;
      }
      if (row.authorId !== authorId) continue;
      if (!budget.add(storedSize(row.payload))) {
        full = true;
        break;
      }
      claimed.push({ ...entry, state: 'sending', batchId: claimId, frozen: null, attempts: entry.attempts + 1 });
      bodies.push(row.payload);
    }
    if (budget.full || head.length < window) break;
  }
  if (stale.length) await db.outbox.bulkDelete(stale);
  if (claimed.length) await db.outbox.bulkPut(claimed);
  return bodies;
}

/** How many revisions wait for upload (frozen or queued), counted on the outbox's key, not its rows. */
export async function countUploads(): Promise<number> {
  return getDb().outbox.count();
}

interface Settled {
  key: OutboxKey;
  result: PushResult;
  reason: Encoded | null;
}

/**
 * The server's answers to a batch from `freezeUploads`. Answers are matched to the revision they
 * are about through a map (a rejected one by its place in the batch: its id may be unusable),
 * then applied in one transaction: the outbox entries and their records read in bulk, each
 * answer applied in order to the record as the answers before it left it (a batch may hold two
 * revisions of one record), then written in bulk. A revision not frozen (any more) is left alone.
 */
export async function settleUploads(batch: readonly FieldRecord[], results: readonly PushResult[]): Promise<void> {
  const db = getDb();
  const answers = await answersTo(batch, results);
  if (answers.length === 0) return;
  await guardWrite(() => db.transaction('rw', db.records, db.outbox, () => settleIn(db, answers)));
}

/**
 * The answers to one batch written, then the next batch frozen, in one transaction: what the
 * engine does while the batch between them travels. One commit instead of two per batch; if
 * either part fails, neither lands (the answered batch stays frozen: its resend is answered
 * `duplicate`).
 */
export async function settleThenFreeze(batch: readonly FieldRecord[], results: readonly PushResult[], authorId: string, maxRecords: number, maxBytes = MAX_BATCH_BYTES, skip: ReadonlySet<string> = new Set()): Promise<FieldRecord[]> {
  const db = getDb();
  const answers = await answersTo(batch, results);
  const frozen = await guardWrite(() =>
    db.transaction('rw', db.records, db.outbox, async () => {
      if (answers.length) await settleIn(db, answers);
      return freezeIn(db, { authorId, maxRecords, maxBytes, skip });
    }),
  );
  return decodeBodies(frozen);
}

/** Each answer beside the revision it is about, its reason sealed (before any transaction: crypto is async). */
async function answersTo(batch: readonly FieldRecord[], results: readonly PushResult[]): Promise<Settled[]> {
  const reasons = await sealedReasons(results);
  const sentByKey = new Map<string, FieldRecord>();
  for (const r of batch) sentByKey.set(`${String(r.id)}:${String(r.revision)}`, r);
  const answers: Settled[] = [];
  results.forEach((result, i) => {
    const sent = result.status === 'rejected' ? batch[result.index] : sentByKey.get(`${result.id}:${result.revision}`);
    if (!sent || typeof sent.id !== 'string' || typeof sent.revision !== 'number') return;
    answers.push({ key: [sent.id, sent.revision], result, reason: reasons[i] ?? null });
  });
  return answers;
}

/** The answers applied, inside the caller's read-write transaction on records and outbox. */
async function settleIn(db: FieldDb, answers: readonly Settled[]): Promise<void> {
  // Which revisions are frozen: the state index's keys, not the entries with their bodies.
  const [frozenKeys, stored] = await Promise.all([
    db.outbox.where('state').equals('sending').primaryKeys() as Promise<OutboxKey[]>,
    getByRuns(db.records, [...new Set(answers.map((a) => a.key[0]))]),
  ]);
  const frozen = new Set(frozenKeys.map(textKey));
  const rows = new Map<string, StoredRecordRow | undefined>(stored.flatMap((r) => (r ? [[r.id, r] as const] : [])));
  const done = new Set<string>();
  const outboxGone: OutboxKey[] = [];
  const changed = new Set<string>();
  const removed = new Set<string>();
  answers.forEach(({ key, result, reason }) => {
    const k = textKey(key);
    if (!frozen.has(k) || done.has(k)) return;
    done.add(k);
    outboxGone.push(key);
    const row = rows.get(key[0]);
    if (!row) return;
    const landed = result.status === 'accepted' || result.status === 'duplicate';
    const synced = landed ? Math.max(row.syncedRevision ?? 0, key[1]) : row.syncedRevision;
    if (row.revision !== key[1]) {
      // A newer revision is already queued behind this one: it keeps its own status.
      rows.set(row.id, { ...row, syncedRevision: synced, localVersion: row.localVersion + 1 });
    } else if (landed && row.deleted) {
      rows.set(row.id, undefined);
      removed.add(row.id);
      changed.delete(row.id);
      return;
    } else {
      const status = landed ? 'sent' : result.status === 'rejected' ? 'rejected' : 'conflict';
      rows.set(row.id, { ...withoutClearNotes(row), status, sealedReason: reason, syncedRevision: synced, localVersion: row.localVersion + 1 });
    }
    changed.add(row.id);
  });
  if (outboxGone.length) await deleteByRuns(db.outbox, outboxGone);
  const puts = [...changed].map((id) => rows.get(id)!);
  if (puts.length) await db.records.bulkPut(puts);
  if (removed.size) await db.records.bulkDelete([...removed]);
}

/**
 * After a sync that did not end well (no network, the server unreachable or failing, a bad
 * answer): records still marked `sending` (an earlier release marked the row at the freeze) go
 * back to waiting (`ready`), so no screen says "sending" about a request that is over. Their
 * outbox entries stay frozen, exactly as sent: the next sync resends those bodies first and
 * unchanged (an answer may have been lost), and an edit meanwhile still becomes the next
 * revision (recordStore checks the entry, not the row's status).
 * Called under the sync lock, so no other tab is sending them. Returns how many went back.
 */
export async function releaseUnanswered(): Promise<number> {
  const db = getDb();
  return guardWrite(() =>
    db.transaction('rw', db.records, async () => {
      const rows = await db.records.where('status').equals('sending').toArray();
      if (rows.length) await db.records.bulkPut(rows.map((row) => ({ ...row, status: 'ready' as const, localVersion: row.localVersion + 1 })));
      return rows.length;
    }),
  );
}
