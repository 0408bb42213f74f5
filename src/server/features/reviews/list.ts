import type { z } from 'zod';
import type { FieldRecord, ReviewVerdict } from '../../../shared';
import type { ReviewList, reviewListQuery } from '../../../shared/review/protocol';
import type { ServerContext } from '../../context';
import type { AuthContext } from '../auth';
import { reviewTeams } from './rights';
import { verdictDto } from '../sync';

type Query = z.output<typeof reviewListQuery>;

async function verdictsOf(ctx: ServerContext, ids: string[]): Promise<Map<string, ReviewVerdict[]>> {
  const byRecord = new Map<string, ReviewVerdict[]>();
  if (ids.length === 0) return byRecord;
  const rows = await ctx.db.selectFrom('reviews').selectAll().where('record_id', 'in', ids).orderBy('server_seq').execute();
  for (const r of rows) byRecord.set(r.record_id, [...(byRecord.get(r.record_id) ?? []), verdictDto(r)]);
  return byRecord;
}

/** The reviewer sees who recorded each record: a user's name, never more of their account. */
async function authorNames(ctx: ServerContext, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * The reviewer's teams' records (latest revisions), newest date first, with where each stands.
 * Deleted records are left out: they count for nothing and need no verdict. `from`/`to` keep
 * records whose period overlaps those days.
 */
export async function listForReview(ctx: ServerContext, auth: AuthContext, q: Query): Promise<ReviewList> {
  const teams = reviewTeams(auth, q.team);
  if (teams?.length === 0) return { items: [], total: 0, offset: q.offset, limit: q.limit };
  const base = ctx.db
    .selectFrom('records')
    .where('deleted', '=', 0)
    .$if(teams !== undefined, (b) => b.where('team_id', 'in', teams!))
    .$if(q.status !== undefined, (b) => b.where('review_status', '=', q.status!))
    .$if(q.measure !== undefined, (b) => b.where('measure_id', '=', q.measure!))
    .$if(q.from !== undefined, (b) => b.where('period_end', '>=', q.from!))
    .$if(q.to !== undefined, (b) => b.where('period_start', '<=', q.to!));
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(['id', 'body', 'review_status', 'author_id'])
      .orderBy('period_start', 'desc')
      .orderBy('id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
  ]);
  const [verdicts, authors] = await Promise.all([verdictsOf(ctx, rows.map((r) => r.id)), authorNames(ctx, rows.map((r) => r.author_id))]);
  return {
    items: rows.map((r) => ({
      record: JSON.parse(r.body) as FieldRecord,
      status: r.review_status,
      verdicts: verdicts.get(r.id) ?? [],
      ...(authors.has(r.author_id) ? { authorName: authors.get(r.author_id)! } : {}),
    })),
    total: Number(total),
    offset: q.offset,
    limit: q.limit,
  };
}
