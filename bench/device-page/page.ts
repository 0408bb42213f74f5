import { defaultCatalogue, allMeasures, measureYears } from '../../src/shared/plan';
import { NOT_STATED, valueIds, type CellDimension } from '../../src/shared/dimensions';
import type { CountCell } from '../../src/shared/records/counts';
import { createRecord } from '../../src/shared/records/build';
import type { RecordContent } from '../../src/shared/records/schemas';
import { getCodec } from '../../src/client/data/codec';
import Dexie from 'dexie';
import { DB_NAME, getDb, schemaVersions } from '../../src/client/data/db';
import { rowFor, saveRecord } from '../../src/client/data/recordStore';
import { currentAuthor, saveLocalIdentity } from '../../src/client/data/session';
import { setUpPin } from '../../src/client/data/vault/unlock';
import { startLockChannel } from '../../src/client/data/vault/lockChannel';
import type { OutboxRow, StoredRecordRow } from '../../src/client/data/rows';
import { reportFromDevice } from '../../src/client/features/reports/useReport';
import { random } from '../random';

/**
 * The in-page half of bench/device.ts, built by Vite into /dist-bench-device/ and served at
 * /bench-device/ on the same origin as the app, so it opens the app's own database. It sets the
 * PIN through the app's vault code, says who works here (a local identity), seeds records as the
 * app's write path stores them (created, sealed, encrypted by the codec, the same row and outbox
 * entry), and times the app's own functions beside raw IndexedDB in the same page. It also keeps
 * the lock channel open, so an app tab opened next gets the data key without a PIN.
 */

const YEAR = 2023;
const DISTRICTS = defaultCatalogue.districts.map((d) => d.id);
const pick = <T>(xs: readonly T[], r: number): T => xs[Math.floor(r * xs.length)]!;

function sources(source: 'servicePersons' | 'eventAttendance') {
  return allMeasures(defaultCatalogue).flatMap(({ measure }) => {
    if (!measureYears(measure, defaultCatalogue).includes(YEAR)) return [];
    const indicators = (measure.indicators ?? []).filter((i) => i.kind === 'count' && i.source === source);
    if (indicators.length === 0) return [];
    const dims = new Set(indicators.flatMap((i) => (i.kind === 'count' ? i.dimensions : [])) as CellDimension[]);
    return [{ measure, indicatorId: indicators[0]!.id, dims }];
  });
}
const serviceSources = sources('servicePersons');
const eventSources = sources('eventAttendance');
const sexes = ['female', 'female', 'male', NOT_STATED];
const ages = ['35-59', '18-34', '60+', '14-17', '0-13', NOT_STATED];
const groups = valueIds('group');
const spheres = valueIds('sphere').filter((s) => s !== NOT_STATED);

