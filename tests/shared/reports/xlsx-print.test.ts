import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalogue as catalogue } from '../../../src/shared/plan';
import { annualRows, annualTable, annualXlsx, buildAnnualReport } from '../../../src/shared/reports/annual';
import { memoryFactQuery } from '../../../src/shared/reports/query';
import { factsOfRecord } from '../../../src/shared/reports/facts';
import { reportFixture } from './fixtures';

/**
 * The annual XLSX as someone prints it from LibreOffice: converted to PDF by soffice headless
 * (Debian's libreoffice-calc-nogui, installed by scripts/setup-test-env.sh), then read back with
 * poppler. Before its page setup it printed on 26 portrait pages, the first ones showing two columns.
 */
const run = promisify(execFile);
const SOFFICE = '/usr/bin/soffice';
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function printed(lang: 'uk' | 'en'): Promise<{ pages: number; pageSize: string; firstPage: string; all: string }> {
  const facts = reportFixture().flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
  const report = await buildAnnualReport(catalogue, memoryFactQuery(facts), { year: 2023, asOf: '2026-12-01', includePending: false });
  const table = annualTable(annualRows(catalogue, report, lang), lang);
  const dir = await mkdtemp(join(tmpdir(), 'kyiv1325-xlsx-print-'));
  dirs.push(dir);
  const xlsx = join(dir, `annual-${lang}.xlsx`);
  await writeFile(xlsx, annualXlsx(table, { planTitle: catalogue.title, year: 2023, asOf: '2026-12-01', includePending: false }, lang));
  // A profile of its own: two soffice runs sharing one (another test, a person's desktop) would collide.
  await run(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], {
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  const pdf = join(dir, `annual-${lang}.pdf`);
  expect(existsSync(pdf)).toBe(true);
  const info = (await run('/usr/bin/pdfinfo', [pdf])).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const pageSize = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '';
  const firstPage = (await run('/usr/bin/pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'])).stdout;
  const all = (await run('/usr/bin/pdftotext', [pdf, '-'])).stdout;
  await readFile(pdf);
  return { pages, pageSize, firstPage, all };
}

/** Column headers as one line of words, spaces squeezed (a header may wrap onto two lines). */
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe.skipIf(!existsSync(SOFFICE))('the annual XLSX printed from LibreOffice', () => {
  it('fits every column on landscape A4 pages, few of them, with its title and "as of" line', async () => {
    const { pages, pageSize, firstPage, all } = await printed('uk');
    // A4 landscape: 842 × 595 pt.
    expect(pageSize).toMatch(/^841\.\d+ x 595\.\d+ pts \(A4\)/);
    expect(pages).toBeLessThanOrEqual(14);
    const words = firstPage.split(/\s+/);
    // Every column header's words on page 1 (wrapped headers may split across lines, never mid-word).
    for (const head of ['Рівень', 'Номер', 'Найменування', 'Ціль', 'Досягнуто', 'Жінки', 'дівчата', 'Чоловіки', 'хлопці', 'Стать', 'зазначено', 'соціальними', 'групами', 'Стан', 'Примітка', 'недоліків'])
      expect(words, head).toContain(head);
    expect(squeeze(firstPage)).toContain('звіт за 2023 рік');
    expect(squeeze(firstPage)).toContain('Станом на 1 грудня 2026 р. Враховано лише затверджені записи.');
    // The header row on every page: as many "Найменування" as pages.
    expect(all.split('Найменування').length - 1).toBe(pages);
  }, 180_000);

  it('does the same in English', async () => {
    const { pages, firstPage } = await printed('en');
    expect(pages).toBeLessThanOrEqual(14);
    const words = firstPage.split(/\s+/);
    for (const head of ['Level', 'Number', 'Title', 'Target', 'Achieved', 'Women', 'Men', 'Sex', 'stated', 'social', 'Status', 'shortcomings'])
      expect(words, head).toContain(head);
    expect(squeeze(firstPage)).toContain('As of 1 December 2026. Approved records only.');
  }, 180_000);
});
