import { formatDay } from '../messages/dates';
import { escapeMarkup as esc } from '../messages/escape';
import { langs, type Lang } from '../messages/lang';
import { publicPageWords as words, reportWords } from '../messages/reports';
import type { Catalogue, Indicator, LocalizedText } from '../plan/catalogue-schema';
import { allMeasures } from '../plan/catalogue-index';
import { statusLabels } from './progress';
import { PEOPLE_UNITS, type PublicBreakdownItem, type PublicIndicator, type PublicProgress } from './public';
import { formatPublished, HIDDEN_MARK, SMALL_CELL_THRESHOLD } from './suppression';

/**
 * The public page as one self-contained HTML document: no script, no event handler, no external
 * file. Its only style is this text in one <style> element, so a Content-Security-Policy can
 * allow exactly it by hash (the server hashes this constant). On a phone: a summary first, the
 * tables scrolling sideways inside their own boxes, the page never wider than the screen.
 */
export const PUBLIC_PAGE_CSS =
  'body{font-family:system-ui,sans-serif;margin:0 auto;max-width:80rem;padding:0 1rem 2rem;color:#1a1a1a;line-height:1.45;overflow-wrap:break-word}' +
  'h1{font-size:1.5rem;line-height:1.25;margin:.75rem 0 .25rem}h2{font-size:1.15rem;line-height:1.3;margin:1.5rem 0 .5rem}' +
  'a{color:#0b4f9c}nav{display:flex;flex-wrap:wrap;align-items:center;gap:0 .75rem;margin:.25rem 0}' +
  'nav a,nav strong{display:inline-block;min-height:44px;min-width:44px;line-height:44px;padding:0 .35rem;box-sizing:border-box;text-align:center}' +
  '.plan{font-size:.95rem;color:#444;margin:.25rem 0}' +
  '.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;margin:.5rem 0;padding:0}' +
  '.summary div{border:1px solid #aaa;border-radius:6px;padding:.5rem .75rem;background:#f5f5f5}' +
  '.summary dt{font-size:.9rem}.summary dd{margin:0;font-size:1.5rem;font-weight:700}.note{font-size:.9rem;color:#444}' +
  '.scroll{overflow-x:auto;max-width:100%;margin-bottom:1.5rem;border:1px solid #bbb}.scroll:focus{outline:3px solid #0b4f9c;outline-offset:2px}' +
  'table{border-collapse:collapse;width:100%;min-width:56rem}' +
  'th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}th{background:#eee}' +
  '.legend{border-left:4px solid #555;padding:.4rem .8rem;background:#f4f4f4}';

/** The columns of a goal's table on the page, in order. */
const headings = ['measure', 'indicator', 'target', 'achieved', 'status', 'bySex', 'byAgeBand', 'byGroup', 'byDistrict'] as const;

/** Where the page of a year in a language is: the server's route by default; the static export names files. */
export type PublicHref = (year: number, lang: Lang) => string;
export const serverPublicHref: PublicHref = (year, lang) => `/public/progress/${year}?lang=${lang}`;

export interface PublicPageOptions {
  /** the plan: its years (links to the other years) and indicators (the summary) */
  catalogue?: Catalogue;
  href?: PublicHref;
}

const langNames: Record<Lang, string> = { uk: 'Українська', en: 'English' };

/** The language switch and the plan's other years, each a link (the page shown is not). */
function navigation(year: number, lang: Lang, years: readonly number[], href: PublicHref): string {
  const language = langs
    .map((l) => (l === lang ? `<strong aria-current="page" lang="${l}">${esc(langNames[l])}</strong>` : `<a href="${esc(href(year, l))}" lang="${l}" hreflang="${l}">${esc(langNames[l])}</a>`))
    .join('');
  const others = years
    .map((y) => (y === year ? `<strong aria-current="page">${esc(words.yearLink(y)[lang])}</strong>` : `<a href="${esc(href(y, lang))}">${esc(words.yearLink(y)[lang])}</a>`))
    .join('');
  return `<nav aria-label="${esc(words.language[lang])}">${language}</nav>${years.length > 1 ? `\n<nav aria-label="${esc(words.years[lang])}">${others}</nav>` : ''}`;
}

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

export interface PublicSummary {
  events: { sum: number; partial: boolean };
  people: { sum: number; partial: boolean };
  /** measures whose published statuses are all met or on track, of those with such a verdict */
  measures: { onTrack: number; judged: number };
}

/**
 * The page's summary, from published figures only (nothing hidden can be worked out of a sum of
 * shown figures): events held (the plan's event counts), people reached (each measure's people
 * at its events and people served, everyone: not its "women" or "children" indicators, which
 * count the same people again), and measures met or on track. `partial`: some figure was hidden,
 * so the sum is a lower bound.
 */
