import { getDb } from './db';
import { getMeta, META } from './meta';

export interface UnsyncedSummary {
  count: number;
  /** when the oldest record the server does not yet have was last changed */
  oldestAt: string | null;
}

/** Records whose latest revision the server does not hold yet (drafts included). */
export async function unsyncedSummary(): Promise<UnsyncedSummary> {
  const rows = await getDb().records.where('status').notEqual('sent').toArray();
  let oldestAt: string | null = null;
  for (const row of rows) if (oldestAt === null || row.updatedAt < oldestAt) oldestAt = row.updatedAt;
  return { count: rows.length, oldestAt };
}

export interface SyncInfo {
  lastSyncAt: string | null;
  lastSyncError: string | null;
}

export async function syncInfo(): Promise<SyncInfo> {
  const [lastSyncAt, lastSyncError] = await Promise.all([getMeta<string>(META.lastSyncAt), getMeta<string>(META.lastSyncError)]);
  return { lastSyncAt: lastSyncAt ?? null, lastSyncError: lastSyncError ?? null };
}
