import Dexie from 'dexie';
import { DB_NAME, setDatabase } from './db';
import { forgetVault } from './vault/lockState';

const CHANNEL = 'kyiv1325-device';

/** This tab is erasing: its own "wiped" message (a channel reaches every other object, in this tab too) is not for it. */
let wipingHere = false;

/**
 * Erases everything this app keeps on the device: records, drafts, outbox, session, server copies
 * and the wrapped key (the whole IndexedDB database), and drops the data key from memory. Chromium's
 * LevelDB may keep the deleted rows' bytes in its files until it compacts them: they are ciphertext,
 * and the key that opens them is gone from memory (only the PIN could unwrap a leftover copy of
 * the wrapped key; docs/client-sync.md). Other open tabs are told first and reload, which closes
 * their connections so the deletion is not blocked. The app shell cache holds no personal data.
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

/** Calls `onWiped` when another tab erased the device (this tab should reload then). */
export function onDeviceWiped(onWiped: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<{ type?: string }>) => {
    if (event.data?.type === 'wiped' && !wipingHere) onWiped();
  };
  return () => channel.close();
}
