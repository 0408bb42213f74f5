import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../src/shared/plan';
import { createRecord } from '../../../src/shared/records';
import {
  buildProgressReport,
  buildPublicSnapshot,
  factsOfRecord,
  formatPublished,
  HIDDEN_MARK,
  memoryFactQuery,
  PROTECTION_WIDTH,
  PUBLIC_PAGE_CSS,
  renderNotPublishedHtml,
  renderPublicHtml,
  suppressBreakdown,
  suppressLinked,
  suppressTable,
  toCsv,
  type LinkedEquation,
  type PublicProgress,
  type PublishedValue,
  type StatusedFact,
} from '../../../src/shared/reports';
import { contactsFixture, reportFixture } from './fixtures';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const show = (v: PublishedValue) => formatPublished(v);

/** The reader's interval for every hidden cell, by HiGHS: shown cells fixed, every equation, counts ≥ 0. */
function intervals(values: readonly number[], equations: readonly LinkedEquation[], published: readonly PublishedValue[]): number[] {
  const hidden = published.flatMap((p, i) => (p.shown ? [] : [i]));
  const term = (i: number, sign: string) => (published[i]!.shown ? null : `${sign} x${i}`);
  const rows = equations.map((eq, r) => {
    const known = [...eq.parts.map((p) => (published[p]!.shown ? values[p]! : 0)), published[eq.whole]!.shown ? -values[eq.whole]! : 0].reduce((a, b) => a + b, 0);
    const terms = [...eq.parts.map((p) => term(p, '+')), term(eq.whole, '-')].filter(Boolean);
    return terms.length ? ` r${r}: ${terms.join(' ')} = ${-known}` : null;
  }).filter(Boolean);
  return hidden.map((i) => {
    const solve = (sense: string) => {
      const res = highs.solve([sense, ` obj: x${i}`, 'Subject To', ...rows, 'End'].join('\n'), { output_flag: false });
      if (res.Status === 'Unbounded') return Infinity;
      expect(res.Status).toBe('Optimal');
      return res.ObjectiveValue;
    };
    return solve('Maximize') - solve('Minimize');
  });
}

const breakdownEquations = (n: number): LinkedEquation[] => [{ parts: Array.from({ length: n }, (_, i) => i), whole: n }];

describe('cell suppression against an intruder who solves the LP', () => {
  it('women 4 and men 4 with a total of 8: both hidden, with the one mark, each could be 0 to 8', () => {
    const { parts, total } = suppressBreakdown([4, 4, 0], 8);
    expect([...parts, total].map(show)).toEqual([HIDDEN_MARK, HIDDEN_MARK, '0', '8']);
    expect(parts[0]).toEqual({ shown: false });
    expect(intervals([4, 4, 0, 8], breakdownEquations(3), [...parts, total])).toEqual([8, 8]);
  });

  it('groups 4 + 4 and 4 + 4 + 4: no hidden group can be worked out', () => {
    for (const groups of [[4, 4], [4, 4, 4]]) {
      const total = groups.reduce((a, b) => a + b, 0);
      const { parts, total: t } = suppressBreakdown(groups, total);
      expect(parts.every((p) => !p.shown)).toBe(true);
      for (const width of intervals([...groups, total], breakdownEquations(groups.length), [...parts, t])) expect(width).toBeGreaterThanOrEqual(PROTECTION_WIDTH);
    }
  });

  it('does not stop after two hidden cells when they are too small together (the old rule’s hole)', () => {
    // Old rule: 1 and 2 hidden, 10 and 13 shown, so each hidden cell lay in [0, 3].
    const values = [1, 2, 10, 13];
    const out = suppressLinked(values, breakdownEquations(3));
    const widths = intervals(values, breakdownEquations(3), out);
    expect(widths.length).toBeGreaterThanOrEqual(3);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(PROTECTION_WIDTH);
  });

  it('shows zeros and leaves a breakdown with nothing small alone; hides a small total', () => {
    expect(suppressBreakdown([0, 10, 12], 22).parts.map(show)).toEqual(['0', '10', '12']);
    const { parts, total } = suppressBreakdown([2, 0], 2);
    expect([...parts, total].map(show)).toEqual([HIDDEN_MARK, '0', HIDDEN_MARK]);
  });

  it('protects a two-way table along rows and columns', () => {
    const grid = [[2, 10, 20], [8, 9, 30]];
    const t = suppressTable(grid);
    expect(show(t.cells[0]![0]!)).toBe(HIDDEN_MARK);
    const values = [...grid.flat(), 32, 47, 10, 19, 50, 79];
    const published = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
    const equations: LinkedEquation[] = [
      { parts: [0, 1, 2], whole: 6 }, { parts: [3, 4, 5], whole: 7 },
      { parts: [0, 3], whole: 8 }, { parts: [1, 4], whole: 9 }, { parts: [2, 5], whole: 10 }, { parts: [6, 7], whole: 11 },
    ];
    for (const width of intervals(values, equations, published)) expect(width).toBeGreaterThanOrEqual(PROTECTION_WIDTH);
  });
});

