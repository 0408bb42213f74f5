/** The API (and the health check): JSON answers, never the app shell, never cached. */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz');
}
