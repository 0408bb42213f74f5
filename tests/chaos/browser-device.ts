import { readdirSync, readFileSync } from 'node:fs';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { deviceState, logIn, openScreen, syncBadge, syncNow, unlock, waitForServiceWorker, type DeviceRow } from '../e2e/support/app';
import { CHROMIUM_PATH, chromiumArgs } from '../e2e/support/chromium';
import type { Prng } from './prng';

/**
 * A real device: the built app in Debian's Chromium with a persistent profile (its IndexedDB,
 * service worker and caches on disk), SIGKILLed by pid during a save or during a sync, then
 * started again on the same profile. Imports no runtime code from src/ so the Playwright runner
 * (which does not load the catalogue's JSON modules) can use it too.
 */

export interface BrowserUser {
  id: string;
  email: string;
  password: string;
}

export interface BrowserCycleEnv {
  baseUrl: string;
  user: BrowserUser;
  profileDir: string;
  /** (id, revision) of every record the server holds by this user, one entry per records row */
  serverRecords: () => Promise<{ id: string; revision: number }[]>;
  /** events held and people reached in the server's report for the user's team (pending included, 2023) */
  serverTotals: () => Promise<{ events: number; people: number }>;
  /** holds pushes before forwarding and their answers after (ms), so a kill lands before, during or after the commit; absent without a proxy */
  holdPushes?: (hold: { beforeMs: number; afterMs: number } | null) => void;
}

export type BrowserFault = 'browser-kill-save' | 'browser-kill-sync';

export interface BrowserCycleResult {
  violations: string[];
  /** records on the device after the restart */
  deviceRecords: number;
  killedAfterMs: number;
  /** kill during a save: whether the record was there after the restart */
  saveSurvived: boolean | null;
  /** kill during a sync: records the server held when the browser died, of those waiting */
  landedBeforeKill: { landed: number; waiting: number } | null;
}

export async function launch(profileDir: string, baseURL: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: chromiumArgs,
    baseURL,
    serviceWorkers: 'allow',
    viewport: { width: 360, height: 780 },
    hasTouch: true,
    locale: 'uk-UA',
  });
  // Run under tsx, functions handed to page.evaluate carry esbuild's `__name` helper calls.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}

/**
 * The one place the app is entered: the first time with the PIN and the login form, afterwards by
 * opening it, which is a cold start: locked until the PIN is typed.
 */
export async function arrive(page: Page, user: BrowserUser, first: boolean): Promise<void> {
  if (first) {
    await logIn(page, user);
    await waitForServiceWorker(page);
    return;
  }
  await page.goto('/');
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 30_000 });
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
}

/** Pids of the Chromium processes using this profile; the browser's own process first. */
function chromiumPids(profileDir: string): number[] {
  const main: number[] = [];
  const helpers: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmdline.split('\0');
    if (!args.includes(`--user-data-dir=${profileDir}`)) continue;
    (args.some((a) => a.startsWith('--type=')) ? helpers : main).push(Number(entry));
  }
  return [...main, ...helpers];
}

/** SIGKILL, by pid, of the browser that holds this profile (and then of any helper left behind). */
export async function killBrowser(context: BrowserContext, profileDir: string): Promise<void> {
  const [browserPid, ...rest] = chromiumPids(profileDir);
  if (browserPid === undefined) throw new Error(`no Chromium process for ${profileDir}`);
  process.kill(browserPid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 200));
  for (const pid of rest) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone with its parent
    }
  }
  await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
}

/**
 * The consultation form filled (`people` more women 18–35), not yet saved. The form may open
 * with the draft a killed browser left (drafts are kept on every change): counts add to it.
 */
async function fillConsultation(page: Page, people: number): Promise<void> {
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  await page.getByLabel('Район').selectOption({ index: 1 });
  await page.getByLabel('Вид послуги').selectOption('psychosocial_consultation');
  const cell = page.getByRole('button', { name: /^Жінки, 18–35 років, Не зазначено: \d+\. Додати одну особу$/ });
  for (let i = 0; i < people; i++) await cell.click();
}

async function saveConsultation(page: Page, people: number): Promise<void> {
  await fillConsultation(page, people);
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible({ timeout: 20_000 });
}

async function syncAll(page: Page): Promise<void> {
  await syncNow(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 45_000 });
}

