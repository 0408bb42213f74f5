import type { Transaction } from 'kysely';
import type { FieldRecord, ReviewStatus } from '../../../shared';
import { insertRows, type ColumnTypes } from '../../db/bulk-rows';
import type { Database, FactsTable } from '../../db/schema';
import { factRows } from './fact-rows';
import { adjustRollup } from './rollup';

const FACT_TYPES: ColumnTypes<FactsTable> = {
  record_id: 'text', position: 'integer', plan_id: 'text', measure_id: 'text', source: 'text', indicator_id: 'text', date: 'text',
  team_id: 'text', district: 'text', sex: 'text', age_band: 'text', grp: 'text', sphere: 'text', value: 'integer',
  document_ref: 'text', review_status: 'text',
};

/** One multi-row INSERT (chunked on SQLite, unnest on PostgreSQL; see db/bulk-rows.ts). */
export async function insertFacts(trx: Transaction<Database>, rows: FactsTable[]): Promise<void> {
  await insertRows(trx, 'facts', FACT_TYPES, rows);
}

/**
 * Inside the push transaction, for records whose latest revision just changed (and whose
 * `records` row the push has already set back to 'pending': a new revision is not reviewed):
 * its facts replace the old revision's, as pending. A tombstone leaves none.
 */
export async function latestRevisionsChanged(trx: Transaction<Database>, records: readonly FieldRecord[]): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((r) => r.id);
  const removed = await trx.deleteFrom('facts').where('record_id', 'in', ids).returningAll().execute();
  const added = records.flatMap((r) => factRows(r, 'pending'));
  await insertFacts(trx, added);
  await adjustRollup(trx, removed, added);
}

/** Inside the verdict transaction: the record's facts now count (or not) under the new status. */
export async function reviewStatusChanged(trx: Transaction<Database>, recordId: string, status: ReviewStatus): Promise<void> {
  const before = await trx.selectFrom('facts').selectAll().where('record_id', '=', recordId).execute();
  if (before.length === 0) return;
  await trx.updateTable('facts').set({ review_status: status }).where('record_id', '=', recordId).execute();
  await adjustRollup(
    trx,
    before,
    before.map((f) => ({ ...f, review_status: status })),
  );
}
