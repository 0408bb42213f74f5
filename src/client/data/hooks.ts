import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { aggregateRows, openAggregates, type FactBucket } from './aggregates';
import { deviceCompleteness, type DeviceCompleteness } from './completenessOnDevice';
import { getDb } from './db';
import { decodeRows, type StoredRecord } from './recordRead';
import type { AggregateRow, SessionRow, StoredRecordRow, StoredSessionRow } from './rows';
import { openSession } from './session';
import { sharedLiveQuery } from './sharedQuery';
import { followUnsynced, openSyncInfo, setAsideRows, storedSyncInfo, unsyncedSummary, type StoredSyncInfo, type SyncInfo, type UnsyncedSummary } from './status';
import { storageState, type StorageState } from './storage';
import { latestServerRows } from './teamRecordRead';
import { META } from './meta';

/**
 * React hooks over the device database. They re-render on every change, in this tab or another
 * (Dexie broadcasts writes between tabs). `undefined` means "still loading".
 */

/**
 * What a live query read, decrypted outside it (a live query may only await the database; the
 * codec is async crypto). Until the first value is open: undefined. After that the previous value
 * shows while a newer one decrypts, so nothing flickers. A failure (the app locked meanwhile)
 * leaves the last value: the locked app shows no screen anyway.
 */
function useOpened<Raw, Value>(raw: Raw | undefined, open: (raw: Raw) => Promise<Value>): Value | undefined {
  const [opened, setOpened] = useState<{ value: Value } | undefined>();
  useEffect(() => {
    if (raw === undefined) return;
    let live = true;
    open(raw).then(
      (value) => live && setOpened({ value }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [raw, open]);
  if (raw === undefined) return undefined;
  return opened?.value;
}

// The header, the session gate and Today show these three: one live query each, shared (sharedQuery.ts).
const sessionQuery = sharedLiveQuery(
  async (): Promise<StoredSessionRow | null> => (await getDb().session.get('current')) ?? null,
  (row: StoredSessionRow | null) => openSession(row),
);
const unsyncedQuery = sharedLiveQuery(unsyncedSummary, undefined, followUnsynced);
const syncInfoQuery = sharedLiveQuery(storedSyncInfo, (info: StoredSyncInfo) => openSyncInfo(info));

export function useSession(): SessionRow | null | undefined {
  const { raw, value } = sessionQuery.useSnapshot();
  // A session that went away is gone at once (no decryption to wait for); a new one shows the
  // previous answer until it is open, as every opened query does, so a screen does not blink.
  return raw === null ? null : raw === undefined ? undefined : value;
}

export function useUnsynced(): UnsyncedSummary | undefined {
  return unsyncedQuery.useSnapshot().value;
}

export function useSyncInfo(): SyncInfo | undefined {
  return syncInfoQuery.useSnapshot().value;
}

/** Bodies are decoded outside the live query: a codec may use async crypto. */
function useDecoded(rows: StoredRecordRow[] | undefined): StoredRecord[] | undefined {
  return useOpened(rows, decodeRows);
}

export function useRecordsOn(date: string): StoredRecord[] | undefined {
  return useDecoded(useLiveQuery(() => getDb().records.where('date').equals(date).toArray(), [date]));
}

export interface RecordsPage {
  /** the newest changes first, at most the limit asked, among those matching */
  records: StoredRecord[];
  /** more match than shown */
  more: boolean;
  /** every record of this device */
  total: number;
  /** the measures the device's records are filed under */
  measureIds: string[];
}

interface PageRows {
  rows: StoredRecordRow[];
  more: boolean;
  total: number;
  measureIds: string[];
}

const openPage = async ({ rows, ...rest }: PageRows): Promise<RecordsPage> => ({ ...rest, records: await decodeRows(rows) });

/**
 * One page of the device's own records, newest change first, filtered on their clear columns
 * before anything is decoded: only the page shown is decrypted. `filterKey` names the filter
 * (the query reruns when it changes).
 */
export function useRecordsPage(match: (row: StoredRecordRow) => boolean, filterKey: string, limit: number): RecordsPage | undefined {
  const raw = useLiveQuery(async (): Promise<PageRows> => {
    const records = getDb().records;
    const [rows, total, measureIds] = await Promise.all([
      records.orderBy('updatedAt').reverse().filter(match).limit(limit + 1).toArray(),
      records.count(),
      records.orderBy('measureId').uniqueKeys(),
    ]);
    return { rows: rows.slice(0, limit), more: rows.length > limit, total, measureIds: measureIds.map(String) };
    // `match` is the filter `filterKey` names: the query reruns when the key changes
  }, [filterKey, limit]);
  return useOpened(raw, openPage);
}

export interface RecentRecords {
  /** how many the query counts: those changed since the time asked; every server copy */
  count: number;
  /** the latest changed of them, newest first, at most the limit asked */
  records: StoredRecord[];
}

interface RecentRows {
  count: number;
  rows: StoredRecordRow[];
}

const openRecent = async (raw: RecentRows): Promise<RecentRecords> => ({ count: raw.count, records: await decodeRows(raw.rows) });

/**
 * Records changed since a time (one author's, or everyone's), counted from an index and only the
 * latest `limit` of them read and decoded: a device with a year's records shows today's at once.
 */
export function useRecentRecords(authorId: string | null, isoTime: string, limit: number): RecentRecords | undefined {
  const raw = useLiveQuery(async (): Promise<RecentRows> => {
    const records = getDb().records;
    const since = authorId === null
      ? records.where('updatedAt').aboveOrEqual(isoTime)
      : records.where('[authorId+updatedAt]').between([authorId, isoTime], [authorId, Dexie.maxKey], true, true);
    const [count, rows] = await Promise.all([since.count(), since.clone().reverse().limit(limit).toArray()]);
    return { count, rows };
  }, [authorId, isoTime, limit]);
  return useOpened(raw, openRecent);
}

const noBuckets = async (): Promise<AggregateRow[]> => [];

/**
 * The device's figures, summed per measure × month (aggregates.ts), live: a write makes its
 * buckets stale and only those are recomputed from their records. Off (`on` false: a screen that
 * reads the server instead), nothing is read and the answer is an empty list.
 */
export function useDeviceBuckets(on = true): FactBucket[] | undefined {
  return useOpened(useLiveQuery(on ? aggregateRows : noBuckets, [on]), openAggregates);
}

/**
 * How many of this device's own records each measure has (a team's, when one is given), from
 * index counts: a form orders its measures by them without reading a record.
 */
export function useMeasureCounts(measureIds: readonly string[], teamId: string | null): ReadonlyMap<string, number> | undefined {
  const key = measureIds.join('\u0000');
  return useLiveQuery(async () => {
    const records = getDb().records;
    const counts = await Promise.all(
      measureIds.map((m) => (teamId === null ? records.where('measureId').equals(m) : records.where('[teamId+measureId]').equals([teamId, m])).count()),
    );
    return new Map(measureIds.map((m, i) => [m, counts[i]!]));
  }, [key, teamId]);
}

/** The teams of the records on this device, its own and the server's copies, from the index keys alone. */
export function useDeviceTeamIds(): string[] | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [own, team] = await Promise.all([db.records.orderBy('[teamId+measureId]').uniqueKeys(), db.serverRecords.orderBy('teamId').uniqueKeys()]);
    return [...new Set([...(own as unknown as [string, string][]).map((k) => k[0]), ...team.map(String)])];
  });
}

