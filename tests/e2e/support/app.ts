import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The PIN the helpers set on every new device (tests that need another pass their own). */
export const TEST_PIN = '472915';

/** First start of the app on a device: choose the PIN (or a passcode) that opens the data key. */
export async function setPin(page: Page, pin = TEST_PIN, kind: 'pin' | 'passcode' = 'pin'): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Захистіть дані на цьому пристрої' })).toBeVisible();
  if (kind === 'passcode') await page.getByLabel('Пароль (будь-які символи)').check();
  await page.getByLabel(kind === 'pin' ? 'Новий PIN-код' : 'Новий пароль').fill(pin);
  await page.getByLabel(kind === 'pin' ? 'PIN-код ще раз' : 'Пароль ще раз').fill(pin);
  await page.getByRole('button', { name: 'Захистити пристрій' }).click();
  await expect(page.getByTestId('pin-setup')).toHaveCount(0, { timeout: 20_000 });
}

/** The app is locked (cold start, inactivity, "Lock"): type the PIN. Works offline. */
export async function unlock(page: Page, pin = TEST_PIN): Promise<void> {
  const screen = page.getByTestId('lock-screen');
  await expect(screen).toBeVisible();
  await screen.getByLabel(/^(PIN-код|PIN|Пароль|Passcode)$/).fill(pin);
  await screen.getByRole('button', { name: /^(Розблокувати|Unlock)$/ }).click();
  await expect(screen).toHaveCount(0, { timeout: 20_000 });
}

/**
 * Runs `erase` (a click that erases the device) and waits for what follows: the app reloads as a
 * fresh device, at the PIN setup. The old page is marked, so the new one is told apart from it.
 */
export async function expectErasedBy(page: Page, erase: () => Promise<void>): Promise<void> {
  await page.evaluate(() => ((window as unknown as { beforeErase?: boolean }).beforeErase = true));
  await erase();
  await expect
    .poll(() => page.evaluate(() => !(window as unknown as { beforeErase?: boolean }).beforeErase).catch(() => false), { timeout: 30_000 })
    .toBe(true);
  await expect(page.getByTestId('pin-setup')).toBeVisible();
}

/** First visit without an account: set the PIN, then say who works on this device ("start without an account"). */
export async function setUpIdentity(page: Page, name = 'Олена', team = 'Мобільна бригада 3'): Promise<void> {
  await page.goto('/');
  await setPin(page);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Ваше ім'я").fill(name);
  await page.getByLabel('Команда (бригада, служба, центр)').fill(team);
  await page.getByRole('button', { name: 'Зберегти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
}

/** Waits until the service worker controls the page, i.e. the app shell is precached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return registration?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Waits until the screens every identity opens beyond the field shell (Reports) are in the
 * screens cache (pwa/roleScreens.ts fills it after the identity is known): going offline before
 * that, their chunk cannot load and the app reloads, locked.
 */
export async function waitForScreensCached(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const groups = JSON.parse(document.querySelector<HTMLMetaElement>('meta[name="kyiv1325-screens"]')?.content ?? '{}') as Record<string, string[]>;
          const cache = await caches.open('kyiv1325-screens');
          for (const file of groups.everyone ?? []) if (!(await cache.match(file))) return false;
          return true;
        }),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Fires the app's Background Sync event in its service worker once, through the DevTools protocol,
 * as the browser does when the network returns.
 */
export async function fireBackgroundSync(page: Page, context: BrowserContext): Promise<void> {
  const origin = new URL(page.url()).origin;
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => !r.isDeleted && r.scopeURL.startsWith(origin));
      if (found) resolve(found.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId: await registration, tag: 'kyiv1325-sync', lastChance: false });
}

/** The app's sections: a bar at the bottom of the screen, the rest under "More" ("Ще"). */
export const appNav = (page: Page) => page.getByRole('navigation', { name: /^(Розділи|Sections)$/ });

/** A section's link, in the bar or in the "More" sheet (see `goTo`, which opens the sheet when needed). */
export const nav = (page: Page, name: string) => appNav(page).getByRole('link', { name, exact: true });

/** Follows a section's link as a person would: straight from the bar, or through "More". */
export async function goTo(page: Page, name: string): Promise<void> {
  const more = appNav(page).getByRole('button', { name: /^(Ще|More)$/ });
  await expect(more).toBeVisible();
  const link = nav(page, name);
  if (!(await link.isVisible())) {
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
  }
  await link.click();
}

