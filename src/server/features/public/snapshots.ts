import { sql, type Kysely } from 'kysely';
import {
  buildProgressReport,
  buildPublicSnapshot,
  memoryFactQuery,
  type IndicatorSource,
  type PublicProgress,
  type PublishResult,
  type SnapshotSummary,
  type SnapshotTruth,
  type StatusedFact,
} from '../../../shared';
import { audit } from '../audit';
import type { ServerContext } from '../../context';
import { planForReport } from '../plans';
import { isUniqueViolation } from '../../db/errors';
import type { Database } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { assertPlanYear, today } from '../reports';

export type { PublishResult, SnapshotSummary };

/**
 * Public figures change only at publication points: a snapshot, built from the approved
 * records of locked team-months only, audited against every earlier snapshot of its year
 * (shared/reports/public.ts), stored once and never changed. The public reads snapshots, never
 * the live tables, so two readings an approval apart are the same.
 */

/**
 * Sums of the approved facts whose team had the fact's month locked, by every key a public
 * table reads, as facts the in-memory query adds up (one per key: the team and day no longer matter).
 */
async function lockedFacts(db: Kysely<Database>, planId: string, year: number): Promise<StatusedFact[]> {
  const rows = await db
    .selectFrom('facts as f')
    .innerJoin('month_locks as l', (join) =>
      join
        .onRef('l.team_id', '=', 'f.team_id')
        .on(sql`l.month`, '=', sql`substr(f.date, 1, 7)`)
        .on('l.unlocked_at', 'is', null),
    )
    .where('f.review_status', '=', 'approved')
    .where('f.plan_id', '=', planId)
    .where('f.date', '>=', `${year}-01-01`)
    .where('f.date', '<=', `${year}-12-31`)
    .select(['f.measure_id', 'f.source', 'f.indicator_id', 'f.sex', 'f.age_band', 'f.grp', 'f.district', 'f.document_ref'])
    .select((eb) => eb.fn.sum<number | string>('f.value').as('value'))
    .groupBy(['f.measure_id', 'f.source', 'f.indicator_id', 'f.sex', 'f.age_band', 'f.grp', 'f.district', 'f.document_ref'])
    .orderBy(['f.measure_id', 'f.source', 'f.indicator_id', 'f.sex', 'f.age_band', 'f.grp', 'f.district', 'f.document_ref'])
    .execute();
  return rows.map((r, i) => ({
    recordId: `sum-${i}`,
    planId,
    measureId: r.measure_id,
    source: r.source as IndicatorSource,
    indicatorId: r.indicator_id,
    date: `${year}-01-01`,
    teamId: '',
    district: r.district,
    sex: r.sex,
    ageBand: r.age_band,
    group: r.grp,
    sphere: 'not_stated',
    value: Number(r.value),
    documentRef: r.document_ref,
    status: 'approved',
  }));
}

