/** A place in the app, as the address bar holds it. */
export interface Path {
  pathname: string;
  search: string;
  hash: string;
}

/** Where a link or a navigation goes: a path ("/records?x=1"), or its parts. */
export type To = string | Partial<Path>;

export function parsePath(path: string): Partial<Path> {
  const parsed: Partial<Path> = {};
  let rest = path;
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    parsed.hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  const searchAt = rest.indexOf('?');
  if (searchAt >= 0) {
    parsed.search = rest.slice(searchAt);
    rest = rest.slice(0, searchAt);
  }
  if (rest) parsed.pathname = rest;
  return parsed;
}

/** "?" and "#" only when there is something after them, as react-router writes them. */
export function createPath({ pathname = '/', search = '', hash = '' }: Partial<Path>): string {
  return pathname + (search && search !== '?' ? (search.startsWith('?') ? search : `?${search}`) : '') + (hash && hash !== '#' ? (hash.startsWith('#') ? hash : `#${hash}`) : '');
}

/**
 * The full path `to` means from `from`. The app writes absolute paths ("/records") and, through
 * useSearchParams, search-only ones ("?year=2025", same pathname); a relative pathname ("x",
 * "../x") is read from the current pathname as a folder, which is what react-router does for a
 * leaf route (every place the app navigates from).
 */
export function resolvePath(to: To, from: Path): Path {
  const parts = typeof to === 'string' ? parsePath(to) : to;
  const search = parts.search ?? '';
  const hash = parts.hash ?? '';
  // No pathname: this page, its search replaced (react-router drops the search for "#x" too).
  if (!parts.pathname) return { pathname: from.pathname, search, hash };
  if (parts.pathname.startsWith('/')) return { pathname: parts.pathname, search, hash };
  const segments = from.pathname.split('/').filter(Boolean);
  for (const segment of parts.pathname.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return { pathname: `/${segments.join('/')}`, search, hash };
}
