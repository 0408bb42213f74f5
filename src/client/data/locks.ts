/**
 * One holder at a time across every tab of this origin (Web Locks). Where the browser has no
 * Web Locks, a lock within this page is the best that can be done.
 */
const local = new Map<string, Promise<unknown>>();

export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(name, fn) as Promise<T>;
  const previous = local.get(name) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  local.set(name, run);
  try {
    return await run;
  } finally {
    if (local.get(name) === run) local.delete(name);
  }
}

/**
 * Runs `fn` only if nobody holds the lock now; otherwise returns `busy` at once. For work that
 * another tab is already doing (an automatic sync): waiting would only repeat it.
 */
export async function tryLock<T, B>(name: string, fn: () => Promise<T>, busy: B): Promise<T | B> {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(name, { ifAvailable: true }, (lock) => (lock ? fn() : busy)) as Promise<T | B>;
  if (local.has(name)) return busy;
  return withLock(name, fn);
}
