import { createContext, useContext, type ReactNode } from 'react';
import type { Location } from './history';
import type { To } from './path';

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export interface NavigateFunction {
  (to: To, options?: NavigateOptions): void;
  /** back (-1) or forward through the browser's history */
  (delta: number): void;
}

export type Params = Readonly<Record<string, string | undefined>>;

export const NavigateContext = createContext<NavigateFunction | null>(null);
export const LocationContext = createContext<Location | null>(null);

/** One level of the matched routes: what its <Outlet/> shows, and the path's params. */
export interface RouteLevel {
  outlet: ReactNode;
  params: Params;
}
export const RouteContext = createContext<RouteLevel>({ outlet: null, params: {} });

function inRouter<T>(value: T | null, hook: string): T {
  if (value === null) throw new Error(`${hook}() may be used only inside <BrowserRouter>`);
  return value;
}

export function useLocation(): Location {
  return inRouter(useContext(LocationContext), 'useLocation');
}

/** The same function for the router's whole life: effects may depend on it without re-running. */
export function useNavigate(): NavigateFunction {
  return inRouter(useContext(NavigateContext), 'useNavigate');
}

export function useParams(): Params {
  return useContext(RouteContext).params;
}
