import { listRecords, type StoredRecord } from './recordRead';
import { listServerRecords } from './teamRecordRead';

export { deviceReviewStatus } from './reviewStatus';

/**
 * Every record this device holds, its own and the team's the server sent, with what the device
 * knows of each one's review. Screens never read them all: the review list pages through them
 * (deviceReviewList.ts), the report and the plan add up the aggregates (aggregates.ts). Kept as
 * the plain definition those are tested against.
 */

/** The device's own records and the team records the server sent, once each (the device's own copy wins). */
export function mergeDeviceRecords(own: readonly StoredRecord[], team: readonly StoredRecord[]): StoredRecord[] {
  const ids = new Set(own.map((r) => r.row.id));
  return [...own, ...team.filter((r) => !ids.has(r.row.id))];
}

/** Every record on this device, all decoded: for tests and one-off reads, never a screen. */
export async function readDeviceRecords(): Promise<StoredRecord[]> {
  const [own, team] = await Promise.all([listRecords(), listServerRecords()]);
  return mergeDeviceRecords(own, team);
}
