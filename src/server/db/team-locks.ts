import { SqliteAdapter, type Transaction } from 'kysely';
import type { Database } from './schema';

/**
 * Row locks on teams that order a push (or a verdict) against locking a month of that team.
 * A push takes the light KEY SHARE lock before it reads the month locks, so pushes never wait
 * for each other; locking a month takes FOR UPDATE, which waits for those pushes to commit and
 * makes new ones wait until the lock is in place. Without it, a push that read "no lock" could
 * commit a pending record into a month locked a moment later as "all approved".
 * SQLite needs none of this: its writes are serialized.
 */
function isSqlite(trx: Transaction<Database>): boolean {
  return trx.getExecutor().adapter instanceof SqliteAdapter;
}

export async function shareTeams(trx: Transaction<Database>, teamIds: readonly string[]): Promise<void> {
  if (teamIds.length === 0 || isSqlite(trx)) return;
  // Sorted, so transactions take these row locks in one order.
  await trx.selectFrom('teams').select('id').where('id', 'in', [...teamIds].sort()).orderBy('id').forKeyShare().execute();
}

export async function lockTeam(trx: Transaction<Database>, teamId: string): Promise<void> {
  if (isSqlite(trx)) return;
  await trx.selectFrom('teams').select('id').where('id', '=', teamId).forUpdate().execute();
}
