import { expect, test, type Page } from '@playwright/test';
import { goTo, setUpIdentity } from './support/app';

const saved = 'Збережено. Запис буде надіслано під час синхронізації.';

async function tapAndSave(page: Page, taps: number) {
  const cell = page.getByRole('button', { name: /^Чоловіки, 60 років і старші, Не зазначено: \d+\./ });
  for (let i = 0; i < taps; i++) await cell.click();
  await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
  await expect(page.getByText(saved)).toBeVisible();
}

test('two open tabs see each other’s records and never duplicate one', async ({ context }) => {
  const a = await context.newPage();
  await setUpIdentity(a);
  await goTo(a, 'Консультації');
  await a.getByLabel('Район').selectOption({ index: 3 });
  await a.getByLabel('Вид послуги').selectOption('crisis_counselling');
  await tapAndSave(a, 1);

  const b = await context.newPage();
  await b.goto('/records');
  const itemsB = b.getByRole('main').getByRole('listitem');
  await expect(itemsB).toHaveCount(1);
  await expect(itemsB.first()).toContainText('разом 1');

  // Both tabs edit the same record and save at the same moment.
  await a.getByRole('main').getByRole('link', { name: 'Редагувати' }).click();
  await itemsB.first().getByRole('link', { name: 'Редагувати' }).click();
  await expect(a.getByText('Усього: 1')).toBeVisible();
  await expect(b.getByText('Усього: 1')).toBeVisible();
  await Promise.all([tapAndSave(a, 1), tapAndSave(b, 3)]);

  for (const page of [a, b]) {
    const items = page.getByRole('main').getByRole('listitem');
    await expect(items).toHaveCount(1);
    await expect(items.first()).toContainText(/разом (2|4)/);
    await expect(items.first()).not.toContainText('редакція');
  }
  // A change in one tab shows in the other without a reload.
  await a.getByRole('main').getByRole('button', { name: 'Видалити' }).click();
  await a.getByRole('main').getByRole('button', { name: 'Так, видалити' }).click();
  await expect(b.getByText('Записів ще немає.')).toBeVisible();
  await expect(a.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано');
});
