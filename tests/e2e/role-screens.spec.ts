import { expect, test, type Page } from '@playwright/test';
import { goTo, logIn, setUpIdentity, unlock, waitForServiceWorker } from './support/app';
import { createTeam, createUser } from './support/server';

/**
 * The service worker precaches the field shell only; the screens of other roles (review, the
 * annual report, reports) are cached when a user of that role logs in on the device, and then
 * open with no network.
 */

/** The files index.html lists for role screens (and for each group), and which of them Cache Storage holds. */
async function roleFiles(page: Page): Promise<{ listed: string[]; groups: Record<string, string[]>; cached: string[]; precached: string[] }> {
  return page.evaluate(async () => {
    const groups = JSON.parse(document.querySelector<HTMLMetaElement>('meta[name="kyiv1325-screens"]')?.content ?? '{}') as Record<string, string[]>;
    const listed = [...new Set(Object.values(groups).flat())];
    const cached: string[] = [];
    const precached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        if (!listed.includes(path)) continue;
        (name.startsWith('workbox-precache') ? precached : cached).push(path);
      }
    }
    return { listed, groups, cached, precached };
  });
}

test('a supervisor’s screens are cached at login and open offline', async ({ page, context }) => {
  const team = await createTeam();
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
  await logIn(page, supervisor);
  await waitForServiceWorker(page);
  const before = await roleFiles(page);
  expect(before.listed.some((f) => f.includes('ReviewScreen'))).toBe(true);
  // Not in the precache: the field shell does not carry them.
  expect(before.precached).toEqual([]);
  // Everyone's screens and the reviewer's; not the administration screen, which is an admin's only.
  const supervisorFiles = [...new Set([...(before.groups.everyone ?? []), ...(before.groups.reviewer ?? [])])].sort();
  expect(before.groups.admin?.some((f) => f.includes('AdminScreen'))).toBe(true);
  await expect.poll(async () => (await roleFiles(page)).cached.sort(), { timeout: 20_000 }).toEqual(supervisorFiles);

  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await goTo(page, 'Перевірка');
  await expect(page.getByRole('heading', { level: 1, name: 'Перевірка записів' })).toBeVisible();
  await goTo(page, 'Звіти');
  await expect(page.getByRole('heading', { level: 1, name: 'Звіти' })).toBeVisible();
  // A deep link to the annual report, typed offline.
  await page.goto('/reports/annual');
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Річний звіт про виконання плану' })).toBeVisible();
});

test('a field device caches only what its role opens beyond the shell', async ({ page }) => {
  await setUpIdentity(page);
  await waitForServiceWorker(page);
  const files = await roleFiles(page);
  await expect
    .poll(async () => (await roleFiles(page)).cached.filter((f) => f.includes('ReportsScreen')).length, { timeout: 20_000 })
    .toBe(1);
  // The review screens stay on the server until a reviewer logs in here.
  expect((await roleFiles(page)).cached.filter((f) => f.includes('ReviewScreen'))).toEqual([]);
  expect(files.precached).toEqual([]);
  // The precache manifest names each file once (the icons and the web manifest were listed twice).
  const worker = await (await page.request.get('/sw.js')).text();
  const urls = [...worker.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
  expect(urls).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'icons/icon-192.png']));
  expect(urls.filter((u, i) => urls.indexOf(u) !== i)).toEqual([]);
});
