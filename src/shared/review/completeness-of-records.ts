import type { ReviewStatus } from '../sync/protocol';
import type { CompletenessCell } from './completeness';

/**
 * The team × month completeness cells computed from records in hand (a supervisor's device after a
 * pull), by the server's rules (src/server/features/reviews/completeness.ts):
 * - a record counts in every month its period touches (start <= month's last day, end >= its first);
 * - by the review state of its latest revision (the caller passes only latest revisions);
 * - deleted records do not count, nor records of teams not asked for;
 * - teams in the order given (the server orders them by name), months in the order given;
 * - a month is locked when an active lock (not unlocked) of that team and month is held.
 */

export interface CompletenessRecord {
  teamId: string;
  /** YYYY-MM-DD, the first and last day the record covers */
  periodStart: string;
  periodEnd: string;
  reviewStatus: ReviewStatus;
  deleted: boolean;
}

export interface CompletenessLock {
  teamId: string;
  /** YYYY-MM */
  month: string;
}

/** The months of `year` up to `now` (all twelve for a past year, none for a future one), UTC. */
export function completenessMonths(year: number, now: Date): string[] {
  const last = year < now.getUTCFullYear() ? 12 : year === now.getUTCFullYear() ? now.getUTCMonth() + 1 : 0;
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** First and last day of a month (YYYY-MM), as the text dates records carry. */
export function monthDays(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

export function completenessOfRecords(input: {
  teams: readonly { id: string; name: string }[];
  months: readonly string[];
  records: Iterable<CompletenessRecord>;
  /** active locks only */
  locks: readonly CompletenessLock[];
}): CompletenessCell[] {
  const teamIds = new Set(input.teams.map((t) => t.id));
  const ranges = input.months.map((month) => ({ month, ...monthDays(month) }));
  const counts = new Map<string, Record<ReviewStatus, number>>();
  for (const r of input.records) {
    if (r.deleted || !teamIds.has(r.teamId)) continue;
    for (const { month, start, end } of ranges) {
      if (r.periodStart > end || r.periodEnd < start) continue;
      const key = `${r.teamId}|${month}`;
      const c = counts.get(key) ?? { approved: 0, returned: 0, rejected: 0, pending: 0 };
      c[r.reviewStatus] += 1;
      counts.set(key, c);
    }
  }
  const locked = new Set(input.locks.map((l) => `${l.teamId}|${l.month}`));
  return input.teams.flatMap((team) =>
    input.months.map((month) => {
      const key = `${team.id}|${month}`;
      const { approved, returned, rejected, pending } = counts.get(key) ?? { approved: 0, returned: 0, rejected: 0, pending: 0 };
      return { teamId: team.id, teamName: team.name, month, submitted: approved + returned + rejected + pending, approved, returned, rejected, pending, locked: locked.has(key) };
    }),
  );
}
