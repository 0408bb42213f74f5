import { useOnline } from '../../app/useOnline';
import { useSession, useSyncInfo, useUnsynced, type SessionRow } from '../../data';
import { syncSummary, type SyncSummary } from '../../ui/syncState';
import { useLiveSync, useNextRetry } from '../sync';

/** Everything the device knows about sync, worded once (ui/syncState) for the badge and its panel. */
export function useSyncSummary(): { summary: SyncSummary; session: SessionRow | null | undefined; online: boolean } {
  const online = useOnline();
  const unsynced = useUnsynced();
  const info = useSyncInfo();
  const session = useSession();
  const live = useLiveSync();
  const nextRetryAt = useNextRetry();
  return { summary: syncSummary({ online, unsynced, info, session, live, nextRetryAt }), session, online };
}

