import { expect, test } from '@playwright/test';
import { createRecord } from '../../src/shared/records/build';
import type { RecordContent } from '../../src/shared/records/schemas';
import { logIn, openScreen, recordConsultation, recordEvent, setUpIdentity } from './support/app';
import { apiLogin, createTeam, createUser, pushAs } from './support/server';

/**
 * Issue 12, point 4: a card says what the record is (kind and service, or the event's title),
 * where and when, how many, where it stands, and, for a reviewer, who recorded it; the list
 * filters by kind as well as measure, dates and status. Phone and tablet sizes.
 */

const sizes = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
];

for (const size of sizes) {
  test.describe(`on a ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('My records: each card tells its kind, service or title, district, date, total and status; filter by kind', async ({ page }) => {
      await setUpIdentity(page);
      await recordConsultation(page, 2);
      await recordEvent(page, 'Тренінг «Безпечний простір»');
      await openScreen(page, 'Мої записи', 'Мої записи');
      const cards = page.getByRole('main').locator('li.record');
      await expect(cards).toHaveCount(2);
      const consultation = cards.filter({ hasText: 'Соціально-психологічна консультація' });
      await expect(consultation.getByRole('heading')).toHaveText('Консультації / послуги: Соціально-психологічна консультація · захід 7.3');
      // The district chosen by recordConsultation (the first in the list) and the status in words.
      await expect(consultation.locator('.record-meta')).toContainText('разом 2');
      await expect(consultation.locator('.record-meta')).toContainText(/Голосіївський|Дарницький|Деснянський|Дніпровський|Оболонський|Печерський|Подільський|Святошинський|Солом.янський|Шевченківський/);
      await expect(consultation.locator('.badge')).toBeVisible();
      const event = cards.filter({ hasText: 'Тренінг «Безпечний простір»' });
      await expect(event.getByRole('heading')).toContainText('Захід: Тренінг «Безпечний простір»');
      await expect(event.locator('.record-meta')).toContainText('разом 8');

      await page.getByLabel('Вид запису').selectOption('event');
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toContainText('Тренінг «Безпечний простір»');
      await page.getByLabel('Вид запису').selectOption('serviceLog');
      await expect(cards).toHaveCount(1);
      await expect(cards.first()).toContainText('Соціально-психологічна консультація');
      for (const card of await cards.all()) expect((await card.boundingBox())!.width).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: test.info().outputPath(`records-${size.name}.png`), fullPage: true });
    });

    test('Review: a card names who recorded it', async ({ page }) => {
      const team = await createTeam();
      const worker = await createUser('field_worker', [team.id], 'Марія Коваленко');
      const supervisor = await createUser('supervisor', [team.id], 'Ірина Супервізорка');
      const content = {
        kind: 'serviceLog',
        measureId: '7.3',
        indicatorId: '7.3.i1',
        date: '2023-05-04',
        district: 'podilskyi',
        serviceType: 'legal_aid',
        served: { cells: [{ sex: 'female', ageBand: '18-35', group: 'not_stated', count: 4 }], total: 4 },
      } as RecordContent;
      const device = `e2e-cards-${size.name}`;
      const { token } = await apiLogin(worker.email, worker.password, device);
      const record = createRecord(content, { authorId: worker.id, teamId: team.id, deviceId: device });
      expect((await pushAs(token, device, [record])).results[0]).toMatchObject({ status: 'accepted' });

      await logIn(page, supervisor);
      await openScreen(page, 'Перевірка', 'Перевірка записів');
      const card = page.locator('li.review-item').filter({ hasText: 'разом 4' });
      await expect(card.getByRole('heading')).toHaveText('Консультації / послуги: Правова допомога · захід 7.3');
      await expect(card.locator('.record-meta')).toContainText('Вніс(ла): Марія Коваленко');
      await expect(card.locator('.record-meta')).toContainText('Подільський');
      await expect(card.locator('.record-meta')).toContainText('2023-05-04');
      await page.screenshot({ path: test.info().outputPath(`review-${size.name}.png`), fullPage: true });
    });
  });
}
