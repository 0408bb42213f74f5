import { getCodec } from './codec';
import type { Encoded, RecordRow, ReviewNote, StatusReason, StoredRecordRow } from './rows';

/**
 * A record's reason (why it was set aside; a supervisor's comment when returned) and the
 * supervisor's verdict are encrypted like its body. Sealed before a transaction, opened after.
 */

export async function sealReason(reason: StatusReason | null): Promise<Encoded | null> {
  return reason ? getCodec().encode(reason) : null;
}

export async function sealReview(review: ReviewNote | null | undefined): Promise<Encoded | null> {
  return review ? getCodec().encode(review) : null;
}

/** The row without release 3's clear reason and verdict: set whenever the sealed fields are. */
export function withoutClearNotes<T extends StoredRecordRow>(row: T): T {
  const { reason: _reason, review: _review, ...rest } = row;
  return rest as T;
}

/** The row as the app reads it. A row release 3 wrote (not yet encrypted in place) is read as it is. */
export async function openRow(stored: StoredRecordRow): Promise<RecordRow> {
  const { sealedReason, sealedReview, reason: clearReason, review: clearReview, ...columns } = stored;
  const codec = getCodec();
  const [reason, review] = await Promise.all([
    sealedReason ? (codec.decode(sealedReason) as Promise<StatusReason>) : sealedReason === null ? null : (clearReason ?? null),
    sealedReview ? (codec.decode(sealedReview) as Promise<ReviewNote>) : sealedReview === null ? null : (clearReview ?? null),
  ]);
  return { ...columns, reason, review };
}
