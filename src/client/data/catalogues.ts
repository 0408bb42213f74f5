import { getDb } from './db';
import { guardWrite } from './errors';

/** A catalogue the server sent (newer than the one bundled with the app), if any. */
export async function getStoredCatalogue(id: string): Promise<unknown | null> {
  return (await getDb().catalogues.get(id))?.data ?? null;
}

export async function storeCatalogue(id: string, version: string, data: unknown): Promise<void> {
  await guardWrite(() => getDb().catalogues.put({ id, version, receivedAt: new Date().toISOString(), data }));
}
