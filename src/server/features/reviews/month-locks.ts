import type { Selectable } from 'kysely';
import type { LockMonthRequest, MonthLock, OpenRecord, UnlockMonthRequest } from '../../../shared/review/protocol';
import type { ServerContext } from '../../context';
import { withRetry } from '../../db/retry';
import type { MonthLocksTable } from '../../db/schema';
import { lockTeam } from '../../db/team-locks';
import { HttpError } from '../../http/errors';
import { newId } from '../../ids';
import { audit } from '../audit';
import type { AuthContext } from '../auth';
import { latestDateOnEarth } from '../sync';
import { touchesMonth } from './month-range';
import { assertMayReview } from './rights';
import { serverMessages } from '../../../shared/messages/server';

/** At most this many open records are named when a lock is refused. */
const OPEN_LISTED = 100;

function lockDto(r: Selectable<MonthLocksTable>): MonthLock {
  return {
    id: r.id,
    teamId: r.team_id,
    month: r.month,
    lockedBy: r.locked_by,
    lockedAt: r.locked_at,
    unlockedBy: r.unlocked_by,
    unlockedAt: r.unlocked_at,
    unlockReason: r.unlock_reason,
  };
}

async function assertTeamExists(ctx: ServerContext, teamId: string): Promise<void> {
  const team = await ctx.db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new HttpError(404, 'team_unknown');
}

export type LockResult = { locked: true; lock: MonthLock } | { locked: false; open: OpenRecord[]; openCount: number };

/**
 * Approving a team's month: possible only when none of the team's (not deleted) records that
 * touch the month is still pending or returned. Rejected records are decided too: they do not
 * count and need nothing more. Locking a locked month again answers the existing lock.
 */
export async function lockMonth(ctx: ServerContext, auth: AuthContext, input: LockMonthRequest): Promise<LockResult> {
  await assertTeamExists(ctx, input.teamId);
  assertMayReview(auth, input.teamId);
  if (input.month > latestDateOnEarth(ctx.clock()).slice(0, 7))
    throw new HttpError(400, 'month_in_future', {
      issues: [{ field: 'month', code: 'invalid_value', message: serverMessages.month_in_future }],
    });
  return withRetry(() =>
    ctx.db.transaction().execute(async (trx): Promise<LockResult> => {
      // Waits for pushes into this team to finish, and holds new ones back until the lock is in (db/team-locks.ts).
      await lockTeam(trx, input.teamId);
      const active = await trx
        .selectFrom('month_locks')
        .selectAll()
        .where('team_id', '=', input.teamId)
        .where('month', '=', input.month)
        .where('unlocked_at', 'is', null)
        .executeTakeFirst();
      if (active) return { locked: true, lock: lockDto(active) };
      const open = trx
        .selectFrom('records')
        .where('team_id', '=', input.teamId)
        .where('deleted', '=', 0)
        .where('review_status', 'in', ['pending', 'returned'])
        .where((eb) => touchesMonth(eb, input.month));
      const [{ n }, rows] = await Promise.all([
        open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        open
          .select(['id', 'revision', 'review_status', 'kind', 'measure_id', 'period_start', 'period_end'])
          .orderBy('period_start')
          .orderBy('id')
          .limit(OPEN_LISTED)
          .execute(),
      ]);
      if (Number(n) > 0)
        return {
          locked: false,
          openCount: Number(n),
          open: rows.map((r) => ({
            id: r.id, revision: r.revision, status: r.review_status, kind: r.kind, measureId: r.measure_id,
            periodStart: r.period_start, periodEnd: r.period_end,
          })),
        };
      const row = {
        id: newId(ctx.clock()),
        team_id: input.teamId,
        month: input.month,
        locked_by: auth.userId,
        locked_at: ctx.clock().toISOString(),
        unlocked_by: null,
        unlocked_at: null,
        unlock_reason: null,
      };
      await trx.insertInto('month_locks').values(row).execute();
      await audit(ctx, { type: 'month_locked', actorId: auth.userId, deviceId: auth.deviceId, teamId: input.teamId, month: input.month }, trx);
      return { locked: true, lock: lockDto(row) };
    }),
  );
}

/** Unlocking keeps the lock row and records who unlocked it, when and why. */
export async function unlockMonth(ctx: ServerContext, auth: AuthContext, input: UnlockMonthRequest): Promise<MonthLock> {
  await assertTeamExists(ctx, input.teamId);
  assertMayReview(auth, input.teamId);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('month_locks')
      .set({ unlocked_by: auth.userId, unlocked_at: ctx.clock().toISOString(), unlock_reason: input.reason })
      .where('team_id', '=', input.teamId)
      .where('month', '=', input.month)
      .where('unlocked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new HttpError(409, 'month_not_locked', { reason: 'month_not_locked' });
    await audit(ctx, {
      type: 'month_unlocked', actorId: auth.userId, deviceId: auth.deviceId, teamId: input.teamId, month: input.month, reason: input.reason,
    }, trx);
    return lockDto(row);
  });
}

/**
 * Locks and their history, newest month first. Reviewers see the teams they review; members
 * of a team (field workers, trainers) see their own team's locks, so the app can say a month is closed.
 */
export async function listLocks(ctx: ServerContext, auth: AuthContext, team: string | undefined): Promise<MonthLock[]> {
  if (team !== undefined && auth.role !== 'admin' && !auth.teamIds.includes(team))
    throw new HttpError(403, 'forbidden', { reason: 'forbidden' });
  const teams = team !== undefined ? [team] : auth.role === 'admin' ? undefined : auth.teamIds;
  if (teams?.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('month_locks')
    .selectAll()
    .$if(teams !== undefined, (q) => q.where('team_id', 'in', teams!))
    .orderBy('month', 'desc')
    .orderBy('locked_at', 'desc')
    .execute();
  return rows.map(lockDto);
}
