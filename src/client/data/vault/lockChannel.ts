import { getLockState, holdKey, sharedKey } from './lockState';

/**
 * How the open tabs of the app share one lock (BroadcastChannel, same origin only):
 * - a tab that starts while another is unlocked asks for the key and gets it (a CryptoKey is
 *   handed over as an object, in memory; non-extractable, it never becomes bytes a script can read);
 * - unlocking in one tab unlocks the others; locking in one (button, inactivity) locks them all;
 * - activity in any tab counts for all, so a tab in the background does not lock the one in use.
 * A cold start (no tab unlocked) asks for the PIN.
 */

type Message =
  | { type: 'key?' }
  | { type: 'key'; vaultId: string; key: CryptoKey }
  | { type: 'lock' }
  | { type: 'active'; at: number };

const NAME = 'kyiv1325-lock';

let channel: BroadcastChannel | null = null;
let handlers: { onLock: () => void; onActivity: (at: number) => void } = { onLock: () => undefined, onActivity: () => undefined };
const keyWaiters = new Set<() => void>();

function post(message: Message): void {
  try {
    channel?.postMessage(message);
  } catch {
    // The channel is closed (page unloading): nothing to tell.
  }
}

function receive(message: Message): void {
  if (message.type === 'key?') {
    const held = sharedKey();
    if (held) post({ type: 'key', ...held });
  } else if (message.type === 'key') {
    const { status, vaultId } = getLockState();
    // A key for this device's vault, or for one another tab just made while this one waited for a PIN.
    if (status !== 'unlocked' && (vaultId === message.vaultId || status === 'checking' || status === 'setup')) {
      holdKey(message.key, message.vaultId);
      for (const waiter of keyWaiters) waiter();
    }
  } else if (message.type === 'lock') handlers.onLock();
  else if (message.type === 'active') handlers.onActivity(message.at);
}

export function startLockChannel(on: { onLock: () => void; onActivity: (at: number) => void }): void {
  handlers = on;
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(NAME);
  channel.onmessage = (event: MessageEvent<Message>) => receive(event.data);
}

/** Asks the other tabs for the key; true if one answered within `waitMs`. */
export function askForKey(waitMs: number): Promise<boolean> {
  if (!channel) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (got: boolean) => {
      clearTimeout(timer);
      keyWaiters.delete(onKey);
      resolve(got);
    };
    const onKey = () => done(true);
    const timer = setTimeout(() => done(false), waitMs);
    keyWaiters.add(onKey);
    post({ type: 'key?' });
  });
}

/** This tab was just unlocked (PIN typed or set): the other tabs unlock too. */
export function announceKey(): void {
  const held = sharedKey();
  if (held) post({ type: 'key', ...held });
}

export function announceLock(): void {
  post({ type: 'lock' });
}

export function announceActivity(at: number): void {
  post({ type: 'active', at });
}
