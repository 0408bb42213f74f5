import type { Lang } from '../messages/lang';
import { annualWords, reportWords } from '../messages/reports';
import { formatDay, sentences } from '../messages/dates';
import type { Catalogue, LocalizedText } from '../plan/catalogue-schema';
import { dimensionValueLabel } from '../dimensions';
import { buildProgressReport, shortfallNote, statusLabels, type IndicatorProgress, type ProgressReport } from './progress';
import type { FactQuery } from './query';
import { PEOPLE_UNITS } from './public';
import { xlsxWorkbook } from './xlsx';

/** The annual report: the year's progress in the plan's own structure, with breakdowns by sex and group. */
export function buildAnnualReport(
  catalogue: Catalogue,
  query: FactQuery,
  options: { year: number; asOf: string; includePending: boolean },
): Promise<ProgressReport> {
  return buildProgressReport(
    catalogue,
    query,
    { year: options.year, period: { kind: 'year' }, includePending: options.includePending },
    { asOf: options.asOf, breakdowns: ['group'] },
  );
}

export type AnnualRowLevel = 'strategicGoal' | 'operationalGoal' | 'task' | 'measure' | 'indicator';

export interface AnnualRow {
  level: AnnualRowLevel;
  number: string;
  text: string;
  target: number | null;
  achieved: number | null;
  women: number | null;
  men: number | null;
  sexNotStated: number | null;
  byGroup: string;
  status: string;
  note: string;
}

/** The columns of the annual table, in order. */
const columns = ['level', 'number', 'title', 'target', 'achieved', 'women', 'men', 'sexNotStated', 'byGroup', 'status', 'shortfall'] as const;

function groupSummary(p: IndicatorProgress, lang: Lang): string {
  const byGroup = new Map<string, number>();
  for (const c of p.cells) byGroup.set(c.group, (byGroup.get(c.group) ?? 0) + c.value);
  return [...byGroup.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([g, v]) => `${dimensionValueLabel('group', g)[lang]}: ${v}`)
    .join('; ');
}

/** A status, and for a deliverable the documents that show it done (and the year, when that was earlier). */
export function deliverableStatus(p: IndicatorProgress, lang: Lang): string {
  const label = statusLabels[p.status][lang];
  if (p.kind !== 'deliverable') return label;
  if (p.value === 0 && p.doneBefore) {
    const docs = p.doneBefore.documents.length ? ` (${p.doneBefore.documents.join('; ')})` : '';
    return `${annualWords.doneIn(Number(p.doneBefore.month.slice(0, 4)))[lang]}${docs}`;
  }
  return label + (p.documents.length ? ` (${p.documents.join('; ')})` : '');
}

/** `people`: the indicator counts people (an event, a study or a training count has no sex or group). */
function indicatorRow(p: IndicatorProgress, text: string, lang: Lang, people: boolean): AnnualRow {
  const isCount = p.kind === 'count';
  return {
    level: 'indicator',
    number: p.indicatorId,
    text,
    target: p.target,
    achieved: isCount ? p.value : null,
    women: people ? p.bySex.female ?? 0 : null,
    men: people ? p.bySex.male ?? 0 : null,
    sexNotStated: people ? p.bySex.not_stated ?? 0 : null,
    byGroup: people ? groupSummary(p, lang) : '',
    status: deliverableStatus(p, lang),
    note: shortfallNote(p)?.[lang] ?? '',
  };
}

/** The report flattened to rows in plan order: for XLSX, CSV and the printable page. */
export function annualRows(catalogue: Catalogue, report: ProgressReport, lang: Lang): AnnualRow[] {
  const byMeasure = new Map(report.measures.map((m) => [m.entry.measure.id, m]));
  const heading = (level: AnnualRowLevel, number: string, text: string): AnnualRow => ({
    level, number, text, target: null, achieved: null, women: null, men: null, sexNotStated: null, byGroup: '', status: '', note: '',
  });
  const rows: AnnualRow[] = [];
  for (const sg of catalogue.strategicGoals) {
    rows.push(heading('strategicGoal', sg.number, sg.title[lang]));
    for (const og of sg.operationalGoals) {
      rows.push(heading('operationalGoal', og.number, og.title[lang]));
      for (const task of og.tasks) {
        rows.push(heading('task', String(task.number), task.title[lang]));
        for (const measure of task.measures) {
          const progress = byMeasure.get(measure.id);
          if (!progress) continue;
          const withdrawn = measure.withdrawnIn ? annualWords.withdrawnIn(measure.withdrawnIn)[lang] : '';
          rows.push({ ...heading('measure', measure.id, measure.text[lang]), note: withdrawn });
          for (const p of progress.indicators) {
            const indicator = measure.indicators?.find((i) => i.id === p.indicatorId);
            const people = indicator?.kind === 'count' && PEOPLE_UNITS.has(indicator.unit);
            rows.push(indicatorRow(p, indicator?.text[lang] ?? p.indicatorId, lang, people));
          }
        }
      }
    }
  }
  return rows;
}

export function annualTable(rows: readonly AnnualRow[], lang: Lang): (string | number | null)[][] {
  return [
    columns.map((c) => reportWords[c][lang]),
    ...rows.map((r) => [
      reportWords[r.level][lang], r.number, r.text, r.target, r.achieved, r.women, r.men, r.sexNotStated, r.byGroup, r.status, r.note,
    ]),
  ];
}

/**
 * Column widths of the annual table (level, number, title, target, achieved, women, men, not stated,
 * groups, status, note), in characters: text wraps, so a landscape A4 page holds all of them at a readable size.
 */
export const ANNUAL_WIDTHS = [13, 8, 50, 8, 11, 10, 10, 11, 30, 16, 30];

export interface AnnualMeta {
  planTitle: LocalizedText;
  year: number;
  /** the day the report was made (YYYY-MM-DD) */
  asOf: string;
  includePending: boolean;
}

/** The document's title and its "as of" line: "Станом на 1 грудня 2026 р. Враховано лише затверджені записи." */
export function annualPreamble(meta: AnnualMeta, lang: Lang): [title: string, asOf: string] {
  const basis = meta.includePending ? annualWords.basisPending : annualWords.basisApproved;
  return [
    annualWords.heading(meta.planTitle[lang], meta.year)[lang],
    sentences([annualWords.asOf(formatDay(meta.asOf, lang))[lang], basis[lang]]),
  ];
}

/** The annual table as a one-sheet workbook, the same from the server and from the device. */
export function annualXlsx(table: (string | number | null)[][], meta: AnnualMeta, lang: Lang): Uint8Array {
  return xlsxWorkbook({ name: `${reportWords.sheet[lang]} ${meta.year}`, rows: table, widths: ANNUAL_WIDTHS, preamble: annualPreamble(meta, lang) });
}

/** The file's name says the year, the language, whether pending records count and whether the device made it. */
export function annualFileName(year: number, lang: Lang, includePending: boolean, ext: 'xlsx' | 'csv', fromDevice: boolean): string {
  return `kyiv-1325-annual-report-${year}-${lang}${includePending ? '-with-pending' : ''}${fromDevice ? '-device' : ''}.${ext}`;
}
