import { describe, expect, it } from 'vitest';
import { defaultCatalogue as catalogue } from '../../../src/shared/plan';
import { publicSummary, renderNotInPlanHtml, renderPublicHtml, type PublicIndicator, type PublicProgress } from '../../../src/shared/reports';

const shown = (value: number) => ({ shown: true as const, value });
const hidden = { shown: false as const };

function indicator(id: string, total: PublicIndicator['total'], status: PublicIndicator['status']): PublicIndicator {
  return { id, text: { uk: id, en: id }, target: null, status, protected: true, total, bySex: [], byAgeBand: [], byGroup: [], byDistrict: [] };
}

const progress: PublicProgress = {
  planTitle: catalogue.title,
  year: 2023,
  version: 2,
  publishedAt: '2024-03-01T10:00:00.000Z',
  asOf: '2024-03-01',
  strategicGoals: [
    {
      number: '1',
      title: { uk: 'Ціль', en: 'Goal' },
      measures: [
        // 1.1: 3 events (not about people: shown as they are), 25 people at them; behind on its target.
        { id: '1.1', text: { uk: '1.1', en: '1.1' }, indicators: [indicator('1.1.i1', shown(3), 'behind'), indicator('1.1.i2', shown(25), 'no_target')] },
        // 4.1: 7 women (the same people as everyone's count would be: never added), 1 training; met.
        { id: '4.1', text: { uk: '4.1', en: '4.1' }, indicators: [indicator('4.1.i1', shown(7), 'met'), indicator('4.1.i2', shown(1), 'met')] },
        // 7.3: people served, hidden (a count of 1–4 or what would tell one).
        { id: '7.3', text: { uk: '7.3', en: '7.3' }, indicators: [indicator('7.3.i1', hidden, null)] },
      ],
    },
  ],
};

describe('the public page’s summary', () => {
  it('adds up published figures only: events, everyone reached (not the women counted again), measures met or on track', () => {
    expect(publicSummary(progress, catalogue)).toEqual({
      events: { sum: 4, partial: false },
      // 25 at 1.1's events; 4.1.i1 counts women only; 7.3's people are hidden: a lower bound.
      people: { sum: 25, partial: true },
      measures: { onTrack: 1, judged: 2 },
    });
  });

  it('comes first on the page, in the reader’s language, with "at least" where a figure is hidden', () => {
    const uk = renderPublicHtml(progress, 'uk', { catalogue });
    expect(uk.indexOf('<h2 id="summary">Коротко</h2>')).toBeLessThan(uk.indexOf('<table'));
    expect(uk).toContain('<dt>Проведено заходів</dt><dd>4</dd>');
    expect(uk).toContain('<dt>Охоплено осіб</dt><dd>щонайменше 25</dd>');
    expect(uk).toContain('<dd>1 з 2</dd>');
    const en = renderPublicHtml(progress, 'en', { catalogue });
    expect(en).toContain('<dt>People reached</dt><dd>at least 25</dd>');
    expect(en).toContain('Version 2, published 1 March 2024. Targets judged as of 1 March 2024.');
  });

  it('links the other language and the plan’s other years; the static export links its files', () => {
    const uk = renderPublicHtml(progress, 'uk', { catalogue });
    expect(uk).toContain('<a href="/public/progress/2023?lang=en" lang="en" hreflang="en">English</a>');
    expect(uk).toContain('<strong aria-current="page" lang="uk">Українська</strong>');
    for (const y of [2021, 2022]) expect(uk).toContain(`<a href="/public/progress/${y}?lang=uk">${y} рік</a>`);
    expect(uk).toContain('<strong aria-current="page">2023 рік</strong>');
    const file = renderPublicHtml(progress, 'en', { catalogue, href: (y, l) => `progress-${y}.${l}.html` });
    expect(file).toContain('<a href="progress-2022.en.html">2022</a>');
    expect(file).toContain('<a href="progress-2023.uk.html" lang="uk" hreflang="uk">Українська</a>');
  });

  it('puts each table in a box of its own that scrolls, named and reachable by keyboard', () => {
    const uk = renderPublicHtml(progress, 'uk', { catalogue });
    expect(uk).toContain('<div class="scroll" role="region" aria-label="Таблиця стратегічної цілі 1, гортається вбік" tabindex="0">');
  });

  it('answers a year outside the plan with a page naming the plan’s years', () => {
    const page = renderNotInPlanHtml(catalogue, 2030, 'en');
    expect(page).toContain('2030 is not a year of the plan: it covers 2021–2023.');
    expect(page).toContain('<a href="/public/progress/2021?lang=en">2021</a>');
    expect(page).not.toMatch(/<script|\son[a-z]+=|style="/i);
  });
});
