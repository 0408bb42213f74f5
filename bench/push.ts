import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import type { Author } from '../src/shared';
import { backends, type Backend } from '../tests/server/helpers/backends';
import { startHarness } from '../tests/server/helpers/harness';
import { listenInRange } from '../tests/server/helpers/ports';
import { chromiumArgs, CHROMIUM_PATH } from '../tests/e2e/support/chromium';
import { median, type BenchRow } from './report-table';

/**
 * The device → server push of a backlog, in Chromium. A page built by Vite from
 * bench/push-page (into the gitignored dist-bench-push/) runs the app's own device database,
 * AES-GCM codec, save path (saveRecord), sync store and shared engine, with the header's live
 * "unsynced" query subscribed as on every screen. The real server (buildApp on a fresh SQLite
 * file, or a fresh PostgreSQL schema) serves the page and the API on one origin.
 *
 * Each run: a new user and device (a login), a new device database, N records seeded through
 * saveRecord (not timed), the raw rows kept in memory. Then, in alternating order, with the rows
 * put back between the two:
 * - product: syncOnce over deviceSyncStore and httpTransport, push then pull, timed whole;
 * - limit: the same page pushing the same records to a bare endpoint on the same Fastify
 *   instance (it parses the body and answers accepted for each record; no session, no database)
 *   in batches of 200: raw IndexedDB read of the next outbox rows and their records, the same
 *   codec decrypting the bodies, the POST, and a raw put of each record's status (and delete of
 *   its outbox row) in one transaction.
 * Medians of 3 runs at 10,000, and at 2,000 for the growth row (product growth over the bare
 * pipeline's growth: both should be about 5×). The product column also says how much of the push
 * was the server's own time answering (apply included): the bare endpoint has none, so that part
 * of the ratio is the server's, not the device's.
 */

const OUT_DIR = 'dist-bench-push';
const GOAL_RATE = 5_000;

async function buildPage(): Promise<string> {
  const outDir = path.resolve(OUT_DIR);
  await build({
    configFile: false,
    root: path.resolve('bench/push-page'),
    base: '/',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: true },
  });
  return outDir;
}

function bareEndpoint(app: FastifyInstance): void {
  app.post('/bench-bare/push', async (request) => {
    const body = request.body as { records: { id: string; revision: number }[] };
    return { results: body.records.map((r) => ({ status: 'accepted', id: r.id, revision: r.revision })) };
  });
}

interface Sample {
  n: number;
  productMs: number;
  pushMs: number;
  bareMs: number;
  liveRuns: number;
  /** the server's own time in the product's push requests (Fastify's elapsed time, summed) */
  serverMs: number;
}

/** Sums the server's time answering pushes, so a reader sees how much of the product is the server's apply. */
function serverClock(app: FastifyInstance): { take: () => number } {
  let sum = 0;
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/api/v1/sync/push')) sum += reply.elapsedTime;
  });
  return {
    take: () => {
      const t = sum;
      sum = 0;
      return t;
    },
  };
}

