import { getDb } from './db';
import { decodeRows, type StoredRecord } from './recordRead';
import type { StoredServerRecordRow } from './rows';

/**
 * The records the server sent to this device (a supervisor's team records), read-only. The
 * device's own records come from `listRecords`.
 */

/** Every one, decoded: for tests and one-off reads, never a screen (a supervisor's device holds tens of thousands). */
export async function listServerRecords(): Promise<StoredRecord[]> {
  return decodeRows(await getDb().serverRecords.toArray());
}

export interface LatestServerRows {
  /** how many the device holds, counted from the primary key */
  count: number;
  /** the latest changed, newest first, at most the limit asked; not decoded (a live query may not) */
  rows: StoredServerRecordRow[];
}

/** How many server copies the device holds and the latest changed of them, from indexes alone. */
export async function latestServerRows(limit: number): Promise<LatestServerRows> {
  const table = getDb().serverRecords;
  const [count, rows] = await Promise.all([table.count(), table.orderBy('updatedAt').reverse().limit(limit).toArray()]);
  return { count, rows };
}
