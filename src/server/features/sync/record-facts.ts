import type { FieldRecord } from '../../../shared';

// Shared with the device, which filters its own records by the same periods.
export { monthsBetween, recordPeriod } from '../../../shared';

export function recordIndicatorId(record: FieldRecord): string | null {
  return record.kind === 'event' ? null : record.indicatorId;
}

/** Today's date at UTC+14, the earliest time zone: no device anywhere can be "ahead" of it. */
export function latestDateOnEarth(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
