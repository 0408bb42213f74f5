import { useSyncExternalStore } from 'react';
import type { Workbox } from 'workbox-window';
import { flushUnsaved, hasUnsavedInput } from '../app/unsaved';

/**
 * Service worker life cycle. A new version waits until the user says "update"; before it takes
 * over, every open form writes its draft, so the reload brings the input back. If another tab
 * accepted the update, this one reloads only when no form here holds unsaved input.
 */

export interface PwaState {
  updateWaiting: boolean;
  updating: boolean;
  /** another tab updated the app; this one keeps the old code until the user reloads */
  reloadNeeded: boolean;
  failed: boolean;
}

let state: PwaState = { updateWaiting: false, updating: false, reloadNeeded: false, failed: false };
const listeners = new Set<() => void>();
let workbox: Workbox | null = null;
let acceptedHere = false;

function set(patch: Partial<PwaState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function usePwaState(): PwaState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

const HOUR = 60 * 60 * 1000;

export async function startPwa(): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  workbox = wb;
  wb.addEventListener('waiting', () => set({ updateWaiting: true }));
  wb.addEventListener('controlling', (event) => {
    if (!event.isUpdate) return;
    if (acceptedHere || !hasUnsavedInput()) window.location.reload();
    else set({ reloadNeeded: true, updateWaiting: false });
  });
  await wb.register();
  const check = () => {
    if (navigator.onLine) void wb.update().catch(() => undefined);
  };
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  setInterval(check, HOUR);
}

/** The user said "update": save every draft, then let the waiting version take over. */
export async function acceptUpdate(): Promise<void> {
  if (!workbox) return;
  set({ updating: true, failed: false });
  try {
    await flushUnsaved();
    const { flushDrafts } = await import('../data/drafts');
    await flushDrafts();
  } catch {
    // A draft could not be written (e.g. full disk): do not reload over the user's input.
    set({ updating: false, failed: true });
    return;
  }
  acceptedHere = true;
  workbox.messageSkipWaiting();
}

export function dismissUpdate(): void {
  set({ updateWaiting: false });
}
