import { lazy, type ComponentType } from 'react';

/**
 * A screen in its own chunk. If the chunk fails to load (e.g. an old tab after an update removed
 * it from the cache), one reload fetches the current app instead of leaving a blank screen. A
 * screen that brings its own texts exports `ready` (their English, when that is the language):
 * it first renders once they are in.
 */
export function lazyScreen(load: () => Promise<{ default: ComponentType; ready?: Promise<void> }>) {
  return lazy(async () => {
    try {
      const module = await load();
      await module.ready;
      sessionStorage.removeItem('kyiv1325.chunkReload');
      return module;
    } catch (error) {
      if (!sessionStorage.getItem('kyiv1325.chunkReload')) {
        sessionStorage.setItem('kyiv1325.chunkReload', '1');
        window.location.reload();
      }
      throw error;
    }
  });
}
