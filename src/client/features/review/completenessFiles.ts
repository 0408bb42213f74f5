import type { Lang } from '../../../shared/messages/lang';
import { toCsv } from '../../../shared/reports/csv';
import { XLSX_MIME } from '../../../shared/reports/xlsx';
import { completenessFileName, completenessTable, completenessXlsx, type CompletenessCell } from '../../../shared/review/completeness';

/**
 * The completeness files made in the browser from the device's table (offline): the server's
 * writers and columns (the whole year, one row per team and month); the XLSX says above its
 * table where the figures came from. Named apart from the server's, as the annual report's are.
 */
export function completenessDeviceFile(
  table: { year: number; cells: readonly CompletenessCell[] },
  lang: Lang,
  ext: 'csv' | 'xlsx',
  preamble: readonly string[],
): { blob: Blob; name: string } {
  const name = completenessFileName(table.year, lang, ext).replace(/\.(csv|xlsx)$/, '-device.$1');
  const report = { year: table.year, cells: [...table.cells] };
  if (ext === 'csv') return { blob: new Blob([toCsv(completenessTable(report, lang))], { type: 'text/csv;charset=utf-8' }), name };
  return { blob: new Blob([completenessXlsx(report, lang, preamble) as BlobPart], { type: XLSX_MIME }), name };
}
