import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import type { AuthContext } from '../auth';
import { sqlFactQuery, type FactScope } from './fact-query';

/**
 * Whose figures a user may see. Supervisors and admins report on the whole city (any team, as a
 * filter). Field workers and trainers see their own teams' figures only; naming another team is a 403.
 */
export function reportScope(auth: AuthContext, team: string | undefined): FactScope {
  if (auth.role === 'supervisor' || auth.role === 'admin') return {};
  if (team !== undefined && !auth.teamIds.includes(team)) throw new HttpError(403, 'forbidden', { reason: 'forbidden' });
  return { teamIds: auth.teamIds };
}

export function scopedQuery(ctx: ServerContext, auth: AuthContext, team: string | undefined) {
  return sqlFactQuery(ctx.db, reportScope(auth, team));
}

/** The day a report is made, for "on track": today in Kyiv is close enough to UTC for a day's precision. */
export function today(ctx: ServerContext): string {
  return ctx.clock().toISOString().slice(0, 10);
}
