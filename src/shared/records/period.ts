import type { RecordContent } from './schemas';

/** The days a record is about: a service day, an event's days, an indicator report's period. */
export function recordPeriod(record: RecordContent): { start: string; end: string } {
  switch (record.kind) {
    case 'serviceLog':
      return { start: record.date, end: record.date };
    case 'event':
      return { start: record.startDate, end: record.endDate };
    case 'indicatorReport':
      return { start: record.periodStart, end: record.periodEnd };
  }
}

/** Every month (YYYY-MM) from one day to another, inclusive; capped, since a plan spans a few years. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
