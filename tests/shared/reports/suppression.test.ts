import { describe, expect, it } from 'vitest';
import { formatPublished, suppressBreakdown, suppressTable, toCsv } from '../../../src/shared/reports';

const show = (v: Parameters<typeof formatPublished>[0]) => formatPublished(v);

describe('small-cell suppression', () => {
  it('hides counts of 1 to 4 and one more cell so the hidden one cannot be subtracted out', () => {
    const { parts, total } = suppressBreakdown([3, 10, 12], 25);
    expect(parts.map(show)).toEqual(['<5', 'x', '12']);
    expect(show(total)).toBe('25');
  });

  it('shows zeros and leaves a breakdown with nothing small alone', () => {
    const { parts } = suppressBreakdown([0, 10, 12], 22);
    expect(parts.map(show)).toEqual(['0', '10', '12']);
  });

  it('hides the total when the only other cells are zero', () => {
    const { parts, total } = suppressBreakdown([2, 0], 2);
    expect(parts.map(show)).toEqual(['<5', '0']);
    expect(show(total)).toBe('<5');
  });

  it('protects a two-way table along rows and columns', () => {
    const t = suppressTable([
      [2, 10, 20],
      [8, 9, 30],
    ]);
    const hidden = t.cells.flat().filter((c) => !c.shown).length;
    expect(show(t.cells[0]![0]!)).toBe('<5');
    // each row and each column holds either no hidden cell or at least two
    for (const row of [...t.cells.map((r, i) => [...r, t.rowTotals[i]!]), ...[0, 1, 2].map((c) => [t.cells[0]![c]!, t.cells[1]![c]!, t.columnTotals[c]!])]) {
      const n = row.filter((c) => !c.shown).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
    expect(hidden).toBeGreaterThanOrEqual(4);
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

describe('the public progress page', () => {
  it('publishes aggregates only, with small counts of people hidden', async () => {
    const { defaultCatalogue } = await import('../../../src/shared/plan');
    const { buildProgressReport, factsOfRecord, memoryFactQuery, publicProgress, renderPublicHtml } = await import('../../../src/shared/reports');
    const { reportFixture } = await import('./fixtures');
    const facts = reportFixture().flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
    const report = await buildProgressReport(defaultCatalogue, memoryFactQuery(facts),
      { year: 2023, period: { kind: 'year' }, includePending: false }, { asOf: '2024-03-01', breakdowns: ['group'] });
    const page = publicProgress(defaultCatalogue, report);
    const indicators = page.strategicGoals.flatMap((g) => g.measures.flatMap((m) => m.indicators));
    const served = indicators.find((i) => i.id === '7.3.i1')!;
    // 8 people: 7 women, 1 man → the man is "<5" and the women hidden beside him; the total of 8 stays.
    expect(served.bySex.map((x) => [x.id, formatPublished(x.value)])).toEqual([['female', 'x'], ['male', '<5']]);
    expect(formatPublished(served.total)).toBe('8');
    const events = indicators.find((i) => i.id === '1.1.i1')!;
    expect(formatPublished(events.total)).toBe('2');
    const html = renderPublicHtml(page, 'uk');
    expect(html).toContain('<html lang="uk">');
    expect(html).not.toMatch(/<script/);
    expect(html).not.toMatch(/>1<\/td>.*Чоловіки: 1/);
  });
});
