import { use } from 'react';
import type { Catalogue } from '../../shared/plan/catalogue-schema';
import { getStoredCatalogue } from '../data/catalogues';
import { META, setMeta } from '../data/meta';

/**
 * The plan catalogue is large, so it loads in its own chunk when the first screen that needs it
 * opens (precached, so offline too). A catalogue the server sent later takes precedence.
 */
let pending: Promise<Catalogue> | null = null;

async function load(): Promise<Catalogue> {
  const plan = await import('../../shared/plan/index');
  const bundled = plan.defaultCatalogue;
  let catalogue = bundled;
  try {
    const stored = await getStoredCatalogue(bundled.id);
    if (stored) catalogue = plan.loadCatalogue(stored);
  } catch {
    // A stored catalogue that no longer parses is ignored: the bundled one is always valid.
  }
  void setMeta(META.catalogueVersion, catalogue.version).catch(() => undefined);
  return catalogue;
}

export function catalogueResource(): Promise<Catalogue> {
  pending ??= load().catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

/** Suspends until the catalogue is loaded. */
export function useCatalogue(): Catalogue {
  return use(catalogueResource());
}
