import { sql, type Kysely, type Transaction } from 'kysely';
import type { Breakdown } from '../../../shared';
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
 * A key's text is its ROLLUP_KEY values joined by NUL, built from the part every cut of a fact
 * shares (a push's 500 facts make 2,500 keys: no object per key unless it is a new one).
 */
function deltas(removed: readonly FactsTable[], added: readonly FactsTable[]): FactMonthsTable[] {
  const byKey = new Map<string, FactMonthsTable>();
  const add = (f: FactsTable, sign: 1 | -1) => {
    const month = f.date.slice(0, 7);
    const indicator = f.indicator_id ?? '';
    const document = f.document_ref ?? '';
    const common = `${f.plan_id}\u0000${month}\u0000${f.review_status}\u0000${f.measure_id}\u0000${f.source}\u0000${indicator}\u0000${f.sex}\u0000${f.age_band}\u0000${document}`;
    for (const cut of CUTS) {
      const column = cutColumn[cut];
      const dim = column ? f[column] : '';
      const text = `${cut}\u0000${common}\u0000${dim}`;
      let row = byKey.get(text);
      if (!row) {
        row = {
          cut, plan_id: f.plan_id, month, review_status: f.review_status, measure_id: f.measure_id, source: f.source, indicator_id: indicator,
          sex: f.sex, age_band: f.age_band, document_ref: document, dim, value: 0, facts: 0,
        };
        byKey.set(text, row);
      }
      row.value += sign * f.value;
      row.facts += sign;
    }
  };
  removed.forEach((f) => add(f, -1));
  added.forEach((f) => add(f, 1));
  // Sorted: concurrent transactions touch rollup rows in one order, which keeps deadlocks rare.
  return [...byKey.entries()]
    .filter(([, r]) => r.value !== 0 || r.facts !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

const CHUNK = 500;

/** Applies a change of facts (removed → added) to the rollup, in the caller's transaction. */
export async function adjustRollup(trx: Transaction<Database>, removed: readonly FactsTable[], added: readonly FactsTable[]): Promise<void> {
  const changes = deltas(removed, added);
  const emptied: Key[] = [];
  for (let i = 0; i < changes.length; i += CHUNK) {
    const rows = await trx
      .insertInto('fact_months')
      .values(changes.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns([...ROLLUP_KEY]).doUpdateSet((eb) => ({
          value: eb('fact_months.value', '+', eb.ref('excluded.value')),
          facts: eb('fact_months.facts', '+', eb.ref('excluded.facts')),
        })),
      )
      .returning([...ROLLUP_KEY, 'facts'])
      .execute();
    for (const r of rows) if (Number(r.facts) <= 0) emptied.push(r);
  }
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
