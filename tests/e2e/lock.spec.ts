import { readFile } from 'node:fs/promises';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { deviceState, expectErasedBy, fireBackgroundSync, logIn, openScreen, recordConsultation, setPin, setUpIdentity, unlock, waitForServiceWorker } from './support/app';
import { seriousViolations } from './support/axe';
import { createTeam, createUser, serverRecords } from './support/server';

/**
 * The device lock in Chromium: the PIN at first use, locked on every cold start and after
 * inactivity (in every tab), unlocked offline, wrong PINs counted down to an erase, logout that
 * offers sync or the hand-off file and then erases, and Background Sync that finds the app locked.
 */

const lockScreen = (page: Page) => page.getByTestId('lock-screen');

/** Nothing of the device's data on a locked screen: no navigation, no sync status, no record. */
async function expectNothingShown(page: Page, texts: string[]) {
  await expect(lockScreen(page)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Розділи' })).toHaveCount(0);
  await expect(page.getByTestId('unsynced')).toHaveCount(0);
  for (const text of texts) await expect(page.getByText(text, { exact: false })).toHaveCount(0);
}

test('the PIN comes first, with its rules explained; every cold start is locked and the PIN opens it offline', async ({ page, context }) => {
  await page.goto('/');
  const setup = page.getByTestId('pin-setup');
  await expect(setup).toContainText('Застосунок блокується, якщо ним не користуватися 5 хв');
  await expect(setup).toContainText('Після 10 неправильних кодів поспіль');
  await expect(setup).toContainText('Забутий код не відновити');
  expect(await seriousViolations(page)).toEqual([]);
  const attempt = async (pin: string, again: string, error: string) => {
    await page.getByLabel('Новий PIN-код').fill(pin);
    await page.getByLabel('PIN-код ще раз').fill(again);
    await page.getByRole('button', { name: 'Захистити пристрій' }).click();
    await expect(page.getByLabel('Новий PIN-код')).toHaveAccessibleDescription(new RegExp(error));
  };
  await attempt('4729', '4729', 'Щонайменше 6 символів');
  await attempt('123456', '123456', 'Такий код легко вгадати');
  await attempt('472915', '472916', 'Коди не збігаються');
  await attempt('47291a', '47291a', 'PIN-код — лише цифри');
  await setPin(page);
  // Then, and only then, "Who am I".
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Ваше ім'я").fill('Олена');
  await page.getByLabel('Команда (бригада, служба, центр)').fill('Бригада 3');
  await page.getByRole('button', { name: 'Зберегти' }).click();
  await recordConsultation(page, 3);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expectNothingShown(page, ['Олена', 'разом 3']);
  expect(await seriousViolations(page)).toEqual([]);
  await unlock(page);
  await openScreen(page, 'Мої записи', 'Мої записи');
  await expect(page.getByRole('main').getByRole('listitem')).toContainText('разом 3');

  // A new tab while this one is unlocked: the key is handed over, no PIN. All tabs closed: locked.
  const second = await context.newPage();
  await second.goto('/records');
  await expect(second.getByRole('main').getByRole('listitem')).toContainText('разом 3');
  await second.close();
  await page.close();
  const cold = await context.newPage();
  await cold.goto('/records');
  await expectNothingShown(cold, ['разом 3']);
});

async function twoTabs(context: BrowserContext) {
  const a = await context.newPage();
  await setUpIdentity(a);
  const b = await context.newPage();
  await b.goto('/records');
  await expect(b.getByRole('heading', { level: 1, name: 'Мої записи' })).toBeVisible();
  return { a, b };
}

test('locks after the chosen time without use, in every tab; the form being typed comes back after the PIN', async ({ context }) => {
  const { a, b } = await twoTabs(context);
  // The setting, as the user would choose it ...
  await openScreen(a, 'Хто я', 'Хто я');
  await a.getByLabel('Блокувати, якщо не користуватися').selectOption({ label: '1 хв' });
  expect(await a.evaluate(() => localStorage.getItem('kyiv1325.lockAfterMs'))).toBe('60000');
  // ... and shortened for the test, so it does not wait a minute (the app honours 1 s and up).
  await a.evaluate(() => localStorage.setItem('kyiv1325.lockAfterMs', '4000'));

  await openScreen(a, 'Заходи', 'Захід / тренінг');
  await a.getByLabel('Назва заходу').fill('Тренінг, що чекає');
  // Use in tab A keeps tab B open too.
  for (let i = 0; i < 3; i++) {
    await a.waitForTimeout(1_500);
    await a.getByLabel('Організатор').press('End');
  }
  await expect(b.getByRole('heading', { level: 1, name: 'Мої записи' })).toBeVisible();
  // Then nobody touches anything.
  await expect(lockScreen(a)).toBeVisible({ timeout: 10_000 });
  await expect(lockScreen(b)).toBeVisible({ timeout: 10_000 });
  await expectNothingShown(a, ['Тренінг, що чекає']);

  // The PIN in one tab opens both; the form is back with what was typed.
  await unlock(a);
  await expect(a.getByLabel('Назва заходу')).toHaveValue('Тренінг, що чекає');
  await expect(b.getByRole('heading', { level: 1, name: 'Мої записи' })).toBeVisible();
  // "Lock" in the header locks at once, everywhere.
  await b.getByRole('button', { name: 'Заблокувати' }).click();
  await expect(lockScreen(a)).toBeVisible();
  await expect(lockScreen(b)).toBeVisible();
});

test('wrong PINs count down with a warning; the last one erases the device’s data', async ({ page }) => {
  await setUpIdentity(page);
  await recordConsultation(page, 2);
  await openScreen(page, 'Хто я', 'Хто я');
  await page.getByLabel('Стерти дані після неправильних кодів поспіль').selectOption('5');
  await expect(page.getByText('Збережено.')).toBeVisible();
  await page.reload();
  const screen = lockScreen(page);
  const wrong = async (left: number) => {
    await screen.getByLabel('PIN-код').fill('000000');
    await screen.getByRole('button', { name: 'Розблокувати' }).click();
    if (left > 0) await expect(screen.getByLabel('PIN-код')).toHaveAccessibleDescription(`Неправильний код. Залишилось спроб: ${left}.`);
  };
  await wrong(4);
  await expect(screen.getByText('Увага:')).toHaveCount(0);
  await wrong(3);
  await expect(screen.getByRole('alert').filter({ hasText: 'ще 3 неправильні спроби' })).toContainText('буде стерто');
  expect(await seriousViolations(page)).toEqual([]);
  // Closing the app does not reset the count.
  await page.reload();
  await expect(screen.getByLabel('PIN-код')).toHaveAccessibleDescription('Неправильний код. Залишилось спроб: 3.');
  await wrong(2);
  await wrong(1);
  await expectErasedBy(page, () => wrong(0));
  await expect(page.getByText('Дані застосунку на цьому пристрої стерто після 5 неправильних кодів поспіль.')).toBeVisible();
  expect((await deviceState(page))?.records ?? []).toEqual([]);
  expect((await deviceState(page))?.session ?? null).toBeNull();
  // A fresh start: the old PIN is gone with the data.
  await setPin(page, '835102');
  await expect(page.getByRole('button', { name: 'Зберегти' })).toBeVisible();
});

test('logging out with unsynced records offers sync first, then erases the device', async ({ page, context }) => {
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id]);
  await logIn(page, worker);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await recordConsultation(page, 1);
  await recordConsultation(page, 2);
  await openScreen(page, 'Хто я', 'Хто я');
  await page.getByRole('button', { name: 'Вийти' }).click();
  const panel = page.getByRole('region', { name: 'Вихід' });
  await expect(panel.getByTestId('logout-unsynced')).toHaveText(/Ще не надіслано записів: 2\. Вихід стирає всі дані/);
  // Offline: no sync to offer, the hand-off file is.
  await expect(panel.getByRole('button', { name: 'Синхронізувати зараз' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Експортувати ненадіслані записи' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Back online: "Sync now" is offered. The app also retries by itself (Background Sync fires as
  // soon as the network is back), so the button or that retry sends them, whichever comes first.
  await context.route('**/api/v1/sync/**', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  const syncButton = panel.getByRole('button', { name: 'Синхронізувати зараз' });
  await expect(syncButton).toBeVisible();
  await context.unroute('**/api/v1/sync/**');
  await syncButton.click({ timeout: 5_000 }).catch(() => expect(syncButton).toHaveCount(0));
  // Nothing waits any more: a plain yes logs out.
  await expect(panel.getByRole('alert')).toHaveText('Вийти? Усі дані застосунку буде стерто з цього пристрою; записи, надіслані на сервер, лишаються там.', { timeout: 20_000 });
  expect((await serverRecords(worker)).length).toBe(2);
  await expectErasedBy(page, () => panel.getByRole('button', { name: 'Так, вийти' }).click());
  const after = await deviceState(page);
  expect([after?.records ?? [], after?.session ?? null, after?.outbox ?? 0]).toEqual([[], null, 0]);
});

test('logging out without saving asks a second time, naming what is lost; after the hand-off file a yes will do', async ({ page, context }) => {
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id]);
  await logIn(page, worker);
  // The erase reloads the app while offline: only a precached shell can answer that reload.
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await recordConsultation(page, 1);
  await openScreen(page, 'Хто я', 'Хто я');
  await page.getByRole('button', { name: 'Вийти' }).click();
  await page.getByRole('button', { name: 'Вийти і стерти без збереження' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '1 запис буде втрачено назавжди.' })).toBeVisible();
  await page.getByRole('button', { name: 'Скасувати' }).click();
  expect((await deviceState(page))!.records).toHaveLength(1);

  const panel = page.getByRole('region', { name: 'Вихід' });
  await panel.getByLabel('Пароль до файлу').fill('тиха вода 1325');
  await panel.getByLabel('Пароль ще раз').fill('тиха вода 1325');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Експортувати ненадіслані записи' }).click()]);
  expect(JSON.parse(await readFile(await download.path(), 'utf8')).format).toBe('kyiv1325-handoff');
  await expect(panel.getByRole('alert')).toContainText('Вийти? Усі дані застосунку буде стерто');
  await expectErasedBy(page, () => panel.getByRole('button', { name: 'Так, вийти' }).click());
  expect((await deviceState(page))?.records ?? []).toEqual([]);
});

