import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import { annualRows, annualTable, type AnnualRow, type Lang } from '../../../shared/reports/annual';
import { toCsv } from '../../../shared/reports/csv';
import type { ProgressReport } from '../../../shared/reports/progress';
import { xlsxWorkbook, XLSX_MIME } from '../../../shared/reports/xlsx';

/** Column widths of the annual table, as the server's export sets them. */
export const ANNUAL_WIDTHS = [18, 10, 70, 10, 11, 11, 11, 11, 50, 22, 45];

export function annualFileName(year: number, lang: Lang, includePending: boolean, ext: 'xlsx' | 'csv', fromDevice: boolean): string {
  return `kyiv-1325-annual-report-${year}-${lang}${includePending ? '-with-pending' : ''}${fromDevice ? '-device' : ''}.${ext}`;
}

/** The annual report's files made in the browser from a report (the device's data, offline). */
export function annualFile(
  catalogue: Catalogue,
  report: ProgressReport,
  lang: Lang,
  ext: 'xlsx' | 'csv',
): { blob: Blob; name: string; rows: AnnualRow[] } {
  const rows = annualRows(catalogue, report, lang);
  const table = annualTable(rows, lang);
  const name = annualFileName(report.filter.year, lang, report.filter.includePending, ext, true);
  if (ext === 'csv') return { blob: new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), name, rows };
  const bytes = xlsxWorkbook({ name: `${lang === 'uk' ? 'Звіт' : 'Report'} ${report.filter.year}`, rows: table, widths: ANNUAL_WIDTHS });
  return { blob: new Blob([bytes as BlobPart], { type: XLSX_MIME }), name, rows };
}

/** Hands a file to the browser's downloads. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
