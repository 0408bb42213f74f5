import type { ReactNode } from 'react';
import { lazyScreen } from './lazyScreen';

/**
 * What the PIN opens, each in its own chunk: the session gate, the sync status in the header,
 * the navigation (by role) and Today. main.tsx preloads them as soon as the device is known to have
 * a PIN, so that the unlocked screen renders at once instead of suspending on each in turn.
 */
export const SessionGate = lazyScreen<{ children: ReactNode }>(() => import('./SessionGate'));
export const SyncStatus = lazyScreen(() => import('../features/status/SyncStatus'));
export const AppNav = lazyScreen(() => import('./AppNav'));
export const Today = lazyScreen(() => import('../features/today/TodayScreen'));

export function preloadUnlockedScreens(): void {
  for (const screen of [SessionGate, SyncStatus, AppNav, Today]) void screen.preload().catch(() => undefined);
}
