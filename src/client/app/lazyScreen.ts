import { createElement, lazy, type ComponentType, type ReactNode } from 'react';

export interface LazyScreen<P extends object> {
  (props: P): ReactNode;
  /** Starts loading the chunk; once it is in, the screen renders without suspending. */
  preload(): Promise<void>;
}

/**
 * A screen in its own chunk. If the chunk fails to load (e.g. an old tab after an update removed
 * it from the cache), one reload fetches the current app instead of leaving a blank screen. A
 * screen that brings its own texts exports `ready` (their English, when that is the language):
 * it first renders once they are in.
 *
 * Once the chunk is in (preloaded, or shown before), the screen renders directly rather than
 * through React.lazy, which suspends on every first render even for a module already loaded,
 * and React holds a revealed boundary back for up to 300 ms to batch reveals: on the way to
 * Today that was three waits (gate, status, Today), about 350 ms at 4× CPU throttle.
 */
export function lazyScreen<P extends object = object>(load: () => Promise<{ default: ComponentType<P>; ready?: Promise<void> }>): LazyScreen<P> {
  let component: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (pending ??= load().then(
      async (module) => {
        await module.ready;
        sessionStorage.removeItem('kyiv1325.chunkReload');
        component = module.default;
        return module;
      },
      (error: unknown) => {
        pending = null;
        if (!sessionStorage.getItem('kyiv1325.chunkReload')) {
          sessionStorage.setItem('kyiv1325.chunkReload', '1');
          window.location.reload();
        }
        throw error;
      },
    ));
  const Lazy = lazy(start);
  const Screen = ((props: P) => (component ? createElement(component, props) : createElement(Lazy as ComponentType<P>, props))) as LazyScreen<P>;
  Screen.preload = () => start().then(() => undefined);
  return Screen;
}
