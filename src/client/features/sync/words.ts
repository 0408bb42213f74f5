import type { TransportFailure } from '../../../shared/sync/engine';

/** Error codes a sync can end with, as keys of `sync.error.*` in the locales. */
const KNOWN = [
  'offline',
  'server',
  'forbidden',
  'device',
  'client_too_old',
  'server_too_old',
  'bad_answer',
  'token_missing',
  'token_invalid',
  'token_expired',
  'token_revoked',
  'device_revoked',
] as const;
export type SyncErrorKey = (typeof KNOWN)[number];

/** Codes an earlier release stored, read as today's. */
const EARLIER: Record<string, SyncErrorKey> = { protocol_unsupported: 'client_too_old' };

export function syncErrorKey(code: string): SyncErrorKey {
  if ((KNOWN as readonly string[]).includes(code)) return code as SyncErrorKey;
  return EARLIER[code] ?? 'server';
}

/**
 * What a failed push or pull says, as a sync error code: the login's reason, which side must
 * update (the server's reason; a bare 426 from a server that names none means this app), or the
 * kind of failure.
 */
export function failureKey(failure: TransportFailure): SyncErrorKey {
  if (failure.kind === 'unauthorized') return syncErrorKey(failure.reason);
  if (failure.kind === 'server' && (failure.reason === 'client_too_old' || failure.status === 426)) return 'client_too_old';
  if (failure.kind === 'server' && failure.reason === 'server_too_old') return 'server_too_old';
  return failure.kind;
}
