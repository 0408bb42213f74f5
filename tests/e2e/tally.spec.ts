import { expect, test, type Page } from '@playwright/test';
import { deviceState, openScreen, setUpIdentity, unlock } from './support/app';

/**
 * The tally as a brigade uses it all day, at phone and tablet sizes: groups in one tap, the grid
 * one Tab stop with arrow keys, headers that never break inside a word, the day's running count.
 */

const sizes = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
];

async function openConsultation(page: Page): Promise<void> {
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  await page.getByLabel('Район').selectOption({ index: 1 });
  await page.getByLabel('Вид послуги').selectOption('psychosocial_consultation');
}

for (const size of sizes) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('offers groups as chips: not stated, pinned, recent and counted ones, each in one tap', async ({ page }) => {
      await setUpIdentity(page);
      await openConsultation(page);
      const chips = page.getByRole('group', { name: 'Швидкий вибір групи' });
      await expect(chips.getByRole('button', { name: 'Не зазначено', pressed: true })).toBeVisible();
      // A group chosen once from the full list becomes a chip; counting in it shows its count.
      await page.getByLabel('Соціальна група / категорія вразливості', { exact: true }).selectOption('idp');
      const idp = chips.getByRole('button', { name: /^Внутрішньо переміщені особи/ });
      await expect(idp).toHaveAttribute('aria-pressed', 'true');
      await page.getByRole('button', { name: /^Жінки, 18–35 років, Внутрішньо переміщені особи: 0\. Додати одну особу$/ }).click();
      await expect(idp).toHaveText('Внутрішньо переміщені особи (1)');
      // Pin another group; back to "not stated" and to it again by chips alone.
      await page.getByLabel('Соціальна група / категорія вразливості', { exact: true }).selectOption('combatant_veteran');
      await page.getByRole('button', { name: 'Закріпити «Учасники та учасниці бойових дій, ветерани та ветеранки» серед швидкого вибору' }).click();
      await chips.getByRole('button', { name: 'Не зазначено' }).click();
      await expect(page.getByLabel('Соціальна група / категорія вразливості', { exact: true })).toHaveValue('not_stated');
      await chips.getByRole('button', { name: 'Внутрішньо переміщені особи (1)' }).click();
      await expect(page.getByRole('button', { name: /^Жінки, 18–35 років, Внутрішньо переміщені особи: 1\./ })).toBeVisible();
      for (const chip of await chips.getByRole('button').all()) {
        const box = (await chip.boundingBox())!;
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      }
      await page.screenshot({ path: test.info().outputPath(`chips-${size.name}.png`) });
      // The pinned and recent groups are still chips in the next form, after a reload too.
      await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
      await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
      await openConsultation(page);
      await expect(chips.getByRole('button', { name: 'Учасники та учасниці бойових дій, ветерани та ветеранки' })).toBeVisible();
      await expect(chips.getByRole('button', { name: 'Внутрішньо переміщені особи' })).toBeVisible();
    });

    test('is one Tab stop whose arrows move between cells, with headers whole and the day counted', async ({ page }) => {
      await setUpIdentity(page);
      await openConsultation(page);
      const grid = page.locator('table.grid');
      const taps = grid.locator('button.tap');
      await expect(taps).toHaveCount(18);
      expect(await grid.locator('button[tabindex="0"]').count()).toBe(1);
      await taps.first().focus();
      await page.keyboard.press('Enter');
      await expect(taps.first()).toHaveText('1');
      // right: the cell's repeat contact; right again: the next cell; down: the row below
      await page.keyboard.press('ArrowRight');
      await expect(page.locator(':focus')).toHaveClass(/tap-repeat/);
      await page.keyboard.press('ArrowRight');
      await expect(page.locator(':focus')).toHaveAccessibleName(/^Хлопці, 0–13 років, Не зазначено: 0\./);
      await page.keyboard.press('ArrowDown');
      await expect(page.locator(':focus')).toHaveAccessibleName(/^Хлопці, 14–17 років, Не зазначено: 0\./);
      await page.keyboard.press('Space');
      await expect(page.locator(':focus')).toHaveText('1');
      expect(await grid.locator('button[tabindex="0"]').count()).toBe(1);
      // Tab leaves the grid at once.
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').evaluate((el) => el.closest('table.grid') === null)).toBe(true);

      // Column headers: whole words, inside their cells.
      for (const th of await grid.locator('thead th').all()) {
        expect(await th.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      }
      for (const line of await grid.locator('thead th .heading-line').all()) {
        // one word per line, so a line two lines tall broke inside its word
        const lines = await line.evaluate((el) => {
          const style = getComputedStyle(el);
          const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
          return el.getBoundingClientRect().height / lineHeight;
        });
        expect(lines).toBeLessThan(1.6);
      }
      await expect(grid.locator('thead')).toContainText('Чоловіки');
      // ... and the whole grid, its totals column included, fits the screen without scrolling sideways.
      expect(await page.locator('.table-scroll').first().evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

      // The day's running count: this tally, then with a saved record before it.
      await expect(page.getByTestId('sl-served-today')).toHaveText(/Осіб за сьогодні: 2$/);
      await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
      await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
      await openConsultation(page);
      await page.locator('table.grid button.tap').first().click();
      await expect(page.getByTestId('sl-served-today')).toHaveText(/Осіб за сьогодні: 3$/);
      await page.screenshot({ path: test.info().outputPath(`grid-${size.name}.png`) });
    });

    test('saves and starts the next record with the same context, and a cleared tally comes back', async ({ page }) => {
      await setUpIdentity(page);
      await openConsultation(page);
      const district = await page.getByLabel('Район').inputValue();
      // The plan's period is over (it ran to 2023): the date field says why it offers that day.
      await expect(page.getByLabel('Дата', { exact: true })).toHaveValue('2023-12-31');
      await expect(page.getByLabel('Дата', { exact: true })).toHaveAccessibleDescription(/завершився 31 грудня 2023 р\.: запис датується днем не пізніше/);
      const cell = page.getByRole('button', { name: /^Жінки, 18–35 років, Не зазначено: \d+\. Додати одну особу$/ });
      for (let i = 0; i < 3; i++) await cell.click();
      await page.getByRole('button', { name: 'Зберегти і додати ще' }).click();

      // Still the consultation form, empty of people, with the day, district and service kept.
      await expect(page.getByTestId('saved-another')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: 'Консультації та послуги' })).toBeVisible();
      await expect(page.getByText('Усього: 0')).toBeVisible();
      await expect(page.getByLabel('Район')).toHaveValue(district);
      await expect(page.getByLabel('Вид послуги')).toHaveValue('psychosocial_consultation');
      await expect(page.getByTestId('sl-served-today')).toHaveText(/Осіб за сьогодні: 3$/);

      // Twelve people tallied, then "clear" by mistake: the form empties, and comes back whole.
      for (let i = 0; i < 12; i++) await cell.click();
      await expect(page.getByText('Усього: 12')).toBeVisible();
      await page.getByRole('button', { name: 'Очистити форму' }).click();
      await expect(page.getByText('Усього: 0')).toBeVisible();
      await expect(page.getByText('Форму очищено.')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`cleared-${size.name}.png`), fullPage: true });
      await page.getByRole('button', { name: 'Повернути введене' }).click();
      await expect(page.getByText('Усього: 12')).toBeVisible();
      await expect(page.getByLabel('Вид послуги')).toHaveValue('psychosocial_consultation');
      // ... as the draft too: a reload opens the form with the twelve.
      await expect.poll(async () => (await deviceState(page))?.drafts).toEqual(['serviceLog:new']);
      await page.reload();
      await unlock(page);
      await expect(page.getByText('Усього: 12')).toBeVisible();

      // Both records: the saved one in My records, the second still a draft form.
      await openScreen(page, 'Мої записи', 'Мої записи');
      await expect(page.getByText('разом 3')).toBeVisible();
    });
  });
}
