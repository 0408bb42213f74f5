import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe';
import { logIn, openScreen } from './support/app';
import { recordUnderLvivPlanOffline } from './support/other-plan';
import { uploadPlanFile } from './support/plans';
import { activatePlanAs, createTeam, createUser, serverRecords } from './support/server';

/**
 * Issue 13, plans as data: the admin uploads another territory's plan in the browser (a broken
 * file first: every problem named, nothing stored), makes it active; a trainer's device picks it
 * up on its next sync and its forms offer that plan's measures and districts; a record made
 * offline under it syncs naming the plan. The built-in plan is made active again at the end, as
 * the other specs on this server expect it.
 */
const plan = readFileSync('tests/fixtures/other-territory-plan.json', 'utf8');
const title = (JSON.parse(plan) as { title: { uk: string } }).title.uk;

test('an admin uploads and activates a plan; a device records under it after its next sync', async ({ browser }) => {
  const admin = await createUser('admin', [], 'Оксана Адмін');
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id], 'Ірина Польова');
  const a = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: 'uk-UA' });
  const w = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: 'uk-UA' });
  try {
    const page = await a.newPage();
    await logIn(page, admin);
    await openScreen(page, 'Адміністрування', 'Адміністрування');
    await page.getByRole('button', { name: 'Плани' }).click();
    const main = page.getByRole('main');
    await expect(main.getByTestId('admin-plans')).toContainText('kyiv-1325-2021-2023');
    const plansBefore = await main.getByTestId('admin-plans').getByRole('listitem').count();
    const broken = JSON.stringify({ ...JSON.parse(plan), years: [], title: { uk: '', en: 'x' } });
    const { accepted, problems } = await uploadPlanFile(page, { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    expect(accepted).toBe(false);
    await expect(problems).toContainText('План не прийнято, на сервері нічого не змінено');
    await expect(problems).toContainText('title.uk');
    await expect(main.getByTestId('admin-plans').getByRole('listitem')).toHaveCount(plansBefore);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/plans-refused.png', fullPage: true });

    expect((await uploadPlanFile(page, { name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(plan) })).accepted).toBe(true);
    // stored, or already there when the other plan spec ran first on this server
    await expect(main.getByText(/версія test\.1, завантажено\.|Саме ця редакція \(версія test\.1\) вже є на сервері/)).toBeVisible();
    await main.getByRole('button', { name: `Зробити активним план «${title}»` }).click();
    await expect(main.getByText(`План «${title}» тепер активний.`, { exact: false })).toBeVisible();
    await page.screenshot({ path: 'test-results/plans-active.png', fullPage: true });

    // The trainer's device: the login's sync brings the plan; the form is that plan's
    const wp = await w.newPage();
    await logIn(wp, worker);
    await recordUnderLvivPlanOffline(wp, w);
    await expect.poll(async () => (await serverRecords(worker)).map((r) => [r.plan?.id, r.kind === 'serviceLog' ? r.district : null])).toEqual([['lviv-oblast-1325-test', 'lvivskyi']]);
  } finally {
    await activatePlanAs('kyiv-1325-2021-2023');
    await a.close();
    await w.close();
  }
});
