import { expect, test, type Page } from '@playwright/test';
import { createRecord } from '../../src/shared/records/build';
import type { RecordContent } from '../../src/shared/records/schemas';
import { seriousViolations } from './support/axe';
import { apiLogin, baseUrl, createTeam, createUser, giveVerdict, pushAs } from './support/server';

/**
 * Issue 12, point 9: the server-rendered public page read on a phone and a tablet, no login. A
 * summary first, the page never wider than the screen (the tables scroll in their own boxes), a
 * language switch, links to the other years, dates in the reader's language, and an HTML page
 * (not JSON) for a year with nothing published and for a year outside the plan.
 */

const sizes = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

async function api(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

function event(date: string, women: number, men: number): RecordContent {
  return {
    kind: 'event', measureId: '1.1', title: `Круглий стіл ${date}`, format: 'round_table', startDate: date, endDate: date,
    venue: { mode: 'in_person', place: 'Бібліотека', district: 'podilskyi' }, organiser: 'ДСП',
    attendance: {
      cells: [{ sex: 'female', group: 'idp', count: women }, { sex: 'male', group: 'idp', count: men }],
      total: women + men,
    },
    materials: { produced: 0, distributed: 0 },
  };
}

test.beforeAll(async () => {
  const team = await createTeam(`Бригада публічна ${Date.now().toString(36)}`);
  const worker = await createUser('field_worker', [team.id], 'Олена Публічна');
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Публічна');
  const deviceId = `e2e-public-${worker.id}`;
  const { token } = await apiLogin(worker.email, worker.password, deviceId);
  const records = [event('2023-03-14', 12, 8), event('2023-04-20', 9, 6)].map((c) => createRecord(c, { authorId: worker.id, deviceId, teamId: team.id }));
  await pushAs(token, deviceId, records);
  const { token: boss } = await apiLogin(supervisor.email, supervisor.password);
  for (const r of records) await giveVerdict(boss, { recordId: r.id, revision: r.revision, status: 'approved', comment: '' });
  for (const month of ['2023-03', '2023-04']) expect((await api('POST', '/review/months/lock', boss, { teamId: team.id, month })).status).toBe(200);
  const { token: admin } = await apiLogin(process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!);
  expect([200, 201]).toContain((await api('POST', '/admin/public-snapshots', admin, { year: 2023 })).status);
});

/** The page is never wider than the screen: nothing makes the document scroll sideways. */
async function pageWidth(page: Page): Promise<{ scroll: number; viewport: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

for (const size of sizes) {
  test(`the public page at ${size.name} size: summary first, tables in their own boxes, language and years, readable dates`, async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/public/progress/2023');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Стан виконання плану, 2023 рік');

    // The summary first: its figures on the first screen, above every table.
    const summary = page.getByRole('region', { name: 'Коротко' });
    await expect(summary).toBeInViewport();
    const figures = summary.locator('dd');
    await expect(summary.locator('dt')).toHaveText(['Проведено заходів', 'Охоплено осіб', 'Заходів плану виконано або за графіком']);
    // Two round tables (at least: other tests' locked months count too), 35 people at them.
    expect(Number(await figures.nth(0).innerText())).toBeGreaterThanOrEqual(2);
    expect(await figures.nth(1).innerText()).toMatch(/^(щонайменше )?\d+$/);
    expect(Number((await figures.nth(1).innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(35);
    const firstTable = page.getByRole('region', { name: /^Таблиця стратегічної цілі 1/ });
    expect((await summary.boundingBox())!.y).toBeLessThan((await firstTable.boundingBox())!.y);
    await page.screenshot({ path: `test-results/public-${size.name}.png` });

    // Never wider than the screen; the table scrolls sideways inside its box (on a phone it must).
    const width = await pageWidth(page);
    expect(width.scroll).toBeLessThanOrEqual(width.viewport);
    const box = await firstTable.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
    expect(box.overflow).toBe('auto');
    if (size.name === 'phone') expect(box.scroll).toBeGreaterThan(box.client);
    await firstTable.focus();
    await page.keyboard.press('ArrowRight');
    await firstTable.screenshot({ path: `test-results/public-${size.name}-table.png` });

    // Dates in the reader's language, written once.
    await expect(page.locator('body')).toContainText(/Версія \d+, оприлюднена \d{1,2} [а-яіїє]+ \d{4} р\. Цілі оцінено станом на \d{1,2} [а-яіїє]+ \d{4} р\./);
    await expect(page.locator('body')).not.toContainText(/\d{4}-\d{2}-\d{2}/);
    expect(await seriousViolations(page)).toEqual([]);

    // The language switch.
    await page.getByRole('navigation', { name: 'Мова' }).getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/public\/progress\/2023\?lang=en$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Plan progress, 2023');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('body')).toContainText(/Version \d+, published \d{1,2} [A-Z][a-z]+ \d{4}\. Targets judged as of \d{1,2} [A-Z][a-z]+ \d{4}\./);
    await expect(page.getByRole('region', { name: 'In brief' })).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);

    // Another year, nothing published there yet: an HTML page saying so, with the same links.
    await page.getByRole('navigation', { name: 'Other years' }).getByRole('link', { name: '2022' }).click();
    await expect(page).toHaveURL(/\/public\/progress\/2022\?lang=en$/);
    await expect(page.getByText('The figures for 2022 have not been published yet.')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Other years' }).getByRole('link', { name: '2023' })).toBeVisible();
    expect((await pageWidth(page)).scroll).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: `test-results/public-${size.name}-2022.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // A year outside the plan: a page, not JSON.
    const outside = await page.goto('/public/progress/2030');
    expect(outside!.status()).toBe(404);
    expect(outside!.headers()['content-type']).toContain('text/html');
    await expect(page.getByText('2030 рік не належить до плану: він охоплює 2021–2023 роки.')).toBeVisible();
    await page.getByRole('link', { name: '2023 рік' }).click();
    await expect(page.getByRole('region', { name: 'Коротко' })).toBeVisible();
    await context.close();
  });
}
