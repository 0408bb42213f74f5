import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, CHROMIUM_PATH } from '../tests/e2e/support/chromium';
import { backends } from '../tests/server/helpers/backends';
import { startHarness, type Harness } from '../tests/server/helpers/harness';
import { listenInRange } from '../tests/server/helpers/ports';
import { median, type BenchRow } from './report-table';

/**
 * The app shell in Debian's Chromium, from a build (`dist`), served by the real server:
 *
 * - first-load JS: every script the page fetches (no service worker, empty HTTP cache) until
 *   Today is reached, lazy chunks included: on a device with an identity (lock screen, PIN,
 *   Today: the row) and on a fresh one (PIN setup, "Who am I", Today), as
 *   bytes on the wire (CDP Network encodedDataLength less the headers; their count is printed) beside the 125 KB budget;
 *   every script must come compressed (Content-Encoding) and with the right Cache-Control.
 * - warm offline start: a device with an identity, the service worker in control, offline,
 *   4× CPU throttle: navigation start to the first usable screen (the lock screen's PIN field; a
 *   cold start is always locked). Limit beside it: the static HTML of that same screen (its
 *   rendered DOM and the same CSS), precached and served by the same service worker, same origin.
 * - Lighthouse mobile (simulated throttling): performance, CLS, accessibility, best practices,
 *   on a fresh device and on one with an identity (storage kept, the worker in control).
 *
 * Medians of `runs` (≥ 3). Ports come from the upper half of PROOFS_PORTS.
 */

const FIRST_LOAD_BUDGET = 125 * 1024;
const WARM_START_BUDGET_MS = 1000;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const PIN = '472915';

function portRange(): [number, number] {
  const [from, to] = (process.env.PROOFS_PORTS ?? '18100-18199').split('-').map(Number) as [number, number];
  return [Math.floor((from + to) / 2) + 1, to];
}

async function serve(staticDir: string): Promise<{ h: Harness; url: string }> {
  const h = await startHarness(backends[0]!, { staticDir });
  const [from, to] = portRange();
  return { h, url: await listenInRange(h.app, from, to) };
}

async function setPin(page: Page): Promise<void> {
  await page.getByLabel('Новий PIN-код').fill(PIN);
  await page.getByLabel('PIN-код ще раз').fill(PIN);
  await page.getByRole('button', { name: 'Захистити пристрій' }).click();
  await page.getByTestId('pin-setup').waitFor({ state: 'detached', timeout: 30_000 });
}

/** A fresh device up to Today: PIN, then "start without an account". */
async function setUpIdentity(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('pin-setup').waitFor({ timeout: 30_000 });
  await setPin(page);
  await page.getByLabel("Ваше ім'я").fill('Олена');
  await page.getByLabel('Команда (бригада, служба, центр)').fill('Мобільна бригада 3');
  await page.getByRole('button', { name: 'Зберегти' }).click();
  await todayHeading(page).waitFor({ timeout: 30_000 });
}

const todayHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Сьогодні' });

async function waitForWorker(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return r?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    },
    undefined,
    { timeout: 30_000, polling: 200 },
  );
}

interface Script {
  url: string;
  /** the body as sent (compressed when it is), headers excluded */
  bytes: number;
  headerBytes: number;
  encoding: string;
  cacheControl: string;
}

/**
 * Scripts the page fetches until Today shows, as the wire carries them: a fresh device (PIN
 * setup, "Who am I", Today), or a device that has an identity starting with an empty HTTP cache
 * (lock screen, PIN, Today). No service worker, so every file comes from the server.
 */
