import { contentOf, createRecord, reviseRecord, type Author } from '../../shared/records/build';
import type { FieldRecord, RecordContent } from '../../shared/records/schemas';
import { recordPeriod } from '../../shared/records/period';
import { getCodec } from './codec';
import { getDb } from './db';
import { guardWrite, WriteConflictError } from './errors';
import { decodeRow, type StoredRecord } from './recordRead';
import type { LocalStatus, OutboxRow, StoredRecordRow } from './rows';

/**
 * The one way records are read and written on the device. Bodies go through the codec (outside
 * transactions, since a codec may be async crypto); each write then re-checks, inside a
 * transaction, that no other tab wrote the row in between, and retries if one did. A new record
 * (the common save) needs no read first: it is added, and `add` is the check (storeIfNew).
 */

const MAX_ATTEMPTS = 5;

/** Statuses in which the current revision may already be on the server: edits make a new one. */
const FROZEN_STATUSES: ReadonlySet<LocalStatus> = new Set(['sending', 'sent', 'returned', 'conflict']);

/** The indexed columns of a record's row; the body itself travels in `payload`. */
export function rowFor(record: FieldRecord, status: LocalStatus, previous: StoredRecordRow | null, payload: StoredRecordRow['payload']): StoredRecordRow {
  return {
    id: record.id,
    kind: record.kind,
    measureId: record.measureId,
    // filed under the first day it is about
    date: recordPeriod(record).start,
    authorId: record.authorId,
    teamId: record.teamId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    revision: record.revision,
    deleted: record.deleted,
    status,
    // a new revision or an edit drops the old reason and verdict
    sealedReason: null,
    sealedReview: null,
    syncedRevision: previous?.syncedRevision ?? null,
    localVersion: (previous?.localVersion ?? 0) + 1,
    payload,
  };
}

function queued(record: FieldRecord, now: string): OutboxRow {
  return { recordId: record.id, revision: record.revision, state: 'queued', queuedAt: now, batchId: null, frozen: null, attempts: 0, lastError: null };
}

/** A new record with a given id (made once, with the draft), so a second save finds the first. */
function newRecord(id: string, content: RecordContent, author: Author, now: Date): FieldRecord {
  return createRecord(content, author, now, id);
}

/** Same revision, new content: allowed while the server cannot have seen this revision. */
function editInPlace(previous: FieldRecord, change: { content?: RecordContent; deleted?: boolean }, now: Date): FieldRecord {
  return reviseRecord(previous, change, now, { inPlace: true });
}

type Change = { content: RecordContent } | { deleted: true };

/**
 * What a write starts from, read outside its transaction: the stored row, its body, and the
 * outbox entry of its revision. The transaction checks both again: settling an answer bumps the
 * row's `localVersion`; freezing an upload changes only the entry (queued → sending), and an edit
 * that read it queued would otherwise overwrite, in place, a revision already on its way.
 */
interface Start {
  before: StoredRecordRow | undefined;
  previous: StoredRecord | null;
  entry: OutboxRow | undefined;
}

async function start(id: string): Promise<Start> {
  const db = getDb();
  const before = await db.records.get(id);
  if (!before) return { before, previous: null, entry: undefined };
  const [previous, entry] = await Promise.all([decodeRow(before), db.outbox.get([id, before.revision])]);
  return { before, previous, entry };
}

/** A write of a key already stored: what `add` fails with (Dexie may wrap it in the abort). */
function isTaken(error: unknown): boolean {
  const e = error as { name?: unknown; inner?: { name?: unknown } } | null;
  return e?.name === 'ConstraintError' || e?.inner?.name === 'ConstraintError';
}

/**
 * Most saves make a new record, and its body needs no stored one: it is sealed and encoded, then
 * one transaction adds the row (its outbox entry beside it) without reading anything first.
 * `add` fails if any tab or a sync stored the id meanwhile, which is the cross-tab check itself;
 * the transaction then aborts, nothing is written, and the save takes the general path.
 */
async function storeIfNew(record: FieldRecord, payload: StoredRecordRow['payload'], status: 'draft' | 'ready'): Promise<boolean> {
  const db = getDb();
  try {
    await guardWrite(() =>
      db.transaction('rw', db.records, db.outbox, async () => {
        // Both writes go out together: one round trip to the database (IndexedDB keeps their order).
        const row = db.records.add(rowFor(record, status, null, payload));
        await (status === 'ready' ? Promise.all([row, db.outbox.put(queued(record, record.updatedAt))]) : row);
      }),
    );
    return true;
  } catch (error) {
    if (isTaken(error)) return false;
    throw error;
  }
}

