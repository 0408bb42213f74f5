import { expect, test, type Page } from '@playwright/test';
import { canaries, eventContent } from '../client/data/vault/release3';
import { createRecord } from '../../src/shared/records/build';
import { deviceState, expectErasedBy, goTo, openScreen, setPin, syncNow, waitForServiceWorker } from './support/app';
import { findInProfile } from './support/profileScan';
import { launchProfile } from './support/profile';
import { apiLogin, createTeam, createUser, giveVerdict, pushAs, serverRecords } from './support/server';

/**
 * The lost-device proof: a canary in every free text the forms have (event title, place,
 * organiser, online platform, a deliverable's document reference, a draft), a supervisor's
 * comment, a team record pulled from the server, the user's name, email and team, the session
 * token and the passcode are found nowhere in the Chromium profile folder read from disk after
 * the browser closed: (a) while locked, (b) after logout. Strings are searched as UTF-8 and
 * UTF-16LE, in every file and inside LevelDB's compressed blocks and log records.
 */

const saved = 'Збережено. Запис буде надіслано під час синхронізації.';
const lower = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

async function people(page: Page) {
  await page.getByRole('spinbutton', { name: /^Жінки, 18–35 років, Не зазначено, Не зазначено$/ }).fill('5');
}

async function typeEvent(page: Page, fields: { title: string; place?: string; platform?: string; organiser: string }, save = true) {
  await openScreen(page, 'Заходи', 'Захід / тренінг');
  await page.getByLabel('Назва заходу').fill(fields.title);
  await page.getByLabel('Формат').selectOption('training');
  if (fields.platform !== undefined) {
    await page.getByLabel('Онлайн').check();
    await page.getByLabel('Платформа (необовʼязково)').fill(fields.platform);
  } else {
    await page.getByLabel('Місце (заклад, адреса)').fill(fields.place ?? 'Бібліотека');
    await page.getByLabel('Район').selectOption({ index: 2 });
  }
  await page.getByLabel('Організатор').fill(fields.organiser);
  await people(page);
  if (!save) return;
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText(saved)).toBeVisible();
}

async function typeDeliverable(page: Page, documentRef: string) {
  await openScreen(page, 'Інші індикатори', 'Інші індикатори');
  await page.getByLabel('Захід плану').selectOption('3.1');
  await page.getByLabel('Виконано').check();
  await page.getByLabel('Документ, що підтверджує виконання').fill(documentRef);
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText(saved)).toBeVisible();
}

/** Logs in on the "Хто я" screen; returns the token the server gave (read off the wire). */
async function logInCapturingToken(page: Page, user: { email: string; password: string }): Promise<string> {
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Електронна пошта').fill(user.email);
  await page.getByLabel('Пароль', { exact: true }).fill(user.password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.status() === 200);
  await page.getByRole('button', { name: 'Увійти' }).click();
  const { token } = (await (await answer).json()) as { token: string };
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  return token;
}

async function accounts(c: ReturnType<typeof canaries>) {
  const team = await createTeam(`Бригада ${c.title}team`);
  const worker = await createUser('field_worker', [team.id], `Олена ${c.serverComment}`, `${lower(c.syncError)}@example.com`);
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
  return { team, worker, supervisor, secrets: [team.name, worker.displayName, worker.password] };
}

/**
 * Nothing readable anywhere, with one known exception: Chromium's password manager notes the
 * login email of a password form it offered to save ("Login Data"); the app cannot switch that
 * off (a deployment can, by policy). The email is checked to be nowhere else.
 */
function expectNowhere(dir: string, needles: string[], email: string) {
  const hits = findInProfile(dir, [...needles, email]).filter((h) => !(h.needle === email && h.file.endsWith('Login Data')));
  expect(hits, `plaintext found in the profile:\n${hits.map((h) => `${h.needle} in ${h.file} (${h.how})`).join('\n')}`).toEqual([]);
}

