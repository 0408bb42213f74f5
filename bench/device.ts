import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_PATH, chromiumArgs } from '../tests/e2e/support/chromium';
import { contentTypes } from '../tests/e2e/support/static-server';
import { median, type BenchRow } from './report-table';

/**
 * The device with a year's records, in Debian's Chromium: the built app (`dist`) and a bench page
 * (bench/device-page, built by Vite into /dist-bench-device/) served from one origin, so both open
 * the same IndexedDB. For each size (1k, 10k, 50k records) a fresh browser context: the bench page
 * sets the PIN with the app's vault code, says who works here, seeds the records as the app stores
 * them (not timed), then, each beside its limit in the same run, medians of several runs:
 * - Today usable: a new app tab (key handed over by the bench page, as between tabs; 4× CPU
 *   throttle) from navigation to the Today screen showing its counts and its list; beside the
 *   budget (1 s) and the same on an empty device. JS heap after a forced GC, beside the empty device.
 * - the device report of the year (what the report screen calls) beside a raw getAll of records.
 * - saveRecord beside raw IndexedDB (the codec's encode, then one transaction per record with
 *   its outbox entry), interleaved in chunks.
 * - a tally tap on the consultation form to its draft committed in IndexedDB (p95, unthrottled),
 *   beside a raw put from a click in the same page.
 */

const SIZES = [1_000, 10_000, 50_000];
const TODAY_BUDGET_MS = 1000;
const REPORT_BUDGET_MS = 200;
const TAP_BUDGET_MS = 16;
const PAGE_DIR = path.resolve('bench/device-page');
const OUT_DIR = path.resolve('dist-bench-device');
const BENCH_BASE = '/bench-device/';

export async function serve(dist: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = path.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const inBench = pathname.startsWith(BENCH_BASE);
      const root = inBench ? OUT_DIR : dist;
      let file = path.join(root, inBench ? pathname.slice(BENCH_BASE.length) : pathname);
      if (!(await stat(file).catch(() => null))?.isFile()) file = path.join(root, 'index.html');
      res.writeHead(200, { 'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      createReadStream(file).pipe(res);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

interface BenchApi {
  setup(): Promise<void>;
  seed(count: number): Promise<void>;
  report(runs: number): Promise<{ product: number; limit: number; measures: number; first: number }>;
  saves(total: number, chunks: number): Promise<{ product: number; limit: number; dexie: number }>;
}
type BenchWindow = Window & { bench: BenchApi };

export async function benchPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}${BENCH_BASE}`);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  await page.evaluate(() => (window as unknown as BenchWindow).bench.setup());
  return page;
}

/** A new app tab at Today, 4× CPU throttle: ms from navigation to Today showing its counts and list, and the heap after GC. */
async function todayOnce(context: BrowserContext, url: string): Promise<{ ms: number; heapMb: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${url}/`, { waitUntil: 'commit' });
  const ms = await page.waitForFunction(
    () => {
      const unsynced = document.querySelector('[data-testid="today-unsynced"]');
      const list = document.querySelector('[data-testid="today-records"]');
      if (!unsynced || !list || unsynced.textContent === '…' || list.getAttribute('aria-busy') === 'true') return false;
      return performance.now();
    },
    undefined,
    { polling: 'raf', timeout: 180_000 },
  );
  const value = (await ms.jsonValue()) as number;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  await page.close();
  return { ms: value, heapMb: heap / 2 ** 20 };
}

/** Today on the device and on the empty device, run by run in turn, so both see the same machine. */
async function today(context: BrowserContext, empty: BrowserContext, url: string, runs: number): Promise<{ ms: number; heapMb: number; emptyMs: number; emptyHeapMb: number }> {
  await todayOnce(context, url); // installs the service worker, warms the HTTP cache
  const got: { ms: number; heapMb: number }[] = [];
  const floor: { ms: number; heapMb: number }[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await todayOnce(empty, url));
    got.push(await todayOnce(context, url));
  }
  return {
    ms: median(got.map((g) => g.ms)),
    heapMb: median(got.map((g) => g.heapMb)),
    emptyMs: median(floor.map((g) => g.ms)),
    emptyHeapMb: median(floor.map((g) => g.heapMb)),
  };
}