function cells(next: () => number, dims: Set<CellDimension>, n: number, max: number): CountCell[] {
  const seen = new Set<string>();
  const out: CountCell[] = [];
  for (let i = 0; i < n; i++) {
    const cell = { count: 1 + Math.floor(next() * max) } as CountCell;
    if (dims.has('sex')) cell.sex = pick(sexes, next());
    if (dims.has('ageBand')) cell.ageBand = pick(ages, next());
    if (dims.has('group')) cell.group = pick(groups, next() * next());
    if (dims.has('sphere')) cell.sphere = pick(spheres, next());
    const key = `${cell.sex}|${cell.ageBand}|${cell.group}|${cell.sphere}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(cell);
  }
  return out;
}

function dateIn2023(next: () => number): string {
  return new Date(Date.UTC(YEAR, 0, 1) + Math.floor(next() * 365) * 86_400_000).toISOString().slice(0, 10);
}

/** One record's content: mostly consultations, some events, as a brigade records them. */
export function content(next: () => number): RecordContent {
  const date = dateIn2023(next);
  const district = pick(DISTRICTS, next());
  if (next() < 0.85) {
    const s = pick(serviceSources, next());
    const served = cells(next, s.dims, next() < 0.6 ? 1 : 3, 4);
    return {
      kind: 'serviceLog', measureId: s.measure.id, indicatorId: s.indicatorId, date, district,
      serviceType: 'psychosocial_consultation', served: { cells: served, total: served.reduce((a, c) => a + c.count, 0) },
    } as RecordContent;
  }
  const s = pick(eventSources, next());
  const attendance = cells(next, s.dims, 2 + Math.floor(next() * 5), 25);
  return {
    kind: 'event', measureId: s.measure.id, title: 'Тренінг «Безпечний простір»', format: 'training', startDate: date, endDate: date,
    venue: next() < 0.8 ? { mode: 'in_person', place: 'Бібліотека на Подолі', district } : { mode: 'online' },
    organiser: 'Київський міський центр', attendance: { cells: attendance, total: attendance.reduce((a, c) => a + c.count, 0) },
    materials: { produced: next() < 0.2 ? 2 : 0, distributed: 0 },
  } as RecordContent;
}

const PIN = '472915';

async function setup(): Promise<void> {
  startLockChannel({ onLock: () => undefined, onActivity: () => undefined });
  await setUpPin(PIN, 'pin');
  await saveLocalIdentity({ displayName: 'Олена', teamName: 'Мобільна бригада 3', role: 'field_worker' });
}

/**
 * `count` records made over the last year (their last change spread over 365 days up to now, so
 * about count/365 are today's): 80 % sent, 15 % waiting in the outbox, 5 % drafts. Each is the row
 * saveRecord would write for it; written in bulk, not timed.
 */
async function seed(count: number, seedValue = 1325): Promise<void> {
  const next = random(seedValue);
  const author = await currentAuthor();
  const db = getDb();
  const now = Date.now();
  const CHUNK = 1000;
  for (let start = 0; start < count; start += CHUNK) {
    const rows: StoredRecordRow[] = [];
    const outbox: OutboxRow[] = [];
    for (let n = start; n < Math.min(count, start + CHUNK); n++) {
      const at = new Date(now - Math.floor(next() * 365 * 86_400_000));
      const record = createRecord(content(next), author, at);
      const r = next();
      const status = r < 0.8 ? 'sent' : r < 0.95 ? 'ready' : 'draft';
      const row = rowFor(record, status, null, await getCodec().encode(record));
      if (status === 'sent') row.syncedRevision = record.revision;
      rows.push(row);
      if (status === 'ready')
        outbox.push({ recordId: record.id, revision: record.revision, state: 'queued', queuedAt: record.updatedAt, batchId: null, frozen: null, attempts: 0, lastError: null });
    }
    await db.transaction('rw', db.records, db.outbox, async () => {
      await db.records.bulkPut(rows);
      await db.outbox.bulkPut(outbox);
    });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The whole records table, read with one raw getAll (no decoding): the report's limit. */
function rawGetAll(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('kyiv-1325-field');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const idb = open.result;
      const t0 = performance.now();
      const req = idb.transaction('records').objectStore('records').getAll();
      req.onsuccess = () => {
        const ms = performance.now() - t0;
        idb.close();
        resolve(ms);
      };
      req.onerror = () => reject(req.error);
    };
  });
}

/** The device report of the year as the report screen makes it, beside a raw getAll of the records. */
async function report(runs: number): Promise<{ product: number; limit: number; measures: number; first: number }> {
  const product: number[] = [];
  const limit: number[] = [];
  let measures = 0;
  const filter = { year: YEAR, period: { kind: 'year' as const }, includePending: true };
  // The first report after the bulk seed (which wrote every record at once, so every bucket of
  // the report's aggregates is stale; a device in use has at most the buckets changed since its
  // last report stale): reported on its own, not in the median.
  let t = performance.now();
  await reportFromDevice(defaultCatalogue, filter, `${YEAR}-12-31`);
  const first = performance.now() - t;
  for (let i = 0; i < runs; i++) {
    limit.push(await rawGetAll());
    t = performance.now();
    const r = await reportFromDevice(defaultCatalogue, filter, `${YEAR}-12-31`);
    product.push(performance.now() - t);
    measures = r.measures.filter((m) => m.peopleReached > 0).length;
  }
  return { product: median(product), limit: median(limit), measures, first };
}

/**
 * saveRecord of new consultations, beside the limit: the same record encoded by the codec and
 * put with its outbox entry by raw IndexedDB, one transaction per record. Interleaved in chunks
 * (product, limit, Dexie's floor, product, ...) so all see the same machine; per record, median of
 * the chunks. Rows written by the limit and the floor bypass the app (and its report aggregates):
 * this runs last on each device.
 */
async function saves(total: number, chunks: number): Promise<{ product: number; limit: number; dexie: number }> {
  const next = random(77);
  const author = await currentAuthor();
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('kyiv-1325-field');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  // Dexie's own floor, for the note: the same row and entry put in one Dexie transaction after a
  // get, on a second connection without the app's middleware.
  const plain = new Dexie(DB_NAME);
  for (const v of schemaVersions) plain.version(v.version).stores(v.stores);
  await plain.open();
  const per = Math.ceil(total / chunks);
  const product: number[] = [];
  const limit: number[] = [];
  const dexie: number[] = [];
  for (let c = 0; c < chunks; c++) {
    const contents = Array.from({ length: per }, () => content(next));
    let t0 = performance.now();
    for (const body of contents) await saveRecord(crypto.randomUUID(), body, 'ready', author);
    product.push((performance.now() - t0) / per);
    const records = contents.map((body) => createRecord(body, author));
    t0 = performance.now();
    for (const record of records) {
      const row = rowFor(record, 'ready', null, await getCodec().encode(record));
      await new Promise<void>((resolve, reject) => {
        const tx = idb.transaction(['records', 'outbox'], 'readwrite');
        tx.objectStore('records').put(row);
        tx.objectStore('outbox').put({ recordId: record.id, revision: 1, state: 'queued', queuedAt: record.updatedAt, batchId: null, frozen: null, attempts: 0, lastError: null });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    limit.push((performance.now() - t0) / per);
    const more = contents.map((body) => createRecord(body, author));
    t0 = performance.now();
    const [pr, po] = [plain.table('records'), plain.table('outbox')];
    for (const record of more) {
      const row = rowFor(record, 'ready', null, await getCodec().encode(record));
      await plain.transaction('rw', pr, po, async () => {
        await pr.get(record.id);
        await pr.put(row);
        await po.put({ recordId: record.id, revision: 1, state: 'queued', queuedAt: record.updatedAt, batchId: null, frozen: null, attempts: 0, lastError: null });
      });
    }
    dexie.push((performance.now() - t0) / per);
  }
  idb.close();
  plain.close();
  return { product: median(product), limit: median(limit), dexie: median(dexie) };
}

const api = { setup, seed, report, saves };
(window as unknown as { bench: typeof api }).bench = api;
document.getElementById('state')!.textContent = 'ready';
