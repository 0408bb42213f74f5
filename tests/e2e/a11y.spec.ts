import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { nav, setUpIdentity } from './support/app';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

const screens: { link: string; heading: string | RegExp; prepare?: (page: Page) => Promise<void> }[] = [
  { link: 'Сьогодні', heading: 'Сьогодні' },
  { link: 'Консультації', heading: 'Консультації та послуги' },
  {
    link: 'Заходи',
    heading: 'Захід / тренінг',
    // With errors showing: they must be announced and tied to their fields.
    prepare: async (page) => {
      await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
      await expect(page.getByText('Виправте позначені поля.')).toBeVisible();
    },
  },
  { link: 'Інші індикатори', heading: 'Інші індикатори' },
  { link: 'Мої записи', heading: 'Мої записи' },
  {
    link: 'План',
    heading: /План заходів/,
    prepare: async (page) => {
      await page.locator('summary').first().click();
      await page.locator('details[open] .level-2 > summary').first().click();
      await page.locator('details[open] .level-3 > summary').first().click();
      await expect(page.locator('article.measure').first()).toBeVisible();
    },
  },
  { link: 'Синхронізація', heading: 'Синхронізація' },
  { link: 'Хто я', heading: 'Хто я' },
];

for (const viewport of [
  { name: 'phone', width: 360, height: 780 },
  { name: 'tablet', width: 800, height: 1280 },
]) {
  test(`every screen passes axe on a ${viewport.name} (no serious or critical violation)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await setUpIdentity(page);
    // A saved record, so "My records" and "Today" show their lists.
    await nav(page, 'Консультації').click();
    await page.getByLabel('Район').selectOption({ index: 1 });
    await page.getByLabel('Вид послуги').selectOption('legal_aid');
    await page.getByRole('button', { name: /^Жінки, 35–59 років, Не зазначено: 0\./ }).click();
    await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
    await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();

    const found: Record<string, unknown> = {};
    for (const screen of screens) {
      await nav(page, screen.link).click();
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
      await screen.prepare?.(page);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[screen.link] = violations;
    }
    await page.getByRole('button', { name: 'ENG' }).click();
    await nav(page, 'Today').click();
    const english = await seriousViolations(page);
    if (english.length > 0) found['Today (English)'] = english;
    expect(found).toEqual({});
  });
}

test('controls are at least 44 px and the grid fits a 360 px phone', async ({ page }) => {
  await setUpIdentity(page);
  await nav(page, 'Консультації').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Консультації та послуги' })).toBeVisible();
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main select, main input, header button, header a')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ el: el.getAttribute('aria-label') ?? el.textContent ?? el.tagName, ...el.getBoundingClientRect().toJSON() }))
      .filter((r) => r.height < 44 || r.width < 44)
      .map((r) => `${r.el}: ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The whole grid, totals column included, is visible without scrolling sideways.
  const grid = page.locator('.table-scroll').first();
  expect(await grid.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Ввести числа' }).click();
  expect(await grid.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test('is usable with the keyboard alone', async ({ page }) => {
  await setUpIdentity(page);
  await nav(page, 'Консультації').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Консультації та послуги' })).toBeVisible();
  const cell = page.getByRole('button', { name: /^Чоловіки, 18–34 роки, Не зазначено: \d+\./ });
  await cell.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  await expect(page.getByText('Усього: 2')).toBeVisible();
  // Focus is visible: the focused control gets an outline.
  const outline = await cell.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});
