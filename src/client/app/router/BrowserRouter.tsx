import { startTransition, useLayoutEffect, useState, type ReactNode } from 'react';
import { LocationContext, NavigateContext, type NavigateFunction, type NavigateOptions } from './context';
import { createBrowserHistory } from './history';
import { resolvePath, type To } from './path';

/**
 * The router over the browser's address bar. Every navigation (links, navigate(), back/forward)
 * renders as a transition, as react-router 7 does: a screen whose chunk is still loading suspends,
 * and React keeps showing the previous screen instead of the Suspense fallback.
 * No scroll restoration: the app never had one (the browser's own applies to back/forward).
 */
export function BrowserRouter({ children }: { children?: ReactNode }) {
  const [history] = useState(createBrowserHistory);
  const [location, setLocation] = useState(history.location);
  const [navigate] = useState<NavigateFunction>(
    () =>
      ((to: To | number, options: NavigateOptions = {}) => {
        if (typeof to === 'number') return history.go(to);
        const path = resolvePath(to, history.location());
        if (options.replace) history.replace(path, options.state);
        else history.push(path, options.state);
      }) as NavigateFunction,
  );
  // A layout effect, as react-router's: subscribed before any child's effect may navigate.
  useLayoutEffect(() => history.listen((next) => startTransition(() => setLocation(next))), [history]);

  return (
    <NavigateContext.Provider value={navigate}>
      <LocationContext.Provider value={location}>{children}</LocationContext.Provider>
    </NavigateContext.Provider>
  );
}
