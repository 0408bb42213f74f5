import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Catalogue } from '../../src/shared/plan/catalogue-schema';
import { logIn, openScreen, syncAndSettle } from './support/app';
import { recordUnderLvivPlanOffline } from './support/other-plan';
import { activatePlanAs, createTeam, createUser, serverRecords, uploadPlanAs } from './support/server';

/**
 * Issue 13, a plan revision reaching a device: a worker records under revision r1 of a plan; the
 * admin uploads r2, which removes that measure (1.2) and adds another (1.4). After its next sync
 * the device makes new records under r2, still edits the old record by r1's rules (its measure
 * is offered and the server accepts the fix), and its report shows the removed measure with the
 * record, marked withdrawn. The built-in plan is made active again at the end.
 */
const fixture = JSON.parse(readFileSync('tests/fixtures/other-territory-plan.json', 'utf8')) as Catalogue;
const planId = `revised-${Date.now().toString(36)}`;
// its own title: the other plan specs find the fixture's plan by its title on the Plans tab
const r1: Catalogue = { ...structuredClone(fixture), id: planId, version: 'r1', title: { uk: `План з редакціями ${planId}`, en: `A revised plan ${planId}` } };

function r2(): Catalogue {
  const plan = structuredClone(r1);
  plan.version = 'r2';
  const task = plan.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!;
  const services = task.measures.find((m) => m.id === '1.2')!;
  const added = { ...structuredClone(services), id: '1.4', number: 4, text: { uk: 'Консультації (нова редакція)', en: 'Consultations (revised)' } };
  added.indicators = added.indicators!.map((i, n) => ({ ...i, id: `1.4.i${n + 1}` }));
  task.measures = [...task.measures.filter((m) => m.id !== '1.2'), added];
  return plan;
}

test('a revision reaches the device: new records use it, an old record is edited and reported by its own revision', async ({ browser }) => {
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id], 'Ірина Польова');
  await uploadPlanAs(r1);
  await activatePlanAs(planId);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, locale: 'uk-UA' });
  try {
    const page = await context.newPage();
    await logIn(page, worker);
    await recordUnderLvivPlanOffline(page, context);
    await expect.poll(async () => (await serverRecords(worker)).map((r) => [r.plan?.version, r.measureId])).toEqual([['r1', '1.2']]);
    // the footer names the plan in use, not Kyiv's built-in one
    await expect(page.getByTestId('plan-title')).toHaveText(r1.title.uk);

    // the revision arrives with the next sync (the one above over first): the form offers r2's measures, not the removed one
    await syncAndSettle(page);
    await uploadPlanAs(r2());
    await syncAndSettle(page);
    await openScreen(page, 'Консультації', 'Консультації та послуги');
    const measure = page.getByLabel('Захід плану');
    await expect(measure.locator('option', { hasText: 'Консультації (нова редакція)' })).toHaveCount(1);
    await expect(measure.locator('option', { hasText: /^1\.2/ })).toHaveCount(0);

    // the old record, offline: its form is r1's, with the measure r2 removed; the fix is kept and synced
    await context.setOffline(true);
    await openScreen(page, 'Мої записи', 'Мої записи');
    await page.getByRole('main').getByRole('listitem').filter({ hasText: 'Консультації / послуги' }).getByRole('link', { name: 'Редагувати' }).click();
    await expect(measure).toHaveValue('1.2');
    await page.getByRole('button', { name: /Додати одну особу$/ }).first().click();
    await page.getByRole('button', { name: 'Зберегти і надіслати' }).click();
    await expect(page.getByText('Збережено. Запис буде надіслано під час синхронізації.')).toBeVisible();

    // the device's own report, still offline: the withdrawn measure with its record
    await openScreen(page, 'Звіти', 'Звіти');
    await expect(page.getByTestId('measure-withdrawn-1.2')).toHaveText('Вилучено з плану в редакції r2: тут лише записи, зроблені до неї');
    await expect(page.getByTestId('measure-totals-1.2')).toContainText('охоплено осіб: 2');
    await page.screenshot({ path: test.info().outputPath('withdrawn-measure.png'), fullPage: true });

    await context.setOffline(false);
    await syncAndSettle(page);
    await expect.poll(async () => (await serverRecords(worker)).map((r) => [r.plan?.version, r.measureId, r.kind === 'serviceLog' ? r.served.total : null])).toEqual([['r1', '1.2', 2]]);
  } finally {
    await activatePlanAs('kyiv-1325-2021-2023');
    await context.close();
  }
});