test('(a) closed while locked: no free text, comment, name, token or passcode is readable on disk', async () => {
  test.setTimeout(180_000);
  const c = canaries();
  const passcode = `тиха ${c.lastError} вода`;
  const { team, worker, supervisor, secrets } = await accounts(c);
  const { context, page, dir } = await launchProfile();
  await page.goto('/');
  await setPin(page, passcode, 'passcode');
  const token = await logInCapturingToken(page, worker);
  await waitForServiceWorker(page);

  await typeEvent(page, { title: c.title, place: c.place, organiser: c.organiser });
  await typeEvent(page, { title: 'Вебінар 1325', platform: c.platform, organiser: 'Центр' });
  await typeDeliverable(page, c.documentRef);
  await syncNow(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });

  // The supervisor returns the first event with a comment; the same user's other device adds a record.
  const held = (await serverRecords(supervisor)).filter((r) => r.authorId === worker.id);
  const first = held.find((r) => r.kind === 'event' && r.title === c.title)!;
  await giveVerdict((await apiLogin(supervisor.email, supervisor.password)).token, { recordId: first.id, revision: 1, status: 'returned', comment: `Уточніть місце: ${c.comment}` });
  const other = await apiLogin(worker.email, worker.password, 'e2e-other-tablet');
  const fromOther = createRecord(eventContent(c.serverTitle, { platform: 'Zoom' }, 'Інша бригада'), { authorId: worker.id, teamId: team.id, deviceId: 'e2e-other-tablet' });
  expect((await pushAs(other.token, 'e2e-other-tablet', [fromOther])).results[0]).toMatchObject({ status: 'accepted' });
  await syncNow(page);
  await openScreen(page, 'Синхронізація', 'Синхронізація');
  await expect(page.getByText(c.comment).first()).toBeVisible({ timeout: 20_000 });

  // A draft: typed, never saved.
  await typeEvent(page, { title: c.draftTitle, place: 'Укриття', organiser: 'Центр' }, false);
  await goTo(page, 'Сьогодні');

  // Everything did land on the device (else the test would prove nothing).
  const device = (await deviceState(page))!;
  expect(device.records).toHaveLength(3);
  const stores = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('kyiv-1325-field');
      req.onsuccess = () => resolve(req.result);
    });
    const count = (name: string) =>
      new Promise<number>((resolve) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => resolve(req.result);
      });
    const result = { drafts: await count('drafts'), serverRecords: await count('serverRecords'), session: await count('session') };
    db.close();
    return result;
  });
  expect(stores).toEqual({ drafts: 1, serverRecords: 1, session: 1 });

  await page.getByRole('button', { name: 'Заблокувати' }).click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await context.close();

  // The scan reads IndexedDB: ids, kept in the clear as keys, are there to be found.
  expect(findInProfile(dir, [device.records[0]!.id]).some((h) => h.file.includes('IndexedDB'))).toBe(true);
  expectNowhere(dir, [...Object.values(c).filter((v) => v !== c.syncError && v !== c.serverComment), token, passcode, ...secrets], worker.email);
});

test('(b) after logout: the records, the draft and the token are gone from disk', async () => {
  test.setTimeout(180_000);
  const c = canaries();
  const { worker, secrets } = await accounts(c);
  const { context, page, dir } = await launchProfile();
  await page.goto('/');
  await setPin(page);
  const token = await logInCapturingToken(page, worker);
  await waitForServiceWorker(page);
  await typeEvent(page, { title: c.title, place: c.place, organiser: c.organiser });
  await syncNow(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
  await context.setOffline(true);
  await typeEvent(page, { title: 'Вебінар 1325', platform: c.platform, organiser: 'Центр' });
  await typeDeliverable(page, c.documentRef);
  await typeEvent(page, { title: c.draftTitle, place: 'Укриття', organiser: 'Центр' }, false);

  await openScreen(page, 'Хто я', 'Хто я');
  await page.getByRole('button', { name: 'Вийти' }).click();
  await expect(page.getByTestId('logout-unsynced')).toContainText('Ще не надіслано записів: 2');
  await page.getByRole('button', { name: 'Вийти і стерти без збереження' }).click();
  await expect(page.getByText('2 записи буде втрачено назавжди.', { exact: false })).toBeVisible();
  await expectErasedBy(page, () => page.getByRole('button', { name: 'Так, вийти' }).click());
  await context.close();

  expectNowhere(dir, [c.title, c.place, c.organiser, c.platform, c.documentRef, c.draftTitle, token, ...secrets], worker.email);
});

test('(c) after logout online: the browser deletes the site’s storage files, leftover bytes of deleted rows too', async () => {
  test.setTimeout(180_000);
  const c = canaries();
  const { worker } = await accounts(c);
  const { context, page, dir } = await launchProfile();
  await page.goto('/');
  await setPin(page);
  await logInCapturingToken(page, worker);
  await waitForServiceWorker(page);
  await typeEvent(page, { title: c.title, place: c.place, organiser: c.organiser });
  await typeDeliverable(page, c.documentRef);
  await syncNow(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
  // Record ids are kept in the clear (they are keys): after an erase alone, LevelDB still holds them until it compacts.
  const ids = (await deviceState(page))!.records.map((r) => r.id);
  expect(ids).toHaveLength(2);

  await openScreen(page, 'Хто я', 'Хто я');
  await page.getByRole('button', { name: 'Вийти' }).click();
  const forgotten: Promise<Record<string, string>>[] = [];
  page.on('response', (r) => void (r.url().endsWith('/api/v1/auth/forget-device') && forgotten.push(r.allHeaders())));
  await expectErasedBy(page, () => page.getByRole('button', { name: 'Так, вийти' }).click());
  const answers = await Promise.all(forgotten);
  await context.close();

  // (The tab history keeps URLs with record ids, e.g. /events/<id>: ids carry nothing about anyone.)
  const left = findInProfile(dir, ids).filter((h) => h.file.includes('IndexedDB'));
  expect(left, `bytes of the erased database are still on disk:\n${left.map((h) => `${h.needle} in ${h.file} (${h.how})`).join('\n')}`).toEqual([]);
  expect(answers.map((h) => h['clear-site-data'])).toEqual(['"storage"']);
});