/** Computes the next body from the stored one; null means "remove the row entirely". */
function nextRecord({ previous, entry }: Start, id: string, change: Change, author: Author, now: Date): FieldRecord | null {
  if (!previous) {
    if (!('content' in change)) return null;
    return newRecord(id, change.content, author, now);
  }
  const { row, record } = previous;
  const frozen = FROZEN_STATUSES.has(row.status) || entry?.state === 'sending';
  if ('deleted' in change) {
    // The server never saw any revision: nothing to tell it, the record simply goes.
    if (!frozen && row.syncedRevision === null) return null;
    return frozen ? reviseRecord(record, { deleted: true }, now) : editInPlace(record, { deleted: true }, now);
  }
  return frozen ? reviseRecord(record, { content: change.content }, now) : editInPlace(record, { content: change.content }, now);
}

async function write(id: string, change: Change, status: 'draft' | 'ready', author: Author): Promise<FieldRecord | null> {
  const db = getDb();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = new Date();
    const guess = 'content' in change ? newRecord(id, change.content, author, now) : null;
    const guessed = guess ? await getCodec().encode(guess) : null;
    // Tried once: a retry follows a conflict, and the general path handles a row or none.
    if (attempt === 0 && guess && guessed && (await storeIfNew(guess, guessed, status))) return guess;
    const at = await start(id);
    const { before, entry } = at;
    const next = at.previous === null ? (guess ?? null) : nextRecord(at, id, change, author, now);
    const payload = next === null ? null : next === guess ? guessed : await getCodec().encode(next);
    const done = await guardWrite(() =>
      db.transaction('rw', db.records, db.outbox, async () => {
        // The cross-tab check: another tab (or a sync) wrote the row since it was read: start over.
        const [current, entryNow] = await Promise.all([db.records.get(id), before ? db.outbox.get([id, before.revision]) : undefined]);
        if ((current?.localVersion ?? 0) !== (before?.localVersion ?? 0)) return false;
        if (entryNow?.state !== entry?.state) return false;
        // A frozen revision's body is the row's payload until the row moves on (outbox.ts): it
        // keeps its own copy from this write on.
        if (entryNow?.state === 'sending' && !entryNow.frozen && current && (!next || next.revision !== current.revision)) {
          await db.outbox.put({ ...entryNow, frozen: current.payload });
        }
        // The only entry that can wait in the queue is the one of the stored revision (see Start).
        const waiting = entry?.state === 'queued' ? entry : undefined;
        const keepsEntry = waiting && next && status === 'ready' && waiting.revision === next.revision;
        if (waiting && !keepsEntry) await db.outbox.delete([waiting.recordId, waiting.revision]);
        if (!next || !payload) {
          await db.records.delete(id);
          return true;
        }
        const row = db.records.put(rowFor(next, status, before ?? null, payload));
        // An in-place edit keeps its place in the queue.
        await (status === 'ready' ? Promise.all([row, db.outbox.put(queued(next, keepsEntry ? waiting.queuedAt : next.updatedAt))]) : row);
        return true;
      }),
    );
    if (done) return next;
  }
  throw new WriteConflictError();
}

/**
 * Saves what a form holds. New id: a new record. Existing id: the same revision edited in place
 * while its upload has not started, otherwise the next revision. `ready` queues it for upload,
 * `draft` keeps it on the device only.
 */
export async function saveRecord(id: string, content: RecordContent, status: 'draft' | 'ready', author: Author): Promise<FieldRecord> {
  const saved = await write(id, { content }, status, author);
  if (!saved) throw new Error('unreachable: saving content always yields a record');
  return saved;
}

/**
 * Deletes a record. One the server may know becomes a tombstone revision queued for upload (and
 * goes once that has synced); one that never left the device is removed at once.
 */
export async function deleteRecord(id: string, author: Author): Promise<'tombstone' | 'removed'> {
  const result = await write(id, { deleted: true }, 'ready', author);
  return result ? 'tombstone' : 'removed';
}

export { contentOf, type StoredRecord };
