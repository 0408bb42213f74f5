import { describe, expect, it } from 'vitest';
import { axisLabels, monthlySeries, niceMax, progressPercent, stackedParts } from '../../../../src/client/features/reports/charts/chartMath';

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

describe('axis labels', () => {
  it('stand side by side when each fits its slot', () => {
    expect(axisLabels(['Jan', 'Feb', 'Mar'], 40)).toMatchObject({ rotate: false, every: 1 });
  });

  it('turn 45° when side by side they would touch (12 Ukrainian months in a 332 px axis)', () => {
    const months = ['січ.', 'лют.', 'бер.', 'квіт.', 'трав.', 'черв.', 'лип.', 'серп.', 'вер.', 'жовт.', 'лист.', 'груд.'];
    const fit = axisLabels(months, 332 / 12);
    expect(fit).toMatchObject({ rotate: true, every: 1 });
    // the turned labels need room below the axis: about the widest one × sin 45°
    expect(fit.height).toBeGreaterThan(5 * 10 * 0.62 * Math.SQRT1_2);
  });

  it('write only every second or third one when even turned they would overlap', () => {
    const labels = Array.from({ length: 36 }, (_, i) => `23-${String((i % 12) + 1).padStart(2, '0')}`);
    expect(axisLabels(labels, 332 / 36)).toMatchObject({ rotate: true, every: 2 });
    expect(axisLabels(labels, 4).every).toBe(4);
  });
});
