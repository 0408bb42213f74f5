import { expect, test } from '@playwright/test';
import { goTo, setUpIdentity } from './support/app';

test.use({ viewport: { width: 360, height: 740 } });

test('a section opened from the bar starts at its top, wherever the last one was scrolled; back returns to it', async ({ page }) => {
  await setUpIdentity(page);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);

  await goTo(page, 'Мої записи');
  await expect(page.getByRole('heading', { level: 1, name: 'Мої записи' })).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Мої записи', exact: true })).toHaveAttribute('aria-current', 'page');

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});
