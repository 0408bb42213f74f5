import { describe, expect, it } from 'vitest';
import { monthlySeries, niceMax, progressPercent, stackedParts } from '../../../../src/client/features/reports/charts/chartMath';

describe('chart arithmetic', () => {
  it('gives the share of a target, capping the bar but not the figure', () => {
    expect(progressPercent(3, 4)).toEqual({ exact: 75, bar: 75 });
    expect(progressPercent(10, 4)).toEqual({ exact: 250, bar: 100 });
    expect(progressPercent(1, 3)).toEqual({ exact: 33.3, bar: 33.3 });
    expect(progressPercent(5, null)).toEqual({ exact: null, bar: 100 });
    expect(progressPercent(0, null)).toEqual({ exact: null, bar: 0 });
  });

  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(40)).toBe(50);
    expect(niceMax(100)).toBe(100);
    expect(niceMax(101)).toBe(200);
  });

  it('fills months without data with zero over the whole period', () => {
    expect(monthlySeries({ '2023-02': 4, '2023-04': 1 }, '2023-01-01', '2023-04-30')).toEqual([
      { month: '2023-01', value: 0 },
      { month: '2023-02', value: 4 },
      { month: '2023-03', value: 0 },
      { month: '2023-04', value: 1 },
    ]);
  });

  it('splits a whole into ordered parts with shares and offsets, dropping empty parts', () => {
    const parts = stackedParts({ male: 1, female: 3, not_stated: 0, other: 4 }, ['female', 'male', 'not_stated']);
    expect(parts.map((p) => p.id)).toEqual(['female', 'male', 'other']);
    expect(parts.map((p) => p.share)).toEqual([37.5, 12.5, 50]);
    expect(parts.map((p) => p.offset)).toEqual([0, 37.5, 50]);
    expect(stackedParts({}, ['female'])).toEqual([]);
  });
});
