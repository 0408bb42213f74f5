import 'fake-indexeddb/auto';
import { FieldDb, setDatabase } from '../../src/client/data/db';
import type { Author } from '../../src/shared/records/build';
import type { EventContent, ServiceLogContent } from '../../src/shared/records/schemas';

let n = 0;

/** A fresh, empty device database (fake IndexedDB) used by the data module from now on. */
export function freshDb(): FieldDb {
  const db = new FieldDb(`test-${process.pid}-${Date.now()}-${n++}`);
  setDatabase(db);
  return db;
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
