import type { FieldRecord } from '../../../shared';

/** The dates a record covers: what month locks and reports look at. */
export function recordPeriod(record: FieldRecord): { start: string; end: string } {
  switch (record.kind) {
    case 'serviceLog':
      return { start: record.date, end: record.date };
    case 'event':
      return { start: record.startDate, end: record.endDate };
    case 'indicatorReport':
      return { start: record.periodStart, end: record.periodEnd };
  }
}

export function recordIndicatorId(record: FieldRecord): string | null {
  return record.kind === 'event' ? null : record.indicatorId;
}

/** Every month (YYYY-MM) from start to end inclusive; capped, since a plan spans a few years. */
export function monthsBetween(start: string, end: string): string[] {
  const months: string[] = [];
  let year = Number(start.slice(0, 4));
  let month = Number(start.slice(5, 7));
  const last = end.slice(0, 7);
  for (let i = 0; i < 240; i++) {
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

/** Today's date at UTC+14, the earliest time zone: no device anywhere can be "ahead" of it. */
export function latestDateOnEarth(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
