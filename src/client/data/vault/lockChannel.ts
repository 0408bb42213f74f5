import { getLockState, holdKey, sharedKey, subscribeLock } from './lockState';

/**
 * How the open tabs of the app share one lock (BroadcastChannel, same origin only):
 * - a tab that starts while another is unlocked asks for the key and gets it (a CryptoKey is
 *   handed over as an object, in memory; non-extractable, it never becomes bytes a script can read);
 * - unlocking in one tab unlocks the others; locking in one (button, inactivity) locks them all;
 * - activity in any tab counts for all, so a tab in the background does not lock the one in use.
 * A cold start (no tab unlocked) asks for the PIN.
 *
 * An unlocked tab holds a shared Web Lock (HOLDER) for as long as it has the key, so a starting
 * tab sees at once whether any tab could answer: alone, it shows the lock screen without waiting
 * out the question (it used to wait 400 ms on every cold start).
 */

type Message =
  | { type: 'key?' }
  | { type: 'key'; vaultId: string; key: CryptoKey }
  | { type: 'lock' }
  | { type: 'active'; at: number };

const NAME = 'kyiv1325-lock';
const HOLDER = 'kyiv1325-key-holder';

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

let releaseHolder: (() => void) | null = null;

/** Holds HOLDER while this tab is unlocked, lets it go when it locks. */
function followKey(): void {
  const unlocked = getLockState().status === 'unlocked';
  if (unlocked && !releaseHolder && typeof navigator !== 'undefined' && navigator.locks) {
    const held = new Promise<void>((resolve) => (releaseHolder = resolve));
    void navigator.locks.request(HOLDER, { mode: 'shared' }, () => held).catch(() => undefined);
  } else if (!unlocked && releaseHolder) {
    releaseHolder();
    releaseHolder = null;
  }
}

/** False when no tab holds the key (by its Web Lock); true when one may (or the browser cannot tell). */
async function someTabHoldsKey(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.locks?.query) return true;
  try {
    const { held } = await navigator.locks.query();
    return (held ?? []).some((lock) => lock.name === HOLDER);
  } catch {
    return true;
  }
}

export function startLockChannel(on: { onLock: () => void; onActivity: (at: number) => void }): void {
  handlers = on;
  if (!channel) {
    subscribeLock(followKey);
    followKey();
  }
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(NAME);
  channel.onmessage = (event: MessageEvent<Message>) => receive(event.data);
}

/** Asks the other tabs for the key; true if one answered within `waitMs`. */
export async function askForKey(waitMs: number): Promise<boolean> {
  if (!channel || !(await someTabHoldsKey())) return false;
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
