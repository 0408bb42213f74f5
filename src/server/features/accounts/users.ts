import type { Kysely } from 'kysely';
import type { CreateUserRequest, PasswordResetDto, UserDto, UserWithPasswordDto } from '../../../shared/accounts/protocol';
import { createUserRequest } from '../../../shared/accounts/protocol';
import type { Role, SessionUser } from '../../../shared';
import type { ServerContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import type { Database, UserRow } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { serverMessages } from '../../../shared/messages/server';
import { newId } from '../../ids';
import { audit } from '../audit';
import { generatePassword, hashPassword } from '../../passwords';
import { endSessions } from './end-sessions';

type Ctx = Pick<ServerContext, 'db' | 'clock' | 'passwordCost'>;

async function teamsOf(db: Kysely<Database>, userIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byUser = new Map<string, { id: string; name: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('teams', 'teams.id', 'memberships.team_id')
    .select(['memberships.user_id', 'teams.id', 'teams.name'])
    .where('memberships.user_id', 'in', userIds)
    .orderBy('teams.name')
    .execute();
  for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), { id: r.id, name: r.name }]);
  return byUser;
}

function userDto(row: UserRow, teams: { id: string; name: string }[]): UserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    teams,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

export async function getUser(db: Kysely<Database>, userId: string): Promise<UserDto | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  return userDto(row, (await teamsOf(db, [row.id])).get(row.id) ?? []);
}

export async function sessionUser(db: Kysely<Database>, userId: string): Promise<SessionUser> {
  const user = await getUser(db, userId);
  if (!user) throw new HttpError(401, 'token_invalid', { reason: 'token_invalid' });
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, teams: user.teams };
}

export async function listUsers(db: Kysely<Database>): Promise<UserDto[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  const teams = await teamsOf(db, rows.map((r) => r.id));
  return rows.map((r) => userDto(r, teams.get(r.id) ?? []));
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function assertTeamsExist(db: Kysely<Database>, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await db.selectFrom('teams').select('id').where('id', 'in', teamIds).execute();
  if (found.length !== new Set(teamIds).size)
    throw new HttpError(400, 'team_unknown', {
      issues: [{ field: 'teamIds', code: 'invalid_value', message: serverMessages.team_unknown }],
    });
}

/** Creates a user and their team memberships in one transaction. `actorId`: the admin (null: the command line). */
export async function createUser(ctx: Ctx, input: CreateUserRequest, actorId: string | null = null): Promise<UserWithPasswordDto> {
  const data = createUserRequest.parse(input);
  const teamIds = [...new Set(data.teamIds)];
  await assertTeamsExist(ctx.db, teamIds);
  const generated = data.password ? null : generatePassword();
  const passwordHash = await hashPassword(data.password ?? generated!, ctx.passwordCost);
  const now = ctx.clock().toISOString();
  const id = newId(ctx.clock());
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id,
          email: data.email,
          display_name: data.displayName,
          role: data.role,
          password_hash: passwordHash,
          created_at: now,
          password_changed_at: now,
        })
        .execute();
      if (teamIds.length > 0)
        await trx
          .insertInto('memberships')
          .values(teamIds.map((teamId) => ({ user_id: id, team_id: teamId, created_at: now })))
          .execute();
      await audit(ctx, { type: 'user_created', actorId, subjectId: id, role: data.role, teamIds }, trx);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HttpError(409, 'email_taken');
    throw error;
  }
  return { user: (await getUser(ctx.db, id))!, generatedPassword: generated };
}

/**
 * Sets a new password (given, or generated and returned once) and ends all the user's sessions
 * in the same transaction: whoever knew the old password, or holds a token got with it, is out.
 */
export async function resetPassword(ctx: Ctx, userId: string, password?: string, actorId: string | null = null): Promise<PasswordResetDto> {
  const generated = password ? null : generatePassword();
  const hash = await hashPassword(password ?? generated!, ctx.passwordCost);
  return ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: ctx.clock().toISOString() })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new HttpError(404, 'user_unknown');
    await audit(ctx, { type: 'password_reset', actorId, subjectId: userId, generated: generated !== null }, trx);
    const sessionsRevoked = await endSessions(ctx, trx, userId, 'password_reset', actorId);
    return { generatedPassword: generated, sessionsRevoked };
  });
}

/** Team ids a user belongs to. */
export async function teamIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}
