import { expect, test } from '@playwright/test';
import { openScreen, setUpIdentity, waitForScreensCached, waitForServiceWorker } from './support/app';

/**
 * What one cell per person cannot say, recorded as a field worker would, offline on the device,
 * and read back from the device's report (docs/counting-model.md): women/girls and men/boys
 * (15.2.i2), people in several groups, and an event count by its audience's groups and sex (16.3.i1).
 */

test('counts people in several groups without changing the total, and splits 15.2 into women, girls, men and boys', async ({ page }) => {
  await setUpIdentity(page);
  await waitForServiceWorker(page);
  await waitForScreensCached(page);
  await page.context().setOffline(true);
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  await page.getByLabel('Захід плану').selectOption('15.2');
  await page.getByLabel('Район').selectOption({ index: 1 });
  await page.getByLabel('Вид послуги').selectOption('social_service');
  await page.getByLabel('Соціальна група / категорія вразливості').selectOption('idp');
  const women = page.getByRole('button', { name: /^Жінки, 18–35 років, Внутрішньо переміщені особи: \d+\. Додати одну особу$/ });
  const girls = page.getByRole('button', { name: /^Дівчата, 14–17 років, Внутрішньо переміщені особи: \d+\. Додати одну особу$/ });
  await women.click();
  await women.click();
  await girls.click();
  await page.getByLabel('Соціальна група / категорія вразливості').selectOption('domestic_violence_survivor');
  await page.getByRole('button', { name: /^Чоловіки, 36–59 років, Постраждалі від домашнього насильства: \d+\. Додати одну особу$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Усього: 4' })).toBeVisible();

  // Two of the three displaced women and girls are also survivors of domestic violence.
  await page.getByText('Також належать до інших груп (за потреби)').click();
  await page.getByLabel('Додати групу').selectOption('domestic_violence_survivor');
  const alsoWomen = page.getByRole('spinbutton', { name: 'Жінки, також у групі «Постраждалі від домашнього насильства»' });
  await expect(page.getByText('можна до 3')).toBeVisible();
  // More than could be: refused at save, next to the entry, and nothing is lost.
  await alsoWomen.fill('4');
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText(/^До цієї групи додатково віднесено більше осіб/)).toBeVisible();
  await expect(alsoWomen).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Усього: 4' })).toBeVisible();
  await alsoWomen.fill('2');
  await page.locator('.also-in').screenshot({ path: test.info().outputPath('also-in-form.png') });
  await expect(page.getByRole('status').filter({ hasText: 'Усього: 4' })).toBeVisible();
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();

  await openScreen(page, 'Звіти', 'Звіти');
  await expect(page.getByTestId('value-15.2.i2')).toHaveText('4');
  const block = page.locator('[data-indicator="15.2.i2"]');
  await block.getByText('Розбивки: 15.2.i2').click();
  const split = block.getByRole('table', { name: 'Жінки й дівчата, чоловіки й хлопці: 15.2.i2' });
  await expect(split.getByRole('row', { name: 'Жінки 2' })).toBeVisible();
  await expect(split.getByRole('row', { name: 'Дівчата 1' })).toBeVisible();
  await expect(split.getByRole('row', { name: 'Чоловіки 1' })).toBeVisible();
  await expect(split.getByRole('row', { name: 'Разом 4' })).toBeVisible();
  // Groups as multi-response: 2 + 1 survivors (4 in the groups' rows against 4 people), said so.
  const memberships = block.getByTestId('memberships-15.2.i2');
  await expect(memberships.getByRole('row', { name: /^Постраждалі від домашнього насильства 2 1$/ })).toBeVisible();
  await expect(memberships.getByRole('row', { name: /^Внутрішньо переміщені особи 3 0$/ })).toBeVisible();
  await expect(memberships).toContainText('рядки разом дають більше, ніж усього осіб (4)');
  await block.screenshot({ path: test.info().outputPath('memberships.png') });
});

test('breaks an event count down by its audience, each event in every group and sex it reached (16.3)', async ({ page }) => {
  await setUpIdentity(page);
  await waitForServiceWorker(page);
  await waitForScreensCached(page);
  await page.context().setOffline(true);
  for (const [title, parents] of [
    ['Заняття для батьків і дітей', true],
    ['Заняття для дітей', false],
  ] as const) {
    await openScreen(page, 'Заходи', 'Захід / тренінг');
    await page.getByLabel('Захід плану').selectOption('16.3');
    await page.getByLabel('Назва заходу').fill(title);
    await page.getByLabel('Формат').selectOption('seminar');
    await page.getByLabel('Місце (заклад, адреса)').fill('Дитяча лікарня');
    await page.getByLabel('Район').selectOption({ index: 2 });
    await page.getByLabel('Організатор').fill('Департамент охорони здоровʼя');
    const group = page.getByLabel('Соціальна група / категорія вразливості');
    if (parents) {
      await group.selectOption('parent');
      await page.getByRole('spinbutton', { name: /^Жінки, 36–59 років, Батьки, / }).fill('6');
      await page.getByRole('spinbutton', { name: /^Чоловіки, 36–59 років, Батьки, / }).fill('2');
    }
    await group.selectOption('child');
    await page.getByRole('spinbutton', { name: /^Дівчата, 0–13 років, Діти, / }).fill('5');
    await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
    await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
  }

  await openScreen(page, 'Звіти', 'Звіти');
  await expect(page.getByTestId('value-16.3.i1')).toHaveText('2');
  const block = page.locator('[data-indicator="16.3.i1"]');
  await block.getByText('Розбивки: 16.3.i1').click();
  const audience = block.getByTestId('audience-16.3.i1');
  // columns: women, men, any sex
  await expect(audience.getByRole('row', { name: /^Будь-яка група 2 1 2$/ })).toBeVisible();
  await expect(audience.getByRole('row', { name: /^Батьки 1 1 1$/ })).toBeVisible();
  await expect(audience.getByRole('row', { name: /^Діти 2 0 2$/ })).toBeVisible();
  await expect(audience).toContainText('Учасників зазначено для 2 з 2 заходів');
  await audience.screenshot({ path: test.info().outputPath('audience.png') });
});
