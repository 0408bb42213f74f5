import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { RecordKind } from '../../shared/records/schemas';
import type { FieldIssue } from '../../shared/records/validate';
import type { AuthFailureReason, ReviewVerdict, Role } from '../../shared/sync/protocol';

/**
 * What the device database holds. Every body and every free text (record and draft bodies,
 * frozen upload copies, supervisors' comments and reasons, error texts, the session with its
 * token) is kept as an `Encoded` value, encrypted by the active codec (AES-GCM, see codec.ts);
 * only the little metadata that lists, filters and the outbox need is stored in the clear (the
 * list and why: README.md in this folder).
 */

/** A body as stored: which codec wrote it and what it wrote. */
export interface Encoded {
  codec: string;
  data: unknown;
}

/**
 * Where a record stands on this device.
 * draft: kept locally, not queued · ready: queued for upload · sending: its upload has started
 * (that revision is frozen) · sent: the server has the latest revision · returned: a supervisor
 * sent it back · rejected: the server refused it · conflict: the server holds other content.
 */
export const localStatuses = ['draft', 'ready', 'sending', 'sent', 'returned', 'rejected', 'conflict'] as const;
export type LocalStatus = (typeof localStatuses)[number];

/** Author ids of records made under the local identity (before the first login; reauthor.ts hands them over). */
export const LOCAL_AUTHOR_PREFIX = 'local:';

export interface StatusReason {
  code: string;
  message: LocalizedText;
  field?: string;
  /** every field the server named when it rejected the record */
  issues?: FieldIssue[];
}

/** A supervisor's verdict on one revision, as the last pull brought it. */
export type ReviewNote = Pick<ReviewVerdict, 'status' | 'revision' | 'comment' | 'reviewedAt' | 'reviewerId'>;

/** A record's row: the columns kept in the clear, the body encrypted in `payload`. */
interface RecordColumns {
  id: string;
  kind: RecordKind;
  measureId: string;
  /** the day the record is about (service date, event start, period start): filters and "today" */
  date: string;
  authorId: string;
  teamId: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
  deleted: boolean;
  status: LocalStatus;
  /** the last revision the server acknowledged; null while the server has never had it */
  syncedRevision: number | null;
  /** bumped on every write: optimistic check against concurrent writers (other tabs) */
  localVersion: number;
  payload: Encoded;
}

/** A record's row as the app reads it: the reason and the verdict decrypted. */
export interface RecordRow extends RecordColumns {
  reason: StatusReason | null;
  /** the supervisor's verdict on `revision`, if any (set by a pull; a new revision drops it) */
  review?: ReviewNote | null;
}

/**
 * A record's row as IndexedDB holds it. The reason (which may quote a supervisor's comment) and
 * the verdict are encrypted like the body. `reason`/`review` in the clear are what release 3
 * wrote; encryptInPlace moves them into the sealed fields at the first unlock after the update.
 */
export interface StoredRecordRow extends RecordColumns {
  sealedReason?: Encoded | null;
  sealedReview?: Encoded | null;
  /** @deprecated release 3, in the clear; gone after encryptInPlace */
  reason?: StatusReason | null;
  /** @deprecated release 3, in the clear; gone after encryptInPlace */
  review?: ReviewNote | null;
}

/**
 * A record as the server holds it, brought down by a pull: a supervisor's team records, or the
 * user's own records made on another device. Kept apart from this device's records and read-only;
 * it has the same shape as a RecordRow (status "sent") so the same lists and reports can read it.
 */
export type ServerRecordRow = RecordRow & { status: 'sent' };
export type StoredServerRecordRow = StoredRecordRow & { status: 'sent' };

export interface DraftRow {
  /** form key, e.g. "serviceLog:new" or "edit:<record id>" */
  key: string;
  form: string;
  /** for a new record: its id, made once, so saving the same draft twice cannot duplicate it */
  recordId: string;
  updatedAt: string;
  payload: Encoded;
}

