import type { SyncStore } from '../../shared/sync/engine';
import { freezeUploads, settleUploads } from './outbox';
import { applyPullResponse, getPullCursor } from './pull';

/**
 * The sync engine's store on the device (IndexedDB): the outbox and records for uploads, the
 * server copies, verdicts and cursor for pulls. `userId` is the logged-in user: only their
 * records are uploaded, and the pull cursor is theirs.
 */
export function deviceSyncStore(userId: string): SyncStore {
  return {
    pendingUploads: (limit) => freezeUploads(userId, limit),
    applyPushResults: (batch, results) => settleUploads(batch, results),
    pullCursor: () => getPullCursor(userId),
    applyPull: (response) => applyPullResponse(response, userId),
  };
}
