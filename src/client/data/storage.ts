/**
 * Persistent storage: without it a browser may evict the database under disk pressure, and the
 * day's records with it. Asked once at start; the answer and the usage are shown to the user.
 */

export interface StorageState {
  /** null: this browser cannot say */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function requestPersistence(): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persisted) return null;
  try {
    if (await storage.persisted()) return true;
    return storage.persist ? await storage.persist() : false;
  } catch {
    return null;
  }
}

export async function storageState(): Promise<StorageState> {
  const storage = globalThis.navigator?.storage;
  const persisted = storage?.persisted ? await storage.persisted().catch(() => null) : null;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => null) : null;
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
