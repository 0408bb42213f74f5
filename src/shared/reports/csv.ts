/** CSV that Excel opens with Cyrillic intact: UTF-8 with a byte-order mark, CRLF line ends. */
export const UTF8_BOM = '\uFEFF';

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what would break the row, and neutralise formula injection (=, +, -, @ at the start).
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return UTF8_BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
