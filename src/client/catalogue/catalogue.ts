import { use, useSyncExternalStore } from 'react';
import type { Catalogue } from '../../shared/plan/catalogue-schema';
import { planRefOf } from '../../shared/plan/plan-id';
import type { PlanRef } from '../../shared/plan/plan-ref';
import { getActivePlanId, getStoredCatalogue } from '../data/catalogues';
import { META, setMeta } from '../data/meta';

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
  loaded = catalogue;
  return catalogue;
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
  listeners.forEach((l) => l());
  return catalogue;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Suspends until the catalogue is loaded; re-renders when another plan becomes the one in use. */
export function useCatalogue(): Catalogue {
  const current = useSyncExternalStore(subscribe, () => loaded);
  return current ?? use(catalogueResource());
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
