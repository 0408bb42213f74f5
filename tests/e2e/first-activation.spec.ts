import { expect, test, type Page } from '@playwright/test';
import { setPin } from './support/app';

/**
 * The first visit of a device: from the moment the service worker is activated, or controls the
 * page, the app must open with no network (reported once: ERR_INTERNET_DISCONNECTED for ~3 s
 * right after the first activation).
 */

async function opensOffline(page: Page): Promise<void> {
  await page.reload();
  await setPin(page);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Хто я' })).toBeVisible();
  // A deep link typed in the address bar, still offline.
  await page.goto('/plan');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
}

test('opens offline the moment the first service worker takes control', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('pin-setup')).toBeVisible();
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        if (navigator.serviceWorker.controller) resolve();
        else navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
      }),
  );
  await context.setOffline(true);
  await opensOffline(page);
});

test('opens offline the moment the first service worker is activated', async ({ page, context }) => {
  await page.goto('/');
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), { intervals: [20], timeout: 30_000 })
    .toBe('activated');
  await context.setOffline(true);
  await opensOffline(page);
});
