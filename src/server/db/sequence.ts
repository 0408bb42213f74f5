import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Takes `count` numbers from the global change sequence, inside the caller's transaction.
 *
 * Why a counter row and not a database sequence: on PostgreSQL a sequence hands out numbers
 * without waiting, so two transactions can commit out of order (seq 8 visible before seq 7),
 * and a pull reading `seq > cursor` in between would skip seq 7 forever. The UPDATE below
 * row-locks the counter until the transaction ends, so numbers are handed out in commit order.
 * Callers take them as late as possible to keep that lock short. On SQLite writes are serialized
 * anyway. Returns the first number; the caller owns first .. first + count - 1.
 */
export async function takeSequence(trx: Transaction<Database> | Kysely<Database>, count: number): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', 'change')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - count + 1;
}
