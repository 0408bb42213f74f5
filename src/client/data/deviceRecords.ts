import { useMemo } from 'react';
import type { ReviewStatus } from '../../shared/sync/protocol';
import { useAllRecords, useServerRecords } from './hooks';
import { listRecords, type StoredRecord } from './recordRead';
import { listServerRecords } from './teamRecordRead';

/**
 * Every record this device holds, its own and the team's the server sent, as the review and
 * report screens read them when they work from the device (offline, or without a reviewer's
 * login), with what the device knows of each one's review.
 */

/**
 * What this device knows of a record's review. Drafts never reached a supervisor: null, so they
 * are not listed for review and never count in a report.
 */
export function deviceReviewStatus(stored: StoredRecord): ReviewStatus | null {
  const { row } = stored;
  if (row.status === 'draft') return null;
  // The verdict a pull brought, if it is on the revision held here (an edit since makes it pending again).
  if (row.review && row.review.revision === row.revision) return row.review.status;
  if (row.status === 'returned') return 'returned';
  return 'pending';
}

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
