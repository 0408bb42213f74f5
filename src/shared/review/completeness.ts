import { z } from 'zod';
import { idRef, isoDateTime } from '../records/fields';
import type { Lang } from '../messages/lang';
import { xlsxWorkbook } from '../reports/xlsx';

/**
 * Completeness (GET /api/v1/review/completeness, .csv): for each team and month of a year, how many
 * records the server holds and where their review stands, and whether the month is locked; and the
 * devices that have not been heard from for some days. What DHIS2's reporting-rate report gives a
 * supervisor: which teams have reported for a month, and who has gone quiet.
 *
 * A record counts in every month its period touches (as a month lock protects it), by the review
 * state of its latest revision; deleted records do not count.
 */

export const DEFAULT_QUIET_DAYS = 7;

export const completenessQuery = z.strictObject({
  year: z.coerce.number({ error: 'required' }).int({ error: 'invalid_value' }).min(2000, { error: 'invalid_value' }).max(2100, { error: 'invalid_value' }),
  /** one of the reviewer's teams; absent: all of them (an admin: every team) */
  team: idRef.optional(),
  /** a device not seen for at least this many days is listed as quiet */
  quietDays: z.coerce.number({ error: 'invalid_value' }).int({ error: 'invalid_value' }).min(1, { error: 'invalid_value' }).max(365, { error: 'invalid_value' }).default(DEFAULT_QUIET_DAYS),
  /** the CSV's header language */
  lang: z.enum(['uk', 'en'], { error: 'invalid_value' }).default('uk'),
});
export type CompletenessQuery = z.input<typeof completenessQuery>;

const count = z.number().int().min(0);

export const completenessCell = z.object({
  teamId: z.string(),
  teamName: z.string(),
  /** YYYY-MM */
  month: z.string(),
  /** every record on the server touching the month (each counted once, whatever its state) */
  submitted: count,
  approved: count,
  returned: count,
  rejected: count,
  /** not reviewed yet (a new revision of a reviewed record is pending again) */
  pending: count,
  locked: z.boolean(),
});
export type CompletenessCell = z.infer<typeof completenessCell>;

export const quietDevice = z.object({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  userId: z.string(),
  userName: z.string(),
  email: z.string(),
  teams: z.array(z.string()),
  lastSeenAt: isoDateTime,
  /** whole days since it was last seen */
  daysQuiet: count,
  /** what it reported at its last sync (null: never reported) */
  unsyncedCount: count.nullable(),
  oldestUnsyncedAt: isoDateTime.nullable(),
});
export type QuietDevice = z.infer<typeof quietDevice>;

export const completenessReport = z.object({
  year: z.number().int(),
  /** the months of the year up to the current one */
  months: z.array(z.string()),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  /** one per team and month, teams by name, months in order */
  cells: z.array(completenessCell),
  quietDays: z.number().int(),
  /** active users' devices (not revoked) in the covered teams not seen for quietDays or more, longest quiet first */
  quietDevices: z.array(quietDevice),
});
export type CompletenessReport = z.infer<typeof completenessReport>;

const HEADERS: Record<Lang, string[]> = {
  uk: ['Команда', 'Місяць', 'Надіслано', 'Затверджено', 'Повернуто', 'Відхилено', 'Очікує перевірки', 'Місяць заблоковано'],
  en: ['Team', 'Month', 'Submitted', 'Approved', 'Returned', 'Rejected', 'Pending', 'Month locked'],
};
const YES_NO: Record<Lang, [string, string]> = { uk: ['так', 'ні'], en: ['yes', 'no'] };

/** The team × month table as rows for CSV: a header, then one row per team and month. */
export function completenessTable(report: Pick<CompletenessReport, 'cells'>, lang: Lang): (string | number)[][] {
  const [yes, no] = YES_NO[lang];
  return [
    HEADERS[lang],
    ...report.cells.map((c) => [c.teamName, c.month, c.submitted, c.approved, c.returned, c.rejected, c.pending, c.locked ? yes : no]),
  ];
}

export function completenessFileName(year: number, lang: Lang, format: 'csv' | 'xlsx' = 'csv'): string {
  return `${lang === 'uk' ? 'povnota' : 'completeness'}-${year}.${format}`;
}

const SHEET: Record<Lang, string> = { uk: 'Повнота', en: 'Completeness' };
const WIDTHS = [32, 10, 12, 13, 12, 12, 16, 18];

/**
 * The same table as an Excel workbook (the hand-written writer of src/shared/reports/xlsx.ts):
 * a header row, then one row per team and month, counts as numbers. The server's .xlsx route and
 * the device (offline, from its pulled records) make it alike; `preamble` says where it came from.
 */
export function completenessXlsx(report: Pick<CompletenessReport, 'year' | 'cells'>, lang: Lang, preamble?: readonly string[]): Uint8Array {
  return xlsxWorkbook({ name: `${SHEET[lang]} ${report.year}`, rows: completenessTable(report, lang), widths: WIDTHS, ...(preamble?.length ? { preamble } : {}) });
}
