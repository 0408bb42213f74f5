import { sql, SqliteAdapter, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { FieldRecord, ReviewStatus } from '../../shared';
import { factRows } from '../features/reports/fact-rows';
import { rebuildRollup, ROLLUP_KEY } from '../features/reports/rollup';
import { BUILT_IN_PLAN_ID } from '../../shared/plan/plan-ref';

/**
 * In-code migrations, run at start on SQLite and PostgreSQL alike. Only portable types:
 * text, integer, bigint. Never edit a migration that has shipped; add the next one.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the schema as it was then, not today's types */
type Db = Kysely<any>;

async function accounts(db: Db): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('mobile_brigade', 'district_service', 'training_centre', 'department')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('field_worker', 'trainer', 'supervisor', 'admin')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'team_id'])
    .execute();
  await db.schema.createIndex('memberships_team').on('memberships').column('team_id').execute();
}

async function sessions(db: Db): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addUniqueConstraint('devices_user_key', ['user_id', 'device_key'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_device').on('sessions').column('device_id').execute();

  // Failed logins live in the database so every instance behind a load balancer counts the same.
  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_ip').on('login_attempts').columns(['ip', 'attempted_at']).execute();
  await db.schema
    .createIndex('login_attempts_email_ip')
    .on('login_attempts')
    .columns(['email', 'ip', 'attempted_at'])
    .execute();
}

function recordColumns<TB extends string>(table: CreateTableBuilder<TB, any>): CreateTableBuilder<TB, any> {
  return table
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull());
}

