import { getLockState, subscribeLock } from '../data/vault/lockState';

const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));

/**
 * Runs `then` once the lock check knows this device: at once when it has a PIN (its vault is
 * found, before another tab hands over the key or the lock screen shows), after the page's load
 * and an idle moment when it has none yet (the PIN setup comes first there).
 *
 * Why at the vault and not at "unlocked": a key handed over arrives a few ms after the vault is
 * read. Started only then, the screens it opens were not in yet at that render, so it suspended,
 * and React holds a revealed boundary back for up to 300 ms (measured: 234 ms of idle main
 * thread between the key and the session's first read, 4× CPU throttle).
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
    const { status, vaultId } = getLockState();
    if (status === 'locked' || status === 'unlocked' || (status === 'checking' && vaultId)) run();
    else if (status === 'setup') {
      stop();
      if (document.readyState === 'complete') whenIdle(run);
      else window.addEventListener('load', () => whenIdle(run), { once: true });
    }
  };
  const stop = subscribeLock(check);
  check();
}
