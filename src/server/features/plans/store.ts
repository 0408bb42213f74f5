import type { Kysely } from 'kysely';
import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import type { PlanRef } from '../../../shared/plan/plan-ref';
import type { PlanListing, PulledPlan } from '../../../shared/plan/plan-protocol';
import { withWithdrawnMeasures } from '../../../shared/plan/plan-revisions';
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
  /**
   * a plan's current revision with each measure an earlier revision had and it removed, marked
   * withdrawn (plan-revisions.ts): what reports are made with; null: no such plan
   */
  forReports(id: string): Promise<Catalogue | null>;
  /** the revision a record names (absent: the built-in plan as built); null: unknown to this server */
  revision(ref: PlanRef | undefined): Promise<Catalogue | null>;
  /** every plan, its current revision, and which one is active */
  list(): Promise<PlanListing[]>;
  /**
   * What a pull says about plans (each plan's current version, its earlier ones, which one is
   * active), in one query and without reading any plan's body; ordered by id. Agrees with list().
   */
  listed(): Promise<PulledPlan[]>;
  builtIn: Catalogue;
}

interface Row {
  id: string;
  version: string;
  body: string;
}

/** A plan's current revision as list() reads it: no body (a parsed revision is kept in memory). */
interface LatestRow {
  id: string;
  version: string;
  /** how many revisions of the plan are stored */
  revisions: number;
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

  /** Every plan's current revision and its count of revisions, from one query over the revisions (not their bodies). */
  const latestRows = async (): Promise<LatestRow[]> => {
    const rows = await db.selectFrom('plans').select(['id', 'version', 'uploaded_at']).orderBy('id').orderBy('revision', 'desc').execute();
    const latest = new Map<string, LatestRow>();
    for (const r of rows) {
      const seen = latest.get(r.id);
      if (seen) seen.revisions += 1;
      else latest.set(r.id, { ...r, revisions: 1 });
    }
    return [...latest.values()];
  };

  /** The current revisions not parsed yet, in one query; afterwards every row's plan is in memory. */
  const parseAll = async (rows: readonly Pick<Row, 'id' | 'version'>[]): Promise<void> => {
    const missing = rows.filter((r) => !parsed.has(key(r.id, r.version)));
    if (!missing.length) return;
    const bodies = await db
      .selectFrom('plans')
      .select(['id', 'version', 'body'])
      .where((eb) => eb.or(missing.map((r) => eb.and([eb('id', '=', r.id), eb('version', '=', r.version)]))))
      .execute();
    for (const row of bodies) parse(row);
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

  const reporting = new Map<string, Catalogue>();
  /** Every revision of a plan, oldest first (the built-in plan as built before any of its uploads); parsed once. */
  const revisions = async (id: string): Promise<Catalogue[]> => {
    const rows = await db.selectFrom('plans').select(['id', 'version']).where('id', '=', id).orderBy('revision').execute();
    await parseAll(rows);
    const stored = rows.map((r) => parsed.get(key(r.id, r.version))!);
    return id === builtIn.id ? [builtIn, ...stored] : stored;
  };

  return {
    builtIn,
    current,
    async forReports(id) {
      const all = await revisions(id);
      const latest = all[all.length - 1];
      if (!latest) return null;
      const cacheKey = all.map((r) => r.version).join('\u0000');
      const known = reporting.get(`${id}\u0000${cacheKey}`);
      if (known) return known;
      const made = withWithdrawnMeasures(latest, all);
      reporting.set(`${id}\u0000${cacheKey}`, made);
      return made;
    },
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
      const [rows, active] = await Promise.all([latestRows(), activeId()]);
      await parseAll(rows);
      const out: PlanListing[] = [];
      if (!rows.some((r) => r.id === builtIn.id)) out.push(listing(builtIn, 0, null, active));
      for (const r of rows) out.push(listing(parsed.get(key(r.id, r.version))!, r.revisions, r.uploaded_at, active));
      return out.sort((a, b) => a.years[0]! - b.years[0]! || a.id.localeCompare(b.id));
    },
    async listed() {
      // every revision's version (no body), and on every row the latest activation (none: the built-in plan)
      const rows = await db
        .selectFrom('plans')
        .select(['id', 'version'])
        .select((eb) => eb.selectFrom('plan_activations').select('plan_activations.plan_id').orderBy('plan_activations.seq', 'desc').limit(1).as('active_id'))
        .orderBy('id')
        .orderBy('revision')
        .execute();
      const active = rows[0]?.active_id ?? builtIn.id;
      const versions = new Map<string, string[]>();
      for (const r of rows) versions.set(r.id, [...(versions.get(r.id) ?? []), r.version]);
      const out: PulledPlan[] = [...versions].map(([id, all]) => {
        const earlier = all.slice(0, -1);
        return { id, version: all[all.length - 1]!, active: id === active, ...(earlier.length ? { earlier } : {}) };
      });
      if (!versions.has(builtIn.id)) out.push({ id: builtIn.id, version: builtIn.version, active: builtIn.id === active });
      return out.sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

function listing(plan: Catalogue, revisions: number, uploadedAt: string | null, activeId: string): PlanListing {
  return { id: plan.id, version: plan.version, revisions, title: plan.title, years: [...plan.years], uploadedAt, active: plan.id === activeId };
}
