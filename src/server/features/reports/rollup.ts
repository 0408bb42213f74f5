import { sql, type Kysely, type Transaction } from 'kysely';
import type { Breakdown } from '../../../shared';
import { insertRows, type ColumnTypes } from '../../db/bulk-rows';
import type { Database, FactMonthsTable, FactsTable } from '../../db/schema';

/**
 * The monthly rollup: facts summed per month, per review status and per the keys every report
 * groups by (plan, measure, source, indicator, sex, age band, document), in one "cut" per breakdown:
 * 'base' (no breakdown), and 'group', 'district', 'teamId', 'sphere' (that one dimension in
 * `dim`). A report over whole months with no district or team filter (a year, a quarter, a
 * month: the city's reports) reads a few thousand rows of it instead of every fact; see
 * docs/reports.md for the measurements that called for it. A filtered report reads the facts
 * through their team and district indexes.
 *
 * Kept exact inside the transactions that change facts: a change subtracts the old facts' sums
 * and adds the new ones'. Keys are never NULL (NULLs never collide in a unique key): no
 * indicator, no document and the base cut's dimension are ''.
 */

export type Cut = 'base' | Exclude<Breakdown, 'month'>;
export const CUTS = ['base', 'group', 'district', 'teamId', 'sphere'] as const satisfies readonly Cut[];

type Key = Omit<FactMonthsTable, 'value' | 'facts'>;

export const ROLLUP_KEY = [
  'cut', 'plan_id', 'month', 'review_status', 'measure_id', 'source', 'indicator_id', 'sex', 'age_band', 'document_ref', 'dim',
] as const satisfies readonly (keyof Key)[];

const cutColumn = { base: null, group: 'grp', district: 'district', teamId: 'team_id', sphere: 'sphere' } as const;

/**
 * Net change per key: sums and fact counts. Keys whose change cancels out are dropped.
 * Facts are grouped first by the part of the key every cut of a fact shares, then per cut by
 * its dimension: a push's thousand facts make five thousand (cut, key) pairs but only some tens
 * of keys, so a key's full text (its ROLLUP_KEY values joined by NUL, the sort order) is built
 * once per key, not once per pair.
 */
function deltas(removed: readonly FactsTable[], added: readonly FactsTable[]): FactMonthsTable[] {
  const groups = new Map<string, Map<string, FactMonthsTable>[]>();
  const add = (f: FactsTable, sign: 1 | -1) => {
    const month = f.date.slice(0, 7);
    const indicator = f.indicator_id ?? '';
    const document = f.document_ref ?? '';
    const common = `${f.plan_id}\u0000${month}\u0000${f.review_status}\u0000${f.measure_id}\u0000${f.source}\u0000${indicator}\u0000${f.sex}\u0000${f.age_band}\u0000${document}`;
    let perCut = groups.get(common);
    if (!perCut) groups.set(common, (perCut = CUTS.map(() => new Map<string, FactMonthsTable>())));
    CUTS.forEach((cut, i) => {
      const column = cutColumn[cut];
      const dim = column ? f[column] : '';
      const byDim = perCut[i]!;
      let row = byDim.get(dim);
      if (!row) {
        row = {
          cut, plan_id: f.plan_id, month, review_status: f.review_status, measure_id: f.measure_id, source: f.source, indicator_id: indicator,
          sex: f.sex, age_band: f.age_band, document_ref: document, dim, value: 0, facts: 0,
        };
        byDim.set(dim, row);
      }
      row.value += sign * f.value;
      row.facts += sign;
    });
  };
  removed.forEach((f) => add(f, -1));
  added.forEach((f) => add(f, 1));
  const keyed: [string, FactMonthsTable][] = [];
  for (const [common, perCut] of groups)
    perCut.forEach((byDim, i) => {
      for (const [dim, row] of byDim) if (row.value !== 0 || row.facts !== 0) keyed.push([`${CUTS[i]}\u0000${common}\u0000${dim}`, row]);
    });
  // Sorted: concurrent transactions touch rollup rows in one order, which keeps deadlocks rare.
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

const ROLLUP_TYPES: ColumnTypes<FactMonthsTable> = {
  cut: 'text', plan_id: 'text', month: 'text', review_status: 'text', measure_id: 'text', source: 'text', indicator_id: 'text',
  sex: 'text', age_band: 'text', document_ref: 'text', dim: 'text', value: 'integer', facts: 'integer',
};

/** Adds each row's sums to its key's, creating the key when new; returns every key touched with its fact count now. */
const ADD_TO_KEY =
  `on conflict (${ROLLUP_KEY.map((c) => `"${c}"`).join(', ')}) do update set ` +
  '"value" = "fact_months"."value" + excluded."value", "facts" = "fact_months"."facts" + excluded."facts" ' +
  `returning ${ROLLUP_KEY.map((c) => `"${c}"`).join(', ')}, "facts"`;

/**
 * Applies a change of facts (removed → added) to the rollup, in the caller's transaction.
 * One multi-row upsert through db/bulk-rows.ts, not Kysely's builder: a push's facts touch a
 * thousand or more keys of 13 columns, and building that statement node by node cost more CPU
 * than the database spends on it.
 */
export async function adjustRollup(trx: Transaction<Database>, removed: readonly FactsTable[], added: readonly FactsTable[]): Promise<void> {
  const changes = deltas(removed, added);
  const touched = await insertRows<FactMonthsTable, Key & { facts: number | string }>(trx, 'fact_months', ROLLUP_TYPES, changes, ADD_TO_KEY);
  const emptied = touched.filter((r) => Number(r.facts) <= 0);
  // A key with no facts left goes, so the rollup holds only what the facts hold.
  for (const k of emptied) {
    let q = trx.deleteFrom('fact_months').where('facts', '<=', 0);
    for (const c of ROLLUP_KEY) q = q.where(c, '=', k[c]);
    await q.execute();
  }
}

/** Recomputes the rollup from the facts: after a bulk load, or to repair it. */
export async function rebuildRollup(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('fact_months').execute();
  for (const cut of CUTS) {
    const column = cutColumn[cut];
    // PostgreSQL refuses a constant in GROUP BY: the base cut groups by one column less.
    const dim = column ? sql.ref(column) : sql.lit('');
    const groupDim = column ? sql`, ${sql.ref(column)}` : sql``;
    await sql`insert into fact_months (${sql.join(ROLLUP_KEY.map((c) => sql.ref(c)))}, value, facts)
      select ${sql.lit(cut)}, plan_id, substr(date, 1, 7), review_status, measure_id, source, coalesce(indicator_id, ''),
        sex, age_band, coalesce(document_ref, ''), ${dim}, sum(value), count(*)
      from facts
      group by plan_id, substr(date, 1, 7), review_status, measure_id, source, coalesce(indicator_id, ''),
        sex, age_band, coalesce(document_ref, '')${groupDim}`.execute(db);
  }
}