async function firstLoad(browser: Browser, url: string, device: 'fresh' | 'known'): Promise<Script[]> {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'uk-UA', viewport: { width: 360, height: 780 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (device === 'known') {
      await setUpIdentity(page, url);
      await page.goto('about:blank');
      await cdp.send('Network.clearBrowserCache');
    }
    const seen = new Map<string, Omit<Script, 'bytes'>>();
    const scripts: Script[] = [];
    cdp.on('Network.responseReceived', ({ requestId, response, type }) => {
      if (type !== 'Script') return;
      const header = (name: string) => Object.entries(response.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
      seen.set(requestId, {
        url: response.url,
        headerBytes: response.encodedDataLength,
        encoding: String(header('content-encoding')),
        cacheControl: String(header('cache-control')),
      });
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const s = seen.get(requestId);
      // loadingFinished counts every byte received; the response's own count is its headers.
      if (s) scripts.push({ ...s, bytes: encodedDataLength - s.headerBytes });
    });
    if (device === 'fresh') await setUpIdentity(page, url);
    else {
      await page.goto(url);
      await page.getByTestId('lock-screen').getByLabel('PIN-код').fill(PIN);
      await page.getByRole('button', { name: 'Розблокувати' }).click();
      await todayHeading(page).waitFor({ timeout: 30_000 });
    }
    // What Today itself loads after its heading (its data hooks' chunks) counts too.
    await page.waitForLoadState('networkidle');
    return scripts;
  } finally {
    await context.close();
  }
}

/** Time from navigation start to `selector` being in the DOM, in the page's clock. */
async function timeTo(page: Page, target: string, selector: string): Promise<number> {
  await page.goto(target, { waitUntil: 'commit' });
  const handle = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : false), selector, { polling: 'raf', timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

/**
 * A copy of the build with one more precached page: the lock screen as static HTML (its rendered
 * DOM, the same stylesheet), so the same service worker serves it from the same cache.
 */
function staticCopy(dist: string, lockHtml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-shell-'));
  cpSync(dist, dir, { recursive: true });
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const head = index.replace(/<script[^>]*><\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, '').split('<body>')[0]!;
  writeFileSync(path.join(dir, 'static-lock.html'), `${head}<body><div id="root">${lockHtml}</div></body></html>`);
  for (const f of ['sw.js.br', 'sw.js.gz']) rmSync(path.join(dir, f), { force: true });
  const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const patched = sw.replace('{url:"index.html"', '{url:"static-lock.html",revision:"bench"},{url:"index.html"');
  if (patched === sw) throw new Error('sw.js: no index.html precache entry to put the static page beside');
  writeFileSync(path.join(dir, 'sw.js'), patched);
  return dir;
}

async function warmStart(browser: Browser, dist: string, runs: number): Promise<{ app: number[]; html: number[] }> {
  // The lock screen's DOM, rendered by the app itself.
  const probe = await serve(dist);
  let lockHtml: string;
  {
    const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await setUpIdentity(page, probe.url);
    await page.reload();
    await page.getByTestId('lock-screen').waitFor();
    lockHtml = await page.locator('#root').innerHTML();
    await context.close();
    await probe.h.close();
  }
  const copy = staticCopy(dist, lockHtml);
  const { h, url } = await serve(copy);
  const context = await browser.newContext({ locale: 'uk-UA', viewport: { width: 360, height: 780 } });
  try {
    const page = await context.newPage();
    await setUpIdentity(page, url);
    await waitForWorker(page);
    // Let the precache finish; then both pages come from the worker's cache.
    await page.evaluate(async () => {
      for (let i = 0; i < 100 && !(await caches.match('/static-lock.html')); i++) await new Promise((r) => setTimeout(r, 100));
    });
    await context.setOffline(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const app: number[] = [];
    const html: number[] = [];
    // One of each unmeasured first: the worker and the code cache warm up as on a used device.
    await timeTo(page, `${url}/`, '[data-testid="lock-screen"] input');
    await timeTo(page, `${url}/static-lock.html`, '[data-testid="lock-screen"] input');
    for (let i = 0; i < runs; i++) {
      app.push(await timeTo(page, `${url}/`, '[data-testid="lock-screen"] input'));
      html.push(await timeTo(page, `${url}/static-lock.html`, '[data-testid="lock-screen"] input'));
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { app, html };
  } finally {
    await context.close();
    await h.close();
    rmSync(copy, { recursive: true, force: true });
  }
}

interface Scores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  cls: number;
}

async function audit(port: number, url: string, keepStorage: boolean): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    formFactor: 'mobile',
    disableStorageReset: keepStorage,
  });
  if (!result) throw new Error('lighthouse gave no result');
  const { categories, audits, runtimeError } = result.lhr;
  // A run Lighthouse could not finish (e.g. NO_FCP on an overloaded machine) scores 0: not a score.
  if (runtimeError || categories.performance?.score == null) throw new Error(`lighthouse run failed: ${runtimeError?.code ?? 'no performance score'}`);
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    bestPractices: Math.round((categories['best-practices']?.score ?? 0) * 100),
    cls: audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
  };
}

