import Dexie, { cmp, type IndexableType, type Table } from 'dexie';

/**
 * Bulk reads and deletes by runs of neighbouring keys. IndexedDB answers every request with a
 * round trip to the browser's storage process, and for a sync batch of 200 that round trip, not
 * the bytes, is most of the cost: a 10,000-record push spent 1.4 s deleting its outbox entries
 * one request each, 0.3 s by ranges. A batch's keys are mostly neighbours (uuidv7 ids grow with
 * time; the queue is in time order), so the keys between the lowest and the highest are read in
 * one key-only request, and each run of wanted keys with no other key between them is read or
 * deleted as one range. Inside the caller's transaction the keys read cannot change before the
 * range request, so a range holds exactly its run (call these inside one). Keys spread thin over
 * a large table (more than SPARSE others between them per key) go one request each, as before.
 *
 * Written as Dexie promise chains, not async functions: Dexie carries its transaction across
 * native awaits for a limited number of ticks, and the extra awaits of nested async helpers
 * lost it before the write that followed (the report marks' middleware then found no
 * transaction).
 */

const SPARSE = 4;

const keyText = (k: IndexableType): string => JSON.stringify(k);

/** Each run: keys of the table from its first to its last, all of them wanted; null when too sparse. */
function runsOf<T, K extends IndexableType>(table: Table<T, K>, keys: readonly K[]): Dexie.Promise<K[][] | null> {
  const wanted = new Set(keys.map(keyText));
  const sorted = [...keys].sort(cmp);
  const cap = SPARSE * wanted.size;
  return table
    .where(':id')
    .between(sorted[0]!, sorted[sorted.length - 1]!, true, true)
    .limit(cap + 1)
    .primaryKeys()
    .then((between) => {
      if (between.length > cap) return null;
      const runs: K[][] = [];
      let run: K[] = [];
      for (const k of between as K[]) {
        if (wanted.has(keyText(k))) run.push(k);
        else if (run.length) {
          runs.push(run);
          run = [];
        }
      }
      if (run.length) runs.push(run);
      return runs;
    });
}

/** Deletes these keys (absent ones are skipped, as bulkDelete does), a range per run of neighbours. */
export function deleteByRuns<T, K extends IndexableType>(table: Table<T, K>, keys: readonly K[]): Dexie.Promise<void> {
  if (keys.length < 2) return table.bulkDelete([...keys]);
  return runsOf(table, keys).then((runs) => {
    if (!runs) return table.bulkDelete([...keys]);
    const singles = runs.filter((r) => r.length === 1).map((r) => r[0]!);
    const ranges: PromiseLike<unknown>[] = runs.filter((r) => r.length > 1).map((r) => table.where(':id').between(r[0]!, r[r.length - 1]!, true, true).delete());
    return Dexie.Promise.all([table.bulkDelete(singles), ...ranges]).then(() => undefined);
  });
}

/** The rows of these keys, in their order (undefined where none), a range read per run of neighbours. */
export function getByRuns<T, K extends IndexableType>(table: Table<T, K>, keys: readonly K[]): Dexie.Promise<(T | undefined)[]> {
  if (keys.length < 2) return table.bulkGet([...keys]);
  return runsOf(table, keys).then((runs) => {
    if (!runs) return table.bulkGet([...keys]);
    const rows = new Map<string, T>();
    const reads = runs.map((run) =>
      table
        .where(':id')
        .between(run[0]!, run[run.length - 1]!, true, true)
        .toArray()
        // Within the transaction the range holds exactly the run's keys, in key order; outside
        // one a write between the two requests may change it: the run is then read key by key.
        .then((got) => (got.length === run.length ? got : table.bulkGet(run)))
        .then((got) =>
          got.forEach((row, i) => {
            if (row !== undefined) rows.set(keyText(run[i]!), row);
          }),
        ),
    );
    return Dexie.Promise.all(reads).then(() => keys.map((k) => rows.get(keyText(k))));
  });
}
