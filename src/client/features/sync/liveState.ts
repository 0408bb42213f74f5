import { useSyncExternalStore } from 'react';

/**
 * What this tab's sync is doing right now (in memory: it means nothing after a reload). Kept
 * apart from the engine so the always-visible header can show it without loading the engine.
 */
export interface LiveSync {
  running: boolean;
  phase: 'push' | 'pull' | null;
  done: number;
  total: number;
}

const idle: LiveSync = { running: false, phase: null, done: 0, total: 0 };
let state: LiveSync = idle;
const listeners = new Set<() => void>();

export function setLiveSync(patch: Partial<LiveSync> | null): void {
  state = patch === null ? idle : { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function getLiveSync(): LiveSync {
  return state;
}

export function useLiveSync(): LiveSync {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** When this tab's scheduler tries again after a failed sync (epoch ms); null: no retry is set. */
let nextRetry: number | null = null;
const retryListeners = new Set<() => void>();

export function setNextRetry(at: number | null): void {
  if (at === nextRetry) return;
  nextRetry = at;
  for (const listener of retryListeners) listener();
}

export function useNextRetry(): number | null {
  return useSyncExternalStore(
    (l) => {
      retryListeners.add(l);
      return () => retryListeners.delete(l);
    },
    () => nextRetry,
  );
}
