import { useMemo } from 'react';
import type { ReviewItem } from '../../../shared/review/protocol';
import type { ReviewStatus } from '../../../shared/sync/protocol';
import { listRecords, useAllRecords, useServerRecords, type StoredRecord } from '../../data';
import { listServerRecords } from '../../data/teamRecordRead';
import type { DeviceRecord } from '../reports/reportModel';

/**
 * What this device knows of each record's review. Drafts never reached a supervisor, so they
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

/** The device's records as review items (offline reading of a supervisor's pulled team records). */
export function deviceReviewItems(records: readonly StoredRecord[]): ReviewItem[] {
  return records.flatMap((stored) => {
    const status = deviceReviewStatus(stored);
    if (status === null || stored.record.deleted) return [];
    const verdicts = stored.row.review ? [{ ...stored.row.review, recordId: stored.row.id }] : [];
    return [{ record: stored.record, status, verdicts }];
  });
}

/** The device's records for an in-browser report, each with the review status this device knows. */
export function deviceReportRecords(records: readonly StoredRecord[]): DeviceRecord[] {
  return records.flatMap((stored) => {
    const review = deviceReviewStatus(stored);
    return review === null ? [] : [{ record: stored.record, review }];
  });
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
