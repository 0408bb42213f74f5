import type { Kysely } from 'kysely';
import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import type { PlanRef } from '../../../shared/plan/plan-ref';
import type { PlanListing } from '../../../shared/plan/plan-protocol';
import { validatePlan } from '../../../shared/plan/validate-plan';
import type { Database } from '../../db/schema';

/**
 * The plans a server holds (issue 13): the one it was built with, and every revision of every
 * plan an admin uploaded (tables `plans` and `plan_activations`, migration 0012). A revision never
 * changes once stored, so parsed ones are kept in memory; which revision is current and which plan
 * is active are read from the database each time, so several server instances agree.
 */
export interface PlanStore {
  /** the plan new records are made under: the latest activation's, else the built-in plan */
  active(): Promise<Catalogue>;
  /** a plan's current (latest) revision; null: no such plan */
  current(id: string): Promise<Catalogue | null>;
  /** the revision a record names (absent: the built-in plan as built); null: unknown to this server */
  revision(ref: PlanRef | undefined): Promise<Catalogue | null>;
  /** every plan, its current revision, and which one is active */
  list(): Promise<PlanListing[]>;
  builtIn: Catalogue;
}

interface Row {
  id: string;
  version: string;
  revision: number;
  body: string;
  uploaded_at: string;
}

export function createPlanStore(db: Kysely<Database>, builtIn: Catalogue): PlanStore {
  const parsed = new Map<string, Catalogue>();
  const key = (id: string, version: string) => `${id}\u0000${version}`;
  parsed.set(key(builtIn.id, builtIn.version), builtIn);

  const parse = (row: Pick<Row, 'id' | 'version' | 'body'>): Catalogue => {
    const known = parsed.get(key(row.id, row.version));
    if (known) return known;
    const check = validatePlan(JSON.parse(row.body));
    // Stored only after this very check passed; a failure here is a damaged database.
    if (!check.ok) throw new Error(`stored plan ${row.id} ${row.version} no longer validates: ${check.problems[0]?.message.en}`);
    parsed.set(key(row.id, row.version), check.catalogue);
    return check.catalogue;
  };

  const latestRows = async (): Promise<Row[]> => {
    const rows = (await db.selectFrom('plans').select(['id', 'version', 'revision', 'uploaded_at']).orderBy('id').orderBy('revision', 'desc').execute()) as Omit<Row, 'body'>[];
    const latest = new Map<string, Omit<Row, 'body'>>();
    for (const r of rows) if (!latest.has(r.id)) latest.set(r.id, { ...r, revision: Number(r.revision) });
    return [...latest.values()].map((r) => ({ ...r, body: '' }));
  };

  const activeId = async (): Promise<string> => {
    const row = await db.selectFrom('plan_activations').select('plan_id').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row?.plan_id ?? builtIn.id;
  };

  const current = async (id: string): Promise<Catalogue | null> => {
    const row = await db.selectFrom('plans').select(['id', 'version', 'body']).where('id', '=', id).orderBy('revision', 'desc').limit(1).executeTakeFirst();
    if (row) return parse(row);
    return id === builtIn.id ? builtIn : null;
  };

  return {
    builtIn,
    current,
    async active() {
      return (await current(await activeId())) ?? builtIn;
    },
    async revision(ref) {
      if (!ref) return builtIn;
      const known = parsed.get(key(ref.id, ref.version));
      if (known) return known;
      const row = await db.selectFrom('plans').select(['id', 'version', 'body']).where('id', '=', ref.id).where('version', '=', ref.version).executeTakeFirst();
      return row ? parse(row) : null;
    },
    async list() {
      const [rows, active, counts] = await Promise.all([
        latestRows(),
        activeId(),
        db.selectFrom('plans').select(['id']).select((eb) => eb.fn.countAll<number | string>().as('n')).groupBy('id').execute(),
      ]);
      const revisions = new Map(counts.map((c) => [c.id, Number(c.n)]));
      const out: PlanListing[] = [];
      if (!rows.some((r) => r.id === builtIn.id)) out.push(listing(builtIn, 0, null, active));
      for (const r of rows) {
        const plan = (await current(r.id))!;
        out.push(listing(plan, revisions.get(r.id) ?? 1, r.uploaded_at, active));
      }
      return out.sort((a, b) => a.years[0]! - b.years[0]! || a.id.localeCompare(b.id));
    },
  };
}

function listing(plan: Catalogue, revisions: number, uploadedAt: string | null, activeId: string): PlanListing {
  return { id: plan.id, version: plan.version, revisions, title: plan.title, years: [...plan.years], uploadedAt, active: plan.id === activeId };
}
