import { useMemo } from 'react';
import { useAllRecords, useServerRecords } from './hooks';
import { listRecords, type StoredRecord } from './recordRead';
import { listServerRecords } from './teamRecordRead';

export { deviceReviewStatus } from './reviewStatus';

/**
 * Every record this device holds, its own and the team's the server sent, as the review and
 * report screens read them when they work from the device (offline, or without a reviewer's
 * login), with what the device knows of each one's review.
 */

/** The device's own records and the team records the server sent, once each (the device's own copy wins). */
export function mergeDeviceRecords(own: readonly StoredRecord[], team: readonly StoredRecord[]): StoredRecord[] {
  const ids = new Set(own.map((r) => r.row.id));
  return [...own, ...team.filter((r) => !ids.has(r.row.id))];
}

/** Every record on this device, live: its own and the team's (undefined while loading). */
export function useDeviceRecords(): StoredRecord[] | undefined {
  const own = useAllRecords();
  const team = useServerRecords();
  return useMemo(() => (own && team ? mergeDeviceRecords(own, team) : undefined), [own, team]);
}

/** The same, read once (when the server did not answer and the screen falls back to the device). */
export async function readDeviceRecords(): Promise<StoredRecord[]> {
  const [own, team] = await Promise.all([listRecords(), listServerRecords()]);
  return mergeDeviceRecords(own, team);
}
