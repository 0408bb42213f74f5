import { describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { author, freshDb, serviceLog } from '../support';
import { rowFor } from '../../../src/client/data/recordStore';
import { getCodec } from '../../../src/client/data/codec';
import { createRecord } from '../../../src/shared/records/build';

/** The aggregates middleware: a record write never lands without its bucket's stale mark. */

/** Below the app's middleware, nearer the database: every write to `aggregates` fails. */
const refuseMarks: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'RefuseMarks',
  level: 0,
  create: (down) => ({
    ...down,
    table(name) {
      const table = down.table(name);
      return name === 'aggregates' ? { ...table, mutate: () => Promise.reject(new Error('marks refused')) } : table;
    },
  }),
};

describe('aggregate marks', () => {
  it('abort the write when its marks fail, even if the caller catches the error', async () => {
    const db = freshDb();
    db.use(refuseMarks);
    const record = createRecord(serviceLog(3), author);
    const row = rowFor(record, 'ready', null, await getCodec().encode(record));
    const write = db.transaction('rw', db.records, async () => {
      await db.records.put(row).catch(() => undefined);
    });
    await expect(write).rejects.toThrow();
    expect(await db.records.count()).toBe(0);
  });

  it('mark the bucket of a record added without a read', async () => {
    const db = freshDb();
    const record = createRecord(serviceLog(3), author, new Date('2023-05-04T10:00:00Z'));
    const row = rowFor(record, 'ready', null, await getCodec().encode(record));
    await db.transaction('rw', db.records, () => db.records.add(row));
    expect(await db.aggregates.get(`${row.date.slice(0, 7)}|${row.measureId}`)).toMatchObject({ stale: true, sealed: null });
  });
});
