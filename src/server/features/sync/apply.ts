import type { Transaction } from 'kysely';
import type { FieldRecord, PushResult } from '../../../shared';
import { insertRows, type ColumnTypes } from '../../db/bulk-rows';
import type { Database, NewRecordRevision } from '../../db/schema';
import { takeSequence } from '../../db/sequence';
import { serverMessages } from '../../../shared/messages/server';
import type { SyncHooks } from '../../context';
import { shareTeams } from '../../db/team-locks';
import type { AuthContext } from '../auth';
import { latestRevisionsChanged } from '../reports';
import { monthsBetween, recordIndicatorId, recordPeriod } from './record-facts';

/** A record that passed validation and rights, with its place in the batch. */
export interface Candidate {
  index: number;
  record: FieldRecord;
}

export interface ApplyInput {
  batchId: string;
  auth: AuthContext;
  candidates: Candidate[];
  /** answers already decided (validation failures), stored with the batch */
  rejected: PushResult[];
  receivedAt: string;
  hooks?: SyncHooks | undefined;
}

interface Head {
  revision: number;
  team_id: string;
  author_id: string;
  period_start: string;
  period_end: string;
}

const keyOf = (id: string, revision: number) => `${id}#${revision}`;

const RECORD_COLUMN_TYPES = {
  revision: 'integer', kind: 'text', measure_id: 'text', indicator_id: 'text', team_id: 'text', author_id: 'text',
  device_id: 'text', period_start: 'text', period_end: 'text', body: 'text', content_hash: 'text', deleted: 'integer',
  created_at: 'text', updated_at: 'text', received_at: 'text',
} as const;
type RevisionRow = Required<NewRecordRevision>;
const REVISION_TYPES: ColumnTypes<RevisionRow> = {
  record_id: 'text', ...RECORD_COLUMN_TYPES, batch_id: 'text', pushed_by_user: 'text', pushed_by_device: 'text', imported: 'integer',
};
type LatestRow = Omit<RevisionRow, 'record_id' | 'batch_id' | 'pushed_by_user' | 'pushed_by_device' | 'imported'> & {
  id: string;
  server_seq: number;
  review_status: 'pending';
};
const LATEST_TYPES: ColumnTypes<LatestRow> = { id: 'text', ...RECORD_COLUMN_TYPES, server_seq: 'bigint', review_status: 'text' };

/**
 * The revisions' INSERT: the primary key (record_id, revision) is the arbiter of exactly-once, so a
 * row already stored (a repeat, a racing copy of the batch) inserts nothing and is not returned.
 */
function insertRevisions(trx: Transaction<Database>, rows: RevisionRow[]) {
  return insertRows<RevisionRow, { record_id: string; revision: number }>(
    trx, 'record_revisions', REVISION_TYPES, rows, 'on conflict (record_id, revision) do nothing returning record_id, revision',
  );
}

/** Columns a newer revision moves forward in a record's latest row (id, team and author, created_at never change). */
const MOVED_COLUMNS = [
  'revision', 'kind', 'measure_id', 'indicator_id', 'device_id', 'period_start', 'period_end', 'body', 'content_hash', 'deleted',
  'updated_at', 'received_at', 'server_seq', 'review_status',
] as const satisfies readonly (keyof LatestRow)[];

/** Only ever to a higher revision: a concurrent push that stored a higher one first keeps it. */
const UPSERT_LATEST =
  `on conflict (id) do update set ${MOVED_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(', ')} ` +
  'where "records"."revision" < excluded."revision" returning id';

export function byIdThenRevision(a: Candidate, b: Candidate): number {
  if (a.record.id !== b.record.id) return a.record.id < b.record.id ? -1 : 1;
  return a.record.revision - b.record.revision;
}

