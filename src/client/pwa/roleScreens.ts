import type { Role } from '../../shared/sync/protocol';

/**
 * The screens of roles other than the field worker's are not in the service worker's precache
 * (the field shell stays small). When a user is signed in on this device, the screens of their
 * role are put into the cache the worker serves them from (`kyiv1325-screens`, the runtime
 * route in vite.config.ts), so they open offline after the first login. The list of files comes
 * from index.html (written by scripts/role-screens.ts), i.e. from the build this page runs; a
 * new version caches its own files at its first start online and drops the old ones.
 */

export const SCREENS_CACHE = 'kyiv1325-screens';
const META_NAME = 'kyiv1325-screens';

type Groups = Partial<Record<'everyone' | 'reviewer' | 'admin', string[]>>;

function groups(): Groups | null {
  const element = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>(`meta[name="${META_NAME}"]`);
  if (!element?.content) return null;
  try {
    return JSON.parse(element.content) as Groups;
  } catch {
    return null;
  }
}

/** The files a role's screens need beyond the field shell. */
export function screenFilesFor(role: Role | null, all: Groups | null = groups()): string[] {
  if (!all) return [];
  const files = [...(all.everyone ?? [])];
  if (role === 'supervisor' || role === 'admin') files.push(...(all.reviewer ?? []));
  if (role === 'admin') files.push(...(all.admin ?? []));
  return [...new Set(files)];
}

let running: Promise<void> | null = null;
let doneFor: string | null = null;

/**
 * Caches the screens of `role` that are not cached yet. Without Cache Storage (an insecure
 * origin, an old browser) or offline it does nothing: the next start online tries again.
 */
export function cacheRoleScreens(role: Role | null): Promise<void> {
  const key = role ?? 'local';
  if (doneFor === key) return Promise.resolve();
  if (running) return running.then(() => cacheRoleScreens(role));
  running = (async () => {
    const all = groups();
    if (!all || typeof caches === 'undefined' || !navigator.onLine) return;
    const wanted = screenFilesFor(role, all);
    const cache = await caches.open(SCREENS_CACHE);
    const missing: string[] = [];
    for (const file of wanted) if (!(await cache.match(file))) missing.push(file);
    if (missing.length) await cache.addAll(missing);
    // Files of earlier versions (hashed names this build does not list) are dead weight.
    const current = new Set(Object.values(all).flat());
    for (const request of await cache.keys()) {
      if (!current.has(new URL(request.url).pathname)) await cache.delete(request);
    }
    doneFor = key;
  })()
    .catch(() => undefined)
    .finally(() => {
      running = null;
    });
  return running;
}
