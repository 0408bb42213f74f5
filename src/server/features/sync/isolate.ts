import type { Kysely, Transaction } from 'kysely';
import { validationMessages, type PushResult } from '../../../shared';
import type { ServerContext } from '../../context';
import { isDataRefusal } from '../../db/errors';
import { withRetry } from '../../db/retry';
import type { Database } from '../../db/schema';
import { applyBatch, applyRecords, byIdThenRevision, inBatchOrder, storeBatch, type ApplyInput, type Candidate } from './apply';

/** Work done in the transaction that stores the batch's answers (the push's audit entries). */
type Finish = (trx: Transaction<Database>, results: PushResult[]) => Promise<void>;

function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return withRetry(() => db.transaction().execute(work));
}

function refused(c: Candidate): PushResult {
  return {
    status: 'rejected',
    id: c.record.id,
    revision: c.record.revision,
    index: c.index,
    issues: [{ field: '', code: 'database_refused', message: validationMessages.database_refused }],
  };
}

/** SQLSTATE or SQLite code only: a database's message or detail may quote the row's values. */
function errorCode(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? 'unknown');
}

/**
 * Each record in its own transaction, after the batch's transaction failed on a database refusal:
 * the record the database refuses is answered `rejected` alone, the others land. Every step still
 * runs through the same INSERT ... ON CONFLICT arbiter, so exactly-once holds: a copy of the batch
 * racing this one, or a retry after a crash halfway, finds what landed and answers `duplicate`.
 */
async function applyOneByOne(ctx: ServerContext, input: ApplyInput, finish: Finish): Promise<PushResult[]> {
  const results = new Map<number, PushResult>();
  for (const candidate of [...input.candidates].sort(byIdThenRevision)) {
    try {
      const answered = await inTransaction(ctx.db, (trx) => applyRecords(trx, { ...input, candidates: [candidate], rejected: [] }));
      for (const [index, result] of answered) results.set(index, result);
    } catch (error) {
      if (!isDataRefusal(error)) throw error;
      ctx.log?.warn(
        { batchId: input.batchId, index: candidate.index, recordId: candidate.record.id, dbCode: errorCode(error) },
        'the database refused a pushed record; answered rejected',
      );
      results.set(candidate.index, refused(candidate));
    }
  }
  for (const r of input.rejected) if (r.status === 'rejected') results.set(r.index, r);
  const ordered = inBatchOrder(results);
  await inTransaction(ctx.db, async (trx) => {
    await storeBatch(trx, input, ordered);
    await finish(trx, ordered);
  });
  return ordered;
}

/**
 * The batch in one transaction (transient failures re-run it, see db/retry.ts). When the database
 * refuses something in it, one bad record must not make the batch fail on every retry and hold
 * back the valid records sent with it: the records are then applied one by one. `finish` runs in
 * the transaction that stores the batch's answers, whichever way they were reached.
 */
export async function applyIsolated(ctx: ServerContext, input: ApplyInput, finish: Finish = async () => undefined): Promise<PushResult[]> {
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const results = await applyBatch(trx, input);
      await finish(trx, results);
      return results;
    });
  } catch (error) {
    if (!isDataRefusal(error) || input.candidates.length === 0) throw error;
    return applyOneByOne(ctx, input, finish);
  }
}
