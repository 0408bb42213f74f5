import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { AggregateRow, StoredRecordRow } from './rows';

/**
 * Keeps the report aggregates (aggregates.ts) honest: every write to `records` or
 * `serverRecords`, whatever the path (saveRecord, delete, pull apply, settle, re-authoring,
 * encryption in place, a reset), marks the buckets of the rows it replaces and of the rows it
 * writes stale, in the same transaction. This DBCore middleware widens each read-write
 * transaction on those tables to `aggregates`, so no caller can forget it. A mark is a blind put
 * of the bucket's clear key with a fresh mark and no figures: no codec, no read of the bucket.
 */

const RECORD_TABLES = new Set(['records', 'serverRecords']);
export const AGGREGATES = 'aggregates';

/** A bucket's key: the month of the row's `date` and its measure. */
export function bucketOf(row: Pick<StoredRecordRow, 'measureId' | 'date'>): { key: string; measureId: string; month: string } {
  const month = row.date.slice(0, 7);
  return { key: `${month}|${row.measureId}`, measureId: row.measureId, month };
}

let marks = 0;
/** A fresh mark: a stale bucket whose mark changed was written meanwhile. */
function newMark(): string {
  marks += 1;
  return `${Date.now().toString(36)}.${marks.toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}

export function staleRow(row: Pick<StoredRecordRow, 'measureId' | 'date'>): AggregateRow {
  return { ...bucketOf(row), stale: true, mark: newMark(), sealed: null };
}

function hasStore(trans: DBCoreTransaction, name: string): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return names ? names.contains(name) : false;
}

/** Aborts the transaction, then passes the error on. */
function abortWith(trans: DBCoreTransaction): (error: unknown) => never {
  return (error) => {
    try {
      (trans as unknown as IDBTransaction).abort();
    } catch {
      // already finished or aborting: nothing of it will commit
    }
    throw error;
  };
}

type Row = Pick<StoredRecordRow, 'id' | 'measureId' | 'date'> | undefined;
const columns = (row: Row): Row => (row ? { id: row.id, measureId: row.measureId, date: row.date } : undefined);

/**
 * Rows a read-write transaction already read or wrote, by table and key: a write that read its
 * row first (every write path does, for its checks) costs no second read here.
 */
const known = new WeakMap<DBCoreTransaction, Map<string, Map<unknown, Row>>>();

function knownIn(trans: DBCoreTransaction, table: string): Map<unknown, Row> {
  let tables = known.get(trans);
  if (!tables) known.set(trans, (tables = new Map()));
  let rows = tables.get(table);
  if (!rows) tables.set(table, (rows = new Map()));
  return rows;
}

async function rowsIn(table: DBCoreTable, trans: DBCoreTransaction, req: DBCoreMutateRequest): Promise<Row[]> {
  if (req.type === 'deleteRange') {
    const all = await table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } });
    return (all.result as Row[]).map(columns);
  }
  const keys: unknown[] = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v: { id: string }) => v.id));
  const cache = knownIn(trans, table.name);
  const missing = keys.filter((k) => !cache.has(k));
  if (missing.length) {
    const got = (await table.getMany({ trans, keys: missing })) as Row[];
    missing.forEach((k, i) => cache.set(k, columns(got[i])));
  }
  return keys.map((k) => cache.get(k));
}

/** Marks the buckets a mutation of a record table touches as stale, in its transaction. */
function markingTable(down: DBCore, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    async get(req) {
      const row = (await table.get(req)) as Row;
      if (hasStore(req.trans, AGGREGATES)) knownIn(req.trans, table.name).set(req.key, columns(row));
      return row;
    },
    async getMany(req) {
      const rows = (await table.getMany(req)) as Row[];
      if (hasStore(req.trans, AGGREGATES)) {
        const cache = knownIn(req.trans, table.name);
        req.keys.forEach((k, i) => cache.set(k, columns(rows[i])));
      }
      return rows;
    },
    async query(req) {
      const res = await table.query(req);
      // A range read on the key (keyRuns.ts) knows its rows as well as a getMany does.
      if (req.values && req.query.index.isPrimaryKey && hasStore(req.trans, AGGREGATES)) {
        const cache = knownIn(req.trans, table.name);
        for (const row of res.result as Row[]) if (row) cache.set(row.id, columns(row));
      }
      return res;
    },
    async mutate(req) {
      const { trans } = req;
      if (!hasStore(trans, AGGREGATES)) return table.mutate(req);
      // An add replaces nothing (it fails if the key is taken): no rows to read.
      const touched: Row[] = req.type === 'add' ? [] : await rowsIn(table, trans, req);
      if (req.type === 'add' || req.type === 'put') touched.push(...(req.values as Row[]));
      // An own record that goes lets the server copy of the same id count again (aggregates.ts).
      if (table.name === 'records' && (req.type === 'delete' || req.type === 'deleteRange') && hasStore(trans, 'serverRecords')) {
        const ids = touched.flatMap((r) => (r ? [r.id] : []));
        if (ids.length) touched.push(...((await down.table('serverRecords').getMany({ trans, keys: ids })) as Row[]));
      }
      const stale = new Map<string, AggregateRow>();
      for (const row of touched) if (row) stale.set(bucketOf(row).key, staleRow(row));
      const values = [...stale.values()];
      // The marks and the write go out together, one round trip. Marks that fail abort the
      // transaction, so the write never lands without them even if a caller catches the error.
      const marked = values.length ? down.table(AGGREGATES).mutate({ type: 'put', trans, values, keys: values.map((v) => v.key) }).catch(abortWith(trans)) : null;
      const [, result] = await Promise.all([marked, table.mutate(req)]);
      const cache = knownIn(trans, table.name);
      if (req.type === 'deleteRange') cache.clear();
      else if (req.type === 'delete') for (const k of req.keys) cache.set(k, undefined);
      else req.values.forEach((v: Row) => cache.set(v!.id, columns(v)));
      return result;
    },
  };
}

export const aggregatesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ReportAggregates',
  create: (down) => ({
    ...down,
    transaction(stores, mode, options) {
      const widened =
        mode === 'readwrite' && stores.some((s) => RECORD_TABLES.has(s)) && down.schema.tables.some((t) => t.name === AGGREGATES)
          ? [...new Set([...stores, AGGREGATES, ...(stores.includes('records') && down.schema.tables.some((t) => t.name === 'serverRecords') ? ['serverRecords'] : [])])]
          : stores;
      return down.transaction(widened, mode, options);
    },
    table(name) {
      const table = down.table(name);
      return RECORD_TABLES.has(name) ? markingTable(down, table) : table;
    },
  }),
};