export function publicSummary(progress: PublicProgress, catalogue: Catalogue): PublicSummary {
  const indicators = new Map<string, Indicator>();
  for (const e of allMeasures(catalogue)) for (const i of e.measure.indicators ?? []) indicators.set(`${e.measure.id}|${i.id}`, i);
  const out: PublicSummary = { events: { sum: 0, partial: false }, people: { sum: 0, partial: false }, measures: { onTrack: 0, judged: 0 } };
  const add = (into: { sum: number; partial: boolean }, p: PublicIndicator) => {
    if (p.total.shown) into.sum += p.total.value;
    else into.partial = true;
  };
  for (const sg of progress.strategicGoals) {
    for (const m of sg.measures) {
      const sources = new Set<string>();
      for (const p of m.indicators) {
        const i = indicators.get(`${m.id}|${p.id}`);
        if (i?.kind !== 'count' || sources.has(i.source)) continue;
        if (i.source === 'eventCount') {
          sources.add(i.source);
          add(out.events, p);
        } else if ((i.source === 'eventAttendance' || i.source === 'servicePersons') && i.population === 'all' && PEOPLE_UNITS.has(i.unit)) {
          sources.add(i.source);
          add(out.people, p);
        }
      }
      const verdicts = m.indicators.flatMap((p) => (p.status === 'met' || p.status === 'on_track' || p.status === 'behind' ? [p.status] : []));
      if (verdicts.length === 0) continue;
      out.measures.judged += 1;
      if (!verdicts.includes('behind')) out.measures.onTrack += 1;
    }
  }
  return out;
}

function summaryHtml(s: PublicSummary, lang: Lang): string {
  const figure = (v: { sum: number; partial: boolean }) => esc(v.partial ? words.atLeast(v.sum)[lang] : String(v.sum));
  const items: [LocalizedText, string][] = [
    [words.eventsHeld, figure(s.events)],
    [words.peopleReached, figure(s.people)],
    [words.measuresOnTrack, esc(words.outOf(s.measures.onTrack, s.measures.judged)[lang])],
  ];
  return `<section aria-labelledby="summary"><h2 id="summary">${esc(words.summary[lang])}</h2>
<dl class="summary">${items.map(([dt, dd]) => `<div><dt>${esc(dt[lang])}</dt><dd>${dd}</dd></div>`).join('')}</dl>
<p class="note">${esc(words.summaryNote[lang])}</p></section>`;
}

/** The published snapshot as a page (the server's page and the static export). */
export function renderPublicHtml(progress: PublicProgress, lang: Lang, options: PublicPageOptions = {}): string {
  const href = options.href ?? serverPublicHref;
  const heads = headings.map((h) => reportWords[h][lang]);
  const body = progress.strategicGoals
    .filter((sg) => sg.measures.length)
    .map((sg) => {
      const rows = sg.measures.flatMap((m) => m.indicators.map((i) => row(m.id, i, lang))).join('\n');
      const id = `sg-${esc(sg.number)}`;
      return `<h2 id="${id}">${esc(sg.number)}. ${esc(sg.title[lang])}</h2>
<div class="scroll" role="region" aria-label="${esc(words.tableScroll(sg.number)[lang])}" tabindex="0">
<table aria-labelledby="${id}"><thead><tr>${heads.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
    })
    .join('\n');
  const version = words.version(progress.version, formatDay(progress.publishedAt.slice(0, 10), lang), formatDay(progress.asOf, lang))[lang];
  return page(
    lang,
    `${words.title[lang]} ${progress.year}: ${progress.planTitle[lang]}`,
    `${navigation(progress.year, lang, options.catalogue?.years ?? [], href)}
<h1>${esc(words.title[lang])}, ${esc(words.yearLink(progress.year)[lang])}</h1>
${options.catalogue ? summaryHtml(publicSummary(progress, options.catalogue), lang) : ''}
<p class="plan">${esc(progress.planTitle[lang])}</p>
<p>${esc(version)}</p>
<p>${esc(words.source[lang])}</p>
<p class="legend">${esc(words.legend(HIDDEN_MARK, SMALL_CELL_THRESHOLD)[lang])}</p>
${body}`,
  );
}

/** The page for a year with no snapshot yet: says so, and shows no figures. */
export function renderNotPublishedHtml(planTitle: LocalizedText, year: number, lang: Lang, options: PublicPageOptions = {}): string {
  return page(
    lang,
    `${words.title[lang]} ${year}: ${planTitle[lang]}`,
    `${navigation(year, lang, options.catalogue?.years ?? [], options.href ?? serverPublicHref)}
<h1>${esc(words.title[lang])}, ${esc(words.yearLink(year)[lang])}</h1>
<p class="plan">${esc(planTitle[lang])}</p>
<p>${esc(words.notPublished(year)[lang])}</p>
<p>${esc(words.notPublishedMore[lang])}</p>`,
  );
}

/** The page for a year the plan does not cover: says which years it does, with links to them. */
export function renderNotInPlanHtml(catalogue: Catalogue, year: number, lang: Lang, href: PublicHref = serverPublicHref): string {
  const years = catalogue.years;
  const links = years.map((y) => `<a href="${esc(href(y, lang))}">${esc(words.yearLink(y)[lang])}</a>`).join('');
  return page(
    lang,
    `${words.title[lang]}: ${catalogue.title[lang]}`,
    `<nav aria-label="${esc(words.language[lang])}">${langs
      .map((l) => (l === lang ? `<strong aria-current="page" lang="${l}">${esc(langNames[l])}</strong>` : `<a href="${esc(href(year, l))}" lang="${l}" hreflang="${l}">${esc(langNames[l])}</a>`))
      .join('')}</nav>
<h1>${esc(words.title[lang])}</h1>
<p class="plan">${esc(catalogue.title[lang])}</p>
<p>${esc(words.notInPlan(year, Math.min(...years), Math.max(...years))[lang])}</p>
<nav aria-label="${esc(words.years[lang])}">${links}</nav>`,
  );
}
