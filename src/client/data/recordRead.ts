import type { FieldRecord } from '../../shared/records/schemas';
import { getCodec } from './codec';
import { getDb } from './db';
import type { RecordRow } from './rows';

/** A stored record: its device metadata and its decoded body. */
export interface StoredRecord {
  row: RecordRow;
  record: FieldRecord;
}

export async function decodeRow(row: RecordRow): Promise<StoredRecord> {
  return { row, record: (await getCodec().decode(row.payload)) as FieldRecord };
}

export async function decodeRows(rows: readonly RecordRow[]): Promise<StoredRecord[]> {
  return Promise.all(rows.map(decodeRow));
}

export async function getRecord(id: string): Promise<StoredRecord | null> {
  const row = await getDb().records.get(id);
  return row ? decodeRow(row) : null;
}

export async function listRecords(): Promise<StoredRecord[]> {
  return decodeRows(await getDb().records.toArray());
}
