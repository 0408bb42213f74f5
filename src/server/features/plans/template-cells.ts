import type ExcelJS from 'exceljs';
import type { PlanProblem } from '../../../shared/plan/plan-errors';
import { header, type Column, type SheetLayout, type Words } from './template-layout';

/** Where a value came from, so a problem found later names the cell. */
export interface CellRef {
  sheet: string;
  row?: number;
  column?: string;
}

/**
 * A cell's content as text, whatever Excel or LibreOffice stored: shared or rich text, a number
 * typed where text was expected, a formula's result, a hyperlink's text, a date.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('').replace(/\r\n?/g, '\n');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
  return '';
}

export const blank = (s: string | undefined) => s === undefined || s.trim() === '';

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** A sheet by its full name, or by its Ukrainian or English word alone. */
export function findSheet(book: ExcelJS.Workbook, layout: SheetLayout): ExcelJS.Worksheet | undefined {
  const words = layout.name.split(' ').map(norm);
  return book.worksheets.find((s) => norm(s.name) === norm(layout.name)) ?? book.worksheets.find((s) => words.includes(norm(s.name)));
}

export interface SheetRow {
  row: number;
  /** the cell's text per column key ('' when blank) */
  get(key: string): string;
  /** the raw cell value, for numbers */
  raw(key: string): ExcelJS.CellValue;
  at(key: string): CellRef;
}

export interface ReadSheet {
  name: string;
  rows: SheetRow[];
  at(key: string): CellRef;
}

export function problem(code: string, at: CellRef, uk: string, en: string): PlanProblem {
  return { code, message: { uk, en }, sheet: at.sheet, ...(at.row ? { row: at.row } : {}), ...(at.column ? { column: at.column } : {}) };
}

function matchesHeader(text: string, c: Column): boolean {
  const t = norm(text);
  return t === norm(header(c)) || t === norm(c.title.uk) || t === norm(c.title.en) || t === norm(c.key);
}

const words = (w: Words) => ({ uk: `«${w.uk}»`, en: `"${w.en}"` });

/**
 * Reads a sheet's header (row 1) and its non-blank rows. A column the layout needs and the
 * header lacks is a problem naming the sheet; the sheet is still read for what it has.
 */
export function readSheet(sheet: ExcelJS.Worksheet, layout: SheetLayout, problems: PlanProblem[]): ReadSheet {
  const columns = new Map<string, number>();
  const head = sheet.getRow(1);
  head.eachCell({ includeEmpty: false }, (cell, n) => {
    const c = layout.columns.find((col) => matchesHeader(cellText(cell.value), col));
    if (c && !columns.has(c.key)) columns.set(c.key, n);
  });
  for (const c of layout.columns) {
    if (columns.has(c.key)) continue;
    const w = words(c.title);
    problems.push(
      problem('missing_column', { sheet: sheet.name, row: 1 }, `Аркуш «${sheet.name}»: немає стовпця ${w.uk} (заголовок «${header(c)}»)`, `Sheet "${sheet.name}": column ${w.en} is missing (header "${header(c)}")`),
    );
  }
  const letter = (key: string) => {
    const n = columns.get(key);
    return n === undefined ? undefined : sheet.getColumn(n).letter;
  };
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const raw = (key: string): ExcelJS.CellValue => {
      const n = columns.get(key);
      return n === undefined ? null : row.getCell(n).value;
    };
    const get = (key: string) => {
      const t = cellText(raw(key));
      return t.trim() === '' ? '' : t;
    };
    if (layout.columns.every((c) => get(c.key) === '')) continue;
    rows.push({ row: r, get, raw, at: (key) => ({ sheet: sheet.name, row: r, column: letter(key) }) });
  }
  return { name: sheet.name, rows, at: (key) => ({ sheet: sheet.name, row: 1, column: letter(key) }) };
}
