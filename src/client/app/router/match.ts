import { Children, Fragment, isValidElement, type ReactNode } from 'react';

/** A <Route>'s props, read by <Routes>; a <Route> renders nothing itself. */
export interface RouteProps {
  /** relative to the parent route: "records", "events/:id", "*" */
  path?: string;
  /** the parent's own page (its path, nothing after it) */
  index?: boolean;
  /** what the route shows; a layout shows its child route through <Outlet/> */
  element?: ReactNode;
  children?: ReactNode;
}

export function Route(_props: RouteProps): ReactNode {
  throw new Error('<Route> may be used only as a child of <Routes> or of another <Route>');
}

export interface RouteConfig {
  path: string;
  index: boolean;
  element: ReactNode;
  children: RouteConfig[];
}

/** The <Route> elements under `children` (fragments looked through), as plain objects. */
export function routesFrom(children: ReactNode): RouteConfig[] {
  const routes: RouteConfig[] = [];
  Children.forEach(children, (child) => {
    if (!isValidElement(child)) return;
    const props = child.props as RouteProps;
    if (child.type === Fragment) routes.push(...routesFrom(props.children));
    else if (child.type === Route) routes.push({ path: props.path ?? '', index: props.index ?? false, element: props.element, children: routesFrom(props.children) });
    else throw new Error('<Routes> takes only <Route> elements');
  });
  return routes;
}

/** A route and its parents, root first, with the pattern their paths make together. */
interface Branch {
  routes: RouteConfig[];
  segments: string[];
  score: number;
  order: number;
}

const splitPath = (path: string) => path.split('/').filter(Boolean);

/**
 * react-router's ranking, so the same URL picks the same route: per segment 10 for a name, 3 for
 * a ":param"; 1 per segment and +2 for an index route; -2 for "*". Ties go to the first declared.
 */
function score(segments: string[], index: boolean): number {
  let total = segments.length + (index ? 2 : 0);
  for (const s of segments) total += s === '*' ? -2 : s.startsWith(':') ? 3 : 10;
  return total;
}

export function branchesOf(routes: RouteConfig[], parents: RouteConfig[] = [], parentSegments: string[] = [], out: Branch[] = []): Branch[] {
  for (const route of routes) {
    const chain = [...parents, route];
    const segments = [...parentSegments, ...splitPath(route.path)];
    if (route.children.length) branchesOf(route.children, chain, segments, out);
    // A layout without a path of its own matches only through its children.
    if (route.path || route.index) out.push({ routes: chain, segments, score: score(segments, route.index), order: out.length });
  }
  return out;
}

export function rank(branches: Branch[]): Branch[] {
  return [...branches].sort((a, b) => b.score - a.score || a.order - b.order);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface Match {
  routes: RouteConfig[];
  params: Record<string, string>;
}

/** The first ranked branch whose pattern the pathname fits; names compare case-insensitively. */
export function matchPath(ranked: Branch[], pathname: string): Match | null {
  const parts = splitPath(pathname);
  for (const branch of ranked) {
    const params: Record<string, string> = {};
    let fits = true;
    for (let i = 0; fits && i < branch.segments.length; i++) {
      const pattern = branch.segments[i]!;
      if (pattern === '*') {
        params['*'] = parts.slice(i).map(decode).join('/');
        break;
      }
      const part = parts[i];
      if (part === undefined) fits = false;
      else if (pattern.startsWith(':')) params[pattern.slice(1)] = decode(part);
      else fits = pattern.toLowerCase() === decode(part).toLowerCase();
    }
    const splat = branch.segments.at(-1) === '*';
    if (fits && (splat || parts.length === branch.segments.length)) return { routes: branch.routes, params };
  }
  return null;
}
