import { expect, test, type Browser, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { chooseLanguage, logIn, nav, openScreen, recordConsultation, syncNow, waitForServiceWorker } from './support/app';
import { createUser, devicesOf, userByEmail } from './support/server';

/**
 * Issue 13: a city's administrator runs the programme from the browser. As admin: create a team
 * and a field worker (bad input named by field first); the worker logs in on another device,
 * records offline and syncs; the admin sees that device, last seen, with nothing unsynced;
 * changing the worker's role ends the worker's session. Offline the screen says it needs a
 * network. At a phone's and a tablet's size, with axe.
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectClean(page: Page, shot: string) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // from the top: a full-page shot of a scrolled page draws the sticky header mid-page
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/admin-${shot}.png`, fullPage: true });
}

async function newDevice(browser: Browser, size: (typeof SIZES)[number]) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, hasTouch: true, locale: 'uk-UA' });
  return { context, page: await context.newPage() };
}

for (const size of SIZES) {
  test(`admin creates a team and a worker, sees the worker's synced device, and a role change ends their session (${size.name})`, async ({ browser }) => {
    const stamp = `${size.name}-${Date.now().toString(36)}`;
    const admin = await createUser('admin', [], 'Оксана Адмін', `admin-${stamp}@example.com`);
    const teamName = `Мобільна бригада Поділ ${stamp}`;
    const workerEmail = `worker-${stamp}@example.com`;

    const a = await newDevice(browser, size);
    const w = await newDevice(browser, size);
    try {
      await logIn(a.page, admin);
      await openScreen(a.page, 'Адміністрування', 'Адміністрування');
      const main = a.page.getByRole('main');
      await expect(main.getByText('Команд ще немає', { exact: false }).or(main.getByTestId('admin-teams'))).toBeVisible();

      // A team: an empty name is refused next to the field, then it is created with kind and district.
      const teamForm = main.getByRole('form', { name: 'Нова команда' });
      await teamForm.getByRole('button', { name: 'Створити команду' }).click();
      await expect(teamForm.getByLabel('Назва команди')).toHaveAttribute('aria-invalid', 'true');
      await expect(teamForm.getByText("Обов'язкове поле")).toBeVisible();
      await teamForm.getByLabel('Назва команди').fill(teamName);
      await teamForm.getByLabel('Тип команди').selectOption({ label: 'Мобільна бригада' });
      await teamForm.getByLabel('Район').selectOption({ label: 'Подільський' });
      await teamForm.getByRole('button', { name: 'Створити команду' }).click();
      await expect(main.getByText(`Команду «${teamName}» створено.`)).toBeVisible();
      const teamItem = main.getByTestId('admin-teams').getByRole('listitem').filter({ hasText: teamName });
      await expect(teamItem).toContainText('Подільський');
      await expect(teamItem).toContainText('0 учасників');
      await expectClean(a.page, `${size.name}-teams`);

      // A field worker in it: a bad e-mail is named, then the generated password is shown once.
      await main.getByRole('button', { name: 'Користувачі' }).click();
      const userForm = main.getByRole('form', { name: 'Новий користувач' });
      await userForm.getByLabel('Електронна пошта').fill('not-an-email');
      await userForm.getByLabel("Ім'я та прізвище").fill('Марія Польова');
      await userForm.getByRole('button', { name: 'Створити користувача' }).click();
      await expect(userForm.getByLabel('Електронна пошта')).toHaveAttribute('aria-invalid', 'true');
      await expect(userForm.getByText('Недопустиме значення')).toBeVisible();
      await userForm.getByLabel('Електронна пошта').fill(workerEmail);
      await userForm.getByLabel('Роль').selectOption({ label: 'Працівник/ця мобільної бригади' });
      await userForm.getByRole('checkbox', { name: teamName }).check();
      await userForm.getByRole('button', { name: 'Створити користувача' }).click();
      await expect(main.getByText(`Користувача ${workerEmail} створено.`)).toBeVisible();
      const password = (await main.getByTestId('generated-password').textContent())!.trim();
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      await expectClean(a.page, `${size.name}-user-created`);
      await main.getByRole('button', { name: /сховати$/ }).click();
      await expect(main.getByTestId('generated-password')).toHaveCount(0);

      // The worker, on their own device: logs in, records offline, syncs when the network returns.
      await logIn(w.page, { email: workerEmail, password });
      await waitForServiceWorker(w.page);
      // a worker has no administration in the navigation
      await expect(nav(w.page, 'Адміністрування')).toHaveCount(0);
      await w.context.setOffline(true);
      await recordConsultation(w.page, 2);
      await expect(w.page.getByTestId('unsynced')).toContainText('Чекає надсилання 1 запис');
      await w.context.setOffline(false);
      await expect(w.page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
      // the device's report after the sync reached the server
      const workerId = (await userByEmail(workerEmail))!.id;
      await expect.poll(async () => (await devicesOf(workerId))[0]?.unsyncedCount, { timeout: 15_000 }).toBe(0);

      // The admin opens the worker: the device, last seen just now, its app version, nothing unsynced.
      const workerItem = main.getByTestId('admin-users').locator(`li[data-email="${workerEmail}"]`);
      await expect(workerItem).toContainText('Марія Польова');
      await expect(workerItem).toContainText(teamName);
      await workerItem.getByRole('button', { name: 'Керувати: Марія Польова' }).click();
      const device = workerItem.getByTestId('admin-device');
      await expect(device).toHaveCount(1);
      await expect(device.getByTestId('device-last-seen')).toContainText(/щойно|хвилин|хвилину|зараз|секунд/);
      await expect(device.getByTestId('device-app-version')).not.toHaveText('ще не повідомлено');
      await expect(device.getByTestId('device-unsynced')).toContainText('0 записів');
      await expectClean(a.page, `${size.name}-device`);

      // Completeness (on the review screen): the team's month has the worker's record, pending, not locked; CSV for the year.
      await openScreen(a.page, 'Перевірка', 'Перевірка записів');
      const panel = main.getByRole('region', { name: 'Повнота звітності' });
      const row = panel.locator(`tr[data-team="${teamName}"]`);
      await expect(row).toBeVisible();
      await expect(panel.getByLabel('Місяць')).toHaveValue('2023-12');
      await expect(row.locator('td')).toHaveText(['1', '0', '0', '1', 'ні']);
      await expect(panel.getByText('Усі пристрої виходили на зв’язок останнім часом.')).toBeVisible();
      const [csv] = await Promise.all([a.page.waitForEvent('download'), panel.getByRole('button', { name: 'Завантажити CSV за рік' }).click()]);
      expect(csv.suggestedFilename()).toBe('povnota-2023.csv');
      await expectClean(a.page, `${size.name}-completeness`);
      await openScreen(a.page, 'Адміністрування', 'Адміністрування');
      await main.getByRole('button', { name: 'Користувачі' }).click();
      await workerItem.getByRole('button', { name: 'Керувати: Марія Польова' }).click();

      // Changing the worker's role ends their session: their next sync is refused, and the app says why.
      await workerItem.getByLabel('Роль').selectOption({ label: 'Тренер/ка' });
      await workerItem.getByRole('button', { name: 'Зберегти роль і команди' }).click();
      await expect(workerItem.getByText('Збережено. Завершено 1 сеанс.')).toBeVisible();
      await expect(workerItem.locator('.admin-meta')).toContainText('Тренер/ка');
      await syncNow(w.page);
      await expect(w.page.getByTestId('access-ended')).toContainText('Ваш вхід скасовано', { timeout: 20_000 });
      await w.page.screenshot({ path: `test-results/admin-${size.name}-worker-ended.png`, fullPage: true });

      // The worker's device is revoked from the screen, after a confirmation.
      await device.getByRole('button', { name: /^Відкликати пристрій/ }).click();
      await expect(device.getByText('дані на ньому буде стерто', { exact: false })).toBeVisible();
      await device.getByRole('button', { name: 'Так, відкликати' }).click();
      await expect(device.getByText(/^Відкликано /)).toBeVisible();
      expect((await devicesOf(workerId))[0]?.revokedAt).not.toBeNull();

      // Offline, the admin screen says it needs a network and shows nothing stale.
      await a.context.setOffline(true);
      await expect(main.getByTestId('admin-offline')).toContainText('Адміністрування працює лише з мережею');
      await expect(main.getByTestId('admin-users')).toHaveCount(0);
      await expectClean(a.page, `${size.name}-offline`);
      await a.context.setOffline(false);
      await expect(main.getByRole('button', { name: 'Команди' })).toBeVisible();

      // In English, the whole screen too.
      await chooseLanguage(a.page, 'ENG');
      await expect(a.page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
      await main.getByRole('button', { name: 'Users' }).click();
      await expect(main.getByRole('form', { name: 'New user' }).getByLabel('Email')).toBeVisible();
      await expect(workerItem.getByRole('button', { name: 'Manage: Марія Польова' })).toBeVisible();
      await expect(workerItem).toContainText('Trainer');
      await expectClean(a.page, `${size.name}-english`);
    } finally {
      await a.context.close();
      await w.context.close();
    }
  });
}
