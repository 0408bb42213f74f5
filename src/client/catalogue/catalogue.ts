import { createContext, use, useContext, useSyncExternalStore } from 'react';
import type { Catalogue } from '../../shared/plan/catalogue-schema';
import { planRefOf } from '../../shared/plan/plan-id';
import type { PlanRef } from '../../shared/plan/plan-ref';
import { withWithdrawnMeasures } from '../../shared/plan/plan-revisions';
import { getActivePlanId, getServerPlans, getStoredCatalogue, getStoredRevision, revisionKey } from '../data/catalogues';
import { META, setMeta } from '../data/meta';
import { rememberPlanTitle } from '../app/planTitle';

/**
 * The plan new records are made under. The plan catalogue is large, so it loads in its own chunk
 * when the first screen that needs it opens (precached, so offline too). A plan the server sent
 * (a revision, or another plan made active: see follow.ts) takes precedence, and screens showing
 * the plan re-render when a sync brings a new one.
 */
let pending: Promise<Catalogue> | null = null;
let loaded: Catalogue | null = null;
let bundled: Catalogue | null = null;
const listeners = new Set<() => void>();
/**
 * The plan in use with the measures its earlier revisions had and it removed: what reports show.
 * Folded on the first report, not at load, so forms don't parse revisions they never show.
 */
const forReports = new WeakMap<Catalogue, Promise<Catalogue>>();
/** Revisions parsed for records made under them, by revisionKey. */
const revisions = new Map<string, Catalogue>();

type PlanModule = typeof import('../../shared/plan/index');

async function load(): Promise<Catalogue> {
  const plan = await import('../../shared/plan/index');
  bundled = plan.defaultCatalogue;
  let catalogue = bundled;
  try {
    const stored = await getStoredCatalogue((await getActivePlanId()) ?? bundled.id);
    if (stored) catalogue = plan.loadCatalogue(stored);
  } catch {
    // A stored catalogue that no longer parses is ignored: the bundled one is always valid.
  }
  void setMeta(META.catalogueVersion, catalogue.version).catch(() => undefined);
  rememberPlanTitle(catalogue === bundled ? null : catalogue.title);
  loaded = catalogue;
  return catalogue;
}

/** The revisions of the plan this device holds, oldest first as the server listed them, folded into it for reports. */
async function withEarlierRevisions(catalogue: Catalogue): Promise<Catalogue> {
  const plan = await import('../../shared/plan/index');
  const listed = (await getServerPlans()).find((p) => p.id === catalogue.id);
  const earlier: Catalogue[] = catalogue.id === bundled!.id ? [bundled!] : [];
  for (const version of listed?.earlier ?? []) {
    const held = await parsedRevision({ id: catalogue.id, version }, plan);
    if (held) earlier.push(held);
  }
  return withWithdrawnMeasures(catalogue, earlier);
}

async function parsedRevision(ref: PlanRef, plan: PlanModule): Promise<Catalogue | null> {
  const key = revisionKey(ref.id, ref.version);
  const known = revisions.get(key);
  if (known) return known;
  try {
    const stored = await getStoredRevision(ref);
    if (!stored) return null;
    const parsed = plan.loadCatalogue(stored);
    revisions.set(key, parsed);
    return parsed;
  } catch {
    return null;
  }
}

export function catalogueResource(): Promise<Catalogue> {
  pending ??= load().catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

/** After a sync stored a new plan or changed the active one: load it, then show it everywhere. */
export async function reloadCatalogue(): Promise<Catalogue> {
  const next = load();
  const catalogue = await next;
  pending = next;
  forRecords.clear();
  listeners.forEach((l) => l());
  return catalogue;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The plan a record being edited was made under (RecordPlan.tsx): its form shows and checks that
 * plan's measures, whichever plan new records are made under now.
 */
export const RecordPlanContext = createContext<Catalogue | null>(null);

/**
 * Suspends until the catalogue is loaded; re-renders when another plan becomes the one in use.
 * Inside the form of a stored record: the plan that record was made under.
 */
export function useCatalogue(): Catalogue {
  const own = useContext(RecordPlanContext);
  const current = useSyncExternalStore(subscribe, () => loaded);
  return own ?? current ?? use(catalogueResource());
}

/** The plan in use for reports: with the measures its earlier revisions had, marked withdrawn, so their records count. */
export function useReportCatalogue(): Catalogue {
  const current = useSyncExternalStore(subscribe, () => loaded) ?? use(catalogueResource());
  return use(reportCatalogueResource(current));
}

function reportCatalogueResource(current: Catalogue): Promise<Catalogue> {
  let folded = forReports.get(current);
  if (!folded) {
    // A revision that cannot be read leaves the report on the plan in use, never without one.
    folded = withEarlierRevisions(current).catch(() => current);
    forReports.set(current, folded);
  }
  return folded;
}

/**
 * The plan a stored record was made under: the revision it names if this device holds it, else
 * that plan's current revision, else the plan in use. No plan named: the plan built into the app.
 */
export async function catalogueForRecord(ref: PlanRef | undefined): Promise<Catalogue> {
  const active = await catalogueResource();
  if (!ref) return bundled!;
  if (ref.id === active.id && ref.version === active.version) return active;
  if (ref.id === bundled!.id && ref.version === bundled!.version) return bundled!;
  const plan = await import('../../shared/plan/index');
  const own = await parsedRevision(ref, plan);
  if (own) return own;
  if (ref.id === active.id) return active;
  const current = await getStoredCatalogue(ref.id).catch(() => null);
  if (current) {
    try {
      return plan.loadCatalogue(current);
    } catch {
      // not parseable: the built-in or active plan below
    }
  }
  return ref.id === bundled!.id ? bundled! : active;
}

/** One look-up per plan revision until the plans change: `use` needs the same promise on every render. */
const forRecords = new Map<string, Promise<Catalogue>>();

export function recordCatalogueResource(ref: PlanRef | undefined): Promise<Catalogue> {
  const key = ref ? revisionKey(ref.id, ref.version) : '';
  let found = forRecords.get(key);
  if (!found) {
    found = catalogueForRecord(ref);
    forRecords.set(key, found);
    found.catch(() => forRecords.delete(key));
  }
  return found;
}

/** The plan a new record names: none for the plan built into the app (what a record without one means). */
export function planRefForRecords(catalogue: Catalogue): PlanRef | undefined {
  return catalogue === bundled ? undefined : planRefOf(catalogue);
}

/** The plan built into the app (loads its chunk). */
export async function bundledCatalogue(): Promise<Catalogue> {
  await catalogueResource();
  return bundled!;
}