async function lockedTeamMonths(db: Kysely<Database>, year: number): Promise<number> {
  const { n } = await db
    .selectFrom('month_locks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('unlocked_at', 'is', null)
    .where('month', '>=', `${year}-01`)
    .where('month', '<=', `${year}-12`)
    .executeTakeFirstOrThrow();
  return Number(n);
}

function summary(r: { year: number; version: number; published_at: string; published_by: string | null; locked_team_months: number }): SnapshotSummary {
  return { year: r.year, version: r.version, publishedAt: r.published_at, publishedBy: r.published_by, lockedTeamMonths: r.locked_team_months };
}

async function earlierTruths(db: Kysely<Database>, year: number) {
  const rows = await db.selectFrom('public_snapshots').select(['version', 'truth']).where('year', '=', year).orderBy('version').execute();
  return rows.map((r) => ({ version: r.version, truth: JSON.parse(r.truth) as SnapshotTruth }));
}

async function tryPublish(ctx: ServerContext, year: number, actorId: string | null): Promise<PublishResult> {
  const catalogue = await planForReport(ctx, undefined, year);
  const teamMonths = await lockedTeamMonths(ctx.db, year);
  if (teamMonths === 0) throw new HttpError(409, 'nothing_locked', { reason: 'nothing_locked' });
  const earlier = await earlierTruths(ctx.db, year);
  const report = await buildProgressReport(catalogue, memoryFactQuery(await lockedFacts(ctx.db, catalogue.id, year)), {
    year, period: { kind: 'year' }, includePending: false,
  }, { asOf: today(ctx), breakdowns: ['group', 'district'] });
  const version = (earlier.at(-1)?.version ?? 0) + 1;
  const publishedAt = ctx.clock().toISOString();
  const built = buildPublicSnapshot(catalogue, report, earlier.map((e) => e.truth), { version, publishedAt });
  const latest = earlier.at(-1);
  const figures = (t: SnapshotTruth) => JSON.stringify(Object.entries(t.families).map(([id, f]) => [id, f.cells]));
  if (latest && figures(latest.truth) === figures(built.truth)) {
    const same = await readSnapshot(ctx.db, year, latest.version);
    return { created: false, snapshot: same!.snapshot, progress: same!.progress };
  }
  const row = {
    year, version, published_at: publishedAt, published_by: actorId, locked_team_months: teamMonths,
    body: JSON.stringify(built.progress), truth: JSON.stringify(built.truth),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('public_snapshots').values(row).execute();
    await audit(ctx, { type: 'public_snapshot_published', actorId, snapshotId: `${year}/${version}`, year, version }, trx);
  });
  return { created: true, snapshot: summary(row), progress: built.progress };
}

/**
 * Publishes the next snapshot of a year from its locked months (actorId: the admin; null for the
 * command line and the schedule). When the locked figures equal the latest snapshot's, nothing
 * is stored and the latest is answered. The single place snapshots are made: the audit log
 * records publications here.
 */
export async function publishSnapshot(ctx: ServerContext, input: { year: number; actorId: string | null }): Promise<PublishResult> {
  assertPlanYear(await planForReport(ctx, undefined, input.year), input.year);
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryPublish(ctx, input.year, input.actorId);
    } catch (error) {
      // Two publications at once took the same version number: the later one is made again on top.
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** A snapshot as published (the latest of the year without a version); null when there is none. */
export async function readSnapshot(
  db: Kysely<Database>,
  year: number,
  version?: number,
): Promise<{ snapshot: SnapshotSummary; progress: PublicProgress } | null> {
  const row = await db
    .selectFrom('public_snapshots')
    .select(['year', 'version', 'published_at', 'published_by', 'locked_team_months', 'body'])
    .where('year', '=', year)
    .$if(version !== undefined, (q) => q.where('version', '=', version!))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { snapshot: summary(row), progress: JSON.parse(row.body) as PublicProgress } : null;
}

export async function latestVersion(db: Kysely<Database>, year: number): Promise<number | null> {
  const row = await db.selectFrom('public_snapshots').select((eb) => eb.fn.max('version').as('v')).where('year', '=', year).executeTakeFirst();
  return row?.v === null || row?.v === undefined ? null : Number(row.v);
}

export async function listSnapshots(db: Kysely<Database>, year?: number): Promise<SnapshotSummary[]> {
  const rows = await db
    .selectFrom('public_snapshots')
    .select(['year', 'version', 'published_at', 'published_by', 'locked_team_months'])
    .$if(year !== undefined, (q) => q.where('year', '=', year!))
    .orderBy('year')
    .orderBy('version')
    .execute();
  return rows.map(summary);
}

/**
 * Snapshots never change, so a parsed one (and its pages) may be kept for good; which version
 * is latest is asked of the database every time, so every instance serves a new one at once.
 */
export class SnapshotCache {
  private entries = new Map<string, { snapshot: SnapshotSummary; progress: PublicProgress; pages: Map<string, string> }>();

  constructor(private readonly maxEntries = 32) {}

  async get(db: Kysely<Database>, year: number, version?: number) {
    const v = version ?? (await latestVersion(db, year));
    if (v === null) return null;
    const key = `${year}:${v}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const read = await readSnapshot(db, year, v);
    if (!read) return null;
    const entry = { ...read, pages: new Map<string, string>() };
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    return entry;
  }
}
