import type { Kysely } from 'kysely';
import type { ServerContext } from '../../context';
import type { Database } from '../../db/schema';
import { audit, type SessionEndCause } from '../audit';

/**
 * Ends every open session of a user, inside the caller's transaction, and says so in the audit
 * log. Every token of theirs then answers 401 token_revoked at once (sessions are looked up in
 * the database on every request: nothing is cached). Their devices stay usable after a new login.
 */
export async function endSessions(
  ctx: Pick<ServerContext, 'db' | 'clock'>,
  trx: Kysely<Database>,
  userId: string,
  cause: SessionEndCause,
  actorId: string | null,
): Promise<number> {
  const result = await trx
    .updateTable('sessions')
    .set({ revoked_at: ctx.clock().toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const count = Number(result.numUpdatedRows);
  await audit(ctx, { type: 'sessions_revoked', actorId, subjectId: userId, count, cause }, trx);
  return count;
}
