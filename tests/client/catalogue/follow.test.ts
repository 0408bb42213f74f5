import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { bundledCatalogue, catalogueForRecord, catalogueResource } from '../../../src/client/catalogue/catalogue';
import { followServerPlans } from '../../../src/client/catalogue/follow';
import { getActivePlanId, getStoredPlanVersion, heldPlanVersions } from '../../../src/client/data/catalogues';
import { META, setMeta } from '../../../src/client/data/meta';
import type { Catalogue } from '../../../src/shared/plan/catalogue-schema';
import { BUILT_IN_PLAN_ID } from '../../../src/shared/plan/plan-ref';
import type { PulledPlan } from '../../../src/shared/plan/plan-protocol';
import type { SyncTransport } from '../../../src/shared/sync/engine';

/**
 * A plan revision reaching a device (issue 13): after a pull the device fetches the current
 * revision and the earlier ones it lacks, once each, keeps the revision a new one replaces, and
 * a stored record's form is checked by the revision the record names.
 */
const v1 = JSON.parse(readFileSync('tests/fixtures/other-territory-plan.json', 'utf8')) as Catalogue;
const at = (version: string): Catalogue => ({ ...structuredClone(v1), version });
const server = new Map<string, Catalogue>([['test.1', v1], ['test.2', at('test.2')], ['test.3', at('test.3')]]);
let current = 'test.2';
const asked: string[] = [];

const transport = {
  plan: async (id: string, version?: string) => {
    asked.push(`${id}@${version ?? 'current'}`);
    const body = server.get(version ?? current);
    return body ? { ok: true as const, value: body } : { ok: false as const, failure: { kind: 'server' as const, status: 404, message: 'not found' } };
  },
} as unknown as SyncTransport;

async function listed(version: string, earlier: string[]): Promise<void> {
  current = version;
  const plans: PulledPlan[] = [
    { id: BUILT_IN_PLAN_ID, version: (await bundledCatalogue()).version, active: false },
    { id: v1.id, version, active: true, earlier },
  ];
  await setMeta(META.serverPlans, plans);
}

describe('plan revisions on a device', () => {
  beforeAll(() => void freshDb());

  it('fetches the current revision and the earlier ones it lacks, then follows the active plan', async () => {
    await listed('test.2', ['test.1']);
    expect(await followServerPlans(transport)).toBe(true);
    expect(asked.splice(0)).toEqual([`${v1.id}@test.1`, `${v1.id}@current`]);
    expect(await getActivePlanId()).toBe(v1.id);
    expect((await catalogueResource()).version).toBe('test.2');
    expect([...(await heldPlanVersions(v1.id))].sort()).toEqual(['test.1', 'test.2']);
    // nothing new: nothing fetched, nothing changed
    expect(await followServerPlans(transport)).toBe(false);
    expect(asked.splice(0)).toEqual([]);
  });

  it('a new revision keeps the one it replaces, which is not fetched again', async () => {
    await listed('test.3', ['test.1', 'test.2']);
    expect(await followServerPlans(transport)).toBe(true);
    expect(asked.splice(0)).toEqual([`${v1.id}@current`]);
    expect(await getStoredPlanVersion(v1.id)).toBe('test.3');
    expect([...(await heldPlanVersions(v1.id))].sort()).toEqual(['test.1', 'test.2', 'test.3']);
  });

  it('a revision that does not check out, or is not the one asked for, is not kept', async () => {
    server.set('test.4', { ...at('test.4'), years: [] } as Catalogue);
    server.set('test.5', at('test.6'));
    await listed('test.4', ['test.1', 'test.2', 'test.3', 'test.5']);
    expect(await followServerPlans(transport)).toBe(false);
    expect(asked.splice(0)).toEqual([`${v1.id}@test.5`, `${v1.id}@current`]);
    expect([...(await heldPlanVersions(v1.id))].sort()).toEqual(['test.1', 'test.2', 'test.3']);
    expect((await catalogueResource()).version).toBe('test.3');
  });

  it('a stored record is edited under the revision it names, else its plan’s current one; none named: the built-in plan', async () => {
    expect((await catalogueForRecord({ id: v1.id, version: 'test.1' })).version).toBe('test.1');
    expect((await catalogueForRecord({ id: v1.id, version: 'test.2' })).version).toBe('test.2');
    expect(await catalogueForRecord({ id: v1.id, version: 'test.3' })).toBe(await catalogueResource());
    expect((await catalogueForRecord({ id: v1.id, version: 'never' })).version).toBe('test.3');
    expect((await catalogueForRecord(undefined)).id).toBe(BUILT_IN_PLAN_ID);
  });
});