test('a Background Sync event while locked finds the app locked; the unlock sends the record', async ({ page, context }) => {
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id]);
  await logIn(page, worker);
  await waitForServiceWorker(page);
  await context.route('**/api/v1/sync/**', (route) => route.abort('internetdisconnected'));
  await recordConsultation(page, 1);
  await expect(page.getByTestId('sync-error')).toHaveText('Немає звʼязку з сервером.', { timeout: 15_000 });
  // Locked while the server still cannot be reached (so no retry slips through first), then reachable.
  await page.getByRole('button', { name: 'Заблокувати' }).click();
  await expect(lockScreen(page)).toBeVisible();
  await context.unroute('**/api/v1/sync/**');

  const heard = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve((e.data as { type: string }).type));
        navigator.serviceWorker.startMessages();
      }),
  );
  await fireBackgroundSync(page, context);
  // Fired once: the worker must pass it on.
  expect(await Promise.race([heard, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))])).toBe('kyiv1325-sync');
  // Heard, and nothing sent: the token cannot even be read while locked.
  await page.waitForTimeout(2_000);
  expect(await serverRecords(worker)).toEqual([]);
  await expect(lockScreen(page)).toBeVisible();

  await unlock(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 15_000 });
  expect((await serverRecords(worker)).map((r) => r.authorId)).toEqual([worker.id]);
});
