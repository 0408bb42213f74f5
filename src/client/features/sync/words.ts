/** Error codes a sync can end with, as keys of `sync.error.*` in the locales. */
const KNOWN = [
  'offline',
  'server',
  'forbidden',
  'device',
  'protocol_unsupported',
  'bad_answer',
  'token_missing',
  'token_invalid',
  'token_expired',
  'token_revoked',
  'device_revoked',
] as const;
export type SyncErrorKey = (typeof KNOWN)[number];

export function syncErrorKey(code: string): SyncErrorKey {
  return (KNOWN as readonly string[]).includes(code) ? (code as SyncErrorKey) : 'server';
}
