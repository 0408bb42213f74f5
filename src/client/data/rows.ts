import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import type { RecordKind } from '../../shared/records/schemas';
import type { FieldIssue } from '../../shared/records/validate';
import type { AuthFailureReason, ReviewVerdict, Role } from '../../shared/sync/protocol';

/**
 * What the device database holds. Record and draft bodies are kept as `Encoded` payloads so a
 * codec (e.g. encryption at rest) can be slotted in without touching callers; only the little
 * metadata that lists, filters and the outbox need is stored in the clear.
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

export interface StatusReason {
  code: string;
  message: LocalizedText;
  field?: string;
  /** every field the server named when it rejected the record */
  issues?: FieldIssue[];
}

/** A supervisor's verdict on one revision, as the last pull brought it. */
export type ReviewNote = Pick<ReviewVerdict, 'status' | 'revision' | 'comment' | 'reviewedAt' | 'reviewerId'>;

export interface RecordRow {
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
  reason: StatusReason | null;
  /** the last revision the server acknowledged; null while the server has never had it */
  syncedRevision: number | null;
  /** bumped on every write: optimistic check against concurrent writers (other tabs) */
  localVersion: number;
  payload: Encoded;
  /** the supervisor's verdict on `revision`, if any (set by a pull; a new revision drops it) */
  review?: ReviewNote | null;
}

/**
 * A record as the server holds it, brought down by a pull: a supervisor's team records, or the
 * user's own records made on another device. Kept apart from this device's records and read-only;
 * it has the same shape as a RecordRow (status "sent") so the same lists and reports can read it.
 */
export type ServerRecordRow = RecordRow & { status: 'sent' };

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
  /** set when the upload starts; a retry resends the same batch id and the same frozen body */
  batchId: string | null;
  /** the exact body of this revision, copied when its upload started */
  frozen: Encoded | null;
  attempts: number;
  lastError: string | null;
}

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

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A plan catalogue received from the server (the bundled one needs no row). */
export interface CatalogueRow {
  id: string;
  version: string;
  receivedAt: string;
  data: unknown;
}
