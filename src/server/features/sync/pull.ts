import {
  MAX_PULL_RECORDS,
  SYNC_PROTOCOL_VERSION,
  type FieldRecord,
  type PullResponse,
  type ReviewVerdict,
} from '../../../shared';
import { sql } from 'kysely';
import type { ServerContext } from '../../context';
import type { AuthContext } from '../auth';
import { decodeCursor, encodeCursor, scopeOf } from './cursor';
import { verdictDto } from './verdict-dto';

/** A change after the cursor; `own`: a record revision the requesting device itself pushed, passed over but counted. */
type Item = { seq: number } & ({ record: FieldRecord } | { verdict: ReviewVerdict } | { own: true });

/** Supervisors and admins follow their teams; everyone else follows their own records. */
function seesTeams(auth: AuthContext): boolean {
  return auth.role === 'supervisor' || auth.role === 'admin';
}

/**
 * Records changed after the cursor. One whose latest revision this very device pushed (not as a
 * hand-off import: the importer's device does not keep those) is already on the device as it is:
 * its body is not sent back, but it still takes its place in the sequence, so the cursor moves
 * past it. A revision pushed from another device, or by someone else, still comes.
 */
async function recordsAfter(ctx: ServerContext, auth: AuthContext, since: number, limit: number): Promise<Item[]> {
  if (seesTeams(auth) && auth.teamIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('records')
    .innerJoin('record_revisions as rev', (join) => join.onRef('rev.record_id', '=', 'records.id').onRef('rev.revision', '=', 'records.revision'))
    .select(['records.server_seq', 'rev.pushed_by_device', 'rev.imported'])
    // An own revision's body is not sent back, so it is not read either: after a 10,000-record
    // push the pull pages through all of them, and their bodies were most of its time.
    .select(sql<string | null>`case when ${sql.ref('rev.pushed_by_device')} = ${auth.deviceId} and ${sql.ref('rev.imported')} = 0 then null else ${sql.ref('records.body')} end`.as('body'))
    .where('records.server_seq', '>', since)
    .$if(seesTeams(auth), (q) => q.where('records.team_id', 'in', auth.teamIds))
    .$if(!seesTeams(auth), (q) => q.where('records.author_id', '=', auth.userId))
    .orderBy('records.server_seq')
    .limit(limit)
    .execute();
  return rows.map((r) =>
    r.body === null
      ? { seq: Number(r.server_seq), own: true as const }
      : { seq: Number(r.server_seq), record: JSON.parse(r.body) as FieldRecord },
  );
}

/** Verdicts on the user's own records (and, for supervisors, on their teams' records). */
async function verdictsAfter(ctx: ServerContext, auth: AuthContext, since: number, limit: number): Promise<Item[]> {
  const teams = seesTeams(auth) ? auth.teamIds : [];
  const rows = await ctx.db
    .selectFrom('reviews')
    .innerJoin('records', 'records.id', 'reviews.record_id')
    .select([
      'reviews.record_id',
      'reviews.revision',
      'reviews.status',
      'reviews.comment',
      'reviews.reviewer_id',
      'reviews.reviewed_at',
      'reviews.server_seq',
    ])
    .where('reviews.server_seq', '>', since)
    .where((eb) =>
      eb.or([eb('records.author_id', '=', auth.userId), ...(teams.length ? [eb('records.team_id', 'in', teams)] : [])]),
    )
    .orderBy('reviews.server_seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.server_seq),
    verdict: verdictDto(r),
  }));
}

/** How many pages of the device's own revisions alone one pull passes over before it answers. */
const OWN_PAGES_PER_PULL = 20;

/**
 * The next page after `since`. A page that holds only the device's own revisions (nothing to
 * send: it has them) is passed over here, up to OWN_PAGES_PER_PULL of them, so the pull after a
 * 10,000-record push is one request, not twenty answering "nothing, move the cursor".
 */
async function pageAfter(ctx: ServerContext, auth: AuthContext, since: number, limit: number): Promise<{ page: Item[]; merged: Item[] }> {
  for (let pages = 1; ; pages++) {
    const [records, verdicts] = await Promise.all([recordsAfter(ctx, auth, since, limit + 1), verdictsAfter(ctx, auth, since, limit + 1)]);
    const merged = [...records, ...verdicts].sort((a, b) => a.seq - b.seq);
    const page = merged.slice(0, limit);
    const onlyOwn = page.length > 0 && page.every((i) => 'own' in i);
    if (!onlyOwn || merged.length <= limit || pages >= OWN_PAGES_PER_PULL) return { page, merged };
    since = page.at(-1)!.seq;
  }
}

/**
 * What changed after the cursor. Records and verdicts share one change sequence, so one
 * number is the cursor: take up to `limit` of each, merge by seq, keep the first `limit`.
 * Nothing at or below the returned cursor can be missed: seqs are committed in order (see
 * db/sequence.ts). The cursor carries the user's scope; one made for another scope starts over
 * from the beginning with `reset` (cursor.ts).
 */
export async function pull(ctx: ServerContext, auth: AuthContext, query: { since?: string | undefined; limit?: number | undefined }): Promise<PullResponse> {
  const scope = scopeOf(auth);
  const { since, reset } = decodeCursor(query.since, scope);
  const limit = Math.min(query.limit ?? MAX_PULL_RECORDS, MAX_PULL_RECORDS);
  const [{ page, merged }, plans] = await Promise.all([pageAfter(ctx, auth, since, limit), ctx.plans.listed()]);
  return {
    protocolVersion: SYNC_PROTOCOL_VERSION,
    catalogueVersion: (plans.find((p) => p.active) ?? plans[0])?.version ?? ctx.catalogue.version,
    plans,
    cursor: encodeCursor(page.at(-1)?.seq ?? since, scope),
    reset,
    hasMore: merged.length > limit,
    // the device's own revisions move the cursor but are not sent back
    records: page.flatMap((i) => ('record' in i ? [i.record] : [])),
    verdicts: page.flatMap((i) => ('verdict' in i ? [i.verdict] : [])),
  };
}