/** One audit, run again (up to twice) when Lighthouse could not finish it; failures are printed. */
async function scored(run: () => Promise<Scores>): Promise<Scores> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      console.log(`  ${(error as Error).message} (attempt ${attempt})`);
      if (attempt === 3) throw error;
    }
  }
}

async function lighthouseRuns(dist: string, runs: number): Promise<{ fresh: Scores[]; identity: Scores[] }> {
  const [from, to] = portRange();
  const debugPort = to - 1;
  if (debugPort < from) throw new Error('PROOFS_PORTS too small');
  const fresh: Scores[] = [];
  const identity: Scores[] = [];
  const { h, url } = await serve(dist);
  try {
    // Fresh device: Lighthouse clears the origin's storage before each run.
    for (let i = 0; i < runs; i++) {
      fresh.push(
        await scored(async () => {
          const profile = mkdtempSync(path.join(tmpdir(), 'kyiv1325-lh-'));
          const context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM_PATH,
            args: [...chromiumArgs, `--remote-debugging-port=${debugPort}`],
          });
          try {
            return await audit(debugPort, `${url}/`, false);
          } finally {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
          }
        }),
      );
    }
    // A device with an identity: set up once in the same profile, then audited with its storage.
    for (let i = 0; i < runs; i++) {
      identity.push(
        await scored(async () => {
          const profile = mkdtempSync(path.join(tmpdir(), 'kyiv1325-lh-'));
          const context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM_PATH,
            args: [...chromiumArgs, `--remote-debugging-port=${debugPort}`],
            locale: 'uk-UA',
          });
          try {
            const page = context.pages()[0] ?? (await context.newPage());
            await setUpIdentity(page, url);
            await waitForWorker(page);
            await page.goto('about:blank');
            return await audit(debugPort, `${url}/`, true);
          } finally {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
          }
        }),
      );
    }
  } finally {
    await h.close();
  }
  return { fresh, identity };
}

function lighthouseRows(label: string, scores: Scores[]): BenchRow[] {
  const perf = median(scores.map((s) => s.performance));
  const cls = median(scores.map((s) => s.cls));
  const a11y = median(scores.map((s) => s.accessibility));
  const bp = median(scores.map((s) => s.bestPractices));
  const all = (k: keyof Scores) => scores.map((s) => (k === 'cls' ? s[k].toFixed(3) : s[k])).join(', ');
  return [
    {
      measure: `Lighthouse mobile performance, ${label} (median of ${scores.length})`,
      product: `${perf} (runs: ${all('performance')})`,
      limit: 'goal 95',
      ratio: perf / 95,
      goal: 1,
      higherIsBetter: true,
    },
    {
      measure: `Lighthouse CLS, ${label}`,
      product: `${cls.toFixed(3)} (runs: ${all('cls')})`,
      limit: 'goal 0.05',
      ratio: cls / 0.05,
      goal: 1,
    },
    {
      measure: `Lighthouse accessibility / best practices, ${label}`,
      product: `${a11y} / ${bp}`,
      limit: 'goal 100 / 100',
      ratio: Math.min(a11y, bp) / 100,
      goal: 1,
      higherIsBetter: true,
    },
  ];
}

