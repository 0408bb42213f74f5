import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, type NavigateOptions } from './context';

export type SearchParamsInit = string | URLSearchParams | [string, string][] | Record<string, string | string[]>;

/** react-router's createSearchParams: a record's array values become repeated keys. */
function searchParamsOf(init: SearchParamsInit): URLSearchParams {
  if (typeof init === 'string' || init instanceof URLSearchParams || Array.isArray(init)) return new URLSearchParams(init);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(init)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params;
}

/**
 * The address's query, and a setter that navigates to this page with another one (a new history
 * entry unless `replace`).
 */
export function useSearchParams(): [URLSearchParams, (next: SearchParamsInit | ((prev: URLSearchParams) => SearchParamsInit), options?: NavigateOptions) => void] {
  const { search } = useLocation();
  const navigate = useNavigate();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const set = useCallback(
    (next: SearchParamsInit | ((prev: URLSearchParams) => SearchParamsInit), options?: NavigateOptions) =>
      navigate(`?${searchParamsOf(typeof next === 'function' ? next(new URLSearchParams(params)) : next)}`, options),
    [navigate, params],
  );
  return [params, set];
}
