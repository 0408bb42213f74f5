import { getCodec } from './codec';
import { getDb } from './db';
import { guardWrite } from './errors';

/**
 * Form drafts: what a form holds, saved on every change, so a reload, a crash or an app update
 * never loses typed input. One draft per form key.
 */

export interface Draft<T> {
  key: string;
  form: string;
  recordId: string;
  updatedAt: string;
  data: T;
}

export async function loadDraft<T>(key: string): Promise<Draft<T> | null> {
  const row = await getDb().drafts.get(key);
  if (!row) return null;
  return { key: row.key, form: row.form, recordId: row.recordId, updatedAt: row.updatedAt, data: (await getCodec().decode(row.payload)) as T };
}

// Writes per key run one after another, so an older snapshot never lands after a newer one.
const chains = new Map<string, Promise<unknown>>();

export function saveDraft<T>(draft: Omit<Draft<T>, 'updatedAt'>): Promise<void> {
  const previous = chains.get(draft.key) ?? Promise.resolve();
  // Encrypted at once, beside the render the same tap causes; only the writes wait their turn.
  const encoded = getCodec().encode(draft.data);
  encoded.catch(() => undefined);
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const payload = await encoded;
      await guardWrite(() =>
        getDb().drafts.put({ key: draft.key, form: draft.form, recordId: draft.recordId, updatedAt: new Date().toISOString(), payload }),
      );
    });
  chains.set(draft.key, next);
  void next.finally(() => {
    if (chains.get(draft.key) === next) chains.delete(draft.key);
  }).catch(() => undefined);
  return next;
}

/** Waits for every draft write already started (before an update reload, for instance). */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...chains.values()].map((p) => p.catch(() => undefined)));
}

export async function deleteDraft(key: string): Promise<void> {
  await (chains.get(key)?.catch(() => undefined) ?? Promise.resolve());
  await guardWrite(() => getDb().drafts.delete(key));
}

export async function listDraftKeys(): Promise<{ key: string; form: string; updatedAt: string }[]> {
  const rows = await getDb().drafts.toArray();
  return rows.map(({ key, form, updatedAt }) => ({ key, form, updatedAt }));
}
