import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { deviceState, expectErasedBy, goTo, logIn, openScreen, recordConsultation, recordEvent, setPin, syncNow, unlock, waitForServiceWorker } from './support/app';
import { createTeam, createUser, devicesOf, revokeDevice, serverRecords, type TestUser } from './support/server';

/**
 * The app against the real server: login, offline recording, sync, hand-off files, a revoked
 * device, and a record the server rejects. What the server holds is read back through its API.
 */

const PASSPHRASE = 'тиха вода 1325';

async function setup() {
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id], 'Олена Польова');
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
  return { team, worker, supervisor };
}

/** How far the page is wider than a 360 px phone's screen (0 or less: nothing to scroll sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectAllSynced(page: Page) {
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
  await expect(page.getByTestId('last-sync')).toContainText('Остання синхронізація');
}

async function ownRecordsOnServer(supervisor: TestUser, worker: TestUser) {
  return (await serverRecords(supervisor)).filter((r) => r.authorId === worker.id);
}

test('records made offline reach the server exactly once after reconnecting', async ({ page, context }) => {
  const { team, worker, supervisor } = await setup();
  await logIn(page, worker);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await recordConsultation(page, 2);
  await recordEvent(page);
  await expect(page.getByTestId('unsynced')).toContainText('Чекають надсилання 2 записи');

  // Closed and reopened with no network: the records and the login are still there, behind the PIN.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Мої записи' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('connection')).toHaveText('Офлайн');
  await expect(page.getByTestId('unsynced')).toContainText('Чекають надсилання 2 записи');
  expect(await ownRecordsOnServer(supervisor, worker)).toEqual([]);

  // The network returns: the app syncs by itself (the `online` event).
  await context.setOffline(false);
  await expectAllSynced(page);

  const device = (await deviceState(page))!;
  expect(device.records).toHaveLength(2);
  expect(device.records.every((r) => r.status === 'sent' && r.authorId === worker.id && r.teamId === team.id)).toBe(true);
  expect(device.outbox).toBe(0);
  const held = await ownRecordsOnServer(supervisor, worker);
  expect(held.map((r) => r.id).sort()).toEqual(device.records.map((r) => r.id).sort());
  expect(new Set(held.map((r) => r.id)).size).toBe(2);
  expect(held.map((r) => r.kind).sort()).toEqual(['event', 'serviceLog']);

  // "Sync now" again sends nothing twice.
  await syncNow(page);
  await expectAllSynced(page);
  expect((await ownRecordsOnServer(supervisor, worker)).map((r) => r.id).sort()).toEqual(held.map((r) => r.id).sort());
});

test('records made before the first login become the user’s and sync once', async ({ page }) => {
  const { team, worker, supervisor } = await setup();
  await page.goto('/');
  await setPin(page);
  await page.getByLabel("Ваше ім'я").fill('Олена');
  await page.getByLabel('Команда (бригада, служба, центр)').fill('Бригада 3');
  await page.getByRole('button', { name: 'Зберегти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await recordConsultation(page, 3);
  const before = (await deviceState(page))!.records;
  expect(before[0]!.authorId).toMatch(/^local:/);

  await openScreen(page, 'Хто я', 'Хто я');
  await expect(page.getByText('Записів, зроблених на цьому пристрої до входу: 1.', { exact: false })).toBeVisible();
  await page.getByLabel('Електронна пошта').fill(worker.email);
  await page.getByLabel('Пароль', { exact: true }).fill(worker.password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await expectAllSynced(page);

  const after = (await deviceState(page))!.records;
  expect(after).toEqual([expect.objectContaining({ id: before[0]!.id, revision: 1, status: 'sent', authorId: worker.id, teamId: team.id })]);
  const held = await ownRecordsOnServer(supervisor, worker);
  expect(held.map((r) => [r.id, r.revision, r.teamId])).toEqual([[before[0]!.id, 1, team.id]]);
  // After a login, "start without an account" is no longer offered.
  await openScreen(page, 'Хто я', 'Хто я');
  await expect(page.getByTestId('account-name')).toHaveText('Олена Польова');
  expect(await seriousViolations(page)).toEqual([]);
  await expect(page.getByText('Почати без облікового запису')).toHaveCount(0);
});

test('a hand-off file is imported by a supervisor, and importing it twice changes nothing', async ({ browser }) => {
  const { worker, supervisor } = await setup();
  const workerContext = await browser.newContext();
  const page = await workerContext.newPage();
  await logIn(page, worker);
  await waitForServiceWorker(page);
  await workerContext.setOffline(true);
  await recordConsultation(page, 4);
  await recordEvent(page, 'Круглий стіл у підвалі');
  const made = (await deviceState(page))!.records.map((r) => r.id).sort();

  await openScreen(page, 'Синхронізація', 'Синхронізація');
  await page.getByLabel('Пароль до файлу').fill(PASSPHRASE);
  await page.getByLabel('Пароль ще раз').fill('not the same');
  await page.getByRole('button', { name: 'Експортувати ненадіслані записи' }).click();
  await expect(page.getByText('Паролі не збігаються')).toBeVisible();
  await page.getByLabel('Пароль ще раз').fill(PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Експортувати ненадіслані записи' }).click()]);
  await expect(page.getByText(/Записів у файлі: 2/)).toBeVisible();
  // Kept apart from the worker's browser context, which closes before the import.
  const file = join(await mkdtemp(join(tmpdir(), 'kyiv1325-handoff-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^kyiv1325-handoff-.*\.json$/);
  expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'kyiv1325-handoff', kdf: { name: 'PBKDF2' } });
  expect(await readFile(file, 'utf8')).not.toContain('Круглий стіл');
  await workerContext.close();

  const supervisorContext = await browser.newContext();
  const boss = await supervisorContext.newPage();
  await logIn(boss, supervisor);
  await openScreen(boss, 'Синхронізація', 'Синхронізація');
  await boss.getByRole('link', { name: 'Завантажити файл передачі' }).click();
  await expect(boss.getByRole('heading', { level: 1, name: 'Завантажити файл передачі' })).toBeVisible();

  async function importFile(passphrase: string) {
    await boss.getByLabel('Файл передачі (.json)').setInputFiles(file);
    await boss.getByLabel('Пароль до файлу').fill(passphrase);
    await boss.getByRole('button', { name: 'Завантажити на сервер' }).click();
  }
  await importFile('wrong passphrase');
  await expect(boss.getByText('Невірний пароль або файл пошкоджено.')).toBeVisible();

  await importFile(PASSPHRASE);
  const result = boss.getByTestId('import-result');
  await expect(result.getByTestId('import-accepted')).toHaveText('2');
  await expect(result.getByTestId('import-duplicate')).toHaveText('0');
  expect((await ownRecordsOnServer(supervisor, worker)).map((r) => r.id).sort()).toEqual(made);

  await importFile(PASSPHRASE);
  await expect(result.getByTestId('import-duplicate')).toHaveText('2');
  await expect(result.getByTestId('import-accepted')).toHaveText('0');
  await expect(result.getByTestId('import-conflict')).toHaveText('0');
  await expect(result.getByTestId('import-rejected')).toHaveText('0');
  expect(await seriousViolations(boss)).toEqual([]);
  const held = await ownRecordsOnServer(supervisor, worker);
  expect(held.map((r) => r.id).sort()).toEqual(made);
  expect(held.every((r) => r.revision === 1)).toBe(true);
  await supervisorContext.close();
});

test('a revoked device stops syncing, offers the hand-off file, then erases its data', async ({ page, context }) => {
  const { worker } = await setup();
  await logIn(page, worker);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await recordConsultation(page, 1);

  const [device] = await devicesOf(worker.id);
  await revokeDevice(device!.id);
  await context.setOffline(false);

  const ended = page.getByTestId('access-ended');
  await expect(ended).toBeVisible({ timeout: 20_000 });
  await expect(ended).toContainText('Адміністратор відключив цей пристрій');
  await expect(page.getByTestId('sync-error')).toHaveText('Цей пристрій відключено адміністратором.');
  await expect(ended.getByTestId('access-count')).toContainText('Записів, яких немає на сервері: 1');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // Other screens are closed while the device is revoked.
  await goTo(page, 'Мої записи');
  await expect(ended).toBeVisible();

  // Erasing before saving the file asks a second time, naming what would be lost.
  await ended.getByRole('button', { name: 'Стерти дані з пристрою' }).click();
  await expect(ended.getByText(/їх буде втрачено назавжди/)).toBeVisible();
  await ended.getByRole('button', { name: 'Скасувати' }).click();

  await ended.getByLabel('Пароль до файлу').fill(PASSPHRASE);
  await ended.getByLabel('Пароль ще раз').fill(PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent('download'), ended.getByRole('button', { name: 'Експортувати ненадіслані записи' }).click()]);
  expect(JSON.parse(await readFile(await download.path(), 'utf8')).format).toBe('kyiv1325-handoff');

  await ended.getByRole('button', { name: 'Стерти дані з пристрою' }).click();
  await expect(ended.getByText('Стерти всі дані застосунку з цього пристрою?')).toBeVisible();
  // A fresh device: the first thing it asks for is a new PIN.
  await expectErasedBy(page, () => ended.getByRole('button', { name: 'Так, стерти' }).click());
  const state = await deviceState(page);
  expect(state?.records ?? []).toEqual([]);
  expect(state?.session ?? null).toBeNull();
  expect(state?.outbox ?? 0).toBe(0);
});

test('a revoked device erases its data after an explicit yes, also without a hand-off file', async ({ page }) => {
  const { worker } = await setup();
  await logIn(page, worker);
  await recordConsultation(page, 2);
  await expectAllSynced(page);
  const [device] = await devicesOf(worker.id);
  await revokeDevice(device!.id);

  await syncNow(page);
  const ended = page.getByTestId('access-ended');
  await expect(ended).toBeVisible();
  await expect(ended.getByTestId('access-count')).toHaveText('Усі записи вже на сервері.');
  await ended.getByRole('button', { name: 'Стерти дані з пристрою' }).click();
  await expectErasedBy(page, () => ended.getByRole('button', { name: 'Так, стерти' }).click());
  expect((await deviceState(page))?.records ?? []).toEqual([]);
});

test('a record the server rejects is set aside with its reason while the others sync', async ({ page, context }) => {
  const { worker, supervisor } = await setup();
  await logIn(page, worker);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await recordConsultation(page, 2);
  await recordEvent(page, 'Тренінг, що дійде');
  expect((await deviceState(page))!.records).toHaveLength(2);

  // The stored records are encrypted, so the bad record is made on its way: the first upload carries
  // the consultation with a district that does not exist (as a faulty device or a proxy would).
  let tampered = '';
  await context.route('**/api/v1/sync/push', async (route) => {
    const body = route.request().postDataJSON() as { records: { id: string; kind: string; district?: string }[] };
    const bad = body.records.find((r) => r.kind === 'serviceLog');
    if (!bad || tampered) return route.continue();
    tampered = bad.id;
    bad.district = 'atlantis';
    await route.continue({ postData: JSON.stringify(body) });
    await context.unroute('**/api/v1/sync/push');
  });

  await context.setOffline(false);
  await expect(page.getByTestId('last-sync')).toContainText('Остання синхронізація', { timeout: 20_000 });
  // Set aside, not waiting: said apart, and never as "all synced".
  await expect(page.getByTestId('unsynced')).toHaveText('Надіслано все, крім записів, які треба виправити');
  await expect(page.getByTestId('set-aside-count')).toContainText('1 запис відкладено');
  expect(tampered).not.toBe('');

  const held = await ownRecordsOnServer(supervisor, worker);
  expect(held.map((r) => r.kind)).toEqual(['event']);
  expect(held.map((r) => r.id)).not.toContain(tampered);

  await openScreen(page, 'Синхронізація', 'Синхронізація');
  const aside = page.getByTestId('set-aside').getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
  await expect(aside).toHaveCount(1);
  await expect(aside.first()).toHaveAttribute('data-record-id', tampered);
  await expect(aside.first()).toContainText('Відхилено');
  await expect(aside.first()).toContainText('district');
  await expect(aside.first().getByRole('link', { name: 'Виправити' })).toHaveAttribute('href', `/consultations/${tampered}`);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  const device = (await deviceState(page))!.records;
  expect(device.find((r) => r.id === tampered)?.status).toBe('rejected');
  expect(device.find((r) => r.id !== tampered)?.status).toBe('sent');

  // The author fixes it from the list and sends it again: the server never stored it, so the same revision goes.
  await aside.first().getByRole('link', { name: 'Виправити' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Консультації та послуги' })).toBeVisible();
  await page.getByLabel('Район').selectOption({ index: 3 });
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
  const fixed = await ownRecordsOnServer(supervisor, worker);
  expect(fixed.map((r) => [r.id, r.revision]).filter(([id]) => id === tampered)).toEqual([[tampered, 1]]);
  expect(fixed).toHaveLength(2);
});
