import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from './db';
import { decodeRows, type StoredRecord } from './recordRead';
import type { RecordRow, SessionRow } from './rows';
import { setAsideRows, syncInfo, unsyncedSummary, type SyncInfo, type UnsyncedSummary } from './status';
import { storageState, type StorageState } from './storage';

/**
 * React hooks over the device database. They re-render on every change, in this tab or another
 * (Dexie broadcasts writes between tabs). `undefined` means "still loading".
 */

export function useSession(): SessionRow | null | undefined {
  return useLiveQuery(async () => (await getDb().session.get('current')) ?? null);
}

export function useUnsynced(): UnsyncedSummary | undefined {
  return useLiveQuery(unsyncedSummary);
}

export function useSyncInfo(): SyncInfo | undefined {
  return useLiveQuery(syncInfo);
}

/** Bodies are decoded outside the live query: a codec may use async crypto. */
function useDecoded(rows: RecordRow[] | undefined): StoredRecord[] | undefined {
  const [decoded, setDecoded] = useState<{ from: RecordRow[]; records: StoredRecord[] } | undefined>();
  useEffect(() => {
    if (!rows) return;
    let live = true;
    void decodeRows(rows).then((records) => {
      if (live) setDecoded({ from: rows, records });
    });
    return () => {
      live = false;
    };
  }, [rows]);
  if (!rows) return undefined;
  // Keep showing the previous list while a newer one decodes, so lists do not flicker.
  return decoded?.records;
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
