import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecord } from '../../src/shared/records/build';
import type { RecordContent } from '../../src/shared/records/schemas';
import type { FieldRecord } from '../../src/shared/records/schemas';
import { logIn, openScreen } from './support/app';
import { seriousViolations } from './support/axe';
import { apiLogin, createTeam, createUser, giveVerdict, pushAs, type TestUser } from './support/server';

/**
 * Issue 12, points 6 and 7, as an admin who is in no team reads them on a phone and a tablet:
 * team names (never ids) in the by-team table and the team filter, a deliverable done in 2022
 * standing done in 2023 with its document, an event count without a breakdown by sex, monthly
 * chart labels that do not collide; then the annual report printed to A4 (landscape, no word
 * broken, the table inside the page, its header on every page, the date written once).
 */

const sizes = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

const ORDER = 'Наказ ДСП № 5 від 30.06.2022';
let admin: TestUser;
let teamNames: string[] = [];

function services(date: string, district: string, women: number): RecordContent {
  return {
    kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date, district, serviceType: 'psychosocial_consultation',
    served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'idp', count: women }], total: women },
  };
}

const training: RecordContent = {
  kind: 'event', measureId: '4.1', title: 'Тренінг з медіації', format: 'training', startDate: '2023-05-05', endDate: '2023-05-05',
  venue: { mode: 'in_person', place: 'Бібліотека', district: 'podilskyi' }, organiser: 'ДСП',
  attendance: { cells: [{ sex: 'female', count: 7 }], total: 7 }, materials: { produced: 0, distributed: 0 },
};

const order: RecordContent = {
  kind: 'indicatorReport', measureId: '7.1', indicatorId: '7.1.i1', periodStart: '2022-01-01', periodEnd: '2022-06-30',
  value: { type: 'deliverable', done: true, documentRef: ORDER },
};

/** Records of a field worker's team pushed through the sync API and approved by their supervisor. */
async function approved(worker: TestUser, teamId: string, supervisor: TestUser, contents: RecordContent[]): Promise<void> {
  const deviceId = `e2e-reports-${worker.id}`;
  const { token } = await apiLogin(worker.email, worker.password, deviceId);
  const records: FieldRecord[] = contents.map((c) => createRecord(c, { authorId: worker.id, deviceId, teamId }));
  await pushAs(token, deviceId, records);
  const { token: boss } = await apiLogin(supervisor.email, supervisor.password);
  for (const r of records) await giveVerdict(boss, { recordId: r.id, revision: r.revision, status: 'approved', comment: '' });
}

test.beforeAll(async () => {
  const stamp = Date.now().toString(36);
  const podil = await createTeam(`Мобільна бригада Поділ ${stamp}`);
  const obolon = await createTeam(`Мобільна бригада Оболонь ${stamp}`);
  teamNames = [podil.name, obolon.name];
  const supervisor = await createUser('supervisor', [podil.id, obolon.id], 'Ірина Керівна');
  const a = await createUser('field_worker', [podil.id], 'Олена Подільська');
  const b = await createUser('field_worker', [obolon.id], 'Марія Оболонська');
  await approved(a, podil.id, supervisor, [services('2023-02-10', 'podilskyi', 3), services('2023-05-12', 'podilskyi', 2), training, order]);
  await approved(b, obolon.id, supervisor, [services('2023-12-01', 'obolonskyi', 4)]);
  // An admin in no team: reports on the whole city.
  admin = await createUser('admin', [], 'Адміністраторка Звітів');
});

async function adminPage(browser: Browser, size: (typeof sizes)[number]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height } });
  const page = await context.newPage();
  await logIn(page, admin);
  return page;
}

/**
 * Neighbouring month labels of a chart that touch. Upright labels: their boxes overlap. Labels turned
 * 45° (parallel lines of text): the gap between their lines, a slot × sin 45°, is less than a line's height.
 */
async function collidingLabels(page: Page, indicatorId: string): Promise<string[]> {
  return page.locator(`[data-indicator="${indicatorId}"] svg.trend-chart`).evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
    const labels = [...svg.querySelectorAll('text.chart-axis')].slice(2).map((t) => ({
      text: t.textContent ?? '',
      box: t.getBoundingClientRect(),
      x: Number(t.getAttribute('x')) * scale,
      turned: (t.getAttribute('transform') ?? '').includes('rotate(-45'),
      font: parseFloat(getComputedStyle(t).fontSize) * scale,
    }));
    const out: string[] = [];
    for (let i = 1; i < labels.length; i++) {
      const a = labels[i - 1]!;
      const b = labels[i]!;
      const touch =
        a.turned && b.turned
          ? (b.x - a.x) * Math.SQRT1_2 < a.font
          : a.box.right > b.box.left + 0.5 && b.box.right > a.box.left + 0.5 && a.box.bottom > b.box.top && b.box.bottom > a.box.top;
      if (touch) out.push(`${a.text}|${b.text}`);
    }
    return out;
  });
}

