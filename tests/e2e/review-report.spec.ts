import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalogue, Measure } from '../../src/shared/plan/catalogue-schema';
import type { FieldRecord } from '../../src/shared/records/schemas';
import { chooseLanguage, syncNow as syncFromHeader, logIn, openScreen, recordConsultation, recordEvent, unlock, waitForServiceWorker } from './support/app';
import { apiLogin, baseUrl, createTeam, createUser, serverRecords, type TestUser } from './support/server';

/**
 * Issue 5, end to end against the real server: two field workers' devices record and sync; their
 * supervisor reviews (return, bulk approve, reject), locks and unlocks the month, reads the report
 * (approved records only, then with pending ones), downloads the annual XLSX and checks its
 * figures, and prints the annual report to an A4 PDF. Expected figures come from what the test entered.
 */

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

async function syncNow(page: Page) {
  await syncFromHeader(page);
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });
}

async function device(browser: Browser, user: TestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, user);
  return { context, page };
}

/** The review card of the record whose people total is `total` (records list them as "разом N"). */
function cardWithTotal(page: Page, total: number) {
  return page.locator('li.review-item').filter({ hasText: `разом ${total}` });
}

// Read as data: the test runner's loader does not import JSON modules.
const catalogue = JSON.parse(readFileSync('src/shared/plan/kyiv-1325-2021-2023.json', 'utf8')) as Catalogue;
const measureById = (id: string): Measure =>
  catalogue.strategicGoals.flatMap((sg) => sg.operationalGoals.flatMap((og) => og.tasks.flatMap((t) => t.measures))).find((m) => m.id === id)!;

/** Indicator rows of an annual XLSX: number → [achieved, women, men]. */
async function annualFigures(bytes: Buffer): Promise<Map<string, number[]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const figures = new Map<string, number[]>();
  // Columns: level, number, title, target, achieved, women, men, sex not stated, groups, status, note.
  book.worksheets[0]!.eachRow((row) => {
    if (row.getCell(1).value === 'Індикатор' || row.getCell(1).value === 'Indicator')
      figures.set(String(row.getCell(2).value), [5, 6, 7].map((c) => Number(row.getCell(c).value ?? 0)));
  });
  return figures;
}

