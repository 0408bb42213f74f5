import { expect, test, type Page } from '@playwright/test';
import { eventContent } from '../client/data/vault/release3';
import { createRecord } from '../../src/shared/records/build';
import { appNav, goTo, logIn, openSyncPanel, recordConsultation, syncBadge, syncNow, unlock } from './support/app';
import { seriousViolations } from './support/axe';
import { apiLogin, createTeam, createUser, giveVerdict, pushAs } from './support/server';

/**
 * Issue 12, the shell: a one-line header whose sync badge opens the sync panel, the sections in a
 * bar at the bottom (the role's everyday ones, the rest under "More") that never scrolls sideways,
 * for a supervisor Review first and on Today how many records wait for review; a returned record
 * says so on Today, in the header and over its form, and its fix goes at once.
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

/** Every section link and the "More" button lie inside the screen, none scrolled out of the bar. */
async function expectBarFits(page: Page, width: number) {
  const bar = appNav(page).locator('ul.bar');
  const { scroll, client } = await bar.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
  for (const item of await bar.locator('a, button').all()) {
    const box = (await item.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  // No label overflows its item, and none wraps inside a word: its lines are never more than its words.
  const broken = await bar.locator('a, button').evaluateAll((els) =>
    els
      .filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        return el.scrollWidth > el.clientWidth + 1 || lines > (el.textContent ?? '').trim().split(/\s+/).length;
      })
      .map((el) => el.textContent),
  );
  expect(broken).toEqual([]);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height} (${size.name})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a field worker: one-line header, the badge opens the sync panel, every section reachable from the bottom bar', async ({ page }) => {
      const team = await createTeam();
      const worker = await createUser('field_worker', [team.id], 'Олена Польова');
      await logIn(page, worker);
      await expect(syncBadge(page)).toHaveAttribute('data-state', /^(synced|sending|pulling)$/, { timeout: 20_000 });

      const header = (await page.getByRole('banner').boundingBox())!;
      expect(header.height).toBeLessThanOrEqual(64);
      await expectBarFits(page, size.width);
      const bar = appNav(page).locator('ul.bar');
      await expect(bar.getByRole('link')).toHaveText(['Сьогодні', 'Консультації', 'Заходи', 'Мої записи']);
      await page.screenshot({ path: `test-results/shell-${size.name}-today.png` });

      // The rest is under "More", and each of them opens its screen.
      for (const [link, heading] of [
        ['Інші індикатори', 'Інші індикатори'],
        ['План', /план|План/],
        ['Звіти', /Звіти/],
        ['Синхронізація', 'Синхронізація'],
        ['Хто я', 'Хто я'],
      ] as const) {
        await goTo(page, link);
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
        await expect(appNav(page).getByRole('button', { name: 'Ще' })).toHaveAttribute('aria-expanded', 'false');
      }
      await appNav(page).getByRole('button', { name: 'Ще' }).click();
      await page.screenshot({ path: `test-results/shell-${size.name}-more.png` });
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.locator('#more-menu')).toBeHidden();

      // A record, then the badge: synced; the panel tells it all, with "Sync now".
      await recordConsultation(page, 2);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
      await expect(syncBadge(page)).toContainText('Синхронізовано');
      const panel = await openSyncPanel(page);
      await expect(panel.getByTestId('connection')).toHaveText('В мережі');
      await expect(panel.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано');
      await expect(panel.getByTestId('last-sync')).toContainText('Остання синхронізація');
      await expect(panel.getByRole('button', { name: 'Синхронізувати' })).toBeEnabled();
      await page.screenshot({ path: `test-results/shell-${size.name}-panel.png` });
      expect(await seriousViolations(page)).toEqual([]);
      // The panel covers the page, not the header line: the header stays one line.
      expect((await page.getByRole('banner').locator('.header-line').boundingBox())!.height).toBeLessThanOrEqual(56);
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
      await expect(syncBadge(page)).toBeFocused();
    });

    test('a supervisor: Review comes first, Today says how many records wait for review and links there', async ({ page }) => {
      const team = await createTeam();
      const worker = await createUser('field_worker', [team.id], 'Олена Польова');
      const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
      const { token } = await apiLogin(worker.email, worker.password, 'e2e-worker-tablet');
      const records = [1, 2, 3].map((i) => createRecord(eventContent(`Тренінг ${i}`, { place: 'Бібліотека' }, 'Центр'), { authorId: worker.id, teamId: team.id, deviceId: 'e2e-worker-tablet' }));
      await pushAs(token, 'e2e-worker-tablet', records);

      await logIn(page, supervisor);
      const bar = appNav(page).locator('ul.bar');
      await expect(bar.getByRole('link').first()).toHaveText('Перевірка');
      await expect(bar.getByRole('link')).toHaveText(['Перевірка', 'Сьогодні', 'Звіти', 'Мої записи']);
      await expectBarFits(page, size.width);
      // The team's records come down with the first sync; Today counts those waiting for a verdict.
      await expect(page.getByTestId('today-review')).toHaveText('3 записи чекають на перевірку. Перевірка', { timeout: 20_000 });
      await page.screenshot({ path: `test-results/shell-${size.name}-supervisor-today.png` });
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('today-review').getByRole('link', { name: 'Перевірка' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Перевірка записів' })).toBeVisible();
      // The rest of a supervisor's sections are under "More".
      await goTo(page, 'Консультації');
      await expect(page.getByRole('heading', { level: 1, name: 'Консультації та послуги' })).toBeVisible();
    });

    test('a returned record: said on Today and in the badge, its comment over the form; the fix goes at once', async ({ page }) => {
      const team = await createTeam();
      const worker = await createUser('field_worker', [team.id], 'Олена Польова');
      const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
      await logIn(page, worker);
      await recordConsultation(page, 3);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
      const sent = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const r = indexedDB.open('kyiv-1325-field');
          r.onsuccess = () => resolve(r.result);
        });
        const rows = await new Promise<{ id: string; revision: number }[]>((resolve) => {
          const r = db.transaction('records').objectStore('records').getAll();
          r.onsuccess = () => resolve(r.result as { id: string; revision: number }[]);
        });
        db.close();
        return rows[0]!;
      });
      const boss = await apiLogin(supervisor.email, supervisor.password);
      await giveVerdict(boss.token, { recordId: sent.id, revision: sent.revision, status: 'returned', comment: 'Уточніть вид послуги' });

      // The next sync brings the verdict: the header counts it as returned, not as waiting.
      await syncNow(page);
      await expect(syncBadge(page)).toContainText('1 повернуто', { timeout: 20_000 });
      // The badge's words fit: nothing cut off with an ellipsis, even with a mark beside them.
      expect(await syncBadge(page).locator('.sync-word').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'synced');
      const panel = await openSyncPanel(page);
      await expect(panel.getByTestId('unsynced')).toHaveText('Надіслано все, крім записів, які треба виправити');
      await expect(panel.getByTestId('returned-count')).toHaveText('1 запис повернуто на виправлення · Виправити');
      await page.keyboard.press('Escape');
      await goTo(page, 'Сьогодні');
      await expect(page.getByTestId('today-returned')).toHaveText('1 запис повернуто на виправлення. Переглянути і виправити');
      await page.screenshot({ path: `test-results/shell-${size.name}-returned-today.png` });

      // The form says why, in the supervisor's words.
      await page.goto(`/consultations/${sent.id}`);
      await unlock(page);
      const banner = page.getByTestId('returned-banner');
      await expect(banner).toContainText('Повернуто.');
      await expect(banner).toContainText('Уточніть вид послуги');
      await page.screenshot({ path: `test-results/shell-${size.name}-returned-form.png` });
      expect(await seriousViolations(page)).toEqual([]);

      // The fix, saved online, reaches the server without any "Sync now" or restart.
      const pushes: number[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/sync/push')) pushes.push(Date.now());
      });
      await page.getByLabel('Вид послуги').selectOption('legal_aid');
      const saved = Date.now();
      await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
      await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
      await expect.poll(() => pushes.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(pushes[0]! - saved).toBeLessThan(10_000);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
      await expect(syncBadge(page)).not.toContainText('повернуто');
    });
  });
}
