import 'fake-indexeddb/auto';
import Dexie, { type DBCore, type Middleware, type Table } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteByRuns, getByRuns } from '../../../src/client/data/keyRuns';

/**
 * Reads and deletes by runs of neighbouring keys: exactly the keys asked for, whatever lies
 * between them, and one request per run (counted on the database's core) where a key at a time
 * would take one per key.
 */

type Key = [string, number];
interface Item {
  id: string;
  revision: number;
  note: string;
}

const requests: string[] = [];
const counting: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'CountRequests',
  create: (down) => ({
    ...down,
    table: (name) => {
      const t = down.table(name);
      return {
        ...t,
        mutate: (req) => (requests.push(req.type), t.mutate(req)),
        getMany: (req) => (requests.push('getMany'), t.getMany(req)),
        query: (req) => (requests.push(req.values ? 'rows' : 'keys'), t.query(req)),
      };
    },
  }),
};

let n = 0;
let items: Table<Item, Key>;
const key = (i: number): Key => [`id-${String(i).padStart(3, '0')}`, 1];

beforeEach(async () => {
  const db = new Dexie(`keyRuns-${n++}`);
  db.use(counting);
  db.version(1).stores({ items: '[id+revision], id' });
  items = db.table('items');
  await items.bulkPut(Array.from({ length: 100 }, (_, i) => ({ id: key(i)[0], revision: 1, note: `n${i}` })));
  requests.length = 0;
});

const left = async () => (await items.toCollection().primaryKeys()).map((k) => (k as Key)[0]);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => key(from + i));

describe('runs of neighbouring keys', () => {
  it('deletes exactly the keys asked for, one range request per run of neighbours', async () => {
    const gone = [...range(40, 50), ...range(10, 30), key(70), ['id-035', 2] as Key];
    await items.db.transaction('rw', items, () => deleteByRuns(items, gone));
    const expected = range(0, 100)
      .filter((_, i) => !((i >= 10 && i < 30) || (i >= 40 && i < 50) || i === 70))
      .map((k) => k[0]);
    expect(await left()).toEqual(expected);
    expect(requests.filter((r) => r === 'deleteRange')).toHaveLength(2);
    // the lone key 70 goes as a single delete; the absent revision is never asked for
    expect(requests.filter((r) => r === 'delete')).toHaveLength(1);
  });

  it('falls back to a request per key when the keys are spread thin over the table', async () => {
    await items.db.transaction('rw', items, () => deleteByRuns(items, [key(0), key(50), key(99)]));
    expect(await left()).toHaveLength(97);
    expect(await items.get(key(50))).toBeUndefined();
    expect(requests).not.toContain('deleteRange');
    expect(requests.filter((r) => r === 'delete')).toHaveLength(1);
  });

  it('reads rows in the order asked, undefined where none, one range read per run', async () => {
    const asked = [key(22), key(20), ['id-021', 9] as Key, key(21), key(26), key(22)];
    const rows = await items.db.transaction('r', items, () => getByRuns(items, asked));
    expect(rows.map((r) => r?.note)).toEqual(['n22', 'n20', undefined, 'n21', 'n26', 'n22']);
    expect(requests.filter((r) => r === 'rows')).toHaveLength(2);
    expect(requests).not.toContain('getMany');
  });

  it('reads spread-out keys one by one, and one key as itself', async () => {
    const rows = await getByRuns(items, [key(99), key(0), key(50)]);
    expect(rows.map((r) => r?.note)).toEqual(['n99', 'n0', 'n50']);
    expect(requests).toContain('getMany');
    expect((await getByRuns(items, [key(7)]))[0]?.note).toBe('n7');
  });
});
