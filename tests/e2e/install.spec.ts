import { expect, test, type Page } from '@playwright/test';
import { recordConsultation, setUpIdentity, unlock } from './support/app';
import { seriousViolations } from './support/axe';

/**
 * Issue 12, point 11: the app offers to be installed at a calm moment, after a record is saved,
 * in the words of the device (Chromium: a button for the browser's dialog; iOS Safari: Share →
 * Add to Home Screen), and never again once declined. Chromium's `beforeinstallprompt` is
 * dispatched by the test, as the browser would when the app may be installed.
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

/** What Chromium fires when the app may be installed; its prompt() and the choice are recorded. */
async function offerInstall(page: Page, outcome: 'accepted' | 'dismissed') {
  await page.evaluate((outcome) => {
    const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt?: () => Promise<void>; userChoice?: Promise<unknown> };
    const w = window as unknown as { prompted: number; defaultPrevented?: boolean };
    w.prompted = 0;
    event.prompt = async () => {
      w.prompted++;
    };
    event.userChoice = Promise.resolve({ outcome, platform: 'web' });
    window.dispatchEvent(event);
    w.defaultPrevented = event.defaultPrevented;
  }, outcome);
}

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height} (${size.name})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('Chromium: nothing before the first saved record; then an offer whose button opens the browser dialog; gone for good once installed', async ({ page }) => {
      await setUpIdentity(page);
      await offerInstall(page, 'accepted');
      expect(await page.evaluate(() => (window as unknown as { defaultPrevented: boolean }).defaultPrevented)).toBe(true);
      // Not while the person starts out.
      await expect(page.getByTestId('install-offer')).toHaveCount(0);
      await recordConsultation(page, 1);
      const offer = page.getByTestId('install-offer');
      await expect(offer).toBeVisible();
      await expect(offer.getByRole('heading', { name: 'Встановити застосунок на пристрій?' })).toBeVisible();
      await expect(offer.getByTestId('install-ios')).toHaveCount(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `test-results/install-${size.name}-offer.png` });
      expect(await seriousViolations(page)).toEqual([]);
      await offer.getByRole('button', { name: 'Встановити' }).click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
      await expect(offer).toHaveCount(0);
      expect(await page.evaluate(() => localStorage.getItem('kyiv1325-install-offer'))).toBe('installed');
    });

    test('declined once, never offered again on this device, even after a reload and another record', async ({ page }) => {
      await setUpIdentity(page);
      await offerInstall(page, 'dismissed');
      await recordConsultation(page, 1);
      const offer = page.getByTestId('install-offer');
      await offer.getByRole('button', { name: 'Не зараз' }).click();
      await expect(offer).toHaveCount(0);
      expect(await page.evaluate(() => localStorage.getItem('kyiv1325-install-offer'))).toBe('dismissed');
      await page.reload();
      await unlock(page);
      await offerInstall(page, 'dismissed');
      await recordConsultation(page, 2);
      await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
      await expect(page.getByTestId('install-offer')).toHaveCount(0);
    });
  });
}

test.describe('iOS Safari (no beforeinstallprompt)', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  });

  test('after the first saved record, says how: Share → Add to Home Screen; no install button', async ({ page }) => {
    await setUpIdentity(page);
    await expect(page.getByTestId('install-offer')).toHaveCount(0);
    await recordConsultation(page, 1);
    const offer = page.getByTestId('install-offer');
    await expect(offer.getByTestId('install-ios')).toHaveText(/«Поділитися».*«На початковий екран»/);
    await expect(offer.getByRole('button', { name: 'Встановити' })).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/install-ios-offer.png' });
    await offer.getByRole('button', { name: 'Не зараз' }).click();
    await expect(offer).toHaveCount(0);
  });
});

test('a desktop browser with no install event offers nothing', async ({ page }) => {
  await setUpIdentity(page);
  await recordConsultation(page, 1);
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
  await expect(page.getByTestId('install-offer')).toHaveCount(0);
});
