/**
 * The sync feature as other features see it. The engine itself (scheduler, controller) loads in
 * its own chunk only when asked, through `loadSync`: the always-visible header asks once the
 * first screen is up, so it never competes with what the person came to see.
 */
export { useLiveSync, useNextRetry, type LiveSync } from './liveState';
export { failureKey, syncErrorKey, type SyncErrorKey } from './words';

export const loadSync = () => import('./start');
export type SyncModule = Awaited<ReturnType<typeof loadSync>>;
