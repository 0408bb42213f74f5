import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue, type Catalogue } from '../../../src/shared/plan';
import type { PlanProblem } from '../../../src/shared/plan/plan-errors';
import { validatePlan } from '../../../src/shared/plan/validate-plan';
import { catalogueToTemplate, readTemplate } from '../../../src/server/features/plans';
import { runScript } from '../helpers/spawn';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/other-territory-plan.json');
const NO_DATABASE = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
const MEASURES = 'Заходи Measures';
const INDICATORS = 'Показники Indicators';
const DISTRICTS = 'Райони Districts';
const EXECUTORS = 'Виконавці Executors';
const PROGRAMMES = 'Програми Programmes';

function fixture(): Catalogue {
  const check = validatePlan(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  if (!check.ok) throw new Error('fixture invalid');
  return check.catalogue;
}

/** The fixture's template, changed by `edit` the way a coordinator would in a spreadsheet. */
async function edited(edit: (book: ExcelJS.Workbook) => void): Promise<PlanProblem[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await catalogueToTemplate(fixture())) as unknown as ArrayBuffer);
  edit(book);
  const check = await readTemplate(Buffer.from(await book.xlsx.writeBuffer()));
  if (check.ok) throw new Error('expected problems');
  return check.problems;
}

const indicatorsOf = (plan: Catalogue) => plan.strategicGoals.flatMap((g) => g.operationalGoals.flatMap((o) => o.tasks.flatMap((t) => t.measures.flatMap((m) => m.indicators ?? []))));
const cell = (book: ExcelJS.Workbook, sheet: string, ref: string) => book.getWorksheet(sheet)!.getCell(ref);
const at = (sheet: string, row: number, column: string) => ({ sheet, row, column });
const problemAt = (where: ReturnType<typeof at>, code: string, message: unknown = expect.any(Object)) => expect.objectContaining({ ...where, code, message });

