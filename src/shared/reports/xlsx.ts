import { escapeMarkup } from '../messages/escape';
import { zip } from './zip';

/**
 * A one-sheet XLSX workbook (Office Open XML) that Excel and LibreOffice open: inline strings,
 * numbers, wrapped text, a bold header row that stays in view, filters, and a page setup that
 * prints it landscape on A4, fitted to the page's width, its header on every page. Written by
 * hand to keep a spreadsheet library out of the app.
 */

export type SheetCell = string | number | null | undefined;

export interface Sheet {
  name: string;
  /** the table: its first row is the column header */
  rows: readonly (readonly SheetCell[])[];
  /** column widths, in characters */
  widths?: readonly number[];
  /** lines above the table (a title, "as of"), each spanning the table's width */
  preamble?: readonly string[];
}

function escapeXml(text: string): string {
  // Control characters other than tab and newlines are not allowed in XML 1.0.
  // eslint-disable-next-line no-control-regex
  return escapeMarkup(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
}

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Cell styles (cellXfs): body text wraps; the header is bold, wrapped, shaded; a title is large and bold. */
const STYLE = { body: 4, header: 1, title: 2, note: 3 } as const;

function cellXml(value: SheetCell, ref: string, style: number): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined || value === '') return style === STYLE.header || style === STYLE.body ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(String(value))}</t></is></c>`;
}

/** Where the table sits on the sheet: its header row (1-based) and last cell. */
export function sheetLayout(sheet: Sheet): { headerRow: number; lastRow: number; lastColumn: string } {
  const headerRow = (sheet.preamble?.length ?? 0) + 1;
  const columns = Math.max(1, ...sheet.rows.map((r) => r.length), sheet.widths?.length ?? 0);
  return { headerRow, lastRow: headerRow + Math.max(0, sheet.rows.length - 1), lastColumn: columnName(columns - 1) };
}

/** Lines a text takes wrapped at word boundaries in a column `width` characters wide (Arial 10: about 1.1 letters per unit, measured in LibreOffice). */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= perLine) used = need;
      else if (used === 0) {
        // A word longer than the line is cut by the spreadsheet: it takes the lines it fills.
        lines += Math.ceil(word.length / perLine) - 1;
        used = word.length % perLine;
      } else {
        lines += 1;
        used = word.length;
      }
    }
  }
  return lines;
}

/**
 * A row's height in points, tall enough for its most wrapped cell: neither Excel nor LibreOffice
 * works it out when printing a file that does not say, so the text would overlap the next row.
 */
function rowHeight(row: readonly SheetCell[], widths: readonly number[], bold: boolean): number {
  const lines = Math.max(1, ...row.map((v, c) => (v === null || v === undefined ? 1 : wrappedLines(String(v), (widths[c] ?? 9) * (bold ? 0.92 : 1)))));
  return Math.round((lines * 12.75 + 2) * 100) / 100;
}

function sheetXml(sheet: Sheet): string {
  const widths = sheet.widths ?? [];
  const preamble = sheet.preamble ?? [];
  const { headerRow, lastRow, lastColumn } = sheetLayout(sheet);
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // A preamble line spans the table (merged) and is tall enough for two wrapped lines.
  const lines = preamble.map(
    (text, i) => `<row r="${i + 1}" ht="${i === 0 ? 36 : 18}" customHeight="1">${cellXml(text, `A${i + 1}`, i === 0 ? STYLE.title : STYLE.note)}</row>`,
  );
  const body = sheet.rows.map((row, r) => {
    const n = headerRow + r;
    return `<row r="${n}" ht="${rowHeight(row, widths, r === 0)}" customHeight="1">${row.map((v, c) => cellXml(v, `${columnName(c)}${n}`, r === 0 ? STYLE.header : STYLE.body)).join('')}</row>`;
  });
  const table = `A${headerRow}:${lastColumn}${lastRow}`;
  const merges = preamble.map((_, i) => `<mergeCell ref="A${i + 1}:${lastColumn}${i + 1}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${lastColumn}${lastRow}"/>` +
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/>` +
    '</sheetView></sheetViews>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${[...lines, ...body].join('')}</sheetData>` +
    (sheet.rows.length > 0 ? `<autoFilter ref="${table}"/>` : '') +
    (merges ? `<mergeCells count="${preamble.length}">${merges}</mergeCells>` : '') +
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>' +
    // A4 (9), landscape, as wide as the page and as many pages down as it takes.
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    '<headerFooter><oddFooter>&amp;P / &amp;N</oddFooter></headerFooter>' +
    '</worksheet>'
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="3"><font><sz val="10"/><name val="Arial"/></font><font><b/><sz val="10"/><name val="Arial"/></font>' +
  '<font><b/><sz val="13"/><name val="Arial"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFEFEAF5"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '</cellXfs>' +
  '</styleSheet>';

/** Sheet names: at most 31 characters, none of []:*?/\ */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

export function xlsxWorkbook(sheet: Sheet): Uint8Array {
  const encoder = new TextEncoder();
  const raw = sheetName(sheet.name);
  const name = escapeXml(raw);
  const { headerRow, lastRow, lastColumn } = sheetLayout(sheet);
  // Sheet names in a formula are quoted; a quote inside is doubled.
  const ref = escapeXml(`'${raw.replace(/'/g, "''")}'`);
  const names =
    `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${ref}!$A$${headerRow}:$${lastColumn}$${lastRow}</definedName>` +
    `<definedName name="_xlnm.Print_Titles" localSheetId="0">${ref}!$${headerRow}:$${headerRow}</definedName>`;
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets>` +
    (sheet.rows.length > 0 ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>';
  return zip([
    { name: '[Content_Types].xml', data: encoder.encode(CONTENT_TYPES) },
    { name: '_rels/.rels', data: encoder.encode(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: encoder.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: encoder.encode(WORKBOOK_RELS) },
    { name: 'xl/styles.xml', data: encoder.encode(STYLES) },
    { name: 'xl/worksheets/sheet1.xml', data: encoder.encode(sheetXml(sheet)) },
  ]);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
