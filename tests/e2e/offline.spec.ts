import { expect, test } from '@playwright/test';
import { chooseLanguage, goTo, openScreen, setUpIdentity, unlock, waitForServiceWorker } from './support/app';

const screens: [string, string | RegExp][] = [
  ['Консультації', 'Консультації та послуги'],
  ['Заходи', 'Захід / тренінг'],
  ['Інші індикатори', 'Інші індикатори'],
  ['Мої записи', 'Мої записи'],
  ['План', /План заходів/],
  ['Хто я', 'Хто я'],
  ['Сьогодні', 'Сьогодні'],
];

test('works offline after one online visit, and keeps what was recorded', async ({ page, context }) => {
  await setUpIdentity(page);
  await waitForServiceWorker(page);
  await expect(page.getByTestId('last-sync')).toHaveText('Ще не синхронізовано');

  await context.setOffline(true);
  await page.reload();
  // A reload is a cold start: locked until the PIN, which opens the data with no network.
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Офлайн');
  for (const [link, heading] of screens) await openScreen(page, link, heading);

  // A deep link, typed or bookmarked, opens from the cache too (each load starts locked).
  await page.goto('/plan');
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: /План заходів/ })).toBeVisible();

  // A consultation tally: three taps, one undone, so two people served.
  await page.goto('/consultations');
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Консультації та послуги' })).toBeVisible();
  await page.getByLabel('Район').selectOption({ index: 1 });
  await page.getByLabel('Вид послуги').selectOption('psychosocial_consultation');
  await page.getByLabel('Соціальна група / категорія вразливості').selectOption('idp');
  const woman = page.getByRole('button', { name: /^Жінки, 18–35 років, Внутрішньо переміщені особи: \d+\. Додати одну особу$/ });
  await woman.click();
  await woman.click();
  const girl = page.getByRole('button', { name: /^Дівчата, 14–17 років, Внутрішньо переміщені особи: \d+\./ });
  await girl.click();
  await expect(page.getByText('Усього: 3')).toBeVisible();
  await page.getByRole('button', { name: /^Скасувати: Дівчата, 14–17 років/ }).click();
  await expect(page.getByText('Усього: 2')).toBeVisible();
  await expect(woman).toHaveText('2');
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('listitem').filter({ hasText: 'Консультації / послуги' })).toContainText('разом 2');

  // A training with attendance typed into the grid, then one late arrival counted by a tap.
  await goTo(page, 'Заходи');
  await page.getByLabel('Назва заходу').fill('Тренінг «Безпечний простір»');
  await page.getByLabel('Формат').selectOption('training');
  await page.getByLabel('Місце (заклад, адреса)').fill('Бібліотека на Подолі');
  await page.getByLabel('Район').selectOption({ index: 2 });
  await page.getByLabel('Організатор').fill('Київський міський центр');
  await page.getByRole('spinbutton', { name: /^Жінки, 18–35 років, Не зазначено, Не зазначено$/ }).fill('5');
  await page.getByRole('spinbutton', { name: /^Чоловіки, 36–59 років, Не зазначено, Не зазначено$/ }).fill('3');
  await page.getByRole('button', { name: 'Рахувати дотиками' }).click();
  await page.getByRole('button', { name: /^Жінки, 60 років і старші, Не зазначено, Не зазначено: 0\./ }).click();
  const attendance = page.getByRole('group', { name: 'Учасники та учасниці' });
  await expect(attendance.getByRole('row', { name: /^Разом/ })).toContainText('9');
  await page.getByLabel('Розроблено (назв)').fill('2');
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
  await expect(page.getByTestId('unsynced')).toContainText('Чекають надсилання 2 записи');

  // Close the app and open it again, still offline: both records are there, intact.
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto('/records');
  await unlock(reopened);
  await expect(reopened.getByRole('heading', { level: 1, name: 'Мої записи' })).toBeVisible();
  const items = reopened.getByRole('main').getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'Консультації / послуги' })).toContainText('разом 2');
  const training = items.filter({ hasText: 'Тренінг «Безпечний простір»' });
  await expect(training).toContainText('разом 9');
  await expect(training).toContainText('Готовий до надсилання');

  await training.getByRole('link', { name: 'Редагувати' }).click();
  await expect(reopened.getByLabel('Назва заходу')).toHaveValue('Тренінг «Безпечний простір»');
  await expect(reopened.getByLabel('Розроблено (назв)')).toHaveValue('2');
  await expect(reopened.getByRole('spinbutton', { name: /^Жінки, 18–35 років, Не зазначено, Не зазначено$/ })).toHaveValue('5');
  await expect(reopened.getByText('Усього: 9')).toBeVisible();
  await expect(reopened.getByTestId('connection')).toHaveText('Офлайн');
});