async function loadHeads(trx: Transaction<Database>, ids: string[]): Promise<Map<string, Head>> {
  const rows = await trx
    .selectFrom('records')
    .select(['id', 'revision', 'team_id', 'author_id', 'period_start', 'period_end'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function loadRevisionHashes(trx: Transaction<Database>, ids: string[]): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('record_revisions')
    .select(['record_id', 'revision', 'content_hash'])
    .where('record_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [keyOf(r.record_id, r.revision), r.content_hash]));
}

/** Active month locks of the given teams, as "team|YYYY-MM". */
async function loadLocks(trx: Transaction<Database>, teamIds: string[]): Promise<Set<string>> {
  if (teamIds.length === 0) return new Set();
  // Ordered against a month being locked at this moment (see db/team-locks.ts).
  await shareTeams(trx, teamIds);
  const rows = await trx
    .selectFrom('month_locks')
    .select(['team_id', 'month'])
    .where('team_id', 'in', teamIds)
    .where('unlocked_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => `${r.team_id}|${r.month}`));
}

function touchesLock(locks: Set<string>, teamId: string, start: string, end: string): boolean {
  return locks.size > 0 && monthsBetween(start, end).some((m) => locks.has(`${teamId}|${m}`));
}

function revisionRow(record: FieldRecord, input: ApplyInput, body: string = JSON.stringify(record)): RevisionRow {
  const period = recordPeriod(record);
  return {
    record_id: record.id,
    revision: record.revision,
    kind: record.kind,
    measure_id: record.measureId,
    indicator_id: recordIndicatorId(record),
    team_id: record.teamId,
    author_id: record.authorId,
    device_id: record.deviceId,
    period_start: period.start,
    period_end: period.end,
    body,
    content_hash: record.contentHash,
    deleted: record.deleted ? 1 : 0,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    received_at: input.receivedAt,
    batch_id: input.batchId,
    pushed_by_user: input.auth.userId,
    pushed_by_device: input.auth.deviceId,
    // A record naming another device came in a hand-off file: its deviceId is a claim, not seen.
    imported: record.deviceId === input.auth.deviceKey ? 0 : 1,
  };
}

/** Same id and revision already stored: the same content is a harmless repeat, other content a conflict. */
function verdictOnStored(record: FieldRecord, storedHash: string): PushResult {
  return storedHash === record.contentHash
    ? { status: 'duplicate', id: record.id, revision: record.revision }
    : { status: 'conflict', id: record.id, revision: record.revision, reason: 'different_content', serverRevision: 0 };
}

/**
 * Decides each candidate from what is stored, without writing: known revisions, stale
 * revisions, a change of team or author, locked months. What remains goes to the INSERT.
 */
function triage(sorted: Candidate[], heads: Map<string, Head>, hashes: Map<string, string>, locks: Set<string>) {
  const results = new Map<number, PushResult>();
  const toInsert: Candidate[] = [];
  /** repeats of an (id, revision) already headed for the INSERT: resolved against what it stored */
  const repeats: Candidate[] = [];
  const pending = new Set<string>();
  const current = new Map(heads);
  for (const c of sorted) {
    const r = c.record;
    const key = keyOf(r.id, r.revision);
    const storedHash = hashes.get(key);
    const head = current.get(r.id);
    const stored = heads.get(r.id);
    if (storedHash !== undefined) results.set(c.index, verdictOnStored(r, storedHash));
    else if (pending.has(key)) repeats.push(c);
    else if (head && r.revision < head.revision)
      results.set(c.index, { status: 'conflict', id: r.id, revision: r.revision, reason: 'stale_revision', serverRevision: 0 });
    else if (head && (head.team_id !== r.teamId || head.author_id !== r.authorId))
      results.set(c.index, {
        status: 'rejected',
        id: r.id,
        revision: r.revision,
        index: c.index,
        issues: [{ field: 'teamId', code: 'invalid_value', message: serverMessages.record_owner_changed }],
      });
    else if (
      touchesLock(locks, r.teamId, recordPeriod(r).start, recordPeriod(r).end) ||
      (stored !== undefined && touchesLock(locks, stored.team_id, stored.period_start, stored.period_end))
    )
      results.set(c.index, { status: 'conflict', id: r.id, revision: r.revision, reason: 'locked_period', serverRevision: 0 });
    else {
      toInsert.push(c);
      pending.add(key);
      const period = recordPeriod(r);
      current.set(r.id, { revision: r.revision, team_id: r.teamId, author_id: r.authorId, period_start: period.start, period_end: period.end });
    }
  }
  return { results, toInsert, repeats };
}

/**
 * Moves each record's latest row forward, only ever to a higher revision, with fresh change
 * numbers. Returns the records whose latest row it moved (a concurrent push may have stored a
 * higher revision first).
 */
async function upsertLatest(trx: Transaction<Database>, accepted: Inserted[]): Promise<FieldRecord[]> {
  const highest = new Map<string, Inserted>();
  for (const a of accepted) {
    const seen = highest.get(a.candidate.record.id);
    if (!seen || seen.candidate.record.revision < a.candidate.record.revision) highest.set(a.candidate.record.id, a);
  }
  if (highest.size === 0) return [];
  // Taken after the revision INSERTs, so the counter's row lock is held only briefly (see sequence.ts).
  const first = await takeSequence(trx, highest.size);
  const rows = [...highest.values()].map(({ row }, i): LatestRow => {
    // The revision's own row (its body serialised once): the latest row is its columns, less the push's.
    const { record_id, batch_id: _b, pushed_by_user: _u, pushed_by_device: _d, imported: _i, ...columns } = row;
    // A new latest revision has not been reviewed: set here, not by a second UPDATE of the same rows.
    return { id: record_id, ...columns, server_seq: first + i, review_status: 'pending' };
  });
  const moved = await insertRows<LatestRow, { id: string }>(trx, 'records', LATEST_TYPES, rows, UPSERT_LATEST);
  return moved.map((r) => highest.get(r.id)!.candidate.record);
}

/** A candidate headed for the INSERT, with its row. */
interface Inserted {
  candidate: Candidate;
  row: RevisionRow;
}

/** Fills serverRevision into conflicts from the latest stored revisions (0: never stored). */
async function withServerRevisions(trx: Transaction<Database>, results: Map<number, PushResult>): Promise<Map<number, PushResult>> {
  const ids = [...results.values()].flatMap((r) => (r.status === 'conflict' ? [r.id] : []));
  if (ids.length === 0) return results;
  const rows = await trx.selectFrom('records').select(['id', 'revision']).where('id', 'in', [...new Set(ids)]).execute();
  const latest = new Map(rows.map((r) => [r.id, r.revision]));
  for (const [index, r] of results) if (r.status === 'conflict') results.set(index, { ...r, serverRevision: latest.get(r.id) ?? 0 });
  return results;
}

/**
 * Applies a batch's valid records in ONE transaction, so a batch lands whole or not at all and
 * a retry after a timeout finds either everything or nothing.
 *
 * Exactly-once comes from the primary key (record_id, revision) of record_revisions, not from
 * the reads before it: the INSERT ... ON CONFLICT DO NOTHING is the single arbiter. When two
 * pushes of the same batch race (parallel retries, two instances on one PostgreSQL), the second
 * INSERT waits on the first's row lock and then inserts nothing; its rows are then resolved as
 * duplicates by comparing content hashes. Records are handled in (id, revision) order so
 * concurrent batches take row locks in the same order and cannot deadlock.
 */
export async function applyBatch(trx: Transaction<Database>, input: ApplyInput): Promise<PushResult[]> {
  const results = await applyRecords(trx, input);
  for (const r of input.rejected) if (r.status === 'rejected') results.set(r.index, r);
  const ordered = inBatchOrder(results);
  await storeBatch(trx, input, ordered);
  await input.hooks?.beforeCommit?.(input.batchId);
  return ordered;
}

export function inBatchOrder(results: Map<number, PushResult>): PushResult[] {
  return [...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

/** The candidates' answers by batch index, written in the caller's transaction (the batch row aside). */
export async function applyRecords(trx: Transaction<Database>, input: ApplyInput): Promise<Map<number, PushResult>> {
  const sorted = [...input.candidates].sort(byIdThenRevision);
  const ids = [...new Set(sorted.map((c) => c.record.id))];
  const heads = ids.length ? await loadHeads(trx, ids) : new Map<string, Head>();
  // A record's revisions are stored with its latest row, in one transaction: a record with no
  // head has no revision to compare (a racing copy is caught by the INSERT, resolved below).
  const known = ids.filter((id) => heads.has(id));
  const hashes = known.length ? await loadRevisionHashes(trx, known) : new Map<string, string>();
  const teams = new Set([...sorted.map((c) => c.record.teamId), ...[...heads.values()].map((h) => h.team_id)]);
  const locks = await loadLocks(trx, [...teams]);
  const { results, toInsert, repeats } = triage(sorted, heads, hashes, locks);
  await input.hooks?.afterTriage?.(input.batchId);

  const headed: Inserted[] = toInsert.map((candidate) => ({ candidate, row: revisionRow(candidate.record, input) }));
  const inserted = await insertRevisions(trx, headed.map((h) => h.row));
  const insertedKeys = new Set(inserted.map((r) => keyOf(r.record_id, r.revision)));
  const accepted = headed.filter((h) => insertedKeys.has(keyOf(h.candidate.record.id, h.candidate.record.revision)));
  for (const { candidate: c } of accepted) results.set(c.index, { status: 'accepted', id: c.record.id, revision: c.record.revision });

  // Lost a race, or repeated within the batch: judge against whatever is stored now.
  const unresolved = [...toInsert.filter((c) => !insertedKeys.has(keyOf(c.record.id, c.record.revision))), ...repeats];
  if (unresolved.length) {
    const now = await loadRevisionHashes(trx, [...new Set(unresolved.map((c) => c.record.id))]);
    for (const c of unresolved) results.set(c.index, verdictOnStored(c.record, now.get(keyOf(c.record.id, c.record.revision))!));
  }

  // Reports follow the latest revisions: their facts are replaced in this same transaction.
  await latestRevisionsChanged(trx, await upsertLatest(trx, accepted));
  return withServerRevisions(trx, results);
}

/** The batch and its answer, once (a replay leaves the first answer). */
export async function storeBatch(trx: Transaction<Database>, input: ApplyInput, ordered: PushResult[]): Promise<void> {
  await trx
    .insertInto('batches')
    .values({
      id: input.batchId,
      user_id: input.auth.userId,
      device_id: input.auth.deviceId,
      received_at: input.receivedAt,
      record_count: input.candidates.length + input.rejected.length,
      response: JSON.stringify(ordered),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
