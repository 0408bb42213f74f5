import { idRef, type FieldIssue } from '../../../shared';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { serverMessages, type ServerMessageKey } from '../../http/messages';
import type { AuthContext } from '../auth/sessions';

interface Claim {
  index: number;
  teamId: string | undefined;
  authorId: string | undefined;
}

/** An id that is not even a well-formed id (a NUL in it, say) never reaches a query: validation names it. */
const usableId = (v: unknown): string | undefined => (idRef.safeParse(v).success ? (v as string) : undefined);

function claimsOf(records: unknown[]): Claim[] {
  return records.map((r, index) => {
    const o = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    return { index, teamId: usableId(o.teamId), authorId: usableId(o.authorId) };
  });
}

function forbidden(code: ServerMessageKey, index: number, field: 'teamId' | 'authorId'): HttpError {
  const issue: FieldIssue = { field: `records.${index}.${field}`, code: 'invalid_value', message: serverMessages[code] };
  return new HttpError(403, code, { reason: code, issues: [issue] });
}

async function existing(ctx: ServerContext, table: 'teams' | 'users', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Who may write what, checked over the whole batch before anything is written: a batch that
 * names a team (or author) the user may not write is refused whole, naming the first such record.
 * Field workers and trainers: their own records, in their teams. Supervisors: any record of their
 * teams (they import hand-off files from their team). Admins: any existing team.
 * Records without a usable teamId/authorId are left to validation, which rejects them one by one.
 */
export async function assertMayWrite(ctx: ServerContext, auth: AuthContext, records: unknown[]): Promise<void> {
  const claims = claimsOf(records);
  const mine = new Set(auth.teamIds);
  const teams = auth.role === 'admin' ? await existing(ctx, 'teams', claims.flatMap((c) => c.teamId ?? [])) : mine;
  for (const c of claims) {
    if (c.teamId !== undefined && !teams.has(c.teamId)) throw forbidden('team_forbidden', c.index, 'teamId');
  }
  if (auth.role === 'field_worker' || auth.role === 'trainer') {
    const other = claims.find((c) => c.authorId !== undefined && c.authorId !== auth.userId);
    if (other) throw forbidden('author_forbidden', other.index, 'authorId');
    return;
  }
  const authors = await existing(ctx, 'users', claims.flatMap((c) => c.authorId ?? []));
  const unknown = claims.find((c) => c.authorId !== undefined && !authors.has(c.authorId));
  if (unknown) throw forbidden('author_unknown', unknown.index, 'authorId');
}
