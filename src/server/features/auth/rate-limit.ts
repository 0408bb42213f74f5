import { sql, type Transaction } from 'kysely';
import type { ServerContext } from '../../context';
import { isSqlite } from '../../db/dialect';
import { withRetry } from '../../db/retry';
import type { Database } from '../../db/schema';
import { newId } from '../../ids';

type Ctx = Pick<ServerContext, 'db' | 'clock' | 'loginLimits'>;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type LoginClaim = { allowed: true; attemptId: string } | { allowed: false; retryAfter: number };

/**
 * Seconds until the attempts counted drop below `limit`, or 0 when under the limit.
 * `recent` is newest first: once its limit-th entry leaves the window, fewer than `limit` remain.
 */
function retryAfter(recent: { attempted_at: string }[], limit: number, windowMs: number, now: number): number {
  const pivot = recent[limit - 1];
  if (!pivot) return 0;
  return Math.max(1, Math.ceil((Date.parse(pivot.attempted_at) + windowMs - now) / 1000));
}

/**
 * Serializes the attempts from one IP until the transaction ends, across connections and
 * server instances (a transaction-scoped advisory lock on PostgreSQL). The email+IP count is a
 * subset of the IP's, so one lock covers both. SQLite needs none: its transactions already run
 * one at a time on the server's single connection.
 */
async function lockIp(trx: Transaction<Database>, ip: string): Promise<void> {
  if (isSqlite(trx)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`login-ip:${ip}`}, 0))`.execute(trx);
}

/**
 * Counts a login attempt BEFORE its password is checked, atomically: under the IP's lock, it
 * counts this email+IP's and this IP's attempts within the window (failures, and attempts still
 * being checked) and, when under both limits, stores this one. So N parallel attempts check at
 * most the limit's worth of passwords: each one that goes ahead is already counted by the next.
 * Counted in the database, so every instance sees the same attempts. A refused attempt stores
 * nothing; a successful one is taken back with `loginSucceeded`.
 */
export async function claimLoginAttempt(ctx: Ctx, email: string, ip: string): Promise<LoginClaim> {
  const { perEmailAndIp, perIp, windowMinutes } = ctx.loginLimits;
  return withRetry(() =>
    ctx.db.transaction().execute(async (trx): Promise<LoginClaim> => {
      await lockIp(trx, ip);
      const now = ctx.clock();
      const windowMs = windowMinutes * MINUTE;
      const since = new Date(now.getTime() - windowMs).toISOString();
      const recent = (limit: number, byEmail: boolean) =>
        trx
          .selectFrom('login_attempts')
          .select('attempted_at')
          .where('ip', '=', ip)
          .$if(byEmail, (q) => q.where('email', '=', email))
          .where('attempted_at', '>', since)
          .orderBy('attempted_at', 'desc')
          .limit(limit)
          .execute();
      const wait = Math.max(
        retryAfter(await recent(perEmailAndIp, true), perEmailAndIp, windowMs, now.getTime()),
        retryAfter(await recent(perIp, false), perIp, windowMs, now.getTime()),
      );
      if (wait > 0) return { allowed: false, retryAfter: wait };
      const attemptId = newId(now);
      await trx.insertInto('login_attempts').values({ id: attemptId, email, ip, attempted_at: now.toISOString() }).execute();
      return { allowed: true, attemptId };
    }),
  );
}

/** The password was right: this attempt no longer counts as a failure. */
export async function loginSucceeded(ctx: Ctx, attemptId: string): Promise<void> {
  await ctx.db.deleteFrom('login_attempts').where('id', '=', attemptId).execute();
}

/** The password was wrong: the attempt stays counted. Anything older than a day no longer counts for anything. */
export async function loginFailed(ctx: Ctx): Promise<void> {
  await ctx.db
    .deleteFrom('login_attempts')
    .where('attempted_at', '<', new Date(ctx.clock().getTime() - DAY).toISOString())
    .execute();
}