/** The city-wide annual XLSX as the server makes it now (other tests' records count there too). */
async function serverAnnual(user: TestUser): Promise<Map<string, number[]>> {
  const { token } = await apiLogin(user.email, user.password);
  const response = await fetch(`${baseUrl}/api/v1/reports/annual.xlsx?year=2023&lang=uk`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return annualFigures(Buffer.from(await response.arrayBuffer()));
}

/** The report screen narrowed to one team: the server reports on the whole city. */
async function reportForTeam(page: Page, teamName: string) {
  await openScreen(page, 'Звіти', 'Звіти');
  await page.getByLabel('Команда', { exact: true }).selectOption({ label: teamName });
}

const people = (r: FieldRecord) => (r.kind === 'serviceLog' ? r.served.total : r.kind === 'event' ? r.attendance.total : 0);

test('a supervisor reviews two devices’ records, reports on them and downloads the annual report', async ({ browser }) => {
  test.setTimeout(300_000);
  const team = await createTeam();
  const workerA = await createUser('field_worker', [team.id], 'Олена Польова');
  const workerB = await createUser('field_worker', [team.id], 'Марія Польова');
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');

  // Two devices of one team record and sync: A 3 people served and a training (5 women, 3 men); B 2 and 4 people served.
  const a = await device(browser, workerA);
  await recordConsultation(a.page, 3);
  await recordEvent(a.page);
  await syncNow(a.page);
  const b = await device(browser, workerB);
  await recordConsultation(b.page, 2);
  await recordConsultation(b.page, 4);
  await syncNow(b.page);

  const held = await serverRecords(supervisor);
  expect(held).toHaveLength(4);
  const service = held.find((r) => r.kind === 'serviceLog')!;
  const event = held.find((r) => r.kind === 'event')!;
  expect(service.kind === 'serviceLog' && service.date).toBe('2023-12-31');
  const before = await serverAnnual(supervisor);

  // The supervisor sees both devices' records waiting for review.
  const { page } = await device(browser, supervisor);
  await openScreen(page, 'Перевірка', 'Перевірка записів');
  await expect(page.getByText('Дані з сервера.')).toBeVisible();
  await expect(page.getByText('Записів: 4')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // B's 4-person record goes back: the counts grid is readable, and a return needs a comment.
  const four = cardWithTotal(page, 4);
  await four.getByRole('button', { name: 'Подробиці' }).click();
  const grid = four.getByRole('table', { name: 'Кількість осіб за статтю, віком і групою' });
  await expect(grid.getByRole('row', { name: /Жінки, 18–35 років/ }).getByRole('cell').first()).toHaveText('4');
  await four.getByRole('button', { name: 'Повернути на виправлення' }).click();
  await expect(four.getByText('Напишіть коментар: що виправити або чому запис не рахується.')).toBeVisible();
  await expect(four.getByLabel('Коментар для автора(ки)')).toBeFocused();
  await four.getByLabel('Коментар для автора(ки)').fill('Перевірте кількість осіб');
  await four.getByRole('button', { name: 'Повернути на виправлення' }).click();
  await expect(page.getByText('Запис повернуто автору(ці).')).toBeVisible();
  await expect(page.getByText('Записів: 3')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Everything else the filter shows is approved at once.
  await page.getByRole('button', { name: 'Затвердити всі показані (3)' }).click();
  await page.getByRole('button', { name: 'Так, затвердити' }).click();
  await expect(page.getByText('Затверджено: 3 з 3.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Записів: 0')).toBeVisible();

  // A later record from device A stays pending.
  await recordConsultation(a.page, 1);
  await syncNow(a.page);

  // The team's report (approved only): 3 + 8 + 2 people; one event.
  await reportForTeam(page, team.name);
  await expect(page.getByText('Джерело: сервер — усі дані міста.')).toBeVisible();
  await expect(page.getByLabel('Рік')).toHaveValue('2023');
  await expect(page.getByTestId('people-reached')).toHaveText('13');
  await expect(page.getByTestId('events-held')).toHaveText('1');
  const serviceIndicator = service.kind === 'serviceLog' ? service.indicatorId : '';
  await expect(page.getByTestId(`value-${serviceIndicator}`)).toHaveText('5');
  const measureOf = (measureId: string) => held.filter((r) => r.measureId === measureId && people(r) !== 4);
  const eventMeasurePeople = measureOf(event.measureId).reduce((s, r) => s + people(r), 0);
  await expect(page.getByTestId(`measure-totals-${event.measureId}`)).toHaveText(`Заходів: 1 · охоплено осіб: ${eventMeasurePeople}`);
  // The same with records not yet approved: the pending 1 counts, the returned 4 never does.
  await page.getByRole('switch', { name: 'Враховувати ще не затверджені записи' }).check();
  await expect(page.getByTestId('people-reached')).toHaveText('14');
  await expect(page.getByTestId(`value-${serviceIndicator}`)).toHaveText('6');
  await page.getByRole('switch', { name: 'Враховувати ще не затверджені записи' }).uncheck();
  await expect(page.getByTestId('people-reached')).toHaveText('13');
  // December only, then the fourth quarter: the same records (all dated 31 December); the third quarter: none.
  await page.getByLabel('Період').selectOption('m12');
  await expect(page.getByTestId('people-reached')).toHaveText('13');
  await page.getByLabel('Період').selectOption('q3');
  await expect(page.getByTestId('people-reached')).toHaveText('0');
  await page.getByLabel('Період').selectOption('year');
  await expect(page.getByTestId('people-reached')).toHaveText('13');
  // Breakdowns: the sex split of the event measure's attendance, and its table alternative.
  const eventMeasure = measureById(event.measureId);
  const attendance = eventMeasure.indicators!.find((i) => i.kind === 'count' && i.source === 'eventAttendance' && i.population === 'all');
  if (attendance) {
    await page.getByText(`Розбивки: ${attendance.id}`).click();
    const figure = page.getByRole('figure', { name: `Розподіл за статтю: ${attendance.id}` });
    await expect(figure.getByRole('row', { name: /Жінки/ })).toContainText('5');
    await expect(figure.getByRole('row', { name: /Чоловіки/ })).toContainText('3');
    await expect(figure.getByRole('img')).toBeVisible();
  }
  expect(await seriousViolations(page)).toEqual([]);

  // Month approval: refused while records are open, listing them.
  await openScreen(page, 'Перевірка', 'Перевірка записів');
  await page.getByLabel('Місяць (РРРР-ММ)').fill('2023-12');
  await page.getByRole('button', { name: 'Затвердити і закрити місяць' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Місяць не можна закрити' });
  await expect(refusal).toContainText('2 записи ще очікують');
  await expect(refusal.getByRole('listitem')).toHaveCount(2);
  await expect(refusal).toContainText('Повернуто');
  await expect(refusal).toContainText('Очікує перевірки');
  // The pending one is approved, the returned one rejected (a rejection needs a comment too).
  await cardWithTotal(page, 1).getByRole('button', { name: 'Подробиці' }).click();
  await cardWithTotal(page, 1).getByRole('button', { name: 'Затвердити', exact: true }).click();
  await expect(page.getByText('Запис затверджено.')).toBeVisible();
  await page.getByLabel('Стан перевірки').selectOption('returned');
  await cardWithTotal(page, 4).getByRole('button', { name: 'Подробиці' }).click();
  await expect(cardWithTotal(page, 4).getByText('Перевірте кількість осіб')).toBeVisible();
  await cardWithTotal(page, 4).getByLabel('Коментар для автора(ки)').fill('Дублікат запису');
  await cardWithTotal(page, 4).getByRole('button', { name: 'Відхилити' }).click();
  await expect(page.getByText('Запис відхилено.')).toBeVisible();
  await page.getByRole('button', { name: 'Затвердити і закрити місяць' }).click();
  await expect(page.getByText(`Місяць 2023-12 команди «${team.name}» закрито.`)).toBeVisible();
  // Unlocking needs a reason, and the reason is kept in the history.
  await page.getByRole('button', { name: 'Розблокувати 2023-12' }).click();
  await page.getByRole('button', { name: 'Розблокувати місяць' }).click();
  await expect(page.getByText('Вкажіть причину розблокування.')).toBeVisible();
  await page.getByLabel('Причина розблокування').fill('Виправлення дати заходу');
  await page.getByRole('button', { name: 'Розблокувати місяць' }).click();
  await expect(page.getByText('Місяць 2023-12 розблоковано.')).toBeVisible();
  await expect(page.getByText(/Розблоковано .*: Виправлення дати заходу/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The annual report: 3 + 8 + 2 + 1 approved people now; the XLSX from the server adds the same to what it held before.
  await reportForTeam(page, team.name);
  await expect(page.getByTestId('people-reached')).toHaveText('14');
  await page.getByRole('link', { name: 'Річний звіт для друку та завантаження' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Річний звіт про виконання плану' })).toBeVisible();
  const was = (id: string) => before.get(id) ?? [0, 0, 0];
  await expect(page.locator(`tr[data-indicator="${serviceIndicator}"] td.col-4`)).toHaveText(String(was(serviceIndicator)[0]! + 6));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Завантажити XLSX' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('kyiv-1325-annual-report-2023-uk.xlsx');
  const dir = await mkdtemp(join(tmpdir(), 'kyiv1325-annual-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const figures = await annualFigures(await readFile(file));
  const plus = (id: string, add: number[]) => was(id).map((v, i) => v + add[i]!);
  // 3 + 2 + 1 women served; 5 women and 3 men at the training; one training held.
  expect(figures.get(serviceIndicator)).toEqual(plus(serviceIndicator, [6, 6, 0]));
  if (attendance) expect(figures.get(attendance.id)).toEqual(plus(attendance.id, [8, 5, 3]));
  const eventCount = eventMeasure.indicators!.find((i) => i.kind === 'count' && i.source === 'eventCount');
  if (eventCount) expect(figures.get(eventCount.id)![0]).toBe(was(eventCount.id)[0]! + 1);

  // Printing: the app's chrome is hidden, the table header repeats, the page is A4.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Завантажити XLSX' })).toBeHidden();
  expect(await page.locator('.annual-table thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pdfText = pdf.toString('latin1');
  const boxes = [...pdfText.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(1);
  // A4 landscape is 841.89 × 595.28 points (eleven columns do not fit a portrait page: issue 12).
  for (const [w, h] of boxes) {
    expect(Math.abs(w! - 841.9)).toBeLessThan(2);
    expect(Math.abs(h! - 595.3)).toBeLessThan(2);
  }
  // poppler's renderer (installed by scripts/setup-test-env.sh) must be able to draw the first page.
  const pdfFile = join(dir, 'annual.pdf');
  await writeFile(pdfFile, pdf);
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', pdfFile, join(dir, 'page')]);
  expect(existsSync(join(dir, 'page-1.png')) || existsSync(join(dir, 'page-01.png'))).toBe(true);
  await page.emulateMedia({ media: 'screen' });
  expect(await seriousViolations(page)).toEqual([]);

  // The public page link opens the server's page for the year (not the app shell, even with the service worker).
  await page.getByRole('link', { name: 'Публічна сторінка виконання плану за 2023 рік' }).click();
  await expect(page).toHaveURL(/\/public\/progress\/2023$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Стан виконання плану/ })).toBeVisible();
});

test('offline, a supervisor reads the pulled team records and reports on the device, and downloads a report made in the browser', async ({ browser }) => {
  test.setTimeout(180_000);
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id], 'Олена Польова');
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
  const w = await device(browser, worker);
  await recordConsultation(w.page, 3);
  await recordEvent(w.page);
  await syncNow(w.page);
  const held = await serverRecords(supervisor);
  const service = held.find((r) => r.kind === 'serviceLog')!;
  const serviceIndicator = service.kind === 'serviceLog' ? service.indicatorId : '';
  // The worker's plan, from the device's kept figures (a new record is dated the plan's last day, in 2023).
  await openScreen(w.page, 'План', /План заходів/);
  const serviceMeasure = w.page.locator('article.measure').filter({ has: w.page.locator(`h3[id="m-${service.measureId}"]`) });
  await expect(serviceMeasure.locator('.progress-line').first()).toHaveText(/^Мої записи: 3\b/);

  // Online: the consultation is approved; the training stays pending. A sync brings both records and the verdict down.
  const { page, context } = await device(browser, supervisor);
  await waitForServiceWorker(page);
  await openScreen(page, 'Перевірка', 'Перевірка записів');
  await cardWithTotal(page, 3).getByRole('button', { name: 'Подробиці' }).click();
  await cardWithTotal(page, 3).getByRole('button', { name: 'Затвердити', exact: true }).click();
  await expect(page.getByText('Запис затверджено.')).toBeVisible();
  await syncNow(page);
  // The Sync screen counts the team's copies the pull brought, from the key, and lists them.
  await openScreen(page, 'Синхронізація', 'Синхронізація');
  await expect(page.getByText('Отримано з сервера: 2.')).toBeVisible();
  // Visit the report screen once online, as a supervisor would.
  await reportForTeam(page, team.name);
  await expect(page.getByTestId('people-reached')).toHaveText('3');

  await context.setOffline(true);
  await openScreen(page, 'Перевірка', 'Перевірка записів');
  await expect(page.getByText(/^Без мережі: показано записи, отримані на цей пристрій/)).toBeVisible();
  await page.getByLabel('Стан перевірки').selectOption('');
  await expect(page.getByText('Записів: 2')).toBeVisible();
  await expect(cardWithTotal(page, 3)).toContainText('Затверджено');
  await expect(cardWithTotal(page, 8)).toContainText('Очікує перевірки');
  await cardWithTotal(page, 8).getByRole('button', { name: 'Подробиці' }).click();
  await expect(cardWithTotal(page, 8).getByText(/^Без мережі рішення ухвалювати не можна/)).toBeVisible();
  await expect(cardWithTotal(page, 8).getByRole('button', { name: 'Затвердити', exact: true })).toHaveCount(0);
  await expect(cardWithTotal(page, 8).getByRole('table', { name: 'Кількість осіб за статтю, віком і групою' })).toContainText('5');
  expect(await seriousViolations(page)).toEqual([]);

  // The report from the device's records: clearly labelled; on the device, pending records count from the start.
  await openScreen(page, 'Звіти', 'Звіти');
  await expect(page.getByText('Джерело: записи на цьому пристрої (немає мережі). Це не повні дані міста.')).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Враховувати ще не затверджені записи' })).toBeChecked();
  await expect(page.getByTestId('people-reached')).toHaveText('11');
  await expect(page.getByTestId('events-held')).toHaveText('1');
  await page.getByRole('switch', { name: 'Враховувати ще не затверджені записи' }).uncheck();
  await expect(page.getByTestId('people-reached')).toHaveText('3');
  await expect(page.getByTestId(`value-${serviceIndicator}`)).toHaveText('3');
  expect(await seriousViolations(page)).toEqual([]);

  // The annual XLSX, made in the browser from the device's data.
  await page.getByRole('link', { name: 'Річний звіт для друку та завантаження' }).click();
  await expect(page.getByText(/^Дані з цього пристрою \(немає мережі\); файли створюються на пристрої\./)).toBeVisible();
  await expect(page.locator(`tr[data-indicator="${serviceIndicator}"] td.col-4`)).toHaveText('3');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Завантажити XLSX' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('kyiv-1325-annual-report-2023-uk-with-pending-device.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  let serviceRow: unknown[] = [];
  book.worksheets[0]!.eachRow((row) => {
    if (row.getCell(2).value === serviceIndicator) serviceRow = [row.getCell(5).value, row.getCell(6).value];
  });
  expect(serviceRow).toEqual([3, 3]);
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Завантажити CSV' }).click();
  const csvBytes = await readFile((await (await csv).path())!);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csvBytes.toString('utf8')).toContain('Найменування');
  expect(await seriousViolations(page)).toEqual([]);

  // English, still offline: the app's English comes from the precache, the report screens' from
  // the cache filled at login, with the screen's own texts and the shell's.
  await chooseLanguage(page, 'ENG');
  await expect(page.getByRole('heading', { level: 1, name: /^Annual report on the plan/ })).toBeVisible();
  await openScreen(page, 'Reports', 'Reports');
  await expect(page.getByText(/^Source: the records on this device/)).toBeVisible();
  // Reopened there, an English device draws the report screen with its English from the start.
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByText(/^Source: the records on this device/)).toBeVisible();
});
