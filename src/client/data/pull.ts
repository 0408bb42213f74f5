import type { FieldRecord } from '../../shared/records/schemas';
import type { PullResponse, ReviewVerdict } from '../../shared/sync/protocol';
import { getCodec } from './codec';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getMeta, META } from './meta';
import { rowFor } from './recordStore';
import { sealReason, sealReview, withoutClearNotes } from './notes';
import type { Encoded, ReviewNote, StatusReason, StoredRecordRow, StoredServerRecordRow } from './rows';
import { bilingual } from '../locales/bilingual';

/**
 * What a pull brings, applied to the device: records from the server (kept apart, read-only),
 * supervisors' verdicts on this device's records, the catalogue version and the cursor, all in
 * one transaction so a crash never leaves the cursor ahead of what was stored. An answer that
 * says `reset` (the user's scope changed: a team joined or left, another role) starts from the
 * beginning: the server copies pulled before are dropped in the same transaction, so what the
 * device holds of others' records is what the new scope allows. Its own records stay.
 */

interface CursorValue {
  userId: string;
  cursor: string;
}

/** Where the last pull stopped. Per user: another person logging in here starts from the beginning. */
export async function getPullCursor(userId: string): Promise<string | null> {
  const stored = await getMeta<CursorValue>(META.pullCursor);
  return stored?.userId === userId ? stored.cursor : null;
}

function serverRow(record: FieldRecord, payload: Encoded, review: Encoded | null): StoredServerRecordRow {
  // What the server holds is by definition sent, at the revision it holds.
  return { ...rowFor(record, 'sent', null, payload), status: 'sent', syncedRevision: record.revision, localVersion: 1, sealedReview: review };
}

function noteOf(v: ReviewVerdict): ReviewNote {
  return { status: v.status, revision: v.revision, comment: v.comment, reviewedAt: v.reviewedAt, reviewerId: v.reviewerId };
}

/** A verdict that sends the record back to its author, as the reason shown beside it. */
function returnedReason(v: ReviewVerdict): StatusReason {
  const comment = v.comment ?? '';
  return v.status === 'rejected'
    ? { code: 'review_rejected', message: bilingual('reason.review_rejected', { comment }) }
    : { code: 'review_returned', message: bilingual('reason.review_returned', { comment }) };
}

/** A verdict's note and, if it sends the record back, its reason: encrypted before the transaction. */
interface SealedVerdict {
  review: Encoded | null;
  reason: Encoded | null;
}

async function sealVerdict(v: ReviewVerdict): Promise<SealedVerdict> {
  return { review: await sealReview(noteOf(v)), reason: v.status === 'approved' ? null : await sealReason(returnedReason(v)) };
}

/** The device's own record, given the verdict on its current revision. */
function withVerdict(stored: StoredRecordRow, v: ReviewVerdict, sealed: SealedVerdict): StoredRecordRow {
  const { review: _clearReview, ...row } = stored;
  const next: StoredRecordRow = { ...row, sealedReview: sealed.review, localVersion: row.localVersion + 1 };
  // Only a revision the server holds can be sent back; an edit since then is already on its way.
  if (v.status !== 'approved' && (row.status === 'sent' || row.status === 'returned'))
    return { ...withoutClearNotes(next), status: 'returned', sealedReason: sealed.reason };
  if (v.status === 'approved' && row.status === 'returned') return { ...withoutClearNotes(next), status: 'sent', sealedReason: null };
  // The reason stays as it was (a release-3 one in the clear until encryptInPlace seals it).
  return next;
}

type Db = ReturnType<typeof getDb>;

async function applyRecord(db: Db, record: FieldRecord, payload: Encoded | undefined): Promise<void> {
  const local = await db.records.get(record.id);
  if (local) {
    // This device's own record. Its server copy is newer only if it was changed on another
    // device; take it then, unless this device holds changes of its own (the push answers those).
    if (local.status === 'sent' && local.revision < record.revision && payload) {
      await db.records.put({ ...serverRow(record, payload, null), localVersion: local.localVersion + 1 });
    }
    return;
  }
  if (record.deleted || !payload) {
    await db.serverRecords.delete(record.id);
    return;
  }
  const previous = await db.serverRecords.get(record.id);
  // The verdict already here stays with its revision (encrypted as it was).
  const review = previous?.revision === record.revision ? (previous.sealedReview ?? null) : null;
  await db.serverRecords.put(serverRow(record, payload, review));
}

async function applyVerdict(db: Db, v: ReviewVerdict, sealed: SealedVerdict): Promise<void> {
  const local = await db.records.get(v.recordId);
  if (local) {
    if (local.revision === v.revision) await db.records.put(withVerdict(local, v, sealed));
    return;
  }
  const copy = await db.serverRecords.get(v.recordId);
  if (copy && copy.revision === v.revision) await db.serverRecords.put({ ...withoutClearNotes(copy), sealedReview: sealed.review });
}

export async function applyPullResponse(response: PullResponse, userId: string): Promise<void> {
  const db = getDb();
  // Bodies are encoded before the transaction: a codec may be async crypto.
  const payloads = new Map<string, Encoded>();
  for (const r of response.records) if (!r.deleted) payloads.set(`${r.id}:${r.revision}`, await getCodec().encode(r));
  const verdicts = await Promise.all(response.verdicts.map(async (v) => ({ v, sealed: await sealVerdict(v) })));
  await guardWrite(() =>
    db.transaction('rw', db.records, db.serverRecords, db.meta, async () => {
      if (response.reset) await db.serverRecords.clear();
      for (const r of response.records) await applyRecord(db, r, payloads.get(`${r.id}:${r.revision}`));
      for (const { v, sealed } of verdicts) await applyVerdict(db, v, sealed);
      await db.meta.put({ key: META.serverCatalogueVersion, value: response.catalogueVersion });
      if (response.plans) await db.meta.put({ key: META.serverPlans, value: response.plans });
      await db.meta.put({ key: META.pullCursor, value: { userId, cursor: response.cursor } satisfies CursorValue });
    }),
  );
}
