import { useCurrentSession } from '../../app/sessionContext';
import { localToday } from '../../catalogue/measures';
import { useRecentRecords } from '../../data';

/** A day's consultations seldom run past this many records; beyond it the figure says "at least". */
const DAY_LIMIT = 200;

/**
 * People this user counted today: in the service logs they made on this device since midnight
 * (whatever day of service each names), the one being edited left out (the form adds its own
 * tally). Read from the records changed since midnight, newest first, so a year's records cost nothing.
 */
export function usePeopleToday(editingId: string): number | undefined {
  const session = useCurrentSession();
  const midnight = new Date(`${localToday()}T00:00:00`).toISOString();
  const recent = useRecentRecords(session ? session.userId : null, midnight, DAY_LIMIT);
  if (!recent) return undefined;
  return recent.records
    .filter(({ record }) => record.kind === 'serviceLog' && !record.deleted && record.createdAt >= midnight && record.id !== editingId)
    .reduce((sum, { record }) => sum + (record.kind === 'serviceLog' ? record.served.total : 0), 0);
}
