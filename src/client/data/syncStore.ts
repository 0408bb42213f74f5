import { z } from 'zod';
import type { SyncStore } from '../../shared/sync/engine';
import { pullResponse, pushResult } from '../../shared/sync/protocol';
import { checkedAnswer } from './answers';
import { countUploads, freezeUploads, settleThenFreeze, settleUploads } from './outbox';
import { applyPullResponse, getPullCursor } from './pull';

const pushResults = z.array(pushResult);

/**
 * The sync engine's store on the device (IndexedDB): the outbox and records for uploads (one
 * batch frozen and settled at a time), the
 * server copies, verdicts and cursor for pulls. `userId` is the logged-in user: only their
 * records are uploaded, and the pull cursor is theirs. Every answer is checked with its schema
 * before anything is written (BadAnswerError otherwise: the batch stays frozen, the cursor where
 * it was).
 */
export function deviceSyncStore(userId: string): SyncStore {
  return {
    pendingUploads: (maxRecords, maxBytes, skip) => freezeUploads(userId, maxRecords, maxBytes, skip),
    countPendingUploads: () => countUploads(),
    applyPushResults: async (batch, results) => settleUploads(batch, checkedAnswer(pushResults, results, 'push')),
    settleThenFreeze: async (batch, results, maxRecords, maxBytes, skip) => settleThenFreeze(batch, checkedAnswer(pushResults, results, 'push'), userId, maxRecords, maxBytes, skip),
    pullCursor: () => getPullCursor(userId),
    applyPull: async (response) => applyPullResponse(checkedAnswer(pullResponse, response, 'pull'), userId),
  };
}
