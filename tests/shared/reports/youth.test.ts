import { describe, expect, it } from 'vitest';
import { dimensions, NOT_STATED, offeredValueIds } from '../../../src/shared/dimensions';
import { youthFigure } from '../../../src/shared/reports/youth';

/** "18-35" → [18, 35], "60+" → [60, ∞). */
function range(id: string): [number, number] {
  const plus = /^(\d+)\+$/.exec(id);
  if (plus) return [Number(plus[1]), Number.POSITIVE_INFINITY];
  const [lo, hi] = id.split('-').map(Number);
  return [lo!, hi!];
}

describe('age bands', () => {
  const bands = dimensions.ageBand.values.filter((v) => v.id !== NOT_STATED);

  it('offered for new counts cover every age once: 0–13, 14–17, 18–35, 36–59, 60+', () => {
    const offered = offeredValueIds('ageBand').filter((id) => id !== NOT_STATED);
    expect(offered).toEqual(['0-13', '14-17', '18-35', '36-59', '60+']);
    offered.map(range).forEach(([lo], i, all) => expect(lo).toBe(i === 0 ? 0 : all[i - 1]![1] + 1));
  });

  it('keep the old 18–34 and 35–59 valid but not offered', () => {
    expect(bands.filter((v) => v.deprecated).map((v) => v.id)).toEqual(['18-34', '35-59']);
    expect(dimensions.ageBand.values.map((v) => v.id)).toEqual(expect.arrayContaining(['18-34', '35-59']));
  });

  it('say whether their people are youth (14–35 under Ukrainian law), as their ages do', () => {
    for (const v of bands) {
      const [lo, hi] = range(v.id);
      const expected = lo >= 14 && hi <= 35 ? 'yes' : hi < 14 || lo > 35 ? 'no' : 'partly';
      expect(v.youth, v.id).toBe(expected);
    }
  });
});

describe('youth among counts by age band', () => {
  it('is exact from the bands offered now: 14–17 and 18–35', () => {
    const y = youthFigure([
      { ageBand: '0-13', value: 5 },
      { ageBand: '14-17', value: 3 },
      { ageBand: '18-35', value: 4 },
      { ageBand: '36-59', value: 6 },
      { ageBand: '60+', value: 1 },
    ]);
    expect(y).toEqual({ youth: 7, undetermined: 0, ageNotStated: 0, derivable: true });
  });

  it('counts the old 18–34 as youth, but cannot tell youth in the old 35–59', () => {
    expect(youthFigure([{ ageBand: '18-34', value: 4 }]).derivable).toBe(true);
    const y = youthFigure([
      { ageBand: '14-17', value: 2 },
      { ageBand: '18-34', value: 4 },
      { ageBand: '35-59', value: 3 },
      { ageBand: '18-35', value: 1 },
    ]);
    expect(y).toEqual({ youth: 7, undetermined: 3, ageNotStated: 0, derivable: false });
  });

  it('keeps people whose age is not stated apart', () => {
    expect(youthFigure([{ ageBand: 'not_stated', value: 9 }, { ageBand: '18-35', value: 1 }])).toEqual({
      youth: 1, undetermined: 0, ageNotStated: 9, derivable: true,
    });
  });
});
