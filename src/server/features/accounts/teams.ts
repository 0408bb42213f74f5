import type { Kysely } from 'kysely';
import type { CreateTeamRequest, TeamDto, UpdateTeamRequest } from '../../../shared/accounts/protocol';
import { createTeamRequest } from '../../../shared/accounts/protocol';
import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import { serverMessages } from '../../../shared/messages/server';
import type { ServerContext } from '../../context';
import { isSqlite } from '../../db/dialect';
import { isUniqueViolation } from '../../db/errors';
import type { Database, TeamRow } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { newId } from '../../ids';
import { audit } from '../audit';

type Ctx = Pick<ServerContext, 'db' | 'clock' | 'plans'>;

export function teamDto(row: TeamRow): TeamDto {
  return { id: row.id, name: row.name, kind: row.kind, district: row.district ?? null, createdAt: row.created_at };
}

/**
 * A team's district is one of a plan's districts (or none: the whole city); anything else is a 400
 * naming `district`. Any plan the server holds will do; the active and the built-in plan are asked
 * first (almost every team is of one of them), the others only when neither has the district.
 */
async function assertDistrict(ctx: Pick<ServerContext, 'plans'>, district: string | null | undefined): Promise<void> {
  if (district === null || district === undefined) return;
  const has = (plan: Catalogue | null) => !!plan?.districts.some((d) => d.id === district);
  const first = [await ctx.plans.active(), ctx.plans.builtIn];
  if (first.some(has)) return;
  const asked = new Set(first.map((p) => p.id));
  const others = await Promise.all((await ctx.plans.list()).filter((p) => !asked.has(p.id)).map((p) => ctx.plans.current(p.id)));
  if (!others.some(has))
    throw new HttpError(400, 'validation_failed', {
      issues: [{ field: 'district', code: 'invalid_value', message: serverMessages.district_unknown }],
    });
}

export async function createTeam(ctx: Ctx, input: CreateTeamRequest, actorId: string | null = null): Promise<TeamDto> {
  const data = createTeamRequest.parse(input);
  await assertDistrict(ctx, data.district);
  const now = ctx.clock();
  const row: TeamRow = { id: newId(now), name: data.name, kind: data.kind, district: data.district ?? null, created_at: now.toISOString() };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('teams').values(row).execute();
      await audit(ctx, { type: 'team_created', actorId, teamId: row.id, name: row.name, kind: row.kind, district: row.district }, trx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'team_name_taken');
    throw error;
  }
  return teamDto(row);
}

/**
 * Renames a team or changes its kind or district, with an audit entry naming what changed (old
 * and new). Records keep the team's id, so nothing else moves; members' rights are untouched.
 */
export async function updateTeam(ctx: Ctx, teamId: string, input: UpdateTeamRequest, actorId: string | null): Promise<TeamDto> {
  await assertDistrict(ctx, input.district);
  try {
    return await ctx.db.transaction().execute(async (trx: Kysely<Database>) => {
      const before = await trx
        .selectFrom('teams')
        .selectAll()
        .where('id', '=', teamId)
        .$if(!isSqlite(trx), (q) => q.forUpdate())
        .executeTakeFirst();
      if (!before) throw new HttpError(404, 'team_unknown');
      const after: TeamRow = {
        ...before,
        name: input.name ?? before.name,
        kind: input.kind ?? before.kind,
        district: input.district === undefined ? (before.district ?? null) : input.district,
      };
      const changed = (['name', 'kind', 'district'] as const).filter((k) => (before[k] ?? null) !== after[k]);
      if (changed.length === 0) return teamDto(after);
      await trx.updateTable('teams').set({ name: after.name, kind: after.kind, district: after.district }).where('id', '=', teamId).execute();
      await audit(
        ctx,
        {
          type: 'team_changed',
          actorId,
          teamId,
          from: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
          to: Object.fromEntries(changed.map((k) => [k, after[k]])),
        },
        trx,
      );
      return teamDto(after);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'team_name_taken');
    throw error;
  }
}

export async function listTeams(ctx: Pick<ServerContext, 'db'>): Promise<TeamDto[]> {
  const rows = await ctx.db.selectFrom('teams').selectAll().orderBy('name').execute();
  return rows.map(teamDto);
}

/** A team given by id or by exact name (the CLI accepts either). */
export async function findTeam(ctx: Pick<ServerContext, 'db'>, idOrName: string): Promise<TeamRow | undefined> {
  return ctx.db
    .selectFrom('teams')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
}