/** Opens a screen through the app's own navigation (no network request for the page). */
export async function openScreen(page: Page, link: string, heading: string | RegExp): Promise<void> {
  await goTo(page, link);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** The sync badge in the header; it opens the sync panel. */
export const syncBadge = (page: Page) => page.getByRole('banner').getByTestId('sync-badge');

/** Opens the sync panel under the header badge (if it is not open) and returns it. */
export async function openSyncPanel(page: Page) {
  const badge = syncBadge(page);
  if ((await badge.getAttribute('aria-expanded')) !== 'true') await badge.click();
  const panel = page.getByRole('region', { name: /^(Стан синхронізації|Sync status)$/ });
  await expect(panel).toBeVisible();
  return panel;
}

/** "Sync now" from the header's sync panel. */
export async function syncNow(page: Page): Promise<void> {
  const panel = await openSyncPanel(page);
  await panel.getByRole('button', { name: /^(Синхронізувати|Sync now)$/ }).click();
}

/**
 * "Sync now" once any sync under way has ended, and waits for this one to end (the button is
 * disabled while a sync runs, plans fetched included): what the device holds afterwards is what
 * this sync brought. Online only.
 */
export async function syncAndSettle(page: Page): Promise<void> {
  const panel = await openSyncPanel(page);
  const button = panel.getByRole('button', { name: /^(Синхронізувати|Sync now)$/ });
  await expect(button).toBeEnabled({ timeout: 20_000 });
  await button.click();
  await expect(button).toBeEnabled({ timeout: 20_000 });
}

/** Switches the app's language: in the header while locked, under "More" once unlocked. */
export async function chooseLanguage(page: Page, name: 'ENG' | 'УКР'): Promise<void> {
  const button = page.getByRole('button', { name: name === 'ENG' ? 'English' : 'Українська' });
  if (await button.isVisible()) return button.click();
  const more = appNav(page).getByRole('button', { name: /^(Ще|More)$/ });
  await more.click();
  await button.click();
  // The sheet closes again, as a person would close it, so it covers nothing the test taps next.
  await page.keyboard.press('Escape');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
}

/** First visit with an account: the PIN, the login form on "Хто я", then Today. */
export async function logIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/');
  await setPin(page);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Електронна пошта').fill(user.email);
  await page.getByLabel('Пароль', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
}

/** A consultation with `people` women 18–35 served; saved and queued for upload. */
export async function recordConsultation(page: Page, people = 2): Promise<void> {
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  await page.getByLabel('Район').selectOption({ index: 1 });
  await page.getByLabel('Вид послуги').selectOption('psychosocial_consultation');
  const cell = page.getByRole('button', { name: /^Жінки, 18–35 років, Не зазначено: \d+\. Додати одну особу$/ });
  for (let i = 0; i < people; i++) await cell.click();
  await expect(page.getByText(`Усього: ${people}`)).toBeVisible();
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
}

/** A training with 5 women and 3 men attending; saved and queued for upload. */
export async function recordEvent(page: Page, title = 'Тренінг «Безпечний простір»'): Promise<void> {
  await openScreen(page, 'Заходи', 'Захід / тренінг');
  await page.getByLabel('Назва заходу').fill(title);
  await page.getByLabel('Формат').selectOption('training');
  await page.getByLabel('Місце (заклад, адреса)').fill('Бібліотека на Подолі');
  await page.getByLabel('Район').selectOption({ index: 2 });
  await page.getByLabel('Організатор').fill('Київський міський центр');
  await page.getByRole('spinbutton', { name: /^Жінки, 18–35 років, Не зазначено, Не зазначено$/ }).fill('5');
  await page.getByRole('spinbutton', { name: /^Чоловіки, 36–59 років, Не зазначено, Не зазначено$/ }).fill('3');
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
}

export interface DeviceRow {
  id: string;
  revision: number;
  status: string;
  authorId: string;
  teamId: string;
}

/** What the device database holds, read straight from IndexedDB (not through the app). */
export async function deviceState(page: Page): Promise<{ records: DeviceRow[]; session: unknown; outbox: number; frozen: number; drafts: string[] } | null> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('kyiv-1325-field')) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('kyiv-1325-field');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(req.error);
      });
    const records = (await all<{ id: string; revision: number; status: string; authorId: string; teamId: string }>('records')).map(
      ({ id, revision, status, authorId, teamId }) => ({ id, revision, status, authorId, teamId }),
    );
    const sessions = await all<unknown>('session');
    const entries = await all<{ state: string }>('outbox');
    const drafts = (await all<{ key: string }>('drafts')).map((d) => d.key);
    db.close();
    // frozen: revisions handed to an upload (their record rows stay "ready" until answered)
    return { records, session: sessions[0] ?? null, outbox: entries.length, frozen: entries.filter((e) => e.state === 'sending').length, drafts };
  });
}
