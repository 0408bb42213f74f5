import { startTransition, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { LocationContext, NavigateContext, type NavigateFunction, type NavigateOptions } from './context';
import { createBrowserHistory } from './history';
import { resolvePath, type To } from './path';

/**
 * The router over the browser's address bar. Every navigation (links, navigate(), back/forward)
 * renders as a transition, as react-router 7 does: a screen whose chunk is still loading suspends,
 * and React keeps showing the previous screen instead of the Suspense fallback.
 * A navigation to another screen shows it from its top, once it is rendered (the bar at the
 * bottom is tapped from anywhere down the page before; the new screen opened scrolled as far).
 * One within the screen (its query: filters, the year) keeps the place; back and forward are
 * the browser's own scroll restoration.
 */
export function BrowserRouter({ children }: { children?: ReactNode }) {
  const [history] = useState(createBrowserHistory);
  const [location, setLocation] = useState(history.location);
  const toTop = useRef(false);
  const [navigate] = useState<NavigateFunction>(
    () =>
      ((to: To | number, options: NavigateOptions = {}) => {
        if (typeof to === 'number') return history.go(to);
        const path = resolvePath(to, history.location());
        toTop.current = path.pathname !== history.location().pathname;
        if (options.replace) history.replace(path, options.state);
        else history.push(path, options.state);
      }) as NavigateFunction,
  );
  // A layout effect, as react-router's: subscribed before any child's effect may navigate.
  useLayoutEffect(() => history.listen((next) => startTransition(() => setLocation(next))), [history]);
  useLayoutEffect(() => {
    if (!toTop.current) return;
    toTop.current = false;
    window.scrollTo(0, 0);
  }, [location]);

  return (
    <NavigateContext.Provider value={navigate}>
      <LocationContext.Provider value={location}>{children}</LocationContext.Provider>
    </NavigateContext.Provider>
  );
}
