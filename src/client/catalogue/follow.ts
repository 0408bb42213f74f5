import type { SyncTransport } from '../../shared/sync/engine';
import type { PulledPlan } from '../../shared/plan/plan-protocol';
import { validatePlan } from '../../shared/plan/validate-plan';
import { getActivePlanId, getServerPlans, heldPlanVersions, setActivePlanId, storeCatalogue, storeEarlierRevision } from '../data/catalogues';
import { bundledCatalogue, reloadCatalogue } from './catalogue';

/**
 * After a pull: fetch each plan revision the server listed that this device does not hold (a
 * plan's current one, and its earlier ones: records made under them keep their rules), and
 * follow the server's active plan once the device holds it. A device that cannot fetch (offline
 * in between, a refusal) keeps working on the plan it has and tries on the next sync. A plan that
 * does not check out is not kept. Returns whether what the device holds changed.
 */
export async function followServerPlans(transport: SyncTransport): Promise<boolean> {
  const listed = await getServerPlans();
  if (listed.length === 0 || !transport.plan) return false;
  const bundled = await bundledCatalogue();
  let changed = false;
  const held = new Set<string>();
  for (const p of listed) {
    const versions = await heldPlanVersions(p.id);
    if (p.id === bundled.id) versions.add(bundled.version);
    for (const version of p.earlier ?? []) {
      if (versions.has(version)) continue;
      if (await fetchRevision(transport, p, version)) changed = true;
    }
    if (versions.has(p.version) || (await fetchRevision(transport, p))) held.add(p.id);
    if (!versions.has(p.version) && held.has(p.id)) changed = true;
  }
  const active = listed.find((p) => p.active);
  const before = (await getActivePlanId()) ?? bundled.id;
  if (active && held.has(active.id) && active.id !== before) {
    await setActivePlanId(active.id);
    changed = true;
  }
  if (changed) await reloadCatalogue();
  return changed;
}

/** Fetches and keeps a plan's current revision (no version) or an earlier one; false: not fetched or not valid. */
async function fetchRevision(transport: SyncTransport, listed: PulledPlan, version?: string): Promise<boolean> {
  const answer = await transport.plan!(listed.id, version);
  if (!answer.ok) return false;
  const check = validatePlan(answer.value);
  if (!check.ok || check.catalogue.id !== listed.id) return false;
  // the current revision may be newer than the listing by now: it is kept as what it says it is
  if (!version) await storeCatalogue(listed.id, check.catalogue.version, check.catalogue);
  else if (check.catalogue.version === version) await storeEarlierRevision(listed.id, version, check.catalogue);
  else return false;
  return true;
}
