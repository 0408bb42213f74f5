import { useSyncExternalStore } from 'react';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';

/**
 * The title of the plan in use, for the footer: remembered in localStorage (a plan's title is no
 * one's data) so the shell shows the right territory's plan before the catalogue chunk loads.
 */
const KEY = 'kyiv1325.planTitle';
const listeners = new Set<() => void>();
let current: LocalizedText | null | undefined;

function read(): LocalizedText | null {
  if (current !== undefined) return current;
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<LocalizedText>) : null;
    current = parsed && typeof parsed.uk === 'string' && typeof parsed.en === 'string' ? { uk: parsed.uk, en: parsed.en } : null;
  } catch {
    current = null;
  }
  return current;
}

/** Called when a plan becomes the one in use (catalogue.ts); null: the built-in plan, which the footer names in short. */
export function rememberPlanTitle(title: LocalizedText | null): void {
  const known = read();
  if (known?.uk === title?.uk && known?.en === title?.en) return;
  current = title ? { uk: title.uk, en: title.en } : null;
  try {
    if (current) globalThis.localStorage?.setItem(KEY, JSON.stringify(current));
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // storage refused: the footer still shows it until the app closes
  }
  listeners.forEach((l) => l());
}

/** The title of the plan in use when it is not the built-in one (the footer then names that one in short). */
export function usePlanTitle(): LocalizedText | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
  );
}
