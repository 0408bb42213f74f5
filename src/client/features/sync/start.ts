import { runSync, type RunResult } from './controller';
import { SyncScheduler, type SyncTrigger } from './scheduler';

/**
 * Starts this tab's sync: on app start, on `online`, on regaining focus or visibility, on a
 * timer (backoff after failures), when the service worker relays a Background Sync event, when
 * records are saved, and on "Sync now". Called once, from the always-visible header.
 */

export const BACKGROUND_SYNC_TAG = 'kyiv1325-sync';
const CHANGE_DEBOUNCE_MS = 2_000;

let scheduler: SyncScheduler | null = null;

function run(trigger: SyncTrigger): Promise<RunResult> {
  return runSync({ wait: trigger === 'button' || trigger === 'login' });
}

/** Where the browser has Background Sync, it wakes the service worker when the network returns. */
async function requestBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Not supported, or not allowed: the `online` event and the timer still trigger a sync.
  }
}

export function startSync(): void {
  if (scheduler) return;
  const s = new SyncScheduler({ run, onFailure: () => void requestBackgroundSync() });
  scheduler = s;
  window.addEventListener('online', () => void s.request('online'));
  window.addEventListener('offline', () => void requestBackgroundSync());
  window.addEventListener('focus', () => void s.request('focus'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void s.request('focus');
  });
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === BACKGROUND_SYNC_TAG) void s.request('background');
  });
  void s.request('start');
}

/** "Sync now": resolves when that sync is over. */
export async function syncNow(): Promise<void> {
  startSync();
  await scheduler!.request('button');
}

/** Right after a login: sync at once, whatever the backoff said. */
export function syncAfterLogin(): void {
  startSync();
  void scheduler!.request('login');
}

let lastUnsynced = '';
let changeTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * The header reports what waits. A change while records wait (one was saved, or a sync left
 * some) asks for a sync soon; a burst of saves makes one sync. The newest change counts too: a
 * fix to a set-aside record leaves the count as it was, and must still be sent at once.
 */
export function noteUnsynced(summary: { count: number; newestAt: string | null }): void {
  const key = `${summary.count}|${summary.newestAt ?? ''}`;
  const changed = key !== lastUnsynced;
  lastUnsynced = key;
  if (!changed || summary.count === 0) return;
  if (changeTimer) clearTimeout(changeTimer);
  changeTimer = setTimeout(() => {
    changeTimer = null;
    void scheduler?.request('change');
  }, CHANGE_DEBOUNCE_MS);
}
