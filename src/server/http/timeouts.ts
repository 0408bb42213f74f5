import type { ServerOptions } from 'node:http';

/**
 * How long a client may take, so a slow or stalled one (slowloris: headers sent a byte at a
 * time, a body that never ends, a connection left open) cannot hold sockets and memory forever.
 * Generous for a tablet on a weak mobile link: a full 1 MB batch at 10 kB/s still fits.
 */
export interface ServerTimeouts {
  /** from the first byte of a request to the end of its headers */
  headersMs: number;
  /** from the first byte of a request to the end of its body */
  requestMs: number;
  /** a connection with no traffic either way is closed */
  connectionMs: number;
  /** an idle keep-alive connection waits this long for the next request */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 15_000, requestMs: 120_000, connectionMs: 60_000, keepAliveMs: 10_000 };

/** Fastify's options for them; Node enforces the header and request limits on a timer, so it runs often. */
export function timeoutOptions(t: ServerTimeouts): {
  connectionTimeout: number;
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
} {
  const headersMs = Math.min(t.headersMs, t.requestMs);
  return {
    connectionTimeout: t.connectionMs,
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: t.requestMs,
    http: {
      headersTimeout: headersMs,
      requestTimeout: t.requestMs,
      // Node checks both limits every this many ms (default 30 s, far longer than a short limit).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersMs / 4))),
    },
  };
}