describe('the plan XLSX template', () => {
  it.each([
    ['the built-in plan', () => defaultCatalogue],
    ['another territory’s plan', fixture],
  ])('round-trips %s without losing anything', async (_name, plan) => {
    const check = await readTemplate(await catalogueToTemplate(plan()));
    expect(check.ok && check.catalogue).toEqual(plan());
  });

  it('offers the drop-down lists on the rows a coordinator adds below the exported ones, without writing those rows', async () => {
    const plan = fixture();
    const indicators = indicatorsOf(plan);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await catalogueToTemplate(plan)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(INDICATORS)!;
    expect(sheet.rowCount).toBe(indicators.length + 1);
    for (const row of [2, indicators.length + 2, 2000]) {
      expect(sheet.getCell(`C${row}`).dataValidation).toEqual({ type: 'list', allowBlank: true, formulae: ['"count,deliverable"'] });
      expect(sheet.getCell(`F${row}`).dataValidation).toEqual(expect.objectContaining({ type: 'list', formulae: [expect.stringContaining('events')] }));
    }
    expect(sheet.getCell('D2000').dataValidation).toBeUndefined();
  });

  it('reads what a coordinator typed: numbers for text, rich text, a range of years, titles only on the first row, blank rows', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await catalogueToTemplate(fixture())) as unknown as ArrayBuffer);
    const measures = book.getWorksheet(MEASURES)!;
    measures.getCell('A3').value = 1; // strategic goal number typed as a number
    measures.getCell('G3').value = 1;
    for (const c of ['B3', 'C3', 'E3', 'F3', 'H3', 'I3']) measures.getCell(c).value = null;
    measures.getCell('K2').value = { richText: [{ text: 'Проведення ', font: { bold: true } }, { text: 'заходів' }] };
    book.getWorksheet('План Plan')!.getCell('C8').value = '2022-2024';
    book.getWorksheet(INDICATORS)!.getCell('I2').value = '4';
    measures.getCell('A20').value = '   ';
    const check = await readTemplate(Buffer.from(await book.xlsx.writeBuffer()));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.catalogue.years).toEqual([2022, 2023, 2024]);
    expect(check.catalogue.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!.measures.map((m) => m.id)).toEqual(['1.1', '1.2', '1.3']);
    expect(check.catalogue.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!.measures[0]!.text.uk).toBe('Проведення заходів');
  });

  it('names the sheet, row and column of each problem, in Ukrainian and English', async () => {
    const problems = await edited((book) => {
      cell(book, MEASURES, 'K3').value = null; // measure 1.2 without its text
      cell(book, INDICATORS, 'F2').value = 'apples';
      cell(book, INDICATORS, 'I2').value = 'abc';
      cell(book, MEASURES, 'D4').value = '2.1';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        problemAt(at(MEASURES, 3, 'K'), 'required', { uk: expect.stringContaining('Захід 1.2'), en: expect.stringContaining('Measure 1.2') }),
        problemAt(at(INDICATORS, 2, 'F'), 'not_allowed_value', expect.objectContaining({ uk: expect.stringContaining('events') })),
        problemAt(at(INDICATORS, 2, 'I'), 'target_not_number', { uk: 'Ціль «abc» має бути цілим числом', en: 'The target "abc" must be a whole number' }),
        problemAt(at(MEASURES, 4, 'D'), 'goal_not_under_strategic_goal', expect.objectContaining({ en: expect.stringContaining('must start with "1."') })),
      ]),
    );
    // one problem per cell: the unreadable target is not also "must be a number"
    expect(problems.filter((p) => p.sheet === INDICATORS && p.row === 2 && p.column === 'I')).toHaveLength(1);
    for (const p of problems) expect(p.message.uk).not.toBe(p.message.en);
    // consistency (registries, ids) is checked once the shape is right
    expect(await edited((book) => void (cell(book, MEASURES, 'Q2').value = 'social-dept, nobody (за згодою)'))).toEqual([
      problemAt(at(MEASURES, 2, 'Q'), 'unknown_executor', expect.objectContaining({ en: 'Measure 1.1: executor "nobody" is not in the executors list' })),
    ]);
  });

  it('places a registry’s problem at a column of that registry’s own sheet, wherever the coordinator moved it', async () => {
    const problems = await edited((book) => {
      cell(book, EXECUTORS, 'D2').value = 'Соцвідділ'; // a short name in Ukrainian only
      // the programmes' English title moved from column C to E
      cell(book, PROGRAMMES, 'E1').value = cell(book, PROGRAMMES, 'C1').value;
      cell(book, PROGRAMMES, 'C1').value = null;
      cell(book, PROGRAMMES, 'C2').value = null;
      cell(book, DISTRICTS, 'B2').value = null;
    });
    expect(problems).toEqual([
      problemAt(at(DISTRICTS, 2, 'B'), 'required', expect.objectContaining({ en: expect.stringContaining('name in Ukrainian') })),
      problemAt(at(EXECUTORS, 2, 'E'), 'required', expect.objectContaining({ en: expect.stringContaining('short name in English') })),
      problemAt(at(PROGRAMMES, 2, 'E'), 'required', expect.objectContaining({ en: expect.stringContaining('title in English') })),
    ]);
  });

  it('refuses a missing sheet, a missing column, unknown measures, changed titles and bad years', async () => {
    expect(await edited((book) => book.removeWorksheet(book.getWorksheet(INDICATORS)!.id))).toEqual([
      expect.objectContaining({ code: 'missing_sheet', sheet: INDICATORS }),
    ]);
    expect(await edited((book) => void (cell(book, MEASURES, 'K1').value = 'Щось інше'))).toEqual([
      expect.objectContaining({ code: 'missing_column', sheet: MEASURES, row: 1, message: expect.objectContaining({ en: expect.stringContaining('"Measure, uk"') }) }),
    ]);
    const problems = await edited((book) => {
      cell(book, INDICATORS, 'A3').value = '9.9';
      cell(book, MEASURES, 'B3').value = 'Інша назва';
      cell(book, 'План Plan', 'C8').value = '2022 до 2024';
      cell(book, MEASURES, 'M2').value = 'колись';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        problemAt(at(INDICATORS, 3, 'A'), 'unknown_measure', expect.any(Object)),
        problemAt(at(MEASURES, 3, 'B'), 'title_differs', expect.any(Object)),
        problemAt(at('План Plan', 8, 'C'), 'bad_years', expect.any(Object)),
        problemAt(at(MEASURES, 2, 'M'), 'bad_years', expect.any(Object)),
      ]),
    );
  });

  it('says a file that is not an XLSX workbook is not one', async () => {
    for (const bytes of [Buffer.from('Захід;Період\n1.1;2022'), Buffer.from('PK\u0003\u0004 not really a zip')]) {
      const check = await readTemplate(bytes);
      expect(check).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'not_xlsx' })] });
    }
  });

  it.skipIf(!existsSync('/usr/bin/soffice'))('reads the template after LibreOffice saved it again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-lo-'));
    const file = path.join(dir, 'plan.xlsx');
    writeFileSync(file, await catalogueToTemplate(defaultCatalogue));
    const out = path.join(dir, 'out');
    execFileSync('/usr/bin/soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx', '--outdir', out, file], { stdio: 'ignore', timeout: 120_000 });
    const saved = readFileSync(path.join(out, 'plan.xlsx'));
    const check = await readTemplate(saved);
    expect(check.ok && check.catalogue).toEqual(defaultCatalogue);
    // the drop-down lists are still offered below the exported rows (LibreOffice keeps about 1000 rows of them)
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(saved as unknown as ArrayBuffer);
    const below = `C${indicatorsOf(defaultCatalogue).length + 100}`;
    expect(book.getWorksheet(INDICATORS)!.getCell(below).dataValidation).toEqual(expect.objectContaining({ type: 'list', formulae: expect.arrayContaining(['"count,deliverable"']) }));
  }, 150_000);
});

describe('npm run admin -- plan export-template / plan check on XLSX', () => {
  it('exports a plan as the template and checks it, as its own process without a database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-export-'));
    const file = path.join(dir, 'lviv.xlsx');
    const exported = await runScript('src/server/cli.ts', ['plan', 'export-template', '--file', file, '--plan', FIXTURE], NO_DATABASE);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const check = await runScript('src/server/cli.ts', ['plan', 'check', '--file', file], NO_DATABASE);
    expect(check.stdout).toContain('lviv-oblast-1325-test test.1');
    expect(check.code).toBe(0);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    cell(book, INDICATORS, 'F2').value = 'apples';
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
    const broken = await runScript('src/server/cli.ts', ['plan', 'check', '--file', file], NO_DATABASE);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('аркуш «Показники Indicators», рядок 2, стовпець F');
    expect(broken.stderr).toContain('sheet "Показники Indicators", row 2, column F');
  }, 60_000);

  it('exports the built-in plan when no plan is given', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-export-'));
    const file = path.join(dir, 'kyiv.xlsx');
    const exported = await runScript('src/server/cli.ts', ['plan', 'export-template', '--file', file], NO_DATABASE);
    expect(exported.code).toBe(0);
    const check = await readTemplate(readFileSync(file));
    expect(check.ok && check.catalogue.id).toBe(defaultCatalogue.id);
  }, 60_000);
});
