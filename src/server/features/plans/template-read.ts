import ExcelJS from 'exceljs';
import type { PlanCheck, PlanProblem } from '../../../shared/plan/plan-errors';
import { validatePlan } from '../../../shared/plan/validate-plan';
import { findSheet, problem, readSheet, type CellRef, type ReadSheet } from './template-cells';
import { dataSheets, districtsSheet, executorsSheet, indicatorsSheet, measuresSheet, planFields, planSheet, programmesSheet, type SheetLayout } from './template-layout';
import { readIndicators, readMeasures } from './template-measures';
import { localized, locate, parseYears, yearsProblem, type CellMap } from './template-values';

/** Zip files (and so XLSX) start with "PK\3\4". */
export function looksLikeXlsx(file: Uint8Array): boolean {
  return file.length > 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
}

const notXlsx = (): PlanProblem => ({
  code: 'not_xlsx',
  message: { uk: 'Файл не є книгою XLSX (збережіть його в Excel або LibreOffice як .xlsx)', en: 'The file is not an XLSX workbook (save it from Excel or LibreOffice as .xlsx)' },
});

function readPlanFields(sheet: ReadSheet, problems: PlanProblem[], cells: CellMap): Record<string, unknown> {
  const byKey = new Map(sheet.rows.map((r) => [r.get('key').trim(), r] as const));
  const value = (key: string) => byKey.get(key)?.get('value') ?? '';
  for (const f of planFields) {
    const row = byKey.get(f.key);
    cells.set(f.key, row ? row.at('value') : { sheet: sheet.name });
  }
  for (const key of byKey.keys())
    if (!planFields.some((f) => f.key === key))
      problems.push(problem('unknown_field', byKey.get(key)!.at('key'), `Поле «${key}» невідоме: ключі в стовпці A не змінюють`, `Field "${key}" is unknown: keep the keys in column A as they are`));
  const yearsText = value('years').trim();
  const years = yearsText ? parseYears(yearsText) : undefined;
  if (yearsText && !years) problems.push(yearsProblem(cells.get('years')!, yearsText));
  const plan: Record<string, unknown> = {
    id: value('id').trim() || undefined,
    version: value('version').trim() || undefined,
    title: localized(value('title.uk'), value('title.en')),
    territory: localized(value('territory.uk'), value('territory.en')),
    years: years ?? undefined,
  };
  if (['approval.by.uk', 'approval.by.en', 'approval.date', 'approval.source'].some((k) => value(k).trim()))
    plan.approval = { by: localized(value('approval.by.uk'), value('approval.by.en')), date: value('approval.date').trim() || null, source: value('approval.source') || undefined };
  if (value('approvedBy.uk').trim() || value('approvedBy.en').trim()) plan.approvedBy = localized(value('approvedBy.uk'), value('approvedBy.en'));
  for (const k of ['approval', 'approval.by']) cells.set(k, cells.get('approval.by.uk')!);
  cells.set('approvedBy', cells.get('approvedBy.uk')!);
  return plan;
}

/**
 * The value paths a registry row's cells are noted under, each with its column: the sheet's own
 * column keys, and a pair's parent ('short' of 'short.uk'/'short.en') at its Ukrainian cell, so a
 * problem with the whole pair still lands on a column of this sheet.
 */
function registryPaths(layout: SheetLayout): [path: string, column: string][] {
  const paths: [string, string][] = layout.columns.map((c) => [c.key, c.key]);
  for (const c of layout.columns) if (c.key.endsWith('.uk')) paths.push([c.key.slice(0, -'.uk'.length), c.key]);
  return paths;
}

/** A registry sheet (districts, executors, programmes): one entry per row, each value's cell noted. */
function readRegistry(sheet: ReadSheet, layout: SheetLayout, base: string, cells: CellMap, entry: (get: (k: string) => string) => Record<string, unknown>): unknown[] {
  cells.set(base, { sheet: sheet.name });
  const paths = registryPaths(layout);
  return sheet.rows.map((row, i) => {
    cells.set(`${base}[${i}]`, row.at('id'));
    for (const [path, column] of paths) cells.set(`${base}[${i}].${path}`, row.at(column));
    return entry(row.get);
  });
}

function readSheets(book: ExcelJS.Workbook, problems: PlanProblem[]): Map<SheetLayout, ReadSheet> | null {
  const read = new Map<SheetLayout, ReadSheet>();
  for (const layout of dataSheets) {
    const sheet = findSheet(book, layout);
    if (!sheet) {
      problems.push(problem('missing_sheet', { sheet: layout.name }, `Немає аркуша «${layout.name}»`, `The sheet "${layout.name}" is missing`));
      continue;
    }
    read.set(layout, readSheet(sheet, layout, problems));
  }
  return problems.length ? null : read;
}

const sameCell = (a: CellRef, b: { sheet?: string; row?: number; column?: string }) => a.sheet === b.sheet && a.row === b.row && a.column === b.column;

/** The plan check's problems, each at the cell its value came from; one per cell, after the reading's own. */
function placed(check: PlanCheck, cells: CellMap, reading: PlanProblem[]): PlanProblem[] {
  if (check.ok) return [];
  const out: PlanProblem[] = [];
  for (const p of check.problems) {
    const at = p.path !== undefined ? locate(p.path, cells) : undefined;
    const where = at ? { sheet: at.sheet, ...(at.row ? { row: at.row } : {}), ...(at.column ? { column: at.column } : {}) } : {};
    if (at && at.row && [...reading, ...out].some((q) => sameCell(at, q))) continue;
    out.push({ ...p, ...where });
  }
  return out;
}

/**
 * Reads a plan from the XLSX template (as saved by Excel or LibreOffice) and checks it like a JSON
 * plan. Every problem names the sheet, row and column it is in; nothing is thrown for bad input.
 */
export async function readTemplate(file: Buffer | Uint8Array): Promise<PlanCheck> {
  if (!looksLikeXlsx(file)) return { ok: false, problems: [notXlsx()] };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [notXlsx()] };
  }
  const problems: PlanProblem[] = [];
  const sheets = readSheets(book, problems);
  if (!sheets) return { ok: false, problems };
  const cells: CellMap = new Map();
  cells.set('', { sheet: planSheet.name });
  const sheet = (l: SheetLayout) => sheets.get(l)!;
  const tree = readMeasures(sheet(measuresSheet), problems, cells);
  readIndicators(sheet(indicatorsSheet), tree, problems, cells);
  const data = {
    ...readPlanFields(sheet(planSheet), problems, cells),
    districts: readRegistry(sheet(districtsSheet), districtsSheet, 'districts', cells, (get) => ({ id: get('id').trim(), name: localized(get('name.uk'), get('name.en')) })),
    executors: readRegistry(sheet(executorsSheet), executorsSheet, 'executors', cells, (get) => {
      const short = localized(get('short.uk'), get('short.en'));
      return { id: get('id').trim(), name: localized(get('name.uk'), get('name.en')), ...(Object.keys(short).length ? { short } : {}), aliases: get('aliases').split('\n').map((s) => s.trim()).filter(Boolean) };
    }),
    programmes: readRegistry(sheet(programmesSheet), programmesSheet, 'programmes', cells, (get) => ({ id: get('id').trim(), title: localized(get('title.uk'), get('title.en')), source: get('source') || undefined })),
    strategicGoals: tree.goals,
  };
  const check = validatePlan(data);
  if (check.ok && problems.length === 0) return check;
  return { ok: false, problems: [...problems, ...placed(check, cells, problems)] };
}

