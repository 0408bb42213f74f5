import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { newId } from '../../ids';

type Ctx = Pick<ServerContext, 'db' | 'clock' | 'loginLimits'>;

const MINUTE = 60_000;

/**
 * Seconds until the failures counted by `since` drop below `limit`, or 0 when under the limit.
 * `recent` is newest first: once its limit-th entry leaves the window, fewer than `limit` remain.
 */
function retryAfter(recent: { attempted_at: string }[], limit: number, windowMs: number, now: number): number {
  const pivot = recent[limit - 1];
  if (!pivot) return 0;
  return Math.max(1, Math.ceil((Date.parse(pivot.attempted_at) + windowMs - now) / 1000));
}

/**
 * Refuses a login before checking the password when this email+IP, or this IP, failed too often
 * within the window. Counted in the database, so every instance sees the same failures.
 */
export async function assertLoginAllowed(ctx: Ctx, email: string, ip: string): Promise<void> {
  const { perEmailAndIp, perIp, windowMinutes } = ctx.loginLimits;
  const now = ctx.clock().getTime();
  const windowMs = windowMinutes * MINUTE;
  const since = new Date(now - windowMs).toISOString();
  const recent = (limit: number, byEmail: boolean) =>
    ctx.db
      .selectFrom('login_attempts')
      .select('attempted_at')
      .where('ip', '=', ip)
      .$if(byEmail, (q) => q.where('email', '=', email))
      .where('attempted_at', '>', since)
      .orderBy('attempted_at', 'desc')
      .limit(limit)
      .execute();
  const wait = Math.max(
    retryAfter(await recent(perEmailAndIp, true), perEmailAndIp, windowMs, now),
    retryAfter(await recent(perIp, false), perIp, windowMs, now),
  );
  if (wait > 0)
    throw new HttpError(429, 'too_many_attempts', { reason: 'too_many_attempts', headers: { 'retry-after': String(wait) } });
}

export async function recordLoginFailure(ctx: Ctx, email: string, ip: string): Promise<void> {
  const now = ctx.clock();
  await ctx.db
    .insertInto('login_attempts')
    .values({ id: newId(now), email, ip, attempted_at: now.toISOString() })
    .execute();
  // Keep the table small: anything older than a day no longer counts for anything.
  await ctx.db
    .deleteFrom('login_attempts')
    .where('attempted_at', '<', new Date(now.getTime() - 24 * 60 * MINUTE).toISOString())
    .execute();
}
