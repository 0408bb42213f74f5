// The numbers and paths of the sync protocol, apart from its schemas (protocol.ts, which
// re-exports them), so the sync engine and the app's first screen need no schema library.

/**
 * The sync protocol between a device and the server. Bump the version on any change a device
 * of the previous version could misread; the server answers 426 to versions it does not speak.
 */
export const SYNC_PROTOCOL_VERSION = 1;

/** A batch is capped both ways so one push fits a weak link and one server transaction. */
export const MAX_BATCH_RECORDS = 200;
export const MAX_BATCH_BYTES = 1_000_000;
export const MAX_PULL_RECORDS = 500;

export const API_PREFIX = '/api/v1';
