import type { Author, FieldRecord, PushRequest } from '../../src/shared';
import { httpTransport } from '../../src/shared/sync/http-transport';
import { syncOnce, type SyncProgress } from '../../src/shared/sync/engine';
import { MAX_BATCH_RECORDS, SYNC_PROTOCOL_VERSION } from '../../src/shared/sync/constants';
import { uuidv7 } from '../../src/shared/records/uuid';
import { getCodec, setCodec } from '../../src/client/data/codec';
import { FieldDb, setDatabase } from '../../src/client/data/db';
import { saveRecord } from '../../src/client/data/recordStore';
import { followUnsynced } from '../../src/client/data/status';
import { deviceSyncStore } from '../../src/client/data/syncStore';
import { aesGcmCodec } from '../../src/client/data/vault/aesCodec';
import { eventContent, serviceLogContent } from '../../tests/server/helpers/records';

/**
 * The push bench's page (bench/push.ts drives it): the app's own device database, codec, save
 * path, sync store and shared engine, with nothing of the UI but the header's live "unsynced"
 * query, which the app keeps subscribed on every screen. `window.bench` is what the suite calls.
 */

let dbName = '';
let snapshot: { records: unknown[]; outbox: unknown[] } | null = null;
let stopLive: (() => void) | null = null;
let liveRuns = 0;

async function open(name: string): Promise<void> {
  dbName = name;
  setDatabase(new FieldDb(name));
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  setCodec(aesGcmCodec(key));
}

/** The header's unsynced count, followed as the app follows it while a sync runs (after the seed: saves are not what is measured). */
function watch(): void {
  const sub = followUnsynced().subscribe({ next: () => void liveRuns++, error: (e: unknown) => console.error(e) });
  stopLive = () => sub.unsubscribe();
}

async function close(): Promise<void> {
  stopLive?.();
  stopLive = null;
  setDatabase(null);
  snapshot = null;
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/**
 * n records through the app's save path (saveRecord, status ready: queued for upload), several
 * saves in flight at once (as several tabs would) so a 10,000 backlog is seeded in seconds.
 */
async function seed(n: number, author: Author): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < n; i = next++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const content = i % 4 === 3 ? eventContent({ startDate: `2023-05-${day}`, endDate: `2023-05-${day}` }) : serviceLogContent({ date: `2023-05-${day}` });
      await saveRecord(uuidv7(), content, 'ready', author);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return performance.now() - started;
}

/** The product: one sync of the app's engine over the app's store, push then pull. */
async function product(token: string, userId: string, deviceId: string) {
  let pushEnd = 0;
  const runsBefore = liveRuns;
  const spans: Record<string, number> = {};
  const timed = <T extends object>(target: T): T => {
    const out = { ...target } as Record<string, unknown>;
    for (const [name, fn] of Object.entries(target)) {
      if (typeof fn !== 'function') continue;
      out[name] = async (...args: unknown[]) => {
        const t = performance.now();
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          spans[name] = (spans[name] ?? 0) + performance.now() - t;
        }
      };
    }
    return out as T;
  };
  const started = performance.now();
  const outcome = await syncOnce(timed(deviceSyncStore(userId)), timed(httpTransport({ baseUrl: '', token: () => token })), {
    deviceId,
    onProgress: (p: SyncProgress) => {
      if (p.phase === 'pull' && !pushEnd) pushEnd = performance.now();
    },
  });
  const ended = performance.now();
  if (!outcome.ok) throw new Error(`sync failed: ${JSON.stringify(outcome.failure)}`);
  return { ms: ended - started, pushMs: (pushEnd || ended) - started, outcome, liveRuns: liveRuns - runsBefore, spans };
}

function raw(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The device's rows as they are now, kept in memory, so the same backlog can be pushed twice. */
async function takeSnapshot(): Promise<void> {
  const db = await raw();
  const tx = db.transaction(['records', 'outbox'], 'readonly');
  const [records, outbox] = await Promise.all([request(tx.objectStore('records').getAll()), request(tx.objectStore('outbox').getAll())]);
  snapshot = { records, outbox };
  db.close();
}

async function restoreSnapshot(): Promise<void> {
  if (!snapshot) throw new Error('no snapshot');
  const db = await raw();
  const tx = db.transaction(['records', 'outbox', 'serverRecords', 'meta'], 'readwrite');
  for (const name of ['records', 'outbox', 'serverRecords']) tx.objectStore(name).clear();
  tx.objectStore('meta').delete('pullCursor');
  for (const r of snapshot.records) tx.objectStore('records').put(r);
  for (const o of snapshot.outbox) tx.objectStore('outbox').put(o);
  await done(tx);
  db.close();
}

interface RawOutbox {
  recordId: string;
  revision: number;
  state: string;
}
interface RawRecord {
  id: string;
  status: string;
  payload: { codec: string; data: unknown };
}

/**
 * The limit: the same backlog through a bare pipeline. Per batch of 200: read the next queued
 * outbox rows and their records (raw IndexedDB, one transaction), decrypt the bodies (the same
 * codec), POST them to a bare endpoint (it parses them and answers accepted for each), and write
 * each record's status back with a raw put (and drop its outbox row) in one transaction.
 */
async function bare(url: string, deviceId: string) {
  const db = await raw();
  const started = performance.now();
  let pushed = 0;
  for (;;) {
    const read = db.transaction(['records', 'outbox'], 'readonly');
    const entries: RawOutbox[] = [];
    await new Promise<void>((resolve, reject) => {
      const cursor = read.objectStore('outbox').index('queuedAt').openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || entries.length >= MAX_BATCH_RECORDS) return resolve();
        const e = c.value as RawOutbox;
        if (e.state === 'queued') entries.push(e);
        c.continue();
      };
      cursor.onerror = () => reject(cursor.error);
    });
    if (entries.length === 0) break;
    const rows = (await Promise.all(entries.map((e) => request(read.objectStore('records').get(e.recordId))))) as RawRecord[];
    const records = (await Promise.all(rows.map((r) => getCodec().decode(r.payload)))) as FieldRecord[];
    const body: PushRequest = { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId, records };
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await res.json()) as { results: { status: string; id: string; revision: number }[] };
    if (answer.results.length !== records.length) throw new Error('bare endpoint answered the wrong count');
    const write = db.transaction(['records', 'outbox'], 'readwrite');
    answer.results.forEach((r, i) => {
      if (r.status !== 'accepted') throw new Error(`bare: ${r.status}`);
      write.objectStore('records').put({ ...rows[i]!, status: 'sent' });
      write.objectStore('outbox').delete([entries[i]!.recordId, entries[i]!.revision]);
    });
    await done(write);
    pushed += records.length;
  }
  const ms = performance.now() - started;
  db.close();
  return { ms, pushed };
}

async function counts() {
  const db = await raw();
  const tx = db.transaction(['records', 'outbox', 'serverRecords'], 'readonly');
  const [outbox, records, server, sent] = await Promise.all([
    request(tx.objectStore('outbox').count()),
    request(tx.objectStore('records').count()),
    request(tx.objectStore('serverRecords').count()),
    request(tx.objectStore('records').index('status').count('sent')),
  ]);
  db.close();
  return { outbox, records, server, sent };
}

declare global {
  interface Window {
    bench: typeof api;
  }
}
const api = { open, close, watch, seed, product, takeSnapshot, restoreSnapshot, bare, counts };
window.bench = api;
document.getElementById('state')!.textContent = 'ready';
