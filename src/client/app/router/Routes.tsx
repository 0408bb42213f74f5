import { useContext, useMemo, type ReactNode } from 'react';
import { RouteContext, useLocation } from './context';
import { branchesOf, matchPath, rank, routesFrom } from './match';

/**
 * Shows the route the address matches, inside its layouts. No keys: moving between two routes
 * that show the same screen (records ↔ records/:id) keeps it mounted, as react-router does.
 */
export function Routes({ children }: { children?: ReactNode }) {
  const { pathname } = useLocation();
  const ranked = useMemo(() => rank(branchesOf(routesFrom(children))), [children]);
  const match = useMemo(() => matchPath(ranked, pathname), [ranked, pathname]);
  if (!match) return null;
  let outlet: ReactNode = null;
  for (const route of [...match.routes].reverse()) {
    outlet = <RouteContext.Provider value={{ outlet, params: match.params }}>{route.element === undefined ? <Outlet /> : route.element}</RouteContext.Provider>;
  }
  return outlet;
}

/** Where a layout route shows its matched child route. */
export function Outlet(): ReactNode {
  return useContext(RouteContext).outlet;
}
