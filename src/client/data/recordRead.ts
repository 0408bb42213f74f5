import type { FieldRecord } from '../../shared/records/schemas';
import { getCodec } from './codec';
import { getDb } from './db';
import { openRow } from './notes';
import type { RecordRow, StoredRecordRow } from './rows';

/** A stored record: its device metadata (reason and verdict decrypted) and its decoded body. */
export interface StoredRecord {
  row: RecordRow;
  record: FieldRecord;
}

export async function decodeRow(stored: StoredRecordRow): Promise<StoredRecord> {
  const [row, record] = await Promise.all([openRow(stored), getCodec().decode(stored.payload) as Promise<FieldRecord>]);
  return { row, record };
}

export async function decodeRows(rows: readonly StoredRecordRow[]): Promise<StoredRecord[]> {
  return Promise.all(rows.map(decodeRow));
}

export async function getRecord(id: string): Promise<StoredRecord | null> {
  const row = await getDb().records.get(id);
  return row ? decodeRow(row) : null;
}

export async function listRecords(): Promise<StoredRecord[]> {
  return decodeRows(await getDb().records.toArray());
}