/** What the device itself reports (its own records, pending included) for 2023. */
async function deviceTotals(page: Page): Promise<{ events: number; people: number }> {
  await openScreen(page, 'Звіти', 'Звіти');
  await page.getByLabel('Рік').selectOption('2023');
  await page.getByRole('switch', { name: 'Враховувати ще не затверджені записи' }).check();
  const read = async (id: string) => Number((await page.getByTestId(id).textContent())?.trim());
  return { events: await read('events-held'), people: await read('people-reached') };
}

async function compare(env: BrowserCycleEnv, page: Page, records: DeviceRow[]): Promise<string[]> {
  const out: string[] = [];
  const server = await env.serverRecords();
  const held = new Map(server.map((r) => [r.id, r.revision]));
  if (held.size !== server.length) out.push(`duplicated: the server holds a record of this browser device twice`);
  const lost = records.filter((r) => held.get(r.id) !== r.revision);
  if (lost.length) out.push(`lost: ${lost.length} device records not on the server at their revision: ${lost.map((r) => `${r.id}@${r.revision} server@${held.get(r.id) ?? 'none'}`).join(', ')}`);
  const extra = server.filter((r) => !records.some((d) => d.id === r.id));
  if (extra.length) out.push(`duplicated: the server holds ${extra.length} records this device does not: ${extra.map((r) => r.id).join(', ')}`);
  const unsent = records.filter((r) => r.status !== 'sent');
  if (unsent.length) out.push(`unsynced: ${unsent.length} device records not sent: ${unsent.map((r) => `${r.id} ${r.status}`).join(', ')}`);
  const [mine, theirs] = [await deviceTotals(page), await env.serverTotals()];
  if (mine.events !== theirs.events || mine.people !== theirs.people)
    out.push(`report: device shows ${mine.events} events / ${mine.people} people, the server ${theirs.events} / ${theirs.people}`);
  return out;
}

/**
 * One cycle on a browser device: first use logs in; then a save (or a sync) is cut short by
 * SIGKILL; the browser starts again on the same profile, syncs, and the device and server must agree.
 */
export async function browserCycle(env: BrowserCycleEnv, fault: BrowserFault, rng: Prng, first: boolean): Promise<BrowserCycleResult> {
  let context = await launch(env.profileDir, env.baseUrl);
  let page = context.pages()[0] ?? (await context.newPage());
  let killedAfterMs: number;
  let before = 0;
  let landedBeforeKill: BrowserCycleResult['landedBeforeKill'] = null;
  try {
    await arrive(page, env.user, first);
    before = (await deviceState(page))?.records.length ?? 0;
    if (fault === 'browser-kill-save') {
      await fillConsultation(page, rng.int(1, 6));
      killedAfterMs = rng.int(0, 400);
      const saving = page.getByRole('button', { name: 'Зберегти і надіслати' }).click().catch(() => undefined);
      await new Promise((r) => setTimeout(r, killedAfterMs));
      await killBrowser(context, env.profileDir);
      await saving;
    } else {
      await context.setOffline(true);
      const waiting = rng.int(1, 3);
      for (let i = waiting; i > 0; i--) await saveConsultation(page, rng.int(1, 6));
      const hold = { beforeMs: rng.int(0, 600), afterMs: rng.int(0, 600) };
      env.holdPushes?.(hold);
      // back online, the app syncs at once: the kill lands before the push left, while the
      // proxy holds it (it never arrives), while the server commits, or while the answer is held
      killedAfterMs = rng.int(0, hold.beforeMs + hold.afterMs + 400);
      await context.setOffline(false);
      // A nudge only (the app syncs at once): the badge opens the panel with "Синхронізувати".
      await syncBadge(page).click({ timeout: 2000 }).catch(() => undefined);
      await page.getByRole('button', { name: 'Синхронізувати' }).click({ timeout: 2000 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, killedAfterMs));
      await killBrowser(context, env.profileDir);
      // what the proxy still held is now forwarded (the kill came after it left) or dropped
      await new Promise((r) => setTimeout(r, hold.beforeMs + hold.afterMs));
      env.holdPushes?.(null);
      landedBeforeKill = { landed: (await env.serverRecords()).length - before, waiting };
    }
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }

  context = await launch(env.profileDir, env.baseUrl);
  page = context.pages()[0] ?? (await context.newPage());
  try {
    await arrive(page, env.user, false);
    await syncAll(page);
    const state = await deviceState(page);
    const records = state?.records ?? [];
    const saveSurvived = fault === 'browser-kill-save' ? records.length > before : null;
    return { violations: await compare(env, page, records), deviceRecords: records.length, killedAfterMs, saveSurvived, landedBeforeKill };
  } finally {
    await context.close().catch(() => undefined);
  }
}