async function records(db: Db): Promise<void> {
  // One global change sequence (records and review verdicts) so a pull cursor is a single number.
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('counters').values({ name: 'change', value: 0 }).execute();

  // Every revision ever received. The primary key (record_id, revision) is what makes a push
  // exactly-once: a replay's INSERT hits it and does nothing.
  await recordColumns(
    db.schema
      .createTable('record_revisions')
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .addColumn('pushed_by_user', 'text', (c) => c.notNull())
      .addColumn('pushed_by_device', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('record_revisions_pk', ['record_id', 'revision'])
    .execute();

  // The latest revision of each record: what pulls and reports read.
  await recordColumns(db.schema.createTable('records').addColumn('id', 'text', (c) => c.primaryKey()))
    .addColumn('server_seq', 'bigint', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('records_team_seq').on('records').columns(['team_id', 'server_seq']).execute();
  await db.schema.createIndex('records_author_seq').on('records').columns(['author_id', 'server_seq']).execute();
  await db.schema.createIndex('records_team_period').on('records').columns(['team_id', 'period_start']).execute();
  await db.schema.createIndex('records_measure').on('records').columns(['measure_id', 'period_start']).execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .execute();
}

async function review(db: Db): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('approved', 'returned', 'rejected')`))
    .addColumn('comment', 'text')
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('server_seq', 'bigint', (c) => c.notNull().unique())
    .addForeignKeyConstraint('reviews_revision_fk', ['record_id', 'revision'], 'record_revisions', ['record_id', 'revision'])
    .execute();
  await db.schema.createIndex('reviews_record').on('reviews').columns(['record_id', 'revision']).execute();

  // A lock row is never deleted: unlocking fills unlocked_* so the history stays.
  await db.schema
    .createTable('month_locks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addColumn('unlocked_by', 'text', (c) => c.references('users.id'))
    .addColumn('unlocked_at', 'text')
    .execute();
  // At most one active lock per team and month (partial index: SQLite and PostgreSQL both have them).
  await db.schema
    .createIndex('month_locks_active')
    .on('month_locks')
    .columns(['team_id', 'month'])
    .unique()
    .where(sql.ref('unlocked_at'), 'is', null)
    .execute();
}

/**
 * Issue 5: the review state of each record's latest revision, the reason for an unlock, and the
 * facts table reports add up. Existing data is carried over: statuses from the verdicts already
 * given, facts from the stored latest revisions.
 */
async function reports(db: Db): Promise<void> {
  await db.schema.alterTable('records').addColumn('review_status', 'text', (c) => c.notNull().defaultTo('pending')).execute();
  await sql`update records set review_status = coalesce((
      select r.status from reviews r where r.record_id = records.id and r.revision = records.revision
      order by r.server_seq desc limit 1), 'pending')`.execute(db);
  await db.schema.createIndex('records_team_status').on('records').columns(['team_id', 'review_status', 'period_start']).execute();

  await db.schema.alterTable('month_locks').addColumn('unlock_reason', 'text').execute();

  await db.schema
    .createTable('facts')
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('measure_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('sphere', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('document_ref', 'text')
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('facts_pk', ['record_id', 'position'])
    .execute();
  // Reports read a date range of approved (and maybe pending) facts, maybe of one team or district.
  await db.schema.createIndex('facts_date').on('facts').columns(['date', 'review_status']).execute();
  await db.schema.createIndex('facts_team_date').on('facts').columns(['team_id', 'date']).execute();
  await db.schema.createIndex('facts_district_date').on('facts').columns(['district', 'date']).execute();

  // The key leads with (cut, month): a year's report reads one contiguous range per cut. On
  // SQLite the table is stored in key order (WITHOUT ROWID), so that range is adjacent on disk.
  await createRollupTable(db, ROLLUP_KEY_0005);

  await backfillFacts(db);
  // The rollup is filled by migration 0012, which recreates it with the plan in its key.
}

/** The rollup's key before migration 0012 put the plan in it. */
const ROLLUP_KEY_0005 = ROLLUP_KEY.filter((c) => c !== 'plan_id');

async function createRollupTable(db: Db, key: readonly string[]): Promise<void> {
  let rollup: CreateTableBuilder<'fact_months', any> = db.schema.createTable('fact_months');
  for (const column of key) rollup = rollup.addColumn(column, 'text', (c) => c.notNull());
  await rollup
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('facts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fact_months_pk', [...key])
    .$call((t) => (db.getExecutor().adapter instanceof SqliteAdapter ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
}

/** Fact rows as the facts table was before migration 0012 added the plan. */
function factRowsBefore0012(record: FieldRecord, status: ReviewStatus) {
  return factRows(record, status).map(({ plan_id: _plan, ...row }) => row);
}

/** Facts of the records already stored, derived as pushes derive them (a tombstone has none). */
async function backfillFacts(db: Db): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('records')
      .select(['id', 'body', 'review_status'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute()) as { id: string; body: string; review_status: ReviewStatus }[];
    if (rows.length === 0) return;
    const facts = rows.flatMap((r) => factRowsBefore0012(JSON.parse(r.body) as FieldRecord, r.review_status));
    for (let i = 0; i < facts.length; i += 1000) await db.insertInto('facts').values(facts.slice(i, i + 1000)).execute();
    after = rows.at(-1)!.id;
  }
}

const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Issue 8: the append-only audit log. Nothing in the code updates or deletes it, and the
 * database itself refuses to (a trigger on each), so a bug or a stolen admin session cannot
 * quietly rewrite what happened. Rows are ordered by their time-ordered (v7) id.
 */
async function auditLog(db: Db): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('email', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_type').on('audit_log').columns(['type', 'id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_id', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  if (isSqlite(db)) {
    for (const op of ['update', 'delete'])
      await sql`create trigger ${sql.raw(`audit_log_no_${op}`)} before ${sql.raw(op)} on audit_log
        begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    return;
  }
  await sql`create function audit_log_refuse() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege'; end $$`.execute(db);
  await sql`create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_refuse()`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse()`.execute(db);
}

/**
 * Issue 8: a user can be deactivated (cannot log in, sessions ended), and a revision whose
 * record names another device than the one that pushed it (a hand-off import) is marked
 * imported: its deviceId is the importer's claim, not something the server saw.
 */
async function accountControls(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  await db.schema.alterTable('record_revisions').addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

/**
 * Issue 8 (migration 0008): published snapshots of the public figures. A row is never changed or deleted (a
 * trigger refuses it on both databases): a reader's figures change only with a new version.
 * `body` is what the public reads; `truth` (the true figures behind it) is only for auditing
 * the next snapshot and is never served.
 */
async function publicSnapshots(db: Db): Promise<void> {
  await db.schema
    .createTable('public_snapshots')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id'))
    .addColumn('locked_team_months', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('truth', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('public_snapshots_pk', ['year', 'version'])
    .execute();
  if (isSqlite(db)) {
    for (const op of ['update', 'delete'])
      await sql.raw(`create trigger public_snapshots_no_${op} before ${op} on public_snapshots
        begin select raise(abort, 'public snapshots are immutable'); end`).execute(db);
    return;
  }
  await sql`create function public_snapshots_immutable() returns trigger language plpgsql as $$
    begin raise exception 'public snapshots are immutable'; end $$`.execute(db);
  await sql`create trigger public_snapshots_immutable before update or delete on public_snapshots
    for each row execute function public_snapshots_immutable()`.execute(db);
}

/**
 * Issue 11 (migration 0009): service logs count contacts (calls, consultations) apart from persons,
 * as facts of a source of their own (serviceContacts), which the calls/consultations indicators of
 * 13.2, 16.2 and 17.3 now read. Each stored service log's facts are derived again from its latest
 * revision, as a push derives them now: its persons facts as before, at the same positions, then its
 * contacts (for a record made before, as many as its persons: what those indicators showed). The
 * rollup is rebuilt from the facts. Safe to run over facts that already have contacts (a database
 * that ran 0005 with this code): each log's facts are replaced, not added to.
 */
async function serviceContacts(db: Db): Promise<void> {
  await deriveFactsAgain(db, 'serviceLog');
}

/**
 * Replaces the facts of every stored record of a kind with those its latest revision gives now,
 * 500 records at a time, then rebuilds the rollup. Idempotent: facts are replaced, not added to.
 */
async function deriveFactsAgain(db: Db, kind: FieldRecord['kind']): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('records')
      .select(['id', 'body', 'review_status'])
      .where('kind', '=', kind)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute()) as { id: string; body: string; review_status: ReviewStatus }[];
    if (rows.length === 0) break;
    await db.deleteFrom('facts').where('record_id', 'in', rows.map((r) => r.id)).execute();
    const facts = rows.flatMap((r) => factRowsBefore0012(JSON.parse(r.body) as FieldRecord, r.review_status));
    for (let i = 0; i < facts.length; i += 1000) await db.insertInto('facts').values(facts.slice(i, i + 1000)).execute();
    after = rows.at(-1)!.id;
  }
  // The rollup is rebuilt by migration 0012 (with the plan in its key).
}

/**
 * Issue 11 (migration 0010): an event's facts now include its audience (each sex and group its
 * attendance holds, `eventAudience`), which breaks an event count down as 16.3 asks. Every stored
 * event's facts are derived again: its old facts unchanged and at the same positions, then the
 * audience. Service logs and indicator reports gain facts only from `alsoIn`, which no stored
 * record has, so theirs stay as they are.
 */
async function eventAudience(db: Db): Promise<void> {
  await deriveFactsAgain(db, 'event');
}

/**
 * Issue 13 (migration 0011): the admin screens. A team may name the district it works in (a
 * district id of the plan; null: the whole city). A device reports, each time it syncs, the app
 * version it runs and how many records it still holds unsynced and since when: an admin sees a
 * device that has stopped sending before its records are lost.
 */
async function adminScreens(db: Db): Promise<void> {
  await db.schema.alterTable('teams').addColumn('district', 'text').execute();
  for (const column of ['app_version', 'unsynced_count', 'oldest_unsynced_at', 'status_reported_at'] as const)
    await db.schema
      .alterTable('devices')
      .addColumn(column, column === 'unsynced_count' ? 'integer' : 'text')
      .execute();
}

/**
 * Issue 13 (migration 0012): plans as data. Every revision of every uploaded plan is kept (a
 * record names the revision it was made under and is checked against it); which plan new
 * records are made under is an append-only list of activations. Measure ids are a plan's own
 * (two plans both have a measure 1.1), so facts carry the plan and the rollup is keyed by it:
 * every record stored so far was made under the built-in plan.
 */
async function plansAsData(db: Db): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addPrimaryKeyConstraint('plans_pk', ['id', 'version'])
    .addUniqueConstraint('plans_revision', ['id', 'revision'])
    .execute();
  await db.schema
    .createTable('plan_activations')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text', (c) => c.notNull())
    .addColumn('activated_by', 'text')
    .execute();
  await db.schema.alterTable('facts').addColumn('plan_id', 'text', (c) => c.notNull().defaultTo(BUILT_IN_PLAN_ID)).execute();
  await db.schema.dropTable('fact_months').execute();
  await createRollupTable(db, ROLLUP_KEY);
  await rebuildRollup(db);
}

export const migrations: Record<string, Migration> = {
  '0001_accounts': { up: accounts },
  '0002_sessions': { up: sessions },
  '0003_records': { up: records },
  '0004_review': { up: review },
  '0005_reports': { up: reports },
  '0006_audit_log': { up: auditLog },
  '0007_account_controls': { up: accountControls },
  '0008_public_snapshots': { up: publicSnapshots },
  '0009_service_contacts': { up: serviceContacts },
  '0010_event_audience': { up: eventAudience },
  '0011_admin_screens': { up: adminScreens },
  '0012_plans_as_data': { up: plansAsData },
};
