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
