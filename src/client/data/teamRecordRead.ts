import { getDb } from './db';
import { decodeRows, type StoredRecord } from './recordRead';

/**
 * For the review and report screens: the records the server sent to this device (a supervisor's
 * team records), decoded, read-only. The device's own records come from `listRecords`.
 */
export async function listServerRecords(): Promise<StoredRecord[]> {
  return decodeRows(await getDb().serverRecords.toArray());
}
