import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getMeta, META } from './meta';
import type { RecordRow } from './rows';

export interface UnsyncedSummary {
  count: number;
  /** when the oldest record the server does not yet have was last changed */
  oldestAt: string | null;
  /** the newest change among them: moves on every save, even one that leaves the count as it was */
  newestAt: string | null;
}

/** Records whose latest revision the server does not hold yet (drafts included). */
export async function unsyncedSummary(): Promise<UnsyncedSummary> {
  const rows = await getDb().records.where('status').notEqual('sent').toArray();
  let oldestAt: string | null = null;
  let newestAt: string | null = null;
  for (const row of rows) {
    if (oldestAt === null || row.updatedAt < oldestAt) oldestAt = row.updatedAt;
    if (newestAt === null || row.updatedAt > newestAt) newestAt = row.updatedAt;
  }
  return { count: rows.length, oldestAt, newestAt };
}

/** Why the last sync failed: a code the UI words, the server's own text if it sent one, and when. */
export interface SyncErrorNote {
  code: string;
  text?: LocalizedText;
  at: string;
}

export interface SyncInfo {
  lastSyncAt: string | null;
  lastSyncError: SyncErrorNote | null;
  /** the plan catalogue version the server reported on the last pull */
  serverCatalogueVersion: string | null;
}

export async function syncInfo(): Promise<SyncInfo> {
  const [lastSyncAt, lastSyncError, serverCatalogueVersion] = await Promise.all([
    getMeta<string>(META.lastSyncAt),
    getMeta<SyncErrorNote | string>(META.lastSyncError),
    getMeta<string>(META.serverCatalogueVersion),
  ]);
  const error = typeof lastSyncError === 'string' ? { code: lastSyncError, at: lastSyncAt ?? '' } : (lastSyncError ?? null);
  return { lastSyncAt: lastSyncAt ?? null, lastSyncError: error, serverCatalogueVersion: serverCatalogueVersion ?? null };
}

/** After a sync attempt: success clears the error and moves the time; a failure keeps its reason. */
export async function noteSyncOutcome(outcome: { ok: true } | { ok: false; error: Omit<SyncErrorNote, 'at'> }): Promise<void> {
  const db = getDb();
  const now = new Date().toISOString();
  await guardWrite(() =>
    db.transaction('rw', db.meta, async () => {
      if (outcome.ok) {
        await db.meta.put({ key: META.lastSyncAt, value: now });
        await db.meta.delete(META.lastSyncError);
      } else {
        await db.meta.put({ key: META.lastSyncError, value: { ...outcome.error, at: now } satisfies SyncErrorNote });
      }
    }),
  );
}

/** Records the server or a supervisor set aside, for the author to fix: newest change first. */
export async function setAsideRows(): Promise<RecordRow[]> {
  const rows = await getDb().records.where('status').anyOf('rejected', 'conflict', 'returned').toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