for (const size of sizes) {
  test(`reports at ${size.name} size: names not ids, every team for an admin, deliverables done earlier, events without sex, labels apart`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await adminPage(browser, size);
    await openScreen(page, 'Звіти', 'Звіти');
    await page.getByLabel('Рік', { exact: true }).selectOption('2023');

    // The team filter lists every team, though this admin is in none.
    const teamFilter = page.getByLabel('Команда', { exact: true });
    for (const name of teamNames) await expect(teamFilter.locator('option', { hasText: name })).toHaveCount(1);

    // 7.3.i1 by team: the teams' names, never an id.
    const services73 = page.locator('[data-indicator="7.3.i1"]');
    await services73.getByText('Розбивки: 7.3.i1').click();
    const byTeam = services73.getByRole('table', { name: 'За командами: 7.3.i1' });
    await expect(byTeam).toBeVisible();
    for (const name of teamNames) await expect(byTeam.getByRole('rowheader', { name })).toBeVisible();
    await expect(page.locator('main')).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    await expect(page.locator('main')).not.toContainText('команда поза вашим списком');

    // Monthly labels of a 12-month chart never touch.
    expect(await collidingLabels(page, '7.3.i1')).toEqual([]);

    // 7.1.i1, done in 2022: in 2023 it stands done, with the year and its document.
    const order71 = page.locator('[data-indicator="7.1.i1"]');
    await expect(order71.getByTestId('value-7.1.i1')).toHaveText('Виконано у 2022 р.');
    await expect(order71.locator('.badge.status')).toHaveText('Виконано');
    await expect(order71.getByTestId('documents-7.1.i1')).toHaveText(`Документи: ${ORDER}`);

    // 4.1.i2 counts trainings: no breakdown by sex for it (4.1.i1 counts the women who came).
    const trainings = page.locator('[data-indicator="4.1.i2"]');
    await trainings.getByText('Розбивки: 4.1.i2').click();
    await expect(trainings.getByText('Це кількість заходів, а не осіб')).toBeVisible();
    await expect(trainings).not.toContainText('Стать не зазначено');
    await expect(trainings).not.toContainText('Розподіл за статтю');

    await page.screenshot({ path: `test-results/reports-${size.name}.png`, fullPage: false });
    await services73.locator('figure.chart', { has: page.locator('svg.trend-chart') }).screenshot({ path: `test-results/reports-${size.name}-trend.png` });
    await byTeam.screenshot({ path: `test-results/reports-${size.name}-by-team.png` });
    await order71.screenshot({ path: `test-results/reports-${size.name}-deliverable.png` });
    await trainings.screenshot({ path: `test-results/reports-${size.name}-trainings.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // In 2022 the order counts once, with its document.
    await page.getByLabel('Рік', { exact: true }).selectOption('2022');
    await expect(page.getByTestId('value-7.1.i1')).toHaveText('виконано');
    await expect(page.getByTestId('documents-7.1.i1')).toHaveText(`Документи: ${ORDER}`);
    await page.context().close();
  });

  test(`the annual report printed to A4 at ${size.name} size: landscape, whole words, inside the page, header on every page`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await adminPage(browser, size);
    await openScreen(page, 'Звіти', 'Звіти');
    await page.getByRole('link', { name: 'Річний звіт для друку та завантаження' }).click();
    await page.getByLabel('Рік', { exact: true }).selectOption('2023');
    await expect(page.locator('.annual-table')).toBeVisible();
    // The date once: "1 грудня 2026 р. Враховано…", never "р..".
    const asOf = page.getByTestId('annual-as-of');
    await expect(asOf).toHaveText(/^Станом на \d{1,2} [а-яіїє]+ \d{4} р\. Враховано лише затверджені записи\.$/);
    await expect(page.locator('.annual-table tr[data-indicator="7.1.i1"]')).toContainText(`Виконано у 2022 р. (${ORDER})`);
    // The training count has no person columns.
    const trainingRow = page.locator('.annual-table tr[data-indicator="4.1.i2"] td');
    await expect(trainingRow.nth(5)).toHaveText('');
    await page.screenshot({ path: `test-results/annual-${size.name}.png` });
    expect(await seriousViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.annual-table thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
    const styles = await page.locator('.annual-table tbody th').first().evaluate((el) => {
      const s = getComputedStyle(el);
      return { hyphens: s.hyphens, overflowWrap: s.overflowWrap, wordBreak: s.wordBreak };
    });
    expect(styles).toEqual({ hyphens: 'manual', overflowWrap: 'normal', wordBreak: 'normal' });
    const words = new Set(
      (await page.locator('.annual-document').innerText()).split(/[^\p{L}\p{N}'’ʼ-]+/u).filter(Boolean),
    );
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const dir = mkdtempSync(join(tmpdir(), 'kyiv1325-annual-print-'));
    const file = join(dir, 'annual.pdf');
    writeFileSync(file, pdf);

    // A4 landscape: 841.89 × 595.28 points, every page.
    const info = execFileSync('/usr/bin/pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const sizesSeen = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(sizesSeen).toHaveLength(pages);
    for (const [w, h] of sizesSeen) {
      expect(Math.abs(w! - 841.9)).toBeLessThan(2);
      expect(Math.abs(h! - 595.3)).toBeLessThan(2);
    }

    // No word broken: every word poppler reads is a word of the document (a broken "Стратег|ічна" is two that are not).
    const text = execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' });
    const printed = text.split(/[^\p{L}\p{N}'’ʼ-]+/u).filter((w) => /\p{L}{2,}/u.test(w));
    const broken = [...new Set(printed.filter((w) => !words.has(w) && !words.has(w.replace(/-$/, ''))))];
    expect(broken).toEqual([]);
    for (const word of ['Стратегічна', 'Відставання', 'Досягнуто', 'зазначено', 'Найменування']) expect(printed).toContain(word);
    expect(text).not.toContain('р..');

    // The header row on every page.
    expect(text.split('Найменування').length - 1).toBe(pages);

    // The table inside the page: no word's box reaches past the right margin.
    const boxes = execFileSync('/usr/bin/pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const right = Math.max(...[...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(right).toBeLessThan(841.9 - 20);
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, `test-results/annual-print-${size.name}`]);
    await page.context().close();
  });
}
