import { HttpError } from '../../http/errors';
import type { AuthContext } from '../auth';

/** Supervisors review their own teams' records; admins any team's. Nobody else reviews. */
export function assertMayReview(auth: AuthContext, teamId: string): void {
  if (auth.role === 'admin') return;
  if (auth.role === 'supervisor' && auth.teamIds.includes(teamId)) return;
  throw new HttpError(403, 'forbidden', { reason: 'forbidden' });
}

/**
 * The teams a reviewer's list covers: the one asked for (if they may review it), else all of
 * theirs. Undefined: every team (an admin who names none).
 */
export function reviewTeams(auth: AuthContext, team: string | undefined): string[] | undefined {
  if (auth.role !== 'admin' && auth.role !== 'supervisor') throw new HttpError(403, 'forbidden', { reason: 'forbidden' });
  if (team !== undefined) {
    assertMayReview(auth, team);
    return [team];
  }
  return auth.role === 'admin' ? undefined : auth.teamIds;
}
