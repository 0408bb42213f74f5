import { sql } from 'kysely';
import type { CompletenessCell, CompletenessReport, QuietDevice } from '../../../shared/review/completeness';
import type { ServerContext } from '../../context';
import type { AuthContext } from '../auth';
import { completenessMonths } from '../../../shared/review/completeness-of-records';
import { touchesMonth } from './month-range';
import { reviewTeams } from './rights';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Per team and month of the year: records held, by review state, and whether the month is locked;
 * plus the covered teams' devices not seen for `quietDays`. Supervisors see their teams, admins
 * every team (reviewTeams); one query per month for the counts, grouped by team and state.
 */
export async function completeness(
  ctx: ServerContext,
  auth: AuthContext,
  query: { year: number; team?: string | undefined; quietDays: number },
): Promise<CompletenessReport> {
  const covered = reviewTeams(auth, query.team);
  const teams = await ctx.db
    .selectFrom('teams')
    .select(['id', 'name'])
    .$if(covered !== undefined, (q) => q.where('id', 'in', covered!.length ? covered! : ['']))
    .orderBy('name')
    .execute();
  const teamIds = teams.map((t) => t.id);
  const now = ctx.clock();
  const months = completenessMonths(query.year, now);

  const counts = new Map<string, Record<string, number>>();
  if (teamIds.length)
    for (const month of months) {
      const rows = await ctx.db
        .selectFrom('records')
        .select(['team_id', 'review_status', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('deleted', '=', 0)
        .where('team_id', 'in', teamIds)
        .where((eb) => touchesMonth(eb, month))
        .groupBy(['team_id', 'review_status'])
        .execute();
      for (const r of rows) {
        const key = `${r.team_id}|${month}`;
        counts.set(key, { ...(counts.get(key) ?? {}), [r.review_status]: Number(r.n) });
      }
    }

  const locks = teamIds.length && months.length
    ? await ctx.db
        .selectFrom('month_locks')
        .select(['team_id', 'month'])
        .where('team_id', 'in', teamIds)
        .where('unlocked_at', 'is', null)
        .where('month', '>=', months[0]!)
        .where('month', '<=', months.at(-1)!)
        .execute()
    : [];
  const locked = new Set(locks.map((l) => `${l.team_id}|${l.month}`));

  const cells: CompletenessCell[] = teams.flatMap((team) =>
    months.map((month) => {
      const c = counts.get(`${team.id}|${month}`) ?? {};
      const [approved, returned, rejected, pending] = [c.approved ?? 0, c.returned ?? 0, c.rejected ?? 0, c.pending ?? 0];
      return { teamId: team.id, teamName: team.name, month, submitted: approved + returned + rejected + pending, approved, returned, rejected, pending, locked: locked.has(`${team.id}|${month}`) };
    }),
  );

  return {
    year: query.year,
    months,
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    cells,
    quietDays: query.quietDays,
    quietDevices: await quietDevices(ctx, teamIds, query.quietDays, now),
  };
}

/** Devices of active members of the teams, not revoked, last seen `days` or more ago. */
async function quietDevices(ctx: ServerContext, teamIds: string[], days: number, now: Date): Promise<QuietDevice[]> {
  if (teamIds.length === 0) return [];
  const before = new Date(now.getTime() - days * DAY).toISOString();
  const rows = await ctx.db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.id', 'devices.name', 'devices.last_seen_at', 'devices.unsynced_count', 'devices.oldest_unsynced_at',
      'users.id as user_id', 'users.display_name', 'users.email',
    ])
    .where('devices.revoked_at', 'is', null)
    .where('users.deactivated_at', 'is', null)
    .where('devices.last_seen_at', '<=', before)
    .where((eb) => eb.exists(eb.selectFrom('memberships').select(sql.lit(1).as('one')).whereRef('memberships.user_id', '=', 'users.id').where('memberships.team_id', 'in', teamIds)))
    .orderBy('devices.last_seen_at')
    .limit(500)
    .execute();
  const names = new Map((await ctx.db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute()).map((t) => [t.id, t.name]));
  const memberships = rows.length
    ? await ctx.db.selectFrom('memberships').select(['user_id', 'team_id']).where('user_id', 'in', [...new Set(rows.map((r) => r.user_id))]).where('team_id', 'in', teamIds).execute()
    : [];
  return rows.map((r) => ({
    deviceId: r.id,
    deviceName: r.name,
    userId: r.user_id,
    userName: r.display_name,
    email: r.email,
    teams: memberships.filter((m) => m.user_id === r.user_id).map((m) => names.get(m.team_id) ?? m.team_id).sort(),
    lastSeenAt: r.last_seen_at,
    daysQuiet: Math.floor((now.getTime() - Date.parse(r.last_seen_at)) / DAY),
    unsyncedCount: r.unsynced_count === null ? null : Number(r.unsynced_count),
    oldestUnsyncedAt: r.oldest_unsynced_at,
  }));
}

