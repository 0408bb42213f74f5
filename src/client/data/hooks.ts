import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from './db';
import { decodeRows, type StoredRecord } from './recordRead';
import type { SessionRow, StoredRecordRow, StoredSessionRow } from './rows';
import { openSession } from './session';
import { openSyncInfo, setAsideRows, storedSyncInfo, unsyncedSummary, type StoredSyncInfo, type SyncInfo, type UnsyncedSummary } from './status';
import { storageState, type StorageState } from './storage';

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

const openSessionRow = (row: StoredSessionRow | null) => openSession(row);

export function useSession(): SessionRow | null | undefined {
  const raw = useLiveQuery(async () => (await getDb().session.get('current')) ?? null);
  const session = useOpened(raw, openSessionRow);
  // A session that went away is gone at once (no decryption to wait for).
  return raw === null ? null : session;
}

export function useUnsynced(): UnsyncedSummary | undefined {
  return useLiveQuery(unsyncedSummary);
}

const openInfo = (info: StoredSyncInfo) => openSyncInfo(info);

export function useSyncInfo(): SyncInfo | undefined {
  return useOpened(useLiveQuery(storedSyncInfo), openInfo);
}

/** Bodies are decoded outside the live query: a codec may use async crypto. */
function useDecoded(rows: StoredRecordRow[] | undefined): StoredRecord[] | undefined {
  return useOpened(rows, decodeRows);
}

export function useAllRecords(): StoredRecord[] | undefined {
  return useDecoded(useLiveQuery(() => getDb().records.orderBy('updatedAt').reverse().toArray()));
}

export function useRecordsOn(date: string): StoredRecord[] | undefined {
  return useDecoded(useLiveQuery(() => getDb().records.where('date').equals(date).toArray(), [date]));
}

export function useRecordsCreatedSince(isoTime: string): StoredRecord[] | undefined {
  return useDecoded(useLiveQuery(() => getDb().records.where('updatedAt').aboveOrEqual(isoTime).toArray(), [isoTime]));
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

/** Records the server sent (team records for supervisors), read-only, newest first. */
export function useServerRecords(): StoredRecord[] | undefined {
  return useDecoded(useLiveQuery(() => getDb().serverRecords.orderBy('updatedAt').reverse().toArray()));
}
