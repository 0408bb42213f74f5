import type { ReportPeriod } from '../../../shared/reports/query';

/** The period as the API and the filter's select spell it: "year", "q1".."q4", "m01".."m12". */
export function periodParam(period: ReportPeriod): string {
  if (period.kind === 'year') return 'year';
  if (period.kind === 'quarter') return `q${period.quarter}`;
  return `m${String(period.month).padStart(2, '0')}`;
}

export function parsePeriodParam(text: string): ReportPeriod {
  const quarter = /^q([1-4])$/.exec(text);
  if (quarter) return { kind: 'quarter', quarter: Number(quarter[1]) as 1 | 2 | 3 | 4 };
  const month = /^m(0[1-9]|1[0-2])$/.exec(text);
  if (month) return { kind: 'month', month: Number(month[1]) };
  return { kind: 'year' };
}

export const PERIOD_PARAMS: readonly string[] = [
  'year',
  'q1', 'q2', 'q3', 'q4',
  ...Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`),
];

export { monthsBetween } from '../../../shared/records/period';
