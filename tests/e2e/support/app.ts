import { expect, type Page } from '@playwright/test';

/** First visit: say who works on this device (until server login exists). */
export async function setUpIdentity(page: Page, name = 'Олена', team = 'Мобільна бригада 3'): Promise<void> {
  await page.goto('/');
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

export const nav = (page: Page, name: string) => page.getByRole('banner').getByRole('navigation').getByRole('link', { name, exact: true });

/** Opens a screen through the app's own navigation (no network request for the page). */
export async function openScreen(page: Page, link: string, heading: string | RegExp): Promise<void> {
  await nav(page, link).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}
