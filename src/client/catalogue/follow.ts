import type { SyncTransport } from '../../shared/sync/engine';
import { validatePlan } from '../../shared/plan/validate-plan';
import { getActivePlanId, getServerPlans, getStoredPlanVersion, setActivePlanId, storeCatalogue } from '../data/catalogues';
import { bundledCatalogue, reloadCatalogue } from './catalogue';

/**
 * After a pull: fetch each plan revision the server listed that this device does not hold, and
 * follow the server's active plan once the device holds it. A device that cannot fetch (offline
 * in between, a refusal) keeps working on the plan it has and tries on the next sync. A plan that
 * does not check out is not kept. Returns whether the plan in use changed.
 */
export async function followServerPlans(transport: SyncTransport): Promise<boolean> {
  const listed = await getServerPlans();
  if (listed.length === 0 || !transport.plan) return false;
  const bundled = await bundledCatalogue();
  let changed = false;
  const held = new Set<string>();
  for (const p of listed) {
    if (p.id === bundled.id && p.version === bundled.version) {
      held.add(p.id);
      continue;
    }
    if ((await getStoredPlanVersion(p.id)) === p.version) {
      held.add(p.id);
      continue;
    }
    const answer = await transport.plan(p.id);
    if (!answer.ok) continue;
    const check = validatePlan(answer.value);
    if (!check.ok || check.catalogue.id !== p.id) continue;
    await storeCatalogue(p.id, check.catalogue.version, check.catalogue);
    held.add(p.id);
    changed = true;
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