/** `SHELL_PARTS=first,warm,lighthouse` (default all) runs some parts, while working on one. */
const parts = new Set((process.env.SHELL_PARTS ?? 'first,warm,lighthouse').split(','));

export async function benchShell(distDir = 'dist', runs = 3): Promise<BenchRow[]> {
  const dist = path.resolve(distDir);
  const rows: BenchRow[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs });
  try {
    if (parts.has('first')) rows.push(await firstLoadRow(browser, dist, 'known'), await firstLoadRow(browser, dist, 'fresh'));
    if (parts.has('warm')) rows.push(await warmStartRow(browser, dist, runs));
  } finally {
    await browser.close();
  }
  if (parts.has('lighthouse')) {
    const { fresh, identity } = await lighthouseRuns(dist, Math.max(3, runs));
    rows.push(...lighthouseRows('fresh device', fresh), ...lighthouseRows('with an identity', identity));
  }
  return rows;
}

async function firstLoadRow(browser: Browser, dist: string, device: 'fresh' | 'known'): Promise<BenchRow> {
  const { h, url } = await serve(dist);
  let scripts: Script[];
  try {
    scripts = await firstLoad(browser, url, device);
  } finally {
    await h.close();
  }
  const total = scripts.reduce((s, x) => s + x.bytes, 0);
  const headers = scripts.reduce((s, x) => s + x.headerBytes, 0);
  const uncompressed = scripts.filter((s) => !/^(br|gzip)$/.test(s.encoding) && s.bytes > 1024);
  const badCache = scripts.filter((s) => (s.url.includes('/assets/') ? !/immutable/.test(s.cacheControl) : !/no-cache/.test(s.cacheControl)));
  for (const x of [...scripts].sort((p, q) => q.bytes - p.bytes)) console.log(`  ${String(x.bytes).padStart(7)} ${x.encoding.padEnd(4)} ${new URL(x.url).pathname}`);
  return {
    measure:
      device === 'known'
        ? `first-load JS for Today, a device with an identity and an empty HTTP cache (lock screen, PIN, Today; ${scripts.length} scripts, lazy chunks included), on the wire`
        : `first-load JS of a fresh device up to Today (PIN setup, "Who am I", Today; ${scripts.length} scripts, lazy chunks included), on the wire`,
    product: `${kb(total)} sent (+ ${kb(headers)} of response headers)`,
    limit: `budget ${kb(FIRST_LOAD_BUDGET)} compressed`,
    ratio: total / FIRST_LOAD_BUDGET,
    goal: 1,
    ...(uncompressed.length || badCache.length ? { failed: true, note: `${uncompressed.length} sent uncompressed, ${badCache.length} with the wrong Cache-Control` } : {}),
  };
}

async function warmStartRow(browser: Browser, dist: string, runs: number): Promise<BenchRow> {
  const { app, html } = await warmStart(browser, dist, Math.max(3, runs));
  const a = median(app);
  const s = median(html);
  console.log(`  warm start app ${app.map((x) => x.toFixed(0)).join(', ')} ms; static ${html.map((x) => x.toFixed(0)).join(', ')} ms`);
  return {
    measure: `warm offline start to the lock screen, 4× CPU throttle (median of ${app.length}; goal also ≤ ${WARM_START_BUDGET_MS} ms)`,
    product: `${a.toFixed(0)} ms`,
    limit: `static HTML of the same screen, same worker: ${s.toFixed(0)} ms`,
    ratio: a / s,
    goal: Number((WARM_START_BUDGET_MS / s).toFixed(2)),
    ...(a > WARM_START_BUDGET_MS ? { failed: true } : {}),
  };
}