describe('CSV', () => {
  it('starts with a BOM for Excel, quotes what needs it and defuses formulas', () => {
    const csv = toCsv([['Назва', 'Кількість'], ['Тренінг, "1325"', 4], ['=HYPERLINK("x")', null]]);
    expect(csv.startsWith('\uFEFFНазва,Кількість\r\n')).toBe(true);
    expect(csv).toContain('"Тренінг, ""1325""",4');
    expect(csv).toContain(`"'=HYPERLINK(""x"")",`);
  });
});

const fixtureFacts = (): StatusedFact[] => reportFixture().flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));

async function snapshotOf(facts: StatusedFact[], earlier: Parameters<typeof buildPublicSnapshot>[2], version: number) {
  const report = await buildProgressReport(defaultCatalogue, memoryFactQuery(facts), { year: 2023, period: { kind: 'year' }, includePending: false }, {
    asOf: '2024-03-01',
    breakdowns: ['group', 'district'],
  });
  return buildPublicSnapshot(defaultCatalogue, report, earlier, { version, publishedAt: `2024-03-0${version}T10:00:00.000Z` });
}

const indicatorOf = (p: PublicProgress, id: string) => p.strategicGoals.flatMap((g) => g.measures.flatMap((m) => m.indicators)).find((i) => i.id === id)!;

