import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from './db';
import { setMeta } from './meta';

/**
 * The social groups (and organisations) a brigade counts most, kept on the device so the tally
 * offers them as one-tap chips instead of a list of two dozen: the last few chosen, and the ones
 * a person pinned. Value ids only: no counts, nothing about anyone served.
 */
export type ChoiceDimension = 'group' | 'sphere';
export const RECENT_LIMIT = 4;

export interface LayerChoices {
  recent: string[];
  pinned: string[];
}

const keys = (dim: ChoiceDimension) => ({ recent: `recent.${dim}`, pinned: `pinned.${dim}` });

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export async function readLayerChoices(dim: ChoiceDimension): Promise<LayerChoices> {
  const k = keys(dim);
  const rows = await getDb().meta.bulkGet([k.recent, k.pinned]);
  return { recent: list(rows[0]?.value), pinned: list(rows[1]?.value) };
}

/** A value was chosen: it goes first among the recent ones. */
export async function noteLayerChosen(dim: ChoiceDimension, value: string): Promise<void> {
  const { recent } = await readLayerChoices(dim);
  if (recent[0] === value) return;
  await setMeta(keys(dim).recent, [value, ...recent.filter((v) => v !== value)].slice(0, RECENT_LIMIT));
}

export async function togglePinned(dim: ChoiceDimension, value: string): Promise<void> {
  const { pinned } = await readLayerChoices(dim);
  await setMeta(keys(dim).pinned, pinned.includes(value) ? pinned.filter((v) => v !== value) : [...pinned, value]);
}

/** Live: undefined while loading. */
export function useLayerChoices(dim: ChoiceDimension): LayerChoices | undefined {
  return useLiveQuery(() => readLayerChoices(dim), [dim]);
}
