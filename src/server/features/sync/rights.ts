import { idRef, validationMessages, type FieldIssue, type Role } from '../../../shared';
import type { RightsMessageKey } from '../../../shared/messages/rights';
import type { ServerContext } from '../../context';
import type { AuthContext } from '../auth';

interface Claim {
  index: number;
  teamId: string;
  authorId: string;
}

interface Author {
  role: Role;
  teams: Set<string>;
}

/** An id that is not even a well-formed id (a NUL in it, say) never reaches a query: validation names it. */
const usableId = (v: unknown): string | undefined => (idRef.safeParse(v).success ? (v as string) : undefined);

function claimsOf(records: unknown[]): Claim[] {
  return records.flatMap((r, index) => {
    const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    const teamId = usableId(o.teamId);
    const authorId = usableId(o.authorId);
    // Without a usable teamId/authorId there is nothing to judge: validation rejects the record.
    return teamId !== undefined && authorId !== undefined ? [{ index, teamId, authorId }] : [];
  });
}

function issue(field: 'teamId' | 'authorId', code: RightsMessageKey): FieldIssue {
  return { field, code, message: validationMessages[code] };
}

/** The authors a batch names (other than the pusher), with their role and teams. */
async function loadAuthors(ctx: ServerContext, ids: string[]): Promise<Map<string, Author>> {
  const authors = new Map<string, Author>();
  if (ids.length === 0) return authors;
  const users = await ctx.db.selectFrom('users').select(['id', 'role']).where('id', 'in', ids).execute();
  for (const u of users) authors.set(u.id, { role: u.role as Role, teams: new Set() });
  const memberships = await ctx.db.selectFrom('memberships').select(['user_id', 'team_id']).where('user_id', 'in', ids).execute();
  for (const m of memberships) authors.get(m.user_id)?.teams.add(m.team_id);
  return authors;
}

async function existingTeams(ctx: ServerContext, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db.selectFrom('teams').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Who may push what, record by record:
 * - the author is the pusher; or, importing a hand-off file, a supervisor's or an admin's import
 *   of a record by another user, never by an admin (an admin's records come only from that admin);
 * - the record's team is one the author belongs to (today), and, for anyone but an admin, one the
 *   pusher belongs to: a supervisor imports only records of the teams they supervise; field
 *   workers and trainers push only their own records.
 */
function judge(c: Claim, auth: AuthContext, authors: Map<string, Author>, teams: Set<string>): FieldIssue | null {
  const own = c.authorId === auth.userId;
  const author = own ? { role: auth.role, teams: new Set(auth.teamIds) } : authors.get(c.authorId);
  if (!own) {
    if (auth.role === 'field_worker' || auth.role === 'trainer') return issue('authorId', 'author_forbidden');
    if (!author) return issue('authorId', 'author_unknown');
    if (author.role === 'admin') return issue('authorId', 'author_is_admin');
  }
  if (auth.role === 'admin' ? !teams.has(c.teamId) : !auth.teamIds.includes(c.teamId))
    return issue('teamId', auth.role === 'admin' ? 'team_unknown' : 'team_forbidden');
  if (!author!.teams.has(c.teamId)) return issue('authorId', 'author_not_in_team');
  return null;
}

/**
 * The records of a batch the pusher may not write, by their place in the batch, each with the
 * field at fault. They are answered `rejected` one by one; the rest of the batch goes on.
 */
export async function refusedOnRights(ctx: ServerContext, auth: AuthContext, records: unknown[]): Promise<Map<number, FieldIssue>> {
  const claims = claimsOf(records);
  const others = [...new Set(claims.map((c) => c.authorId).filter((id) => id !== auth.userId))];
  const authors = auth.role === 'supervisor' || auth.role === 'admin' ? await loadAuthors(ctx, others) : new Map<string, Author>();
  const teams = auth.role === 'admin' ? await existingTeams(ctx, [...new Set(claims.map((c) => c.teamId))]) : new Set<string>();
  const refused = new Map<number, FieldIssue>();
  for (const c of claims) {
    const problem = judge(c, auth, authors, teams);
    if (problem) refused.set(c.index, problem);
  }
  return refused;
}
