// The numbers and paths of the sync protocol, apart from its schemas (protocol.ts, which
// re-exports them), so the sync engine and the app's first screen need no schema library.

/**
 * The sync protocol's versions. A device sends the version it speaks (`SYNC_PROTOCOL_VERSION`,
 * the current one) on every push and pull; the server serves MIN_SYNC_PROTOCOL_VERSION up to
 * its current version and answers 426 `client_too_old` below that range, 422 `server_too_old`
 * above it. Raise the current version on any change a device of the previous one could misread;
 * raise the minimum when the server stops serving an old one.
 *
 * 2: pulls carry the version too; the pull cursor carries the user's scope, and a pull answer
 *    may say `reset` (the device then drops what it pulled before).
 */
export const MIN_SYNC_PROTOCOL_VERSION = 2;
export const SYNC_PROTOCOL_VERSION = 2;

/** A batch is capped both ways so one push fits a weak link and one server transaction. */
export const MAX_BATCH_RECORDS = 200;
export const MAX_BATCH_BYTES = 1_000_000;
export const MAX_PULL_RECORDS = 500;

export const API_PREFIX = '/api/v1';

/** The pull request's path under API_PREFIX: this protocol version, and the cursor when there is one. */
export function pullPath(since: string | null, limit?: number): string {
  const query = [`protocolVersion=${SYNC_PROTOCOL_VERSION}`];
  if (since) query.push(`since=${encodeURIComponent(since)}`);
  if (limit !== undefined) query.push(`limit=${limit}`);
  return `/sync/pull?${query.join('&')}`;
}
