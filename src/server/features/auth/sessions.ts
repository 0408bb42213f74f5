import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuthFailureReason, LoginRequest, LoginResponse, Role } from '../../../shared';
import type { ServerContext } from '../../context';
import { isSqlite } from '../../db/dialect';
import type { Database, UserRow } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { newId } from '../../ids';
import { sessionUser, findUserByEmail, teamIdsOf } from '../accounts';
import { hashPassword, verifyPassword, type ScryptCost } from '../../passwords';
import { audit, type LoginFailure } from '../audit';
import { claimLoginAttempt, loginFailed, loginSucceeded } from './rate-limit';
import { bearerToken, hashToken, newToken } from './tokens';

/** Who is calling, from a valid session. */
export interface AuthContext {
  sessionId: string;
  userId: string;
  role: Role;
  /** server id of the device row */
  deviceId: string;
  /** the id the device gave itself (what push bodies carry) */
  deviceKey: string;
  teamIds: string[];
}

const DAY = 24 * 60 * 60 * 1000;
/** Don't write last_seen_at on every request: once per few minutes is enough to see a device is alive. */
const LAST_SEEN_RESOLUTION = 5 * 60 * 1000;

const dummyHashes = new Map<string, Promise<string>>();

/** Hash to verify against when the email is unknown, so the answer takes as long as for a real user. */
function dummyHash(cost: ScryptCost): Promise<string> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  if (!dummyHashes.has(key)) dummyHashes.set(key, hashPassword('not a real password', cost));
  return dummyHashes.get(key)!;
}

function unauthorized(reason: AuthFailureReason): HttpError {
  return new HttpError(401, reason, { reason, headers: { 'www-authenticate': `Bearer error="invalid_token"` } });
}

/**
 * Registers (or re-finds) the device for this user; refuses a device an admin revoked.
 * `created`: this login registered it.
 */
async function upsertDevice(
  trx: Kysely<Database>,
  ctx: ServerContext,
  userId: string,
  deviceKey: string,
  name: string | undefined,
): Promise<{ id: string; created: boolean }> {
  const now = ctx.clock().toISOString();
  const id = newId(ctx.clock());
  const row = await trx
    .insertInto('devices')
    .values({ id, user_id: userId, device_key: deviceKey, name: name ?? null, created_at: now, last_seen_at: now })
    .onConflict((oc) =>
      oc.columns(['user_id', 'device_key']).doUpdateSet((eb) => ({
        last_seen_at: now,
        name: name === undefined ? eb.ref('devices.name') : name,
      })),
    )
    .returning(['id', 'revoked_at'])
    .executeTakeFirstOrThrow();
  if (row.revoked_at) throw new HttpError(403, 'device_revoked', { reason: 'device_revoked' });
  return { id: row.id, created: row.id === id };
}

/**
 * A password reset between this login's check and its session would leave a session made with
 * the old password that the reset never saw. So the session is made only while the password is
 * still the one checked, holding the user's row (FOR SHARE) so a reset waits for this login to
 * commit and then ends its session too.
 */
async function assertPasswordUnchanged(trx: Kysely<Database>, user: UserRow): Promise<void> {
  const current = await trx
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .$if(!isSqlite(trx), (q) => q.forShare())
    .executeTakeFirst();
  if (current?.password_hash !== user.password_hash) throw new HttpError(401, 'bad_credentials', { reason: 'bad_credentials' });
}

/** The device, the session and their audit entries: all or nothing. */
async function openSession(ctx: ServerContext, user: UserRow, input: LoginRequest, ip: string): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.tokenTtlDays * DAY).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await assertPasswordUnchanged(trx, user);
    const device = await upsertDevice(trx, ctx, user.id, input.deviceId, input.deviceName);
    await trx
      .insertInto('sessions')
      .values({
        id: newId(now),
        token_hash: hashToken(token),
        user_id: user.id,
        device_id: device.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      .execute();
    if (device.created) await audit(ctx, { type: 'device_registered', actorId: user.id, deviceId: device.id, deviceKey: input.deviceId, ip }, trx);
    await audit(ctx, { type: 'login_succeeded', actorId: user.id, deviceId: device.id, email: user.email, ip }, trx);
  });
  return { token, expiresAt };
}

async function refuseLogin(ctx: ServerContext, input: LoginRequest, ip: string, reason: LoginFailure, error: HttpError, subjectId: string | null = null): Promise<never> {
  await audit(ctx, { type: 'login_failed', email: input.email, ip, reason, subjectId });
  throw error;
}

/**
 * The attempt is counted before the password is checked (rate-limit.ts), so parallel guesses
 * cannot outrun the limit; a right password takes the count back.
 */
