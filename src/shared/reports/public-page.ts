import { escapeMarkup as esc } from '../messages/escape';
import type { Lang } from '../messages/lang';
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

const words = {
  uk: {
    title: 'Стан виконання плану', year: 'Рік', target: 'Ціль', achieved: 'Досягнуто', status: 'Стан', measure: 'Захід', indicator: 'Індикатор',
    bySex: 'За статтю', byAgeBand: 'За віком', byGroup: 'За соціальними групами', byDistrict: 'За районами',
    version: (v: number, at: string) => `Версія ${v}, оприлюднена ${at}. Цілі оцінено станом на`,
    source: 'Лише затверджені записи місяців, які команди закрили (затвердили й заблокували). Цифри змінюються тільки з новою версією.',
    legend: `«${HIDDEN_MARK}» — значення не оприлюднено, щоб захистити людей, про яких ідеться: приховано кожну кількість від 1 до ${SMALL_CELL_THRESHOLD - 1} осіб і ті значення, з яких її можна було б обчислити (разом із попередніми версіями). Усі приховані значення позначено однаково. Категорії, у яких немає жодної особи, не наведено.`,
    notPublished: (year: number) => `Дані за ${year} рік ще не оприлюднено.`,
    notPublishedMore: 'Показники з’являться тут, коли адміністратор оприлюднить першу версію з закритих місяців.',
  },
  en: {
    title: 'Plan progress', year: 'Year', target: 'Target', achieved: 'Achieved', status: 'Status', measure: 'Measure', indicator: 'Indicator',
    bySex: 'By sex', byAgeBand: 'By age', byGroup: 'By social group', byDistrict: 'By district',
    version: (v: number, at: string) => `Version ${v}, published ${at}. Targets judged as of`,
    source: 'Approved records of months the teams have closed (approved and locked) only. Figures change only with a new version.',
    legend: `“${HIDDEN_MARK}”: not published, to protect the people counted: every count of 1 to ${SMALL_CELL_THRESHOLD - 1} people is hidden, and so is every figure it could be worked out from (together with earlier versions). Every hidden figure has the same mark. Categories with nobody in them are left out.`,
    notPublished: (year: number) => `The figures for ${year} have not been published yet.`,
    notPublishedMore: 'They will appear here once an administrator publishes the first version from closed months.',
  },
};

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
  const w = words[lang];
  const heads = [w.measure, w.indicator, w.target, w.achieved, w.status, w.bySex, w.byAgeBand, w.byGroup, w.byDistrict];
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
    `${w.title} ${progress.year}: ${progress.planTitle[lang]}`,
    `<h1>${esc(w.title)}: ${esc(progress.planTitle[lang])}</h1>
<p>${w.year}: ${progress.year}. ${esc(w.version(progress.version, progress.publishedAt.slice(0, 10)))} ${esc(progress.asOf)}.</p>
<p>${esc(w.source)}</p>
<p class="legend">${esc(w.legend)}</p>
${body}`,
  );
}

/** The page for a year with no snapshot yet: says so, and shows no figures. */
export function renderNotPublishedHtml(planTitle: LocalizedText, year: number, lang: Lang): string {
  const w = words[lang];
  return page(
    lang,
    `${w.title} ${year}: ${planTitle[lang]}`,
    `<h1>${esc(w.title)}: ${esc(planTitle[lang])}</h1>
<p>${esc(w.notPublished(year))}</p>
<p>${esc(w.notPublishedMore)}</p>`,
  );
}
