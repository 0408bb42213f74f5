import type { CreateTeamRequest, TeamDto } from '../../../shared/accounts/protocol';
import type { ServerContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import type { TeamRow } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { newId } from '../../ids';
import { audit } from '../audit';

type Ctx = Pick<ServerContext, 'db' | 'clock'>;

export function teamDto(row: TeamRow): TeamDto {
  return { id: row.id, name: row.name, kind: row.kind, createdAt: row.created_at };
}

export async function createTeam(ctx: Ctx, input: CreateTeamRequest, actorId: string | null = null): Promise<TeamDto> {
  const now = ctx.clock();
  const row: TeamRow = { id: newId(now), name: input.name, kind: input.kind, created_at: now.toISOString() };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('teams').values(row).execute();
      await audit(ctx, { type: 'team_created', actorId, teamId: row.id, name: row.name, kind: row.kind }, trx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'team_name_taken');
    throw error;
  }
  return teamDto(row);
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
