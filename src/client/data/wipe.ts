import Dexie from 'dexie';
import { DB_NAME, setDatabase } from './db';
import { forgetVault } from './vault/lockState';
import { scrubFreedStorage } from './vault/scrub';

const CHANNEL = 'kyiv1325-device';

/** This tab is erasing: its own "wiped" message (a channel reaches every other object, in this tab too) is not for it. */
let wipingHere = false;

/**
 * Erases everything this app keeps on the device: records, drafts, outbox, session, server copies
 * and the wrapped key (the whole IndexedDB database), and drops the data key from memory, so what
 * LevelDB may still hold of the old rows is ciphertext without a key. Other open tabs are told
 * first and reload, which closes their connections so the deletion is not blocked. The app shell
 * cache holds no personal data.
 */
export async function wipeDevice(): Promise<void> {
  wipingHere = true;
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ type: 'wiped' });
    channel.close();
  } catch {
    // No BroadcastChannel: other tabs find an empty database on their next read.
  }
  forgetVault();
  setDatabase(null);
  await Dexie.delete(DB_NAME);
  try {
    sessionStorage.clear();
  } catch {
    // private mode: nothing stored there
  }
}

/** Wipes, then pushes the deleted rows' bytes out of the browser's files (vault/scrub.ts). */
export async function eraseDevice(): Promise<void> {
  await wipeDevice();
  await scrubFreedStorage();
}

/** Calls `onWiped` when another tab erased the device (this tab should reload then). */
export function onDeviceWiped(onWiped: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'wiped' && !wipingHere) onWiped();
  };
  return () => channel.close();
}
