import Dexie from 'dexie';
import { DB_NAME, setDatabase } from './db';

const CHANNEL = 'kyiv1325-device';

/**
 * Erases everything this app keeps on the device: records, drafts, outbox, session, server copies
 * (the whole IndexedDB database). Other open tabs are told first and reload, which closes their
 * connections so the deletion is not blocked. The app shell cache holds no personal data.
 */
export async function wipeDevice(): Promise<void> {
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ type: 'wiped' });
    channel.close();
  } catch {
    // No BroadcastChannel: other tabs find an empty database on their next read.
  }
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
    if (event.data?.type === 'wiped') onWiped();
  };
  return () => channel.close();
}