export async function login(ctx: ServerContext, input: LoginRequest, ip: string): Promise<LoginResponse> {
  const claim = await claimLoginAttempt(ctx, input.email, ip);
  if (!claim.allowed)
    return refuseLogin(ctx, input, ip, 'too_many_attempts', new HttpError(429, 'too_many_attempts', {
      reason: 'too_many_attempts',
      headers: { 'retry-after': String(claim.retryAfter) },
    }));
  const user = await findUserByEmail(ctx.db, input.email);
  await ctx.authHooks?.beforePasswordCheck?.(input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash(ctx.passwordCost)));
  if (!user || !ok) {
    await loginFailed(ctx);
    return refuseLogin(ctx, input, ip, 'bad_credentials', new HttpError(401, 'bad_credentials', { reason: 'bad_credentials' }), user?.id);
  }
  await loginSucceeded(ctx, claim.attemptId);
  if (user.deactivated_at)
    return refuseLogin(ctx, input, ip, 'account_deactivated', new HttpError(403, 'account_deactivated', { reason: 'account_deactivated' }), user.id);
  let session: { token: string; expiresAt: string };
  try {
    session = await openSession(ctx, user, input, ip);
  } catch (error) {
    if (error instanceof HttpError && (error.code === 'device_revoked' || error.code === 'bad_credentials'))
      return refuseLogin(ctx, input, ip, error.code, error, user.id);
    throw error;
  }
  return { ...session, user: await sessionUser(ctx.db, user.id) };
}

const checked = new WeakMap<FastifyRequest, Promise<AuthContext>>();

/**
 * The caller's session, or a 401 whose reason tells the device whether to log in again or wipe.
 * Checked once per request: the onRequest hook (authenticate-first.ts) and the handler share it.
 */
export function authenticate(ctx: ServerContext, request: FastifyRequest): Promise<AuthContext> {
  let session = checked.get(request);
  if (!session) checked.set(request, (session = checkSession(ctx, request)));
  return session;
}

/** The request's bearer token; none, or one that is not a token, is a 401. */
function presentedToken(request: FastifyRequest): string {
  const { present, token } = bearerToken(request.headers.authorization);
  if (!present) throw unauthorized('token_missing');
  if (!token) throw unauthorized('token_invalid');
  return token;
}

async function checkSession(ctx: ServerContext, request: FastifyRequest): Promise<AuthContext> {
  const token = presentedToken(request);
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('devices', 'devices.id', 'sessions.device_id')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.expires_at',
      'sessions.revoked_at as sessionRevokedAt',
      'devices.id as deviceId',
      'devices.device_key',
      'devices.revoked_at as deviceRevokedAt',
      'devices.last_seen_at',
      'users.id as userId',
      'users.role',
      'users.deactivated_at as userDeactivatedAt',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw unauthorized('token_invalid');
  // Device first: a revoked device must learn it is revoked (and wipe), whatever its session's state.
  if (row.deviceRevokedAt) throw unauthorized('device_revoked');
  // Deactivating ends the sessions too; this also covers a session opened in a race with it.
  if (row.sessionRevokedAt || row.userDeactivatedAt) throw unauthorized('token_revoked');
  const now = ctx.clock();
  if (row.expires_at <= now.toISOString()) throw unauthorized('token_expired');
  if (now.getTime() - Date.parse(row.last_seen_at) > LAST_SEEN_RESOLUTION)
    await ctx.db.updateTable('devices').set({ last_seen_at: now.toISOString() }).where('id', '=', row.deviceId).execute();
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    role: row.role as Role,
    deviceId: row.deviceId,
    deviceKey: row.device_key,
    teamIds: await teamIdsOf(ctx.db, row.userId),
  };
}

export async function logout(ctx: ServerContext, auth: AuthContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('sessions')
      .set({ revoked_at: ctx.clock().toISOString() })
      .where('id', '=', auth.sessionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const count = Number(ended.numUpdatedRows);
    if (count > 0)
      await audit(ctx, { type: 'sessions_revoked', actorId: auth.userId, deviceId: auth.deviceId, subjectId: auth.userId, count, cause: 'logout' }, trx);
  });
}

const issuedChecked = new WeakMap<FastifyRequest, Promise<{ id: string; user_id: string; device_id: string }>>();

/** The session of a token this server issued, in any state (live, expired, revoked): checked once per request. */
export function issuedSession(ctx: ServerContext, request: FastifyRequest): Promise<{ id: string; user_id: string; device_id: string }> {
  let session = issuedChecked.get(request);
  if (!session) issuedChecked.set(request, (session = findIssued(ctx, request)));
  return session;
}

async function findIssued(ctx: ServerContext, request: FastifyRequest) {
  const token = presentedToken(request);
  const row = await ctx.db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'device_id'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw unauthorized('token_invalid');
  return row;
}

/**
 * A device erasing itself (after a logout, or after a revoked device exported what it had): the
 * token may be expired or revoked by now, but it must be one this server issued. Its session ends
 * if it was still live. The route then tells the browser to delete the site's storage.
 */
export async function forgetDevice(ctx: ServerContext, request: FastifyRequest): Promise<void> {
  const row = await issuedSession(ctx, request);
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('sessions')
      .set({ revoked_at: ctx.clock().toISOString() })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const count = Number(ended.numUpdatedRows);
    if (count > 0)
      await audit(ctx, { type: 'sessions_revoked', actorId: row.user_id, deviceId: row.device_id, subjectId: row.user_id, count, cause: 'device_forgotten' }, trx);
  });
}

export function requireRole(auth: AuthContext, ...allowed: Role[]): void {
  if (!allowed.includes(auth.role)) throw new HttpError(403, 'forbidden', { reason: 'forbidden' });
}