/**
 * Instruments the page: every click's time (event.timeStamp), every committed put into the
 * drafts store, and a bench button outside the app whose click puts a row into `meta` with raw
 * IndexedDB (the limit). Plain JavaScript in a string: a function would be compiled by tsx with
 * helpers the page does not have.
 */
const INSTRUMENT = `
  window.clicks = []; window.commits = []; window.raw = [];
  document.addEventListener('click', (e) => window.clicks.push(e.timeStamp), true);
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === 'drafts') this.transaction.addEventListener('complete', () => window.commits.push(performance.now()));
    return put.apply(this, args);
  };
  let idb = null;
  const req = indexedDB.open('kyiv-1325-field');
  req.onsuccess = () => { idb = req.result; };
  document.addEventListener('DOMContentLoaded', () => {
    const button = document.createElement('button');
    button.id = 'bench-raw-put';
    button.textContent = 'raw put';
    button.style.cssText = 'position:fixed;bottom:0;right:0;z-index:99999';
    button.addEventListener('click', () => {
      if (!idb) return;
      const tx = idb.transaction('meta', 'readwrite');
      tx.objectStore('meta').put({ key: 'bench-raw-put', value: { at: Date.now(), cells: Array.from({ length: 40 }, (_, i) => ({ i, count: i })) } });
      tx.oncomplete = () => window.raw.push(performance.now());
    });
    document.body.appendChild(button);
  });
`;

type TapWindow = Window & { clicks: number[]; commits: number[]; raw: number[] };

async function tapLatencies(page: Page, click: () => Promise<void>, list: 'commits' | 'raw', taps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < taps; i++) {
    const before = await page.evaluate((l) => (window as unknown as TapWindow)[l].length, list);
    const clicksBefore = await page.evaluate(() => (window as unknown as TapWindow).clicks.length);
    await click();
    await page.waitForFunction(([l, n]) => (window as unknown as TapWindow)[l as 'raw'].length > (n as number), [list, before] as const, { timeout: 30_000 });
    const { clicked, committed } = await page.evaluate(
      ([l, n, c]) => ({ clicked: (window as unknown as TapWindow).clicks[c as number]!, committed: (window as unknown as TapWindow)[l as 'raw'][n as number]! }),
      [list, before, clicksBefore] as const,
    );
    out.push(committed - clicked);
    await page.waitForTimeout(120);
  }
  return out;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;

export async function tally(context: BrowserContext, url: string, taps: number): Promise<{ product: number; limit: number }> {
  const page = await context.newPage();
  await page.addInitScript({ content: INSTRUMENT });
  await page.goto(`${url}/consultations`);
  const cell = page.getByRole('button', { name: /^Жінки, 18–35 років, Не зазначено: \d+\. Додати одну особу$/ });
  await cell.waitFor({ timeout: 180_000 });
  await page.waitForFunction(() => document.getElementById('bench-raw-put') !== null);
  // let the form settle (what it loads when it opens is not a tap)
  await page.waitForTimeout(1500);
  await tapLatencies(page, () => cell.click(), 'commits', 3);
  const product: number[] = [];
  const limit: number[] = [];
  // interleaved, so both see the same machine
  for (let round = 0; round < 4; round++) {
    product.push(...(await tapLatencies(page, () => cell.click(), 'commits', Math.ceil(taps / 4))));
    limit.push(...(await tapLatencies(page, () => page.locator('#bench-raw-put').click(), 'raw', Math.ceil(taps / 4))));
  }
  await page.close();
  return { product: p95(product), limit: p95(limit) };
}

