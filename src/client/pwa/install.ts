import { useSyncExternalStore } from 'react';

/**
 * Installing the app to the home screen, offered once, at a calm moment (after a record is
 * saved), never before and never again once declined on this device.
 *
 * Chromium (Android, desktop) fires `beforeinstallprompt` when the app may be installed: it is
 * kept (its default mini-bar suppressed) and its `prompt()` is called from the offer's button.
 * iOS Safari has no such event: the offer there says how (Share → Add to Home Screen). Elsewhere,
 * or when the app already runs installed, nothing is offered.
 */

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform?: string }>;
}

/** Remembered on the device (no personal data): the offer was declined or the app installed. */
export const INSTALL_DONE_KEY = 'kyiv1325-install-offer';

export type InstallWay = 'prompt' | 'ios' | null;

interface State {
  deferred: InstallPromptEvent | null;
  /** a record was saved in this visit: the calm moment has come */
  armed: boolean;
  done: boolean;
}

let state: State = { deferred: null, armed: false, done: readDone() };
const listeners = new Set<() => void>();

function readDone(): boolean {
  try {
    return (globalThis.localStorage?.getItem(INSTALL_DONE_KEY) ?? null) !== null;
  } catch {
    return false;
  }
}

function set(patch: Partial<State>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function remember(why: 'dismissed' | 'installed'): void {
  try {
    globalThis.localStorage?.setItem(INSTALL_DONE_KEY, why);
  } catch {
    // Private mode without storage: the offer still goes for this visit.
  }
  set({ done: true, deferred: null });
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    set({ deferred: event as InstallPromptEvent });
  });
  window.addEventListener('appinstalled', () => remember('installed'));
}

function standalone(): boolean {
  const nav = globalThis.navigator as Navigator & { standalone?: boolean };
  return nav?.standalone === true || (typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches);
}

/** iOS or iPadOS Safari (an iPad says "Macintosh" but has touch); other iOS browsers cannot install. */
function iosSafari(): boolean {
  const ua = globalThis.navigator?.userAgent ?? '';
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && (globalThis.navigator?.maxTouchPoints ?? 0) > 1);
  return ios && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(ua);
}

/** A record was saved: from now on in this visit the offer may show. */
export function armInstallOffer(): void {
  if (!state.armed) set({ armed: true });
}

export function declineInstall(): void {
  remember('dismissed');
}

/** The browser's own install dialog; what the person chose there is remembered either way. */
export async function promptInstall(): Promise<void> {
  const event = state.deferred;
  if (!event) return;
  await event.prompt();
  const choice = await event.userChoice.catch(() => ({ outcome: 'dismissed' as const }));
  remember(choice.outcome === 'accepted' ? 'installed' : 'dismissed');
}

/** How this device would install, if the offer is due now; null when it is not. */
export function useInstallOffer(): InstallWay {
  const s = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
  if (s.done || !s.armed || standalone()) return null;
  if (s.deferred) return 'prompt';
  return iosSafari() ? 'ios' : null;
}
