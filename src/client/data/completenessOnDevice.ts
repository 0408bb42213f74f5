import type { CompletenessCell, CompletenessReport } from '../../shared/review/completeness';
import { completenessMonths, completenessOfRecords, type CompletenessLock, type CompletenessRecord } from '../../shared/review/completeness-of-records';
import { recordPeriod } from '../../shared/records/period';
import { deviceBuckets, type FactBucket } from './aggregates';
import { getCodec } from './codec';
import { getDb } from './db';
import { getMeta, META, setMeta } from './meta';
import { decodeRows } from './recordRead';
import { deviceReviewStatus } from './reviewStatus';
import type { Encoded, StoredRecordRow } from './rows';

/**
 * Completeness on a supervisor's device (offline, or when the server cannot be reached): the team ×
 * month cells from what the device holds, by the server's rules (completenessOfRecords), and the
 * server's last answer kept for what only the server knows (quiet devices, month locks).
 *
 * The records counted are those the device last saw the server hold: the team's copies a pull
 * brought and the device's own records the server has (some revision of them was acknowledged),
 * each at the latest revision the device holds, with the review state it knows; never its drafts,
 * deleted records, nor its own records no upload has reached yet. Records other devices have not
 * synced are not on the server, so not here either (the screen says so).
 *
 * Read from the aggregates' review tallies (aggregates.ts: per measure × month a record starts in,
 * counts by team, review state and the month it ends), so no record body is decoded, but the
 * device's own records not yet uploaded, which the tallies count and the server does not hold:
 * those are few (the outbox) and opened to take them out.
 */

export interface CachedCompleteness {
  /** when the server gave this answer (ISO) */
  fetchedAt: string;
  report: CompletenessReport;
}

/** As kept in meta: sealed (quiet devices name people and their e-mails), with whose answer it is. */
interface StoredCompleteness {
  userId: string;
  fetchedAt: string;
  report: CompletenessReport;
}

/** Keeps the server's completeness answer, whole, with when it came: what the device shows offline. */
export async function cacheServerCompleteness(userId: string, report: CompletenessReport, fetchedAt = new Date()): Promise<void> {
  const value: StoredCompleteness = { userId, fetchedAt: fetchedAt.toISOString(), report };
  await setMeta(META.serverCompleteness, await getCodec().encode(value));
}

/** The server's last completeness answer for this user, if this device keeps one. */
export async function cachedServerCompleteness(userId: string): Promise<CachedCompleteness | null> {
  const sealed = await getMeta<Encoded>(META.serverCompleteness);
  if (!sealed) return null;
  const stored = (await getCodec().decode(sealed)) as StoredCompleteness;
  // another person's answer (they logged in here before) is not this one's
  if (stored.userId !== userId) return null;
  return { fetchedAt: stored.fetchedAt, report: stored.report };
}

export interface DeviceCompleteness {
  year: number;
  months: string[];
  teams: { id: string; name: string }[];
  /** one per team and month, teams by name, months in order (as the server's) */
  cells: CompletenessCell[];
  /** when the device last synced: what it holds of the server's records is as of then */
  lastSyncAt: string | null;
  /** when the server told the month locks shown (its kept answer for this year); null: the device knows none, every month shows unlocked */
  locksAsOf: string | null;
  /** the server's last answer kept here (its quiet devices), if any */
  cached: CachedCompleteness | null;
}

/** An upload that never reached the server: no revision acknowledged (a conflict means the server holds one). */
function neverUploaded(row: StoredRecordRow): boolean {
  return row.syncedRevision === null && row.status !== 'draft' && row.status !== 'conflict' && !row.deleted;
}

const tallyKey = (teamId: string, status: string, startMonth: string, endMonth: string) => `${teamId}|${status}|${startMonth}|${endMonth}`;

/** How many of each tally's records are the device's own, not uploaded yet (the tallies count them). */
async function notOnServer(): Promise<Map<string, number>> {
  const rows = (await getDb().records.where('status').anyOf('ready', 'sending', 'rejected').toArray()).filter(neverUploaded);
  const out = new Map<string, number>();
  for (const stored of await decodeRows(rows)) {
    const status = deviceReviewStatus(stored);
    if (status === null) continue;
    const { start, end } = recordPeriod(stored.record);
    const key = tallyKey(stored.record.teamId, status, start.slice(0, 7), end.slice(0, 7));
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/**
 * The records the tallies count, less those never uploaded, as completenessOfRecords reads them:
 * a record starting in the bucket's month and ending in the tally's (any day of a month touches it alike).
 */
function* tallyRecords(buckets: readonly FactBucket[], skip: Map<string, number>): Generator<CompletenessRecord> {
  for (const bucket of buckets)
    for (const t of bucket.tallies) {
      const key = tallyKey(t.teamId, t.status, bucket.month, t.endMonth);
      const left = skip.get(key) ?? 0;
      const taken = Math.min(left, t.count);
      if (taken > 0) skip.set(key, left - taken);
      const record: CompletenessRecord = { teamId: t.teamId, periodStart: `${bucket.month}-01`, periodEnd: `${t.endMonth}-01`, reviewStatus: t.status, deleted: false };
      for (let i = taken; i < t.count; i++) yield record;
    }
}

/** Teams as the server orders them: by name (code point order, as SQLite compares text). */
function byName(teams: Iterable<{ id: string; name: string }>): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const t of teams) if (!seen.has(t.id)) seen.set(t.id, t.name);
  return [...seen.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * The completeness of `year` for the reviewer's teams (and those of the server's kept answer: an
 * admin's every team), from this device. Locks: those of the server's kept answer for the year.
 */
export async function deviceCompleteness(input: {
  userId: string;
  year: number;
  teams: readonly { id: string; name: string }[];
  now?: Date;
}): Promise<DeviceCompleteness> {
  const [buckets, skip, cached, lastSyncAt] = await Promise.all([deviceBuckets(), notOnServer(), cachedServerCompleteness(input.userId), getMeta<string>(META.lastSyncAt)]);
  const teams = byName([...input.teams, ...(cached?.report.teams ?? [])]);
  const months = completenessMonths(input.year, input.now ?? new Date());
  const lockSource = cached && cached.report.year === input.year ? cached : null;
  const locks: CompletenessLock[] = lockSource ? lockSource.report.cells.filter((c) => c.locked).map((c) => ({ teamId: c.teamId, month: c.month })) : [];
  const cells = completenessOfRecords({ teams, months, records: tallyRecords(buckets, skip), locks });
  return { year: input.year, months, teams, cells, lastSyncAt: lastSyncAt ?? null, locksAsOf: lockSource?.fetchedAt ?? null, cached };
}