test('keeps a half-filled form as a draft across a reload', async ({ page, context }) => {
  await setUpIdentity(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  await page.getByLabel('Соціальна група / категорія вразливості').selectOption('older_person');
  const cell = page.getByRole('button', { name: /^Жінки, 60 років і старші, Люди похилого віку: \d+\./ });
  for (let i = 0; i < 4; i++) await cell.click();
  await expect(page.getByText('Усього: 4')).toBeVisible();
  await page.reload();
  await unlock(page);
  await expect(page.getByText('Усього: 4')).toBeVisible();
  // Undo history came back with the draft.
  await page.getByRole('button', { name: /^Скасувати: Жінки, 60 років і старші, Люди похилого віку \+1$/ }).click();
  await expect(page.getByText('Усього: 3')).toBeVisible();
});

test('switches to English offline, from the precache, and starts in English with no Ukrainian screen first', async ({ page, context }) => {
  // One online visit, in Ukrainian: English is not among what the page loads, only in the precache.
  await setUpIdentity(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();

  await chooseLanguage(page, 'ENG');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText('Offline');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await openScreen(page, 'Events', 'Event / training');

  // Every main heading the page ever shows, from before its first script: an English device's
  // first render waits for the English chunk, so no Ukrainian screen flashes by.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { headings: string[] }).headings = seen;
    new MutationObserver(() => {
      const text = document.querySelector('h1')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'The app is locked' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { headings: string[] }).headings)).toEqual(['The app is locked']);
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Event / training' })).toBeVisible();
});

test('shows an error next to each field in the chosen language', async ({ page }) => {
  await setUpIdentity(page);
  await openScreen(page, 'Заходи', 'Захід / тренінг');
  await chooseLanguage(page, 'ENG');
  await expect(page.getByRole('heading', { level: 1, name: 'Event / training' })).toBeVisible();
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(page.getByText(/^Please correct the marked fields: .*Title of the event/)).toBeVisible();
  const title = page.getByLabel('Title of the event');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription('This field is required');
  await chooseLanguage(page, 'УКР');
  await expect(page.getByLabel('Назва заходу')).toHaveAccessibleDescription("Обов'язкове поле");
  // The language choice is remembered.
  await chooseLanguage(page, 'ENG');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'The app is locked' })).toBeVisible();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Event / training' })).toBeVisible();
});

test('counts repeat contacts apart from persons on a consultation, and the device report shows both figures', async ({ page }) => {
  await setUpIdentity(page);
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  // 16.2: crisis counselling, "кількість наданих консультувань" and "кількість осіб".
  await page.getByLabel('Захід плану').selectOption('16.2');
  await page.getByLabel('Район').selectOption({ index: 1 });
  await page.getByLabel('Вид послуги').selectOption('crisis_counselling');
  await page.getByLabel('Соціальна група / категорія вразливості').selectOption('idp');
  const woman = page.getByRole('button', { name: /^Жінки, 18–3\d рок\S*, Внутрішньо переміщені особи: \d+\. Додати одну особу$/ }).first();
  const womanAgain = page.getByRole('button', { name: /^Жінки, 18–3\d рок\S*, Внутрішньо переміщені особи, звернень: \d+\. Додати повторне звернення/ }).first();
  const man = page.getByRole('button', { name: /^Чоловіки, 3\d–59 років, Внутрішньо переміщені особи: \d+\. Додати одну особу$/ });
  // Nobody in the cell yet: no repeat contact to add.
  await expect(womanAgain).toBeDisabled();
  await woman.click();
  await woman.click();
  await womanAgain.click();
  await womanAgain.click();
  await man.click();
  await expect(woman).toHaveText('2');
  await expect(womanAgain).toHaveAccessibleName(/звернень: 4\./);
  const grid = page.getByRole('group', { name: 'Особи, які отримали послуги' });
  await expect(grid.getByText('звернень: 4', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Усього: 3' })).toContainText('Звернень: 5');
  // The control is a full touch target.
  const box = (await womanAgain.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
  // ... and the grid, contacts shown, still fits a 360 px phone.
  expect(await page.locator('.table-scroll').first().evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(grid.getByText(/^Дотик до числа — нова особа/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Скасувати: Чоловіки, 3\d–59 років, Внутрішньо переміщені особи \+1$/ })).toBeVisible();

  // Typed: fewer contacts than persons is refused, naming the cell.
  await page.getByRole('button', { name: 'Ввести числа' }).click();
  const contacts = page.getByRole('spinbutton', { name: /^Жінки, 18–3\d рок\S*, Внутрішньо переміщені особи: звернень$/ }).first();
  await expect(contacts).toHaveValue('4');
  await contacts.fill('1');
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(grid.getByText(/^Жінки, 18–3\d рок\S*, Внутрішньо переміщені особи: У цій клітинці звернень \(консультацій, дзвінків\) менше, ніж осіб/)).toBeVisible();
  await expect(contacts).toHaveAttribute('aria-invalid', 'true');
  await contacts.fill('4');
  await expect(grid.getByText(/менше, ніж осіб/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();

  // The device's report: the sessions and the persons, each its own figure.
  await openScreen(page, 'Звіти', 'Звіти');
  await expect(page.getByTestId('value-16.2.i1')).toHaveText('5');
  await expect(page.getByTestId('value-16.2.i2')).toHaveText('3');
  await expect(page.getByTestId('measure-totals-16.2')).toContainText('охоплено осіб: 3');
});
