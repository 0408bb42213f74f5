import type { Catalogue, Indicator, LocalizedText } from '../plan/catalogue-schema';
import { dimensions } from '../dimensions';
import { formatPublished, suppressBreakdown, type PublishedValue } from './suppression';
import { statusLabels, type IndicatorProgress, type ProgressReport, type ProgressStatus } from './progress';

/**
 * The public progress page (plan measures 21.1 and 21.2): aggregated figures only, and every
 * count of people below five hidden together with what would let it be recovered.
 */

const PEOPLE_UNITS = new Set(['persons', 'consultations', 'services']);

export interface PublicIndicator {
  id: string;
  text: LocalizedText;
  target: number | null;
  status: ProgressStatus;
  total: PublishedValue;
  bySex: { id: string; label: LocalizedText; value: PublishedValue }[];
  byGroup: { id: string; label: LocalizedText; value: PublishedValue }[];
}

export interface PublicMeasure {
  id: string;
  text: LocalizedText;
  indicators: PublicIndicator[];
}

export interface PublicProgress {
  planTitle: LocalizedText;
  year: number;
  asOf: string;
  strategicGoals: { number: string; title: LocalizedText; measures: PublicMeasure[] }[];
}

function countsPeople(indicator: Indicator): boolean {
  return indicator.kind === 'count' && PEOPLE_UNITS.has(indicator.unit);
}

function breakdown(values: Record<string, number>, dim: 'sex' | 'group', total: number, protect: boolean) {
  const ids = dimensions[dim].values.map((v) => v.id).filter((id) => (values[id] ?? 0) > 0);
  const parts = ids.map((id) => values[id] ?? 0);
  const published = protect
    ? suppressBreakdown(parts, total).parts
    : parts.map((value): PublishedValue => ({ shown: true, value }));
  return ids.map((id, i) => ({ id, label: dimensions[dim].values.find((v) => v.id === id)!.label, value: published[i]! }));
}

function publicIndicator(indicator: Indicator, p: IndicatorProgress): PublicIndicator {
  const protect = countsPeople(indicator);
  const byGroupValues: Record<string, number> = {};
  for (const c of p.cells) byGroupValues[c.group] = (byGroupValues[c.group] ?? 0) + c.value;
  const sexParts = dimensions.sex.values.map((v) => p.bySex[v.id] ?? 0);
  const total: PublishedValue = protect ? suppressBreakdown(sexParts, p.value).total : { shown: true, value: p.value };
  return {
    id: indicator.id,
    text: indicator.text,
    target: p.target,
    status: p.status,
    total,
    bySex: breakdown(p.bySex, 'sex', p.value, protect),
    byGroup: p.cells.length ? breakdown(byGroupValues, 'group', p.value, protect) : [],
  };
}

/** Needs a report built with the 'group' breakdown. */
export function publicProgress(catalogue: Catalogue, report: ProgressReport): PublicProgress {
  const byMeasure = new Map(report.measures.map((m) => [m.entry.measure.id, m]));
  return {
    planTitle: catalogue.title,
    year: report.filter.year,
    asOf: report.asOf,
    strategicGoals: catalogue.strategicGoals.map((sg) => ({
      number: sg.number,
      title: sg.title,
      measures: sg.operationalGoals.flatMap((og) =>
        og.tasks.flatMap((t) =>
          t.measures.flatMap((m) => {
            const progress = byMeasure.get(m.id);
            if (!progress || !m.indicators) return [];
            const indicators = m.indicators.flatMap((i) => {
              const p = progress.indicators.find((x) => x.indicatorId === i.id);
              return p && i.kind === 'count' ? [publicIndicator(i, p)] : [];
            });
            return indicators.length ? [{ id: m.id, text: m.text, indicators }] : [];
          }),
        ),
      ),
    })),
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

const words = {
  uk: { title: 'Стан виконання плану', year: 'Рік', asOf: 'Станом на', target: 'Ціль', achieved: 'Досягнуто', status: 'Стан',
    bySex: 'За статтю', byGroup: 'За соціальними групами', measure: 'Захід', note: '«<5» — менше п’яти осіб; «x» — приховано, щоб малі значення не можна було обчислити з підсумків.' },
  en: { title: 'Plan progress', year: 'Year', asOf: 'As of', target: 'Target', achieved: 'Achieved', status: 'Status',
    bySex: 'By sex', byGroup: 'By social group', measure: 'Measure', note: '“<5”: fewer than five people; “x”: hidden so that small values cannot be worked out from the totals.' },
};

/**
 * The page's only style, inline so the page (and its static export) stands alone. The server's
 * Content-Security-Policy allows exactly this text by its SHA-256 hash: change it here only.
 */
export const PUBLIC_PAGE_CSS =
  'body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a}' +
  'table{border-collapse:collapse;width:100%;margin-bottom:2rem}' +
  'th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}th{background:#eee}';

/** A self-contained HTML page (no scripts, inline styles): the static export for the city portal. */
export function renderPublicHtml(progress: PublicProgress, lang: 'uk' | 'en'): string {
  const w = words[lang];
  const list = (items: { label: LocalizedText; value: PublishedValue }[]) =>
    items.map((x) => `${esc(x.label[lang])}: ${esc(formatPublished(x.value))}`).join('; ');
  const body = progress.strategicGoals
    .filter((sg) => sg.measures.length)
    .map((sg) => {
      const rows = sg.measures
        .flatMap((m) =>
          m.indicators.map(
            (i) =>
              `<tr><td>${esc(m.id)}</td><td>${esc(i.text[lang])}</td><td>${i.target ?? '—'}</td><td>${esc(formatPublished(i.total))}</td>` +
              `<td>${esc(statusLabels[i.status][lang])}</td><td>${list(i.bySex)}</td><td>${list(i.byGroup)}</td></tr>`,
          ),
        )
        .join('\n');
      return `<h2>${esc(sg.number)}. ${esc(sg.title[lang])}</h2>
<table><thead><tr><th scope="col">${w.measure}</th><th scope="col">${lang === 'uk' ? 'Індикатор' : 'Indicator'}</th><th scope="col">${w.target}</th><th scope="col">${w.achieved}</th><th scope="col">${w.status}</th><th scope="col">${w.bySex}</th><th scope="col">${w.byGroup}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)} ${progress.year}: ${esc(progress.planTitle[lang])}</title>
<style>${PUBLIC_PAGE_CSS}</style>
</head><body>
<h1>${esc(w.title)}: ${esc(progress.planTitle[lang])}</h1>
<p>${w.year}: ${progress.year}. ${w.asOf} ${esc(progress.asOf)}.</p>
<p>${esc(w.note)}</p>
${body}
</body></html>
`;
}
