import { onDeviceWiped } from '../../data/wipe';
import { startLockChannel } from '../../data/vault/lockChannel';
import { getLockState, subscribeLock } from '../../data/vault/lockState';
import { checkLock } from '../../data/vault/unlock';
import { noteRemoteActivity, startIdleLock, stopIdleLock } from './idle';
import { lockNow } from './lockNow';

let started = false;

/**
 * Runs the lock for this tab, from the start (main.tsx): finds out whether a PIN is set and
 * whether another tab can hand over the key; locks after inactivity while unlocked; follows the
 * other tabs (their lock, their activity); reloads when another tab erased the device.
 */
export function startLockKeeper(): void {
  if (started) return;
  started = true;
  startLockChannel({ onLock: () => void lockNow({ fromOtherTab: true }), onActivity: noteRemoteActivity });
  let watching = false;
  const follow = () => {
    const unlocked = getLockState().status === 'unlocked';
    if (unlocked && !watching) startIdleLock(() => void lockNow());
    if (!unlocked && watching) stopIdleLock();
    watching = unlocked;
  };
  subscribeLock(follow);
  follow();
  // A fresh start: nothing of the erased device stays in this tab's memory either.
  onDeviceWiped(() => window.location.assign('/'));
  void checkLock();
}