async function oneRun(page: Page, clock: { take: () => number }, user: { id: string; token: string; deviceKey: string; author: (team: string) => Author }, team: string, n: number, order: number): Promise<Sample> {
  await page.evaluate((name) => window.bench.open(name), `bench-${user.id}`);
  const seedMs = await page.evaluate(([count, author]) => window.bench.seed(count, author), [n, user.author(team)] as const);
  await page.evaluate(() => window.bench.takeSnapshot());
  await page.evaluate(() => window.bench.watch());
  let serverMs = 0;
  // PUSH_PROFILE=dir: a CPU profile of the product's sync of the biggest backlog, per run, for
  // Chromium's DevTools (Performance → load profile); what JavaScript does between IndexedDB's answers.
  const profileDir = n >= 10_000 ? process.env.PUSH_PROFILE : undefined;
  const product = async () => {
    const cdp = profileDir ? await page.context().newCDPSession(page) : null;
    if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    clock.take();
    const p = await page.evaluate(([token, userId, device]) => window.bench.product(token, userId, device), [user.token, user.id, user.deviceKey] as const);
    serverMs = clock.take();
    if (cdp && profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(path.join(profileDir, `push-${n}-${order}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
    }
    return p;
  };
  const bare = async () => page.evaluate((device) => window.bench.bare('/bench-bare/push', device), user.deviceKey);
  let p: Awaited<ReturnType<typeof product>>;
  let b: Awaited<ReturnType<typeof bare>>;
  if (order % 2 === 0) {
    b = await bare();
    await page.evaluate(() => window.bench.restoreSnapshot());
    p = await product();
  } else {
    p = await product();
    await page.evaluate(() => window.bench.restoreSnapshot());
    b = await bare();
  }
  if (b.pushed !== n) throw new Error(`bare pushed ${b.pushed} of ${n}`);
  if (!p.outcome.ok || p.outcome.pushed !== n || p.outcome.accepted !== n) throw new Error(`product pushed ${JSON.stringify(p.outcome)} of ${n}`);
  await page.evaluate(() => window.bench.close());
  console.log(
    `  ${n}: seed ${(seedMs / 1000).toFixed(1)} s; product ${(p.ms / 1000).toFixed(2)} s (push ${(p.pushMs / 1000).toFixed(2)} s, pulled ${p.outcome.pulled}, ` +
      `live query ran ${p.liveRuns}×, server ${(serverMs / 1000).toFixed(2)} s in pushes; ${spanText(p.spans)}); bare ${(b.ms / 1000).toFixed(2)} s`,
  );
  return { n, productMs: p.ms, pushMs: p.pushMs, bareMs: b.ms, liveRuns: p.liveRuns, serverMs };
}

/** Where the product's time went, per port call summed (calls overlap, so they need not add up). */
const spanText = (spans: Record<string, number>) =>
  Object.entries(spans)
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)} s`)
    .join(', ');

const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmtRate = (r: number) => `${r.toFixed(0)} rec/s`;

async function benchBackend(backend: Backend, runs: number, pageDir: string, [SMALL, BIG]: readonly [number, number]): Promise<BenchRow[]> {
  const h = await startHarness(backend, { staticDir: pageDir, clock: () => new Date() });
  bareEndpoint(h.app);
  const clock = serverClock(h.app);
  const baseUrl = await listenInRange(h.app, 18150, 18199);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await page.goto(`${baseUrl}/index.html`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
    const team = await h.team();
    // warm-up: JIT, prepared statements, the page's modules
    await oneRun(page, clock, await h.user('field_worker', [team]), team, 400, 0);
    const samples: Sample[] = [];
    for (let r = 0; r < runs; r++) {
      for (const n of [SMALL, BIG]) samples.push(await oneRun(page, clock, await h.user('field_worker', [team]), team, n, r));
    }
    const of = (n: number, k: keyof Sample) => median(samples.filter((s) => s.n === n).map((s) => s[k]));
    const [pBig, bBig, pSmall, bSmall] = [of(BIG, 'productMs'), of(BIG, 'bareMs'), of(SMALL, 'productMs'), of(SMALL, 'bareMs')];
    const productRate = rate(BIG, pBig);
    const growth = pBig / pSmall;
    const bareGrowth = bBig / bSmall;
    return [
      {
        measure: `${BIG.toLocaleString('en')}-record backlog, Chromium page → server, ${backend.name} (goal also ≥ ${GOAL_RATE.toLocaleString('en')} rec/s)`,
        product: `${fmtRate(productRate)} (${(pBig / 1000).toFixed(2)} s: push ${(of(BIG, 'pushMs') / 1000).toFixed(2)} s, the server's apply ${(of(BIG, 'serverMs') / 1000).toFixed(2)} s of it, then the pull)`,
        limit: `bare endpoint with status write-back: ${fmtRate(rate(BIG, bBig))} (${(bBig / 1000).toFixed(2)} s)`,
        ratio: pBig / bBig,
        goal: 1.5,
        ...(productRate < GOAL_RATE ? { failed: true, note: `${fmtRate(productRate)} < ${GOAL_RATE} rec/s` } : {}),
      },
      {
        measure: `push time, ${SMALL.toLocaleString('en')} vs ${BIG.toLocaleString('en')} backlog, ${backend.name} (5× the records; goal: growth ≤ 1.2× the bare one's)`,
        product: `${(pSmall / 1000).toFixed(2)} s vs ${(pBig / 1000).toFixed(2)} s: ${growth.toFixed(1)}×`,
        limit: `bare: ${(bSmall / 1000).toFixed(2)} s vs ${(bBig / 1000).toFixed(2)} s: ${bareGrowth.toFixed(1)}×`,
        ratio: growth / bareGrowth,
        goal: 1.2,
      },
    ];
  } finally {
    await browser.close();
    await h.close();
  }
}

export interface PushBenchOptions {
  runs?: number;
  backends?: readonly Backend['name'][];
  /** the backlog sizes, small then big (default 2,000 and 10,000) */
  sizes?: readonly [number, number];
}

export async function benchPush(options: PushBenchOptions = {}): Promise<BenchRow[]> {
  const pageDir = await buildPage();
  const rows: BenchRow[] = [];
  const chosen = backends.filter((b) => (options.backends ?? ['sqlite', 'postgresql']).includes(b.name));
  for (const backend of chosen) rows.push(...(await benchBackend(backend, Math.max(1, options.runs ?? 3), pageDir, options.sizes ?? [2_000, 10_000])));
  return rows;
}
