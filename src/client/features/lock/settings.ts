/**
 * How long the app may stay unused before it locks. A preference of this device, like the
 * language: kept in localStorage (no data in it), read afresh at every check, so a change in one
 * tab holds in all. The screen offers whole minutes; any value from 1 s to an hour is honoured,
 * which lets a test lock in seconds instead of waiting minutes.
 */
const KEY = 'kyiv1325.lockAfterMs';
export const LOCK_AFTER_CHOICES_MIN = [1, 2, 5, 10, 15, 30] as const;
export const DEFAULT_LOCK_AFTER_MS = 5 * 60_000;
const MIN_MS = 1_000;
const MAX_MS = 60 * 60_000;

export function getLockAfterMs(): number {
  try {
    const stored = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isFinite(stored) && stored >= MIN_MS && stored <= MAX_MS ? stored : DEFAULT_LOCK_AFTER_MS;
  } catch {
    return DEFAULT_LOCK_AFTER_MS;
  }
}

export function setLockAfterMs(ms: number): void {
  try {
    globalThis.localStorage?.setItem(KEY, String(Math.min(MAX_MS, Math.max(MIN_MS, Math.round(ms)))));
  } catch {
    // Private mode without storage: the default holds.
  }
}

export const LOCK_AFTER_STORAGE_KEY = KEY;
