import { escapeMarkup as esc } from '../messages/escape';
import type { Lang } from '../messages/lang';
import { publicPageWords as words, reportWords } from '../messages/reports';
import type { LocalizedText } from '../plan/catalogue-schema';
import { statusLabels } from './progress';
import type { PublicBreakdownItem, PublicIndicator, PublicProgress } from './public';
import { formatPublished, HIDDEN_MARK, SMALL_CELL_THRESHOLD } from './suppression';

/**
 * The public page as one self-contained HTML document: no script, no event handler, no external
 * file. Its only style is this text in one <style> element, so a Content-Security-Policy can
 * allow exactly it by hash (the server hashes this constant).
 */
export const PUBLIC_PAGE_CSS =
  'body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:80rem;padding:0 1rem;color:#1a1a1a;line-height:1.4}' +
  'table{border-collapse:collapse;width:100%;margin-bottom:2rem}' +
  'th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}th{background:#eee}' +
  '.legend{border-left:4px solid #555;padding:.4rem .8rem;background:#f4f4f4}';

/** The columns of a goal's table on the page, in order. */
const headings = ['measure', 'indicator', 'target', 'achieved', 'status', 'bySex', 'byAgeBand', 'byGroup', 'byDistrict'] as const;

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${PUBLIC_PAGE_CSS}</style>
</head><body>
${body}
</body></html>
`;
}

function list(items: readonly PublicBreakdownItem[], lang: Lang): string {
  return items.map((x) => `${esc(x.label[lang])}: ${esc(formatPublished(x.value))}`).join('; ');
}

function row(measureId: string, i: PublicIndicator, lang: Lang): string {
  const cells = [
    esc(measureId), esc(i.text[lang]), i.target === null ? '—' : esc(String(i.target)), esc(formatPublished(i.total)),
    i.status === null ? HIDDEN_MARK : esc(statusLabels[i.status][lang]),
    list(i.bySex, lang), list(i.byAgeBand, lang), list(i.byGroup, lang), list(i.byDistrict, lang),
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

/** The published snapshot as a page (the server's page and the static export). */
export function renderPublicHtml(progress: PublicProgress, lang: Lang): string {
  const heads = headings.map((h) => reportWords[h][lang]);
  const body = progress.strategicGoals
    .filter((sg) => sg.measures.length)
    .map((sg) => {
      const rows = sg.measures.flatMap((m) => m.indicators.map((i) => row(m.id, i, lang))).join('\n');
      return `<h2>${esc(sg.number)}. ${esc(sg.title[lang])}</h2>
<table><thead><tr>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>`;
    })
    .join('\n');
  return page(
    lang,
    `${words.title[lang]} ${progress.year}: ${progress.planTitle[lang]}`,
    `<h1>${esc(words.title[lang])}: ${esc(progress.planTitle[lang])}</h1>
<p>${reportWords.year[lang]}: ${progress.year}. ${esc(words.version(progress.version, progress.publishedAt.slice(0, 10))[lang])} ${esc(progress.asOf)}.</p>
<p>${esc(words.source[lang])}</p>
<p class="legend">${esc(words.legend(HIDDEN_MARK, SMALL_CELL_THRESHOLD)[lang])}</p>
${body}`,
  );
}

/** The page for a year with no snapshot yet: says so, and shows no figures. */
export function renderNotPublishedHtml(planTitle: LocalizedText, year: number, lang: Lang): string {
  return page(
    lang,
    `${words.title[lang]} ${year}: ${planTitle[lang]}`,
    `<h1>${esc(words.title[lang])}: ${esc(planTitle[lang])}</h1>
<p>${esc(words.notPublished(year)[lang])}</p>
<p>${esc(words.notPublishedMore[lang])}</p>`,
  );
}