export type OutboxState = 'queued' | 'sending';

/** One revision of one record waiting for upload. */
export interface OutboxRow {
  recordId: string;
  revision: number;
  state: OutboxState;
  queuedAt: string;
  /**
   * set when the upload starts: which freeze (`freezeUploads`) took this revision. Bookkeeping
   * only; the engine sends each batch under a new id, and the server knows a resent revision by
   * its id, revision and content hash
   */
  batchId: string | null;
  /**
   * the exact body of this revision once its row has moved on (an edit made the next revision
   * while this one was frozen); until then the row's payload is that body. Every resend sends it.
   * Releases before schema 8 copied it when the upload started
   */
  frozen: Encoded | null;
  /** 0 while queued, 1 once frozen (resending a frozen revision does not count again) */
  attempts: number;
  /**
   * why an upload failed, as earlier releases noted it per revision (release 3 in the clear; the
   * first unlock encrypts it). Nothing writes it now: a failed sync is noted once, in `meta`
   */
  lastError: Encoded | string | null;
}

/** Who uses the device, as the app reads it (decrypted). */
export interface SessionRow {
  key: 'current';
  userId: string;
  displayName: string;
  role: Role;
  teamId: string;
  teamName: string;
  /** local: typed on this device ("who am I"); server: from POST /api/v1/auth/login */
  source: 'local' | 'server';
  email: string | null;
  token: string | null;
  expiresAt: string | null;
  updatedAt: string;
  /** server sessions: every team the user belongs to (the team above is the one new records get) */
  teams?: { id: string; name: string }[];
  /** the server refused this session's token: sync stops; the app asks to log in again or wipes */
  refused?: AuthFailureReason | null;
}

/** What the session holds that is not needed in the clear: all of it but its kind and state. */
export type SessionSecrets = Omit<SessionRow, 'key' | 'source' | 'updatedAt' | 'refused'>;

/**
 * The session as IndexedDB holds it: the name, email, teams, token and ids encrypted in `sealed`.
 * A row without `sealed` is one release 3 wrote in the clear (encryptInPlace seals it).
 */
export type StoredSessionRow =
  | (Pick<SessionRow, 'key' | 'source' | 'updatedAt' | 'refused'> & { sealed: Encoded })
  | (SessionRow & { sealed?: undefined });

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A plan catalogue received from the server (the bundled one needs no row). */
/**
 * A plan the server sent. Keyed by the plan's id for its current revision; an earlier revision
 * (a record made under it is edited and reported by its rules) is kept under `${id}@${version}`.
 */
export interface CatalogueRow {
  id: string;
  version: string;
  receivedAt: string;
  data: unknown;
}

/**
 * The device's lock: the data key wrapped under a key derived from the user's PIN or passcode,
 * and the count of wrong tries in a row. One row, key "vault".
 */
export interface VaultRow {
  key: 'vault';
  /** random: tells a vault from the one before an erase (the wrapped key is bound to it) */
  id: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array<ArrayBuffer> };
  wrapped: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer };
  /** which keyboard the unlock screen opens: digits only, or any characters */
  secretKind: 'pin' | 'passcode';
  /** wrong PINs in a row, counted before each check */
  failures: number;
  /** that many wrong PINs in a row erase the device's data */
  maxFailures: number;
  createdAt: string;
}

/**
 * One bucket of the device report's aggregates (aggregates.ts): the records of one measure in one
 * month of their `date`. In the clear only what the records' rows already show (measure, month)
 * and a mark; the figures are sealed like a body. A stale bucket (`stale`, no figures) is
 * recomputed from its records at the next report.
 */
export interface AggregateRow {
  /** `<YYYY-MM>|<measure id>` */
  key: string;
  measureId: string;
  month: string;
  stale: boolean;
  /** changed by every write that touches the bucket: a recomputed result is stored only if it is unchanged */
  mark: string;
  /** the summed cells, encrypted; null while stale */
  sealed: Encoded | null;
}