export async function buildBenchPage(): Promise<void> {
  console.log('building the bench page');
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: BENCH_BASE,
    logLevel: 'warn',
    define: { __BUILD_ID__: JSON.stringify('bench') },
    build: { outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', sourcemap: true },
  });
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`;
const k = (n: number) => `${n / 1000}k`;

export async function benchDevice(options: { dist?: string; runs?: number; sizes?: number[]; port?: number } = {}): Promise<BenchRow[]> {
  const dist = path.resolve(options.dist ?? 'dist');
  const runs = Math.max(3, Math.min(options.runs ?? 3, 5));
  const sizes = options.sizes ?? SIZES;
  await buildBenchPage();
  const server = await serve(dist, options.port ?? Number(process.env.BENCH_DEVICE_PORT ?? 18350));
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs });
  const rows: BenchRow[] = [];
  try {
    // The empty device: Today's floor (the app's own start) and heap, measured beside each size.
    const emptyContext = await browser.newContext();
    await benchPage(emptyContext, server.url);
    await todayOnce(emptyContext, server.url);

    for (const size of sizes) {
      const context = await browser.newContext();
      const page = await benchPage(context, server.url);
      const t0 = Date.now();
      await page.evaluate((n) => (window as unknown as BenchWindow).bench.seed(n), size);
      console.log(`${k(size)}: seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

      const t = await today(context, emptyContext, server.url, runs);
      const empty = { ms: t.emptyMs, heapMb: t.emptyHeapMb };
      console.log(`${k(size)}: Today ${ms(t.ms)}, heap ${t.heapMb.toFixed(1)} MB; empty device ${ms(empty.ms)}, ${empty.heapMb.toFixed(1)} MB`);
      rows.push({
        measure: `Today screen usable, ${k(size)} records (4× CPU throttle, new tab; goal also ≤ ${TODAY_BUDGET_MS} ms)`,
        product: ms(t.ms),
        limit: `the same on an empty device: ${ms(empty.ms)}`,
        ratio: t.ms / empty.ms,
        goal: 1.15,
        ...(t.ms > TODAY_BUDGET_MS ? { failed: true, note: `over ${TODAY_BUDGET_MS} ms; the empty device's own start is ${ms(empty.ms)} (first load: the shell's rows)` } : {}),
      });
      rows.push({
        measure: `JS heap on Today after GC, ${k(size)} records`,
        product: `${t.heapMb.toFixed(1)} MB`,
        limit: `empty device: ${empty.heapMb.toFixed(1)} MB`,
        ratio: t.heapMb / empty.heapMb,
        goal: 1.25,
      });

      const r = await page.evaluate((n) => (window as unknown as BenchWindow).bench.report(n), runs);
      console.log(`${k(size)}: report ${ms(r.product)} (${r.measures} measures with people; the first after the bulk seed ${ms(r.first)}), getAll ${ms(r.limit)}`);
      rows.push({
        measure: `report of the year on the device, ${k(size)} records (goal also ≤ ${REPORT_BUDGET_MS} ms)`,
        product: ms(r.product),
        limit: `raw getAll of records: ${ms(r.limit)}`,
        ratio: r.product / r.limit,
        goal: 1,
        ...(r.product > REPORT_BUDGET_MS ? { failed: true, note: `over ${REPORT_BUDGET_MS} ms` } : {}),
      });

      const tap = await tally(context, server.url, 40);
      console.log(`${k(size)}: tap → draft p95 ${ms(tap.product)}, raw put from a click ${ms(tap.limit)}`);
      rows.push({
        measure: `tally tap → draft committed, p95, ${k(size)} records (goal also ≤ ${TAP_BUDGET_MS} ms)`,
        product: ms(tap.product),
        limit: `raw put from a click in the same page: ${ms(tap.limit)}`,
        ratio: tap.product / tap.limit,
        goal: 2,
        ...(tap.product > TAP_BUDGET_MS ? { failed: true, note: `over ${TAP_BUDGET_MS} ms` } : {}),
      });

      const total = size === 10_000 ? 10_000 : 2_000;
      const s = await page.evaluate(([n, c]) => (window as unknown as BenchWindow).bench.saves(n, c), [total, 10] as const);
      console.log(`${k(size)}: saveRecord ${ms(s.product)}/record, raw ${ms(s.limit)}, Dexie's floor ${ms(s.dexie)}`);
      rows.push({
        measure: `${total.toLocaleString('en')} × saveRecord on a device with ${k(size)} records, per record`,
        product: ms(s.product),
        limit: `raw IndexedDB, encode + one transaction per record: ${ms(s.limit)}`,
        ratio: s.product / s.limit,
        goal: 1.2,
        note: `Dexie's own floor, a get and the same two puts in one Dexie transaction: ${ms(s.dexie)}, ${(s.dexie / s.limit).toFixed(2)}× raw`,
      });
      await context.close();
    }
    await emptyContext.close();
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}
