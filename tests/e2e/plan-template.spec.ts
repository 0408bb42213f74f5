import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Browser } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { logIn, openScreen, syncNow } from './support/app';
import { recordUnderLvivPlanOffline } from './support/other-plan';
import { uploadPlanFile } from './support/plans';
import { activatePlanAs, createUser, serverRecords, userByEmail } from './support/server';

/**
 * Issue 13, done when: as admin in the browser, create a team and a field worker, upload a plan
 * from the XLSX template (tests/fixtures/other-territory-plan.json turned into the template by
 * `npm run admin -- plan export-template`); the field worker, on another device, records against
 * the new plan offline and syncs; the team's supervisor sees the team's completeness for that month.
 * The built-in plan is made active again at the end, as the other specs on this server expect.
 */
const FIXTURE = 'tests/fixtures/other-territory-plan.json';
const title = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { title: { uk: string } }).title.uk;

function exportTemplate(): Buffer {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'plan-template-')), 'lviv.xlsx');
  execFileSync('node_modules/.bin/tsx', ['src/server/cli.ts', 'plan', 'export-template', '--file', file, '--plan', FIXTURE], { stdio: 'pipe' });
  return readFileSync(file);
}

async function broken(template: Buffer): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  book.getWorksheet('Показники Indicators')!.getCell('F2').value = 'яблука';
  return Buffer.from(await book.xlsx.writeBuffer());
}

const device = (browser: Browser) => browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: 'uk-UA' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('admin sets up a team and a worker, uploads a plan from the XLSX template; the worker records under it offline; the supervisor sees the month', async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const teamName = `Бригада Львів ${stamp}`;
  const workerEmail = `lviv-worker-${stamp}@example.org`;
  const supervisorEmail = `lviv-supervisor-${stamp}@example.org`;
  const admin = await createUser('admin', [], 'Оксана Адмін');
  const template = exportTemplate();
  const a = await device(browser);
  const w = await device(browser);
  const s = await device(browser);
  try {
    const page = await a.newPage();
    await logIn(page, admin);
    await openScreen(page, 'Адміністрування', 'Адміністрування');
    const main = page.getByRole('main');

    // The plan: a broken template names sheet, row and column and changes nothing; the good one is stored and made active.
    await main.getByRole('button', { name: 'Плани' }).click();
    await expect(main.getByTestId('admin-plans')).toContainText('kyiv-1325-2021-2023');
    const plansBefore = await main.getByTestId('admin-plans').getByRole('listitem').count();
    const { accepted, problems } = await uploadPlanFile(page, { name: 'lviv.xlsx', mimeType: XLSX, buffer: await broken(template) });
    expect(accepted).toBe(false);
    await expect(problems).toContainText('аркуш «Показники Indicators», рядок 2, стовпець F');
    await expect(problems).toContainText('одиниця має бути одним із');
    await expect(main.getByTestId('admin-plans').getByRole('listitem')).toHaveCount(plansBefore);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/plan-template-refused.png', fullPage: true });
    expect((await uploadPlanFile(page, { name: 'lviv.xlsx', mimeType: XLSX, buffer: template })).accepted).toBe(true);
    // stored, or already there when the other plan spec ran first on this server
    await expect(main.getByText(/версія test\.1, завантажено\.|Саме ця редакція \(версія test\.1\) вже є на сервері/)).toBeVisible();
    await main.getByRole('button', { name: `Зробити активним план «${title}»` }).click();
    await expect(main.getByText(`План «${title}» тепер активний.`, { exact: false })).toBeVisible();
    // any plan comes back as the template to fill in for its next revision
    const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: `Шаблон XLSX плану «${title}»` }).click()]);
    expect(download.suggestedFilename()).toBe('lviv-oblast-1325-test-test.1.xlsx');

    // The team, its field worker and its supervisor, each password shown once.
    await main.getByRole('button', { name: 'Команди' }).click();
    const teamForm = main.getByRole('form', { name: 'Нова команда' });
    await teamForm.getByLabel('Назва команди').fill(teamName);
    await teamForm.getByLabel('Тип команди').selectOption({ label: 'Мобільна бригада' });
    await teamForm.getByRole('button', { name: 'Створити команду' }).click();
    await expect(main.getByText(`Команду «${teamName}» створено.`)).toBeVisible();
    await main.getByRole('button', { name: 'Користувачі' }).click();
    const passwords: string[] = [];
    for (const [email, name, role] of [
      [workerEmail, 'Ірина Польова', 'Працівник/ця мобільної бригади'],
      [supervisorEmail, 'Галина Керівна', 'Керівник/ця'],
    ] as const) {
      const userForm = main.getByRole('form', { name: 'Новий користувач' });
      await userForm.getByLabel('Електронна пошта').fill(email);
      await userForm.getByLabel("Ім'я та прізвище").fill(name);
      await userForm.getByLabel('Роль').selectOption({ label: role });
      await userForm.getByRole('checkbox', { name: teamName }).check();
      await userForm.getByRole('button', { name: 'Створити користувача' }).click();
      await expect(main.getByText(`Користувача ${email} створено.`)).toBeVisible();
      passwords.push((await main.getByTestId('generated-password').textContent())!.trim());
      await main.getByRole('button', { name: /сховати$/ }).click();
    }

    // The worker's device: the login's sync brings the plan; a consultation offline under it, then synced.
    const wp = await w.newPage();
    await logIn(wp, { email: workerEmail, password: passwords[0]! });
    await recordUnderLvivPlanOffline(wp, w);
    const worker = { ...(await userByEmail(workerEmail))!, email: workerEmail, password: passwords[0]! };
    await expect.poll(async () => (await serverRecords(worker as never)).map((r) => r.plan?.id)).toEqual(['lviv-oblast-1325-test']);
    const record = (await serverRecords(worker as never))[0]!;
    const month = (record.kind === 'serviceLog' ? record.date : '').slice(0, 7);
    expect(month).toMatch(/^2024-\d\d$/);

    // The supervisor: the team's month, one record submitted and pending, not locked.
    const sp = await s.newPage();
    await logIn(sp, { email: supervisorEmail, password: passwords[1]! });
    await syncNow(sp);
    await openScreen(sp, 'Перевірка', 'Перевірка записів');
    const panel = sp.getByRole('region', { name: 'Повнота звітності' });
    await panel.getByLabel('Місяць').selectOption(month);
    const row = panel.locator(`tr[data-team="${teamName}"]`);
    await expect(row.locator('td')).toHaveText(['1', '0', '0', '1', 'ні']);
    expect(await seriousViolations(sp)).toEqual([]);
    await sp.screenshot({ path: 'test-results/plan-template-completeness.png', fullPage: true });
  } finally {
    await activatePlanAs('kyiv-1325-2021-2023');
    await a.close();
    await w.close();
    await s.close();
  }
});
