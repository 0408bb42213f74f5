import { getLockState, subscribeLock } from '../data/vault/lockState';

const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));

/**
 * Runs `then` once the lock check knows this device: at once when it has a PIN (locked, or
 * unlocked by a key another tab handed over), after the page's load and an idle moment when it
 * has none yet (the PIN setup comes first there).
 */
export function whenVaultKnown(then: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    stop();
    then();
  };
  const check = () => {
    const { status } = getLockState();
    if (status === 'locked' || status === 'unlocked') run();
    else if (status === 'setup') {
      stop();
      if (document.readyState === 'complete') whenIdle(run);
      else window.addEventListener('load', () => whenIdle(run), { once: true });
    }
  };
  const stop = subscribeLock(check);
  check();
}
