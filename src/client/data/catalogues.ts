import type { PulledPlan } from '../../shared/plan/plan-protocol';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getMeta, META, setMeta } from './meta';

/** A plan the server sent (a revision of the built-in one, or another plan), if any. */
export async function getStoredCatalogue(id: string): Promise<unknown | null> {
  return (await getDb().catalogues.get(id))?.data ?? null;
}

/** The version of the plan stored for an id, if any. */
export async function getStoredPlanVersion(id: string): Promise<string | null> {
  return (await getDb().catalogues.get(id))?.version ?? null;
}

export async function storeCatalogue(id: string, version: string, data: unknown): Promise<void> {
  await guardWrite(() => getDb().catalogues.put({ id, version, receivedAt: new Date().toISOString(), data }));
}

/** The plan new records are made under, as this device last learned it; undefined: the built-in one. */
export async function getActivePlanId(): Promise<string | undefined> {
  return getMeta<string>(META.activePlanId);
}

export async function setActivePlanId(id: string): Promise<void> {
  await setMeta(META.activePlanId, id);
}

/** The plans the last pull listed (each plan's current version, which is active). */
export async function getServerPlans(): Promise<PulledPlan[]> {
  return (await getMeta<PulledPlan[]>(META.serverPlans)) ?? [];
}
