import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import type { Lang } from '../../../shared/messages/lang';
import { annualFileName, annualRows, annualTable, annualXlsx, type AnnualRow } from '../../../shared/reports/annual';
import { toCsv } from '../../../shared/reports/csv';
import type { ProgressReport } from '../../../shared/reports/progress';
import { XLSX_MIME } from '../../../shared/reports/xlsx';

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
  const meta = { planTitle: catalogue.title, year: report.filter.year, asOf: report.asOf, includePending: report.filter.includePending };
  const bytes = annualXlsx(table, meta, lang);
  return { blob: new Blob([bytes as BlobPart], { type: XLSX_MIME }), name, rows };
}

export { saveFile } from '../../ui/saveFile';
