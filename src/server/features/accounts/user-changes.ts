import type { Kysely } from 'kysely';
import type { Role } from '../../../shared';
import type { UpdateUserRequest, UpdateUserResponse } from '../../../shared/accounts/protocol';
import type { ServerContext } from '../../context';
import { isSqlite } from '../../db/dialect';
import { withRetry } from '../../db/retry';
import type { Database, UserRow } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { audit, type SessionEndCause } from '../audit';
import { endSessions } from './end-sessions';
import { assertTeamsExist, getUser } from './users';

type Ctx = Pick<ServerContext, 'db' | 'clock'>;

/** The user's row, locked on PostgreSQL until the change commits (SQLite's writes are serialized anyway). */
async function lockUser(trx: Kysely<Database>, userId: string): Promise<UserRow | undefined> {
  return trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .$if(!isSqlite(trx), (q) => q.forUpdate())
    .executeTakeFirst();
}

const activeAdmins = (trx: Kysely<Database>) =>
  trx.selectFrom('users').select('id').where('role', '=', 'admin').where('deactivated_at', 'is', null).orderBy('id');

/**
 * Changing an admin locks every active admin's row first, in one order, so two admins demoting
 * each other at the same moment run one after the other (no deadlock) and the second sees the
 * first's change: the last active admin cannot be removed.
 */
async function lockAdmins(trx: Kysely<Database>, userId: string): Promise<void> {
  if (isSqlite(trx)) return;
  const target = await trx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  if (target?.role === 'admin') await activeAdmins(trx).forUpdate().execute();
}

async function assertAnotherAdmin(trx: Kysely<Database>, userId: string): Promise<void> {
  const admins = await activeAdmins(trx).execute();
  if (!admins.some((a) => a.id !== userId)) throw new HttpError(409, 'last_admin', { reason: 'last_admin' });
}

async function setTeams(ctx: Ctx, trx: Kysely<Database>, userId: string, teamIds: string[], actorId: string | null): Promise<boolean> {
  const current = (await trx.selectFrom('memberships').select('team_id').where('user_id', '=', userId).execute()).map((r) => r.team_id);
  const added = teamIds.filter((t) => !current.includes(t));
  const removed = current.filter((t) => !teamIds.includes(t));
  if (removed.length) await trx.deleteFrom('memberships').where('user_id', '=', userId).where('team_id', 'in', removed).execute();
  if (added.length)
    await trx
      .insertInto('memberships')
      .values(added.map((teamId) => ({ user_id: userId, team_id: teamId, created_at: ctx.clock().toISOString() })))
      .execute();
  if (added.length || removed.length) await audit(ctx, { type: 'teams_changed', actorId, subjectId: userId, added, removed }, trx);
  return removed.length > 0;
}

/**
 * An admin changes a user's role, teams (the exact new set) or whether the account is active,
 * in one transaction with the audit entries. Anything that takes a right away (a role change,
 * leaving a team, deactivation) ends all the user's sessions in that same transaction, so no
 * token keeps rights the user no longer has; joining a team needs no new login (rights are read
 * on every request). `actorId` null: the command line.
 */
export async function updateUser(ctx: Ctx, userId: string, input: UpdateUserRequest, actorId: string | null): Promise<UpdateUserResponse> {
  const teamIds = input.teamIds ? [...new Set(input.teamIds)] : undefined;
  if (teamIds) await assertTeamsExist(ctx.db, teamIds);
  const sessionsRevoked = await withRetry(() =>
    ctx.db.transaction().execute(async (trx) => {
      await lockAdmins(trx, userId);
      const user = await lockUser(trx, userId);
      if (!user) throw new HttpError(404, 'user_unknown');
      const wasActive = user.deactivated_at === null;
      const role = input.role ?? (user.role as Role);
      const active = input.active ?? wasActive;
      if (user.role === 'admin' && wasActive && (role !== 'admin' || !active)) await assertAnotherAdmin(trx, userId);

      const causes: SessionEndCause[] = [];
      if (role !== user.role) {
        await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
        await audit(ctx, { type: 'role_changed', actorId, subjectId: userId, from: user.role as Role, to: role }, trx);
        causes.push('role_changed');
      }
      if (teamIds && (await setTeams(ctx, trx, userId, teamIds, actorId))) causes.push('teams_changed');
      if (active !== wasActive) {
        await trx.updateTable('users').set({ deactivated_at: active ? null : ctx.clock().toISOString() }).where('id', '=', userId).execute();
        await audit(ctx, { type: active ? 'user_reactivated' : 'user_deactivated', actorId, subjectId: userId }, trx);
        if (!active) causes.push('deactivated');
      }
      return causes.length > 0 ? endSessions(ctx, trx, userId, causes[0]!, actorId) : 0;
    }),
  );
  return { user: (await getUser(ctx.db, userId))!, sessionsRevoked };
}
