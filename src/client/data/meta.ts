import { uuidv7 } from '../../shared/records/uuid';
import { getDb } from './db';
import { guardWrite } from './errors';

export const META = {
  deviceId: 'deviceId',
  lastSyncAt: 'lastSyncAt',
  lastSyncError: 'lastSyncError',
  catalogueVersion: 'catalogueVersion',
  /** the plan catalogue version the server reported on the last pull */
  serverCatalogueVersion: 'serverCatalogueVersion',
  /** `{ id, version, active }[]`: the plans the last pull listed (issue 13) */
  serverPlans: 'serverPlans',
  /** the plan new records are made under, once a sync has brought it (absent: the built-in plan) */
  activePlanId: 'activePlanId',
  /** `{ userId, cursor }`: where the last pull stopped, for that user */
  pullCursor: 'pullCursor',
  /** when someone last logged in to the server on this device (after that, no local identity) */
  serverLoginAt: 'serverLoginAt',
  /** set once every row is encrypted (vault/encryptInPlace.ts): later unlocks skip the scan */
  atRest: 'atRest',
  /** `{ id, name }[]`: the teams the last server answer said reports may name, for names offline */
  reportTeams: 'reportTeams',
  /** sealed `{ userId, fetchedAt, report }`: the server's last completeness answer, shown offline (completenessOnDevice.ts) */
  serverCompleteness: 'serverCompleteness',
} as const;

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await getDb().meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
  await guardWrite(() => getDb().meta.put({ key, value }));
}

/** This device's id: made once, in a transaction, so two tabs opening at once agree on it. */
export async function getDeviceId(): Promise<string> {
  const db = getDb();
  return guardWrite(() =>
    db.transaction('rw', db.meta, async () => {
      const existing = await db.meta.get(META.deviceId);
      if (typeof existing?.value === 'string') return existing.value;
      const id = uuidv7();
      await db.meta.put({ key: META.deviceId, value: id });
      return id;
    }),
  );
}
