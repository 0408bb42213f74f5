import 'fake-indexeddb/auto';
import type { DBCoreMutateRequest } from 'dexie';
import { FieldDb, setDatabase } from '../../src/client/data/db';
import { holdKey } from '../../src/client/data/vault/lockState';
import type { Author } from '../../src/shared/records/build';
import type { EventContent, ServiceLogContent } from '../../src/shared/records/schemas';

let n = 0;

/** A data key, as if the PIN had been typed: the tests read and write encrypted, as the app does. */
export const testKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** The app unlocked with `testKey` (the default codec refuses everything while locked). */
export function unlockForTests(): void {
  holdKey(testKey, 'test-vault');
}

/** A fresh, empty device database (fake IndexedDB) used by the data module from now on, unlocked. */
export function freshDb(): FieldDb {
  const db = new FieldDb(`test-${process.pid}-${Date.now()}-${n++}`);
  setDatabase(db);
  unlockForTests();
  return db;
}

/**
 * Writes to `db` fail with what `refuse` returns for them (nothing: they go through): a disk that
 * fills up, or one write refused on purpose, as the app meets them, from inside Dexie.
 */
export function refuseWrites(db: FieldDb, refuse: (table: string, request: DBCoreMutateRequest) => unknown): void {
  db.use({
    stack: 'dbcore',
    name: 'refuse-writes',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) => {
            const error = refuse(name, req);
            return error ? Promise.reject(error) : table.mutate(req);
          },
        };
      },
    }),
  });
}

export const author: Author = { authorId: 'local:worker-1', deviceId: 'device-1', teamId: 'local-team:brigade-3' };

export function serviceLog(total = 3): ServiceLogContent {
  return {
    kind: 'serviceLog',
    measureId: '7.3',
    indicatorId: '7.3.i1',
    date: '2023-05-02',
    district: 'not_stated',
    serviceType: 'psychosocial_consultation',
    served: { cells: total > 0 ? [{ sex: 'female', ageBand: '18-34', group: 'idp', count: total }] : [], total },
  };
}

export function event(title = 'Тренінг з безпеки'): EventContent {
  return {
    kind: 'event',
    measureId: '1.1',
    title,
    format: 'training',
    startDate: '2023-03-01',
    endDate: '2023-03-01',
    venue: { mode: 'online' },
    organiser: 'Центр',
    attendance: { cells: [{ sex: 'male', ageBand: '35-59', count: 2 }], total: 2 },
    materials: { produced: 1, distributed: 10 },
  };
}
