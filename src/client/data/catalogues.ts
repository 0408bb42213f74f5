import type { PlanRef } from '../../shared/plan/plan-ref';
import type { PulledPlan } from '../../shared/plan/plan-protocol';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getMeta, META, setMeta } from './meta';

/** The key an earlier revision is kept under: unambiguous, as a plan id has no '@' (a version may). */
export const revisionKey = (id: string, version: string): string => `${id}@${version}`;

/** A plan the server sent (a revision of the built-in one, or another plan), if any. */
export async function getStoredCatalogue(id: string): Promise<unknown | null> {
  return (await getDb().catalogues.get(id))?.data ?? null;
}

/** The version of the plan stored for an id, if any. */
export async function getStoredPlanVersion(id: string): Promise<string | null> {
  return (await getDb().catalogues.get(id))?.version ?? null;
}

/** A plan's new current revision; the one it replaces stays, under its version, for the records made under it. */
export async function storeCatalogue(id: string, version: string, data: unknown): Promise<void> {
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.catalogues, async () => {
      const before = await db.catalogues.get(id);
      if (before && before.version !== version) await db.catalogues.put({ ...before, id: revisionKey(id, before.version) });
      await db.catalogues.put({ id, version, receivedAt: new Date().toISOString(), data });
      await db.catalogues.delete(revisionKey(id, version));
    }),
  );
}

/** An earlier revision of a plan, fetched for the records made under it. */
export async function storeEarlierRevision(id: string, version: string, data: unknown): Promise<void> {
  await guardWrite(() => getDb().catalogues.put({ id: revisionKey(id, version), version, receivedAt: new Date().toISOString(), data }));
}

/** The revision a record names, if this device holds it. */
export async function getStoredRevision(ref: PlanRef): Promise<unknown | null> {
  const current = await getDb().catalogues.get(ref.id);
  if (current?.version === ref.version) return current.data;
  return (await getDb().catalogues.get(revisionKey(ref.id, ref.version)))?.data ?? null;
}

/** The versions of a plan this device holds: its current revision and the earlier ones. */
export async function heldPlanVersions(id: string): Promise<Set<string>> {
  const rows = await getDb().catalogues.where('id').equals(id).or('id').startsWith(revisionKey(id, '')).toArray();
  return new Set(rows.map((r) => r.version));
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
