import { describe, expect, it } from 'vitest';
import { monthsBetween, parsePeriodParam, periodParam, PERIOD_PARAMS } from '../../../../src/client/features/reports/period';

describe('report periods as the API spells them', () => {
  it('round-trips every period of the filter', () => {
    for (const p of PERIOD_PARAMS) expect(periodParam(parsePeriodParam(p))).toBe(p);
    expect(PERIOD_PARAMS).toHaveLength(17);
  });

  it('reads quarters and months, and falls back to the year for anything else', () => {
    expect(parsePeriodParam('q4')).toEqual({ kind: 'quarter', quarter: 4 });
    expect(parsePeriodParam('m02')).toEqual({ kind: 'month', month: 2 });
    expect(parsePeriodParam('m13')).toEqual({ kind: 'year' });
    expect(parsePeriodParam('q5')).toEqual({ kind: 'year' });
  });

  it('lists months across a year end, inclusive', () => {
    expect(monthsBetween('2022-11-15', '2023-02-01')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(monthsBetween('2023-05-31', '2023-05-01')).toEqual(['2023-05']);
    expect(monthsBetween('2023-01-01', '2023-12-31')).toHaveLength(12);
  });
});