export function useStoredRecord(id: string | undefined): StoredRecord | null | undefined {
  const rows = useLiveQuery(async () => (id ? await getDb().records.where('id').equals(id).toArray() : []), [id]);
  const decoded = useDecoded(rows);
  if (!id) return null;
  if (!rows) return undefined;
  if (rows.length === 0) return null;
  return decoded?.find((r) => r.row.id === id && r.row.localVersion === rows[0]!.localVersion);
}

export function useStorageState(refreshKey = 0): StorageState | undefined {
  const [state, setState] = useState<StorageState>();
  useEffect(() => {
    let live = true;
    void storageState().then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return state;
}

/** Records set aside (rejected, conflict, returned by a supervisor), decoded. */
export function useSetAside(): StoredRecord[] | undefined {
  return useDecoded(useLiveQuery(setAsideRows));
}

/**
 * Records the server sent (team records for supervisors), read-only: how many, from the primary
 * key, and the latest changed `limit` of them, newest first; only those are decoded.
 */
export function useServerRecordsPage(limit: number): RecentRecords | undefined {
  return useOpened(useLiveQuery(() => latestServerRows(limit), [limit]), openRecent);
}

/**
 * Completeness of a year for the reviewer's teams, from this device (completenessOnDevice.ts),
 * live: it is worked out again when the aggregates, the unsent records, the last sync or the kept
 * server answer change. `userId` null (no server login): nothing is read, the answer is null.
 */
export function useDeviceCompleteness(userId: string | null, year: number, teams: readonly { id: string; name: string }[]): DeviceCompleteness | null | undefined {
  const teamsKey = JSON.stringify(teams);
  // What the answer depends on, read from the database alone (the codec cannot run in a live query).
  const raw = useLiveQuery(async () => {
    const db = getDb();
    const [aggregates, unsent, meta] = await Promise.all([
      db.aggregates.toArray(),
      db.records.where('status').anyOf('ready', 'sending', 'rejected').primaryKeys(),
      db.meta.where('key').anyOf(META.lastSyncAt, META.serverCompleteness).toArray(),
    ]);
    return { aggregates: aggregates.map((a) => a.mark), unsent, meta };
  });
  const open = useCallback(
    async () => (userId === null ? null : deviceCompleteness({ userId, year, teams: JSON.parse(teamsKey) as { id: string; name: string }[] })),
    [userId, year, teamsKey],
  );
  return useOpened(raw, open);
}
