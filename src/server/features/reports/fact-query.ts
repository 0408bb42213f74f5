import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AggregateRequest, AggregateRow, Breakdown, FactQuery, FactSource, ReviewStatus } from '../../../shared';
import type { Database } from '../../db/schema';
import type { Cut } from './rollup';

/** Which teams' facts a caller may add up; undefined: all. Not part of the request: it is who asks. */
export interface FactScope {
  teamIds?: readonly string[] | undefined;
}

export interface FactQueryOptions {
  /** read the monthly rollup when it holds the answer (default); false: always the facts (benchmark reference) */
  rollup?: boolean;
}

const factColumn: Record<Breakdown, RawBuilder<string>> = {
  group: sql<string>`grp`,
  district: sql<string>`district`,
  teamId: sql<string>`team_id`,
  month: sql<string>`substr(date, 1, 7)`,
  sphere: sql<string>`sphere`,
};

const keyColumns = ['measure_id', 'source', 'indicator_id', 'sex', 'age_band', 'document_ref'] as const;

interface Row {
  measure_id: string;
  source: string;
  indicator_id: string | null;
  sex: string;
  age_band: string;
  document_ref: string | null;
  value: number | string;
  [breakdown: string]: unknown;
}

function toAggregateRow(r: Row, by: readonly Breakdown[]): AggregateRow {
  const row: AggregateRow = {
    measureId: r.measure_id,
    source: r.source as FactSource,
    // the rollup stores "none" as '' (see rollup.ts)
    indicatorId: r.indicator_id || null,
    sex: r.sex,
    ageBand: r.age_band,
    documentRef: r.document_ref || null,
    value: Number(r.value),
  };
  for (const b of by) row[b] = String(r[`by_${b}`]);
  return row;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** True when from..to is a run of whole months: then the monthly rollup holds exactly the answer. */
export function wholeMonths(from: string, to: string): boolean {
  return /^\d{4}-\d{2}-01$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && lastDayOfMonth(to.slice(0, 7)) === to;
}

/** The rollup cut that answers a request exactly, or null when only the facts can. */
export function rollupCut(req: AggregateRequest, scope: FactScope): Cut | null {
  if (!wholeMonths(req.from, req.to) || req.district || req.teamId || scope.teamIds !== undefined) return null;
  const by = req.by.filter((b) => b !== 'month');
  if (by.length > 1) return null;
  return by[0] ?? 'base';
}

const statusesFor = (req: AggregateRequest): ReviewStatus[] => (req.includePending ? ['approved', 'pending'] : ['approved']);

function fromRollup(db: Kysely<Database>, req: AggregateRequest, cut: Cut) {
  const column = (b: Breakdown) => (b === 'month' ? sql<string>`month` : sql<string>`dim`);
  const extra = req.by.map(column);
  let query = db
    .selectFrom('fact_months')
    .select([...keyColumns])
    .select(req.by.map((b) => column(b).as(`by_${b}`)))
    .select(sql<number>`sum(value)`.as('value'))
    .where('cut', '=', cut)
    .where('plan_id', '=', req.planId)
    .where('month', '>=', req.from.slice(0, 7))
    .where('month', '<=', req.to.slice(0, 7))
    .where('review_status', 'in', statusesFor(req))
    .$if(req.measureIds !== null, (q) => q.where('measure_id', 'in', req.measureIds!))
    .groupBy([...keyColumns, ...extra]);
  for (const c of [...keyColumns, ...extra]) query = query.orderBy(c);
  return query;
}

function fromFacts(db: Kysely<Database>, req: AggregateRequest, scope: FactScope) {
  const extra = req.by.map((b) => factColumn[b]);
  let query = db
    .selectFrom('facts')
    .select([...keyColumns])
    .select(req.by.map((b) => factColumn[b].as(`by_${b}`)))
    .select(sql<number>`sum(value)`.as('value'))
    .where('plan_id', '=', req.planId)
    .where('date', '>=', req.from)
    .where('date', '<=', req.to)
    .where('review_status', 'in', statusesFor(req))
    .$if(req.measureIds !== null, (q) => q.where('measure_id', 'in', req.measureIds!))
    .$if(Boolean(req.district), (q) => q.where('district', '=', req.district!))
    .$if(Boolean(req.teamId), (q) => q.where('team_id', '=', req.teamId!))
    .$if(scope.teamIds !== undefined, (q) => q.where('team_id', 'in', scope.teamIds!))
    .groupBy([...keyColumns, ...extra]);
  for (const c of [...keyColumns, ...extra]) query = query.orderBy(c);
  return query;
}

/**
 * The server's FactQuery: one GROUP BY, with exactly the semantics of memoryFactQuery in
 * src/shared (inclusive date range, approved facts plus pending ones when asked, the same keys).
 * A city-wide report over whole months reads the monthly rollup; anything else reads the facts.
 * Rows come back ordered by their keys, so a report built from them is the same every time.
 */
export function sqlFactQuery(db: Kysely<Database>, scope: FactScope = {}, options: FactQueryOptions = {}): FactQuery {
  return async (req: AggregateRequest) => {
    if (req.measureIds?.length === 0 || scope.teamIds?.length === 0 || req.from > req.to) return [];
    const cut = options.rollup === false ? null : rollupCut(req, scope);
    const rows = await (cut ? fromRollup(db, req, cut) : fromFacts(db, req, scope)).execute();
    return (rows as Row[]).map((r) => toAggregateRow(r, req.by));
  };
}
