import { flushUnsaved } from '../../app/unsaved';
import { announceLock } from '../../data/vault/lockChannel';
import { dropKey, getLockState, hideData } from '../../data/vault/lockState';

const FLUSH_LIMIT_MS = 2_000;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Locks this tab (and, unless another tab asked, all the others). The screens go at once; the key
 * stays a moment so that open forms write their drafts (they come back after the unlock), then
 * leaves memory. A draft that cannot be written within the limit is not waited for.
 */
export async function lockNow(options: { fromOtherTab?: boolean } = {}): Promise<void> {
  if (getLockState().status !== 'unlocked') return;
  // Started before the screens go: the forms are still there to say what they hold.
  const flushing = flushUnsaved()
    .then(() => import('../../data/drafts'))
    .then((m) => m.flushDrafts())
    .catch(() => undefined);
  hideData();
  if (!options.fromOtherTab) announceLock();
  await Promise.race([flushing, wait(FLUSH_LIMIT_MS)]);
  dropKey();
}
