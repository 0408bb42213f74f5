import { describe, expect, it } from 'vitest';
import { defaultRecordDate, planFirstDay, planHasEnded, planLastDay } from '../../../src/shared/plan/plan-period';
import kyivPlanJson from '../../../src/shared/plan/kyiv-1325-2021-2023.json';

const kyiv = { years: kyivPlanJson.years };
const later = { years: [2026, 2027, 2025] };

describe('plan period', () => {
  it('runs from January 1 of the first year to December 31 of the last, whatever the order of years', () => {
    expect([planFirstDay(kyiv), planLastDay(kyiv)]).toEqual(['2021-01-01', '2023-12-31']);
    expect([planFirstDay(later), planLastDay(later)]).toEqual(['2025-01-01', '2027-12-31']);
  });

  it('has ended only after its last day', () => {
    expect(planHasEnded(kyiv, '2026-12-03')).toBe(true);
    expect(planHasEnded(kyiv, '2024-01-01')).toBe(true);
    expect(planHasEnded(kyiv, '2023-12-31')).toBe(false);
    expect(planHasEnded(kyiv, '2021-01-01')).toBe(false);
    expect(planHasEnded(later, '2026-12-03')).toBe(false);
    // not started is not ended
    expect(planHasEnded(later, '2024-06-01')).toBe(false);
  });

  it('dates a new record today, kept inside the plan years', () => {
    expect(defaultRecordDate(kyiv, '2026-12-03')).toBe('2023-12-31');
    expect(defaultRecordDate(kyiv, '2022-05-10')).toBe('2022-05-10');
    expect(defaultRecordDate(kyiv, '2023-12-31')).toBe('2023-12-31');
    expect(defaultRecordDate(later, '2026-12-03')).toBe('2026-12-03');
    expect(defaultRecordDate(later, '2024-06-01')).toBe('2025-01-01');
  });
});
