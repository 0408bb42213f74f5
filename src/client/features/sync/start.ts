import { isUnlocked, subscribeLock } from '../../data/vault/lockState';
import { runSync, type RunResult } from './controller';
import { setNextRetry } from './liveState';
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

/**
 * Where the browser has Background Sync, it wakes the service worker when the network returns.
 * Asked only while the browser is offline: registered while online, the event fires at once, so
 * a sync that failed with the network up (the server unreachable) would run again at once, and
 * again, past the backoff.
 */
async function requestBackgroundSync(): Promise<void> {
  if (navigator.onLine) return;
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
  const s = new SyncScheduler({
    run,
    onFailure: () => void requestBackgroundSync(),
    onNext: (next) => setNextRetry(next?.retry ? next.at : null),
  });
  scheduler = s;
  window.addEventListener('online', () => void s.request('online'));
  window.addEventListener('offline', () => void requestBackgroundSync());
  // Opened offline: no `offline` event will come.
  void requestBackgroundSync();
  window.addEventListener('focus', () => void s.request('focus'));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void s.request('focus');
  });
  // Relayed by the service worker; while the app is locked the run finds it so and skips.
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === BACKGROUND_SYNC_TAG) void s.request('background');
  });
  // Nothing syncs while locked; an unlock catches up at once.
  let unlocked = isUnlocked();
  subscribeLock(() => {
    if (isUnlocked() && !unlocked) void s.request('start');
    unlocked = isUnlocked();
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
 * The header reports what waits for upload. A change while records wait (one was saved, fixed or
 * set aside, or a sync left some) asks for a sync soon; a burst of saves makes one sync. A fixed
 * record leaves the count as it was, so the time of the latest change counts too.
 */
export function noteUnsynced(summary: { count: number; newestAt: string | null }): void {
  const now = `${summary.count}|${summary.newestAt ?? ''}`;
  const changed = now !== lastUnsynced;
  lastUnsynced = now;
  if (!changed || summary.count === 0) return;
  if (changeTimer) clearTimeout(changeTimer);
  changeTimer = setTimeout(() => {
    changeTimer = null;
    void scheduler?.request('change');
  }, CHANGE_DEBOUNCE_MS);
}
