import ExcelJS from 'exceljs';
import type { Catalogue, Indicator, Measure, MeasurePeriod, ProgrammeRef } from '../../../shared/plan/catalogue-schema';
import {
  dataSheets,
  districtsSheet,
  executorsSheet,
  header,
  helpSheetName,
  indicatorsSheet,
  measuresSheet,
  planFields,
  planSheet,
  programmesSheet,
  writtenMarks,
  type SheetLayout,
} from './template-layout';

type Row = Record<string, string | number | null | undefined>;

/** Room for the rows a coordinator adds below the exported ones, for the drop-down lists. */
const LIST_ROWS = 2000;

/**
 * exceljs 4.4 writes a validation added for a whole range as one `sqref` (lib/doc/data-validations.js,
 * data-validations-xform.js) but its types leave `worksheet.dataValidations` out. Setting it cell
 * by cell instead would write every one of the LIST_ROWS rows, empty, into the sheet.
 */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

function addLists(sheet: ExcelJS.Worksheet, layout: SheetLayout, rowCount: number): void {
  const last = Math.max(LIST_ROWS, rowCount + 1);
  layout.columns.forEach((c, i) => {
    if (!c.values) return;
    const letter = sheet.getColumn(i + 1).letter;
    (sheet as WithValidations).dataValidations.add(`${letter}2:${letter}${last}`, { type: 'list', allowBlank: true, formulae: [`"${c.values.join(',')}"`] });
  });
}

function addSheet(book: ExcelJS.Workbook, layout: SheetLayout, rows: Row[]): void {
  const sheet = book.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = layout.columns.map((c) => ({
    header: header(c),
    key: c.key,
    width: c.width,
    style: { alignment: { wrapText: c.width >= 30, vertical: 'top' }, ...(c.text ? { numFmt: '@' } : {}) },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  addLists(sheet, layout, rows.length);
}

function planRows(c: Catalogue): Row[] {
  const value: Record<string, string | undefined> = {
    id: c.id,
    version: c.version,
    'title.uk': c.title.uk,
    'title.en': c.title.en,
    'territory.uk': c.territory.uk,
    'territory.en': c.territory.en,
    years: c.years.join(', '),
    'approval.by.uk': c.approval?.by.uk,
    'approval.by.en': c.approval?.by.en,
    'approval.date': c.approval?.date ?? undefined,
    'approval.source': c.approval?.source,
    'approvedBy.uk': c.approvedBy?.uk,
    'approvedBy.en': c.approvedBy?.en,
  };
  return planFields.map((f) => ({ key: f.key, field: `${f.title.uk} / ${f.title.en}`, value: value[f.key] }));
}

function periodYears(p: MeasurePeriod): string | undefined {
  if (!p) return undefined;
  return p.kind === 'ongoing' ? writtenMarks.ongoing : p.years.join(', ');
}

/** A programme reference as the Programmes column writes it: its id, marked when in a draft. */
function programmeCell(p: ProgrammeRef): string {
  if (typeof p === 'string') return p;
  return p.draft ? `${p.id} ${writtenMarks.draft}` : p.id;
}

function measureRow(sg: Catalogue['strategicGoals'][number], og: Row, task: Row, m: Measure): Row {
  return {
    sg: sg.number,
    'sg.uk': sg.title.uk,
    'sg.en': sg.title.en,
    ...og,
    ...task,
    measure: m.id,
    'text.uk': m.text.uk,
    'text.en': m.text.en,
    'period.years': periodYears(m.period),
    'period.source': m.period?.source,
    'indicatorText.uk': m.indicatorText?.uk,
    'indicatorText.en': m.indicatorText?.en,
    executors: m.executors?.map((e) => (e.byConsent ? `${e.id} ${writtenMarks.byConsent}` : e.id)).join(', '),
    programmes: m.programmes.map(programmeCell).join(', '),
  };
}

function indicatorRow(measureId: string, i: Indicator): Row {
  const row: Row = { measure: measureId, id: i.id, kind: i.kind, 'text.uk': i.text.uk, 'text.en': i.text.en };
  if (i.kind === 'deliverable') return row;
  return {
    ...row,
    unit: i.unit,
    population: i.population,
    dimensions: i.dimensions.join(', '),
    'target.min': i.target?.min,
    'target.per': i.target?.per,
    'target.source': i.target?.source,
    per: i.per,
    source: i.source,
  };
}

function measureAndIndicatorRows(c: Catalogue): { measures: Row[]; indicators: Row[] } {
  const measures: Row[] = [];
  const indicators: Row[] = [];
  for (const sg of c.strategicGoals)
    for (const og of sg.operationalGoals)
      for (const task of og.tasks)
        for (const m of task.measures) {
          const ogCells = { og: og.number, 'og.uk': og.title.uk, 'og.en': og.title.en };
          const taskCells = { task: String(task.number), 'task.uk': task.title.uk, 'task.en': task.title.en };
          measures.push(measureRow(sg, ogCells, taskCells, m));
          for (const i of m.indicators ?? []) indicators.push(indicatorRow(m.id, i));
        }
  return { measures, indicators };
}

function addHelp(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet(helpSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Аркуш / Sheet', key: 'sheet', width: 22 },
    { header: 'Стовпець / Column', key: 'column', width: 40 },
    { header: 'Пояснення', key: 'uk', width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { header: 'Explanation', key: 'en', width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow({
    sheet: '',
    column: '',
    uk: 'Шаблон плану для завантаження в застосунок (Адміністрування → Плани). Помилки називають аркуш, рядок і стовпець; план із помилками не приймається, нічого не змінюється.',
    en: 'A plan template for upload (Administration → Plans). Problems name the sheet, row and column; a plan with problems is refused and nothing changes.',
  });
  for (const layout of dataSheets) {
    sheet.addRow({ sheet: layout.name, column: '', uk: layout.help.uk, en: layout.help.en }).font = { bold: true };
    for (const c of layout.columns) {
      const allowed = c.values ? ` (${c.values.join(', ')})` : '';
      sheet.addRow({ sheet: layout.name, column: header(c), uk: c.help.uk + allowed, en: c.help.en + allowed });
    }
  }
}

/** The plan as the XLSX template: what `plan export-template` writes and the upload reads back. */
export async function catalogueToTemplate(c: Catalogue): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'kyiv1325';
  const { measures, indicators } = measureAndIndicatorRows(c);
  addSheet(book, planSheet, planRows(c));
  addSheet(book, districtsSheet, c.districts.map((d) => ({ id: d.id, 'name.uk': d.name.uk, 'name.en': d.name.en })));
  addSheet(
    book,
    executorsSheet,
    c.executors.map((e) => ({ id: e.id, 'name.uk': e.name.uk, 'name.en': e.name.en, 'short.uk': e.short?.uk, 'short.en': e.short?.en, aliases: e.aliases.join('\n') })),
  );
  addSheet(book, programmesSheet, c.programmes.map((p) => ({ id: p.id, 'title.uk': p.title.uk, 'title.en': p.title.en, source: p.source })));
  addSheet(book, measuresSheet, measures);
  addSheet(book, indicatorsSheet, indicators);
  addHelp(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}
