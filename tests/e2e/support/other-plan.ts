import { expect, type BrowserContext, type Page } from '@playwright/test';
import { openScreen, syncNow } from './app';

/**
 * On a device that has just logged in: its sync brings the active plan (the Lviv fixture,
 * tests/fixtures/other-territory-plan.json); a consultation in one of that plan's districts is
 * recorded offline, then synced when the network returns.
 */
export async function recordUnderLvivPlanOffline(page: Page, context: BrowserContext): Promise<void> {
  await syncNow(page);
  await openScreen(page, 'Консультації', 'Консультації та послуги');
  await expect(page.getByLabel('Район').locator('option', { hasText: 'Львівський' })).toHaveCount(1);
  await context.setOffline(true);
  await page.getByLabel('Район').selectOption({ label: 'Львівський' });
  await page.getByLabel('Вид послуги').selectOption('psychosocial_consultation');
  await page.getByRole('button', { name: /Додати одну особу$/ }).first().click();
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();
  await context.setOffline(false);
  await syncNow(page);
}