describe('the public snapshot', () => {
  it('publishes aggregates only, people counts protected, event counts as they are', async () => {
    const { progress, truth } = await snapshotOf(fixtureFacts(), [], 1);
    expect(progress).toMatchObject({ year: 2023, version: 1, publishedAt: '2024-03-01T10:00:00.000Z' });
    const served = indicatorOf(progress, '7.3.i1');
    // 8 people: 7 women and 1 man: both hidden (8 − 7 would give him away); the total of 8 stays.
    expect(served.bySex.map((x) => [x.id, show(x.value)])).toEqual([['female', HIDDEN_MARK], ['male', HIDDEN_MARK]]);
    expect(served).toMatchObject({ total: { shown: true, value: 8 }, protected: true, status: 'no_target' });
    expect(served.byDistrict.map((x) => show(x.value))).toEqual([HIDDEN_MARK, HIDDEN_MARK]);
    expect(indicatorOf(progress, '1.1.i1')).toMatchObject({ protected: false, total: { shown: true, value: 2 } });
    // no mark tells why a figure is hidden
    expect(JSON.stringify(progress)).not.toMatch(/reason|small|complementary/);
    expect(Object.keys(truth.families).length).toBeGreaterThan(0);
  });

  it('publishes contacts and persons as figures of their own, protected together', async () => {
    const facts = contactsFixture().flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
    const { progress, truth } = await snapshotOf(facts, [], 1);
    expect(Object.keys(truth.families).filter((id) => id.startsWith('13.2|')).sort()).toEqual(['13.2|serviceContacts', '13.2|servicePersons']);
    expect(truth.families['13.2|serviceContacts']!.cells['all:total']).toBe(10);
    expect(truth.families['13.2|servicePersons']!.cells['all:total']).toBe(6);
    for (const id of ['13.2.i1', '13.2.i2', '17.3.i1', '17.3.i2']) expect(indicatorOf(progress, id).protected).toBe(true);
    // 10 calls from 6 persons: both totals shown; 1 man, so every breakdown of both is hidden.
    expect(indicatorOf(progress, '13.2.i1').total).toEqual({ shown: true, value: 10 });
    expect(indicatorOf(progress, '13.2.i2').total).toEqual({ shown: true, value: 6 });
    for (const id of ['13.2.i1', '13.2.i2']) expect(indicatorOf(progress, id).bySex.map((x) => show(x.value))).toEqual([HIDDEN_MARK, HIDDEN_MARK, HIDDEN_MARK]);
    expect(indicatorOf(progress, '17.3.i1').total).toEqual({ shown: true, value: 7 });
    expect(indicatorOf(progress, '17.3.i2').total).toEqual({ shown: true, value: 5 });
  });

  it('hides a figure whose change since the last snapshot would count a few new people', async () => {
    const first = await snapshotOf(fixtureFacts(), [], 1);
    expect(indicatorOf(first.progress, '7.3.i1').total).toEqual({ shown: true, value: 8 });
    const author = { authorId: 'u-1', deviceId: 'd-1', teamId: 'team-a' };
    const three = createRecord(
      { kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date: '2023-11-02', district: 'podilskyi', serviceType: 'psychosocial_consultation',
        served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'idp', count: 3 }], total: 3 } },
      author, new Date('2024-02-01T00:00:00Z'));
    const later = [...fixtureFacts(), ...factsOfRecord(three).map((f) => ({ ...f, status: 'approved' as const }))];
    const second = await snapshotOf(later, [first.truth], 2);
    // 8 → 11 would tell that the new month added 3 people.
    expect(indicatorOf(second.progress, '7.3.i1').total).toEqual({ shown: false });
    expect(indicatorOf(second.progress, '7.3.i1').status).toBeNull();
  });

  it('renders a self-contained page with one style, no script, the mark explained in both languages', async () => {
    const { progress } = await snapshotOf(fixtureFacts(), [], 1);
    const uk = renderPublicHtml(progress, 'uk');
    const en = renderPublicHtml(progress, 'en');
    expect(uk).toContain('<html lang="uk">');
    expect(uk).toContain(`<style>${PUBLIC_PAGE_CSS}</style>`);
    expect(uk.match(/<style>/g)).toHaveLength(1);
    for (const page of [uk, en]) expect(page).not.toMatch(/<script|\son[a-z]+=|style="|<link/i);
    expect(uk).toContain(`«${HIDDEN_MARK}» — значення не оприлюднено`);
    expect(en).toContain(`“${HIDDEN_MARK}”: not published`);
    expect(uk).toContain('Версія 1, оприлюднена 1 березня 2024 р. Цілі оцінено станом на 1 березня 2024 р.');
    expect(en).toContain('Version 1, published 1 March 2024. Targets judged as of 1 March 2024.');
    expect(uk).toContain('<td>Жінки: x; Чоловіки: x</td>');
    const none = renderNotPublishedHtml(defaultCatalogue.title, 2023, 'en');
    expect(none).toContain('have not been published yet');
    expect(none).toContain(`<style>${PUBLIC_PAGE_CSS}</style>`);
    expect(renderNotPublishedHtml(defaultCatalogue.title, 2023, 'uk')).toMatch(/<h1>Стан виконання плану, 2023 рік<\/h1>.*ще не оприлюднено/s);
  });
});
