import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { seriousViolations } from './support/axe';
import { chooseLanguage, logIn, openScreen, recordConsultation, syncNow as syncFromHeader, waitForServiceWorker } from './support/app';
import { createTeam, createUser, type TestUser } from './support/server';

/**
 * Issue 13, point 2: completeness on the supervisor's device after a pull. A field worker records
 * and syncs; the supervisor syncs (the pull brings the team's records), and with the server out
 * of reach, then offline, the review screen's completeness comes from the device: the team's
 * month with the worker's record, the line that says where it came from and as of when, lock
 * state and quiet devices as far as the server last told; the XLSX and CSV are made in the
 * browser (a cell checked with exceljs). On the phone the server never answered completeness
 * (nothing kept); on the tablet it did once online (its answer kept, with its time).
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

async function syncNow(page: Page) {
  await syncFromHeader(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
}

async function device(browser: Browser, user: TestUser, size: (typeof SIZES)[number]) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, hasTouch: true, locale: 'uk-UA' });
  const page = await context.newPage();
  await logIn(page, user);
  return { context, page };
}

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function expectClean(page: Page, shot: string) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.getByRole('region', { name: 'Повнота звітності' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test-results/completeness-device-${shot}.png` });
}

for (const size of SIZES) {
  test(`offline, a supervisor's device shows completeness from the pulled records and makes the XLSX (${size.name})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const team = await createTeam();
    const worker = await createUser('field_worker', [team.id], 'Олена Польова');
    const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');

    // The field worker records one consultation (dated the plan's last day, December 2023) and syncs.
    const w = await device(browser, worker, size);
    await recordConsultation(w.page, 2);
    await syncNow(w.page);
    await w.context.close();

    const { page, context } = await device(browser, supervisor, size);
    await waitForServiceWorker(page);
    const panel = page.getByRole('region', { name: 'Повнота звітності' });
    const row = panel.locator(`tr[data-team="${team.name}"]`);
    const kept = size.name === 'tablet';
    if (kept) {
      // Online once: the server's answer, kept on the device with its time.
      await openScreen(page, 'Перевірка', 'Перевірка записів');
      await expect(panel.getByLabel('Місяць')).toHaveValue('2023-12');
      await expect(row.locator('td')).toHaveText(['1', '0', '0', '1', 'ні']);
      await expect(panel.getByTestId('completeness-from-device')).toHaveCount(0);
    }
    await syncNow(page);

    if (!kept) {
      // Online, but the server's completeness does not answer: the device's table, said so.
      await page.route('**/api/v1/review/completeness?**', (route) => route.abort('connectionrefused'));
      await openScreen(page, 'Перевірка', 'Перевірка записів');
      await expect(panel.getByText('Сервер зараз не відповідає: показано повноту з записів на цьому пристрої.')).toBeVisible();
      await expect(row.locator('td')).toHaveText(['1', '0', '0', '1', 'ні']);
      await page.unroute('**/api/v1/review/completeness?**');
      await openScreen(page, 'Сьогодні', 'Сьогодні');
    }

    await context.setOffline(true);
    await openScreen(page, 'Перевірка', 'Перевірка записів');
    await expect(panel.getByTestId('completeness')).toHaveAttribute('data-source', 'device');
    await expect(panel.getByLabel('Місяць')).toHaveValue('2023-12');
    await expect(row.locator('td')).toHaveText(['1', '0', '0', '1', 'ні']);
    await expect(panel.getByTestId('completeness-from-device')).toHaveText(
      /^З цього пристрою, станом на останню синхронізацію \d{1,2} \S+ \d{4} р\., \d{2}:\d{2}.*; записи, ще не синхронізовані іншими, не враховано\.$/,
    );
    await expect(panel.getByText('Сервер зараз не відповідає', { exact: false })).toHaveCount(0);
    if (kept) {
      await expect(panel.getByTestId('completeness-locks')).toHaveText(/^Закриті місяці — як повідомив сервер \d{1,2} \S+ \d{4} р\., \d{2}:\d{2}/);
      await expect(panel.getByTestId('quiet-as-of')).toHaveText(/^За відповіддю сервера \d{1,2} \S+ \d{4} р\., \d{2}:\d{2}\.$/);
      await expect(panel.getByText('Усі пристрої виходили на зв’язок останнім часом.')).toBeVisible();
    } else {
      await expect(panel.getByTestId('completeness-locks')).toHaveText('Чи закрито місяць, знає лише сервер: на цьому пристрої цього не видно, тож усі місяці показано незакритими.');
      await expect(panel.getByTestId('quiet-as-of')).toHaveText('Про пристрої без зв’язку знає лише сервер, а його відповіді на цьому пристрої ще немає.');
    }
    // Another month of the year: the team is there with nothing.
    await panel.getByLabel('Місяць').selectOption('2023-11');
    await expect(row.locator('td')).toHaveText(['0', '0', '0', '0', 'ні']);
    await panel.getByLabel('Місяць').selectOption('2023-12');
    await expectClean(page, `${size.name}-offline`);

    // The XLSX, made in the browser: where it came from above the table, then the server's columns.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Завантажити XLSX за рік' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('povnota-2023-device.xlsx');
    await expect(panel.getByText('Файл povnota-2023-device.xlsx збережено.')).toBeVisible();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await xlsx.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Повнота 2023');
    expect(sheet.getCell('A1').value).toBe('Повнота звітності за 2023 рік');
    expect(String(sheet.getCell('A2').value)).toMatch(/^З цього пристрою, станом на останню синхронізацію/);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => sheet.getRow(4).getCell(c).value)).toEqual(['Команда', 'Місяць', 'Надіслано', 'Затверджено', 'Повернуто', 'Відхилено', 'Очікує перевірки', 'Місяць заблоковано']);
    const rows: unknown[][] = [];
    sheet.eachRow((r, n) => n > 4 && rows.push([1, 2, 3, 4, 5, 6, 7, 8].map((c) => r.getCell(c).value)));
    expect(rows).toHaveLength(12);
    expect(rows.find((r) => r[1] === '2023-12')).toEqual([team.name, '2023-12', 1, 0, 0, 0, 1, 'ні']);
    expect(rows.find((r) => r[1] === '2023-06')).toEqual([team.name, '2023-06', 0, 0, 0, 0, 0, 'ні']);

    // The CSV too, offline: the server's header and rows.
    const [csv] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Завантажити CSV за рік' }).click()]);
    expect(csv.suggestedFilename()).toBe('povnota-2023-device.csv');
    const text = (await readFile((await csv.path())!)).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFКоманда,Місяць,Надіслано,Затверджено,Повернуто,Відхилено,Очікує перевірки,Місяць заблоковано');
    expect(text).toContain(`${team.name},2023-12,1,0,0,0,1,ні\r\n`);
    await expectClean(page, `${size.name}-downloaded`);

    // In English, still offline: the same table and where it came from.
    await chooseLanguage(page, 'ENG');
    const english = page.getByRole('region', { name: 'Reporting completeness' });
    await expect(english.getByTestId('completeness-from-device')).toHaveText(/^From this device, as of the last sync .+; records others have not synced yet are not counted\.$/);
    await expect(english.locator(`tr[data-team="${team.name}"] td`)).toHaveText(['1', '0', '0', '1', 'no']);
    await expect(english.getByTestId('completeness-locks')).toHaveText(
      kept ? /^Locked months as the server reported them at / : 'Only the server knows whether a month is locked: this device cannot tell, so every month shows as not locked.',
    );
    await context.close();
  });
}
