/**
 * The app's router: the part of react-router's API the app uses, over the browser's history
 * (react-router 7 was ~20 KB gzip of Today's first load). History entries keep react-router's
 * shape, {usr, key, idx}.
 */
export { BrowserRouter } from './BrowserRouter';
export { useLocation, useNavigate, useParams, type NavigateFunction, type NavigateOptions, type Params } from './context';
export type { Location } from './history';
export { Link, Navigate, NavLink, type LinkProps, type NavLinkProps } from './links';
export { Route, type RouteProps } from './match';
export type { Path, To } from './path';
export { Outlet, Routes } from './Routes';
export { useSearchParams, type SearchParamsInit } from './searchParams';
