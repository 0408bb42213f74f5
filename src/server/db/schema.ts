import type { Generated, Insertable, Selectable } from 'kysely';
import type { ReviewStatus } from '../../shared';

/**
 * Table types for Kysely. Columns are portable across SQLite and PostgreSQL: timestamps are
 * ISO-8601 UTC text (sorts correctly as text), booleans are 0/1 integers, JSON is text.
 */

export type TeamKind = 'mobile_brigade' | 'district_service' | 'training_centre' | 'department';

export interface TeamsTable {
  id: string;
  name: string;
  kind: TeamKind;
  created_at: string;
  /** migration 0011: the plan's district the team works in (null: the whole city) */
  district: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
  /** migration 0007: set while the account is deactivated */
  deactivated_at: string | null;
}

export interface MembershipsTable {
  user_id: string;
  team_id: string;
  created_at: string;
}

export interface DevicesTable {
  id: string;
  user_id: string;
  /** the id the device chose for itself (stable across logins on that device) */
  device_key: string;
  name: string | null;
  created_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  /** migration 0011: what the device said at its last status report (POST /sync/status) */
  app_version: string | null;
  unsynced_count: number | null;
  oldest_unsynced_at: string | null;
  status_reported_at: string | null;
}

export interface SessionsTable {
  id: string;
  /** sha256 of the bearer token: a leaked database does not leak usable tokens */
  token_hash: string;
  user_id: string;
  device_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  id: string;
  email: string;
  ip: string;
  attempted_at: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

/** Columns shared by the latest-revision table and the history table. */
interface RecordColumns {
  revision: number;
  kind: string;
  measure_id: string;
  indicator_id: string | null;
  team_id: string;
  author_id: string;
  device_id: string;
  /** first and last day the record covers (a service log's date, an event's dates, a report's period) */
  period_start: string;
  period_end: string;
  /** the whole record as validated, JSON */
  body: string;
  content_hash: string;
  deleted: number;
  created_at: string;
  updated_at: string;
  received_at: string;
}

export interface RecordsTable extends RecordColumns {
  id: string;
  /** position in the server's change sequence: pull cursors compare against it */
  server_seq: number;
  /** the review state of the latest revision (a new revision is 'pending' again); migration 0005 */
  review_status: Generated<ReviewStatus>;
}

export interface RecordRevisionsTable extends RecordColumns {
  record_id: string;
  batch_id: string;
  pushed_by_user: string;
  pushed_by_device: string;
  /** migration 0007: 1 when the record names another device than the one that pushed it (a hand-off import) */
  imported: Generated<number>;
}

export interface BatchesTable {
  id: string;
  user_id: string;
  device_id: string;
  received_at: string;
  record_count: number;
  /** the first answer given for this batch, JSON */
  response: string;
}

export type ReviewVerdictStatus = 'approved' | 'returned' | 'rejected';

export interface ReviewsTable {
  id: string;
  record_id: string;
  revision: number;
  status: ReviewVerdictStatus;
  comment: string | null;
  reviewer_id: string;
  reviewed_at: string;
  server_seq: number;
}

export interface MonthLocksTable {
  id: string;
  team_id: string;
  /** YYYY-MM */
  month: string;
  locked_by: string;
  locked_at: string;
  unlocked_by: string | null;
  unlocked_at: string | null;
  /** why it was unlocked (required when unlocking); migration 0005 */
  unlock_reason: string | null;
}

/**
 * One countable cell of the latest revision of a record (see factsOfRecord in src/shared), with
 * the record's review status: reports are a GROUP BY over this table. Maintained in the push
 * and verdict transactions; a tombstone has none.
 */
export interface FactsTable {
  record_id: string;
  /** the fact's place among its record's facts */
  position: number;
  /** the plan the record was made under (migration 0012): measure ids are a plan's own */
  plan_id: string;
  measure_id: string;
  source: string;
  indicator_id: string | null;
  /** YYYY-MM-DD */
  date: string;
  team_id: string;
  district: string;
  sex: string;
  age_band: string;
  /** the social group ("group" is an SQL keyword) */
  grp: string;
  sphere: string;
  value: number;
  document_ref: string | null;
  review_status: ReviewStatus;
}


/** Facts summed per month, review status, report keys and one breakdown (features/reports/rollup.ts). */
export interface FactMonthsTable {
  /** 'base' | 'group' | 'district' | 'teamId' | 'sphere': which breakdown `dim` holds */
  cut: string;
  /** the plan (migration 0012) */
  plan_id: string;
  /** YYYY-MM */
  month: string;
  review_status: ReviewStatus;
  measure_id: string;
  source: string;
  /** '' when none: keys are never NULL */
  indicator_id: string;
  sex: string;
  age_band: string;
  /** '' when none */
  document_ref: string;
  /** the cut's dimension value; '' in the base cut */
  dim: string;
  value: number;
  /** how many facts the sum holds: the row goes when it reaches 0 */
  facts: number;
}

/** Migration 0006: append-only (features/audit/log.ts); triggers refuse UPDATE and DELETE. */
export interface AuditLogTable {
  /** uuid v7: entries sort by it */
  id: string;
  at: string;
  type: string;
  actor_id: string | null;
  /** server id of the actor's device */
  device_id: string | null;
  subject_id: string | null;
  team_id: string | null;
  email: string | null;
  ip: string | null;
  /** JSON object */
  details: string;
}

/** A published snapshot of the public figures (migration 0008): never changed once written. */
export interface PublicSnapshotsTable {
  year: number;
  /** 1, 2, … within the year */
  version: number;
  published_at: string;
  /** the admin who published it; null for the command line or the schedule */
  published_by: string | null;
  /** how many (team, month) locks the figures came from */
  locked_team_months: number;
  /** JSON PublicProgress: what the public reads */
  body: string;
  /** JSON SnapshotTruth: the true figures, for auditing the next snapshot; never served */
  truth: string;
}

/** Every revision of every plan an admin uploaded (migration 0012); never changed once written. */
export interface PlansTable {
  id: string;
  version: string;
  /** 1, 2, … within the plan id, in upload order: the highest is the plan's current revision */
  revision: number;
  /** the plan in the documented JSON format (docs/plan-format.md), as checked on upload */
  body: string;
  uploaded_at: string;
  uploaded_by: string | null;
}

/** Which plan new records are made under (migration 0012): append-only, the highest `seq` rules. */
export interface PlanActivationsTable {
  seq: number;
  plan_id: string;
  activated_at: string;
  activated_by: string | null;
}

export interface Database {
  teams: TeamsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  counters: CountersTable;
  records: RecordsTable;
  record_revisions: RecordRevisionsTable;
  batches: BatchesTable;
  reviews: ReviewsTable;
  month_locks: MonthLocksTable;
  facts: FactsTable;
  fact_months: FactMonthsTable;
  audit_log: AuditLogTable;
  public_snapshots: PublicSnapshotsTable;
  plans: PlansTable;
  plan_activations: PlanActivationsTable;
}

export type TeamRow = Selectable<TeamsTable>;
export type UserRow = Selectable<UsersTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type SessionRow = Selectable<SessionsTable>;
export type RecordRow = Selectable<RecordsTable>;
export type NewRecordRevision = Insertable<RecordRevisionsTable>;
