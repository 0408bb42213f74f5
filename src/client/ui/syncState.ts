import type { SessionRow, SyncInfo, UnsyncedSummary } from '../data';

/**
 * The one answer to "where do my records stand?", worked out from everything the device knows:
 * the browser's network flag, the records in each status, the last sync's outcome, what this
 * tab's sync is doing and when it tries again. Every place that shows sync (the header badge, its
 * panel, Today, the Sync screen) says this, so they never contradict each other, and "all
 * synced" is said only when nothing waits and nothing is being sent.
 */
export type SyncHeadline =
  /** still reading the device database */
  | { kind: 'loading' }
  /** no server login on this device: records stay here until someone logs in */
  | { kind: 'local' }
  /** the server refused the login (expired, revoked): nothing is sent until the user acts */
  | { kind: 'refused'; code: string }
  /** the browser has no network */
  | { kind: 'offline' }
  /** sending records now (done of total), or bringing changes down */
  | { kind: 'sending'; done: number; total: number }
  | { kind: 'pulling' }
  /** a network, but the last sync failed: the server unreachable (`offline`) or failing; the retry time if one is set */
  | { kind: 'unreachable'; code: string; at: string; nextRetryAt: number | null }
  /** records wait, and nothing says the server is out of reach: they go at the next sync */
  | { kind: 'waiting' }
  | { kind: 'synced' };

export interface SyncSummary {
  headline: SyncHeadline;
  /** the browser's network flag, whatever the headline (without a login, say) */
  online: boolean;
  /** queued for upload, or left "sending" (another tab, or before a reload): not on the server yet */
  waiting: number;
  /** returned by a supervisor with a comment, to fix and send again */
  returned: number;
  /** refused by the server (rejected) or in conflict with what it holds */
  setAside: number;
  /** kept on the device as drafts: never sent until saved */
  drafts: number;
  /** when the oldest waiting record was changed */
  oldestAt: string | null;
}

export interface SyncFacts {
  online: boolean;
  unsynced: UnsyncedSummary | undefined;
  info: SyncInfo | undefined;
  session: SessionRow | null | undefined;
  live: { running: boolean; phase: 'push' | 'pull' | null; done: number; total: number };
  nextRetryAt: number | null;
}

export function syncSummary({ online, unsynced, info, session, live, nextRetryAt }: SyncFacts): SyncSummary {
  const by = unsynced?.byStatus;
  const counts = {
    waiting: (by?.ready ?? 0) + (by?.sending ?? 0),
    returned: by?.returned ?? 0,
    setAside: (by?.rejected ?? 0) + (by?.conflict ?? 0),
    drafts: by?.draft ?? 0,
    oldestAt: unsynced?.oldestAt ?? null,
  };
  return { headline: headline(), online, ...counts };

  function headline(): SyncHeadline {
    if (unsynced === undefined || session === undefined || info === undefined) return { kind: 'loading' };
    if (!session || session.source !== 'server') return { kind: 'local' };
    if (session.refused) return { kind: 'refused', code: session.refused };
    if (!online) return { kind: 'offline' };
    if (live.running) return live.phase === 'pull' ? { kind: 'pulling' } : { kind: 'sending', done: live.done, total: Math.max(live.total, counts.waiting) };
    const error = info.lastSyncError;
    if (error) return { kind: 'unreachable', code: error.code, at: error.at, nextRetryAt };
    return counts.waiting > 0 ? { kind: 'waiting' } : { kind: 'synced' };
  }
}
