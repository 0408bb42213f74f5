import { announceActivity } from '../../data/vault/lockChannel';
import { LOCK_AFTER_STORAGE_KEY, getLockAfterMs } from './settings';

/**
 * Locks the app after a stretch without use. Use in any tab counts for all (lockChannel.ts). The
 * check compares times rather than trusting one timer: a hidden tab's timers are slowed down by
 * the browser, so coming back to the tab checks at once.
 */

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;
const BROADCAST_EVERY_MS = 10_000;

let lastActivity = 0;
let lastBroadcast = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let onIdle: (() => void) | null = null;

function noteActivity(): void {
  lastActivity = Date.now();
  const every = Math.min(BROADCAST_EVERY_MS, getLockAfterMs() / 4);
  if (lastActivity - lastBroadcast >= every) {
    lastBroadcast = lastActivity;
    announceActivity(lastActivity);
  }
}

function check(): void {
  if (!onIdle) return;
  const left = lastActivity + getLockAfterMs() - Date.now();
  if (left <= 0) {
    onIdle();
    return;
  }
  arm(left);
}

function arm(ms: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(check, ms + 20);
}

const onVisible = () => document.visibilityState === 'visible' && check();
const onStorage = (e: StorageEvent) => e.key === LOCK_AFTER_STORAGE_KEY && check();

/** Another tab was used at `at`. */
export function noteRemoteActivity(at: number): void {
  if (at > lastActivity) lastActivity = Math.min(at, Date.now());
}

/** The setting changed here: the next check uses it. */
export function recheckIdle(): void {
  check();
}

export function startIdleLock(lock: () => void): void {
  stopIdleLock();
  onIdle = lock;
  lastActivity = Date.now();
  for (const type of ACTIVITY) window.addEventListener(type, noteActivity, { capture: true, passive: true });
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('storage', onStorage);
  check();
}

export function stopIdleLock(): void {
  onIdle = null;
  if (timer) clearTimeout(timer);
  timer = null;
  for (const type of ACTIVITY) window.removeEventListener(type, noteActivity, { capture: true });
  document.removeEventListener('visibilitychange', onVisible);
  window.removeEventListener('storage', onStorage);
}
