import { MIN_SYNC_PROTOCOL_VERSION, SYNC_PROTOCOL_VERSION } from '../../../shared';
import { HttpError } from '../../http/errors';

/**
 * The protocol version a push or pull names, checked before the rest of the request so a device
 * outside MIN..CURRENT learns which side must update, not "bad request": 426 client_too_old
 * below the range (a pull naming none comes from a device of version 1), 422 server_too_old
 * above it (the device is newer than this server; its records wait on it). A value that is not
 * a whole number is left to the request's schema, which names the field.
 */
export function checkProtocolVersion(value: unknown, missing: 'too_old' | 'schema'): void {
  const version = typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
  if (version === undefined && missing === 'too_old') throw new HttpError(426, 'client_too_old', { reason: 'client_too_old' });
  if (typeof version !== 'number' || !Number.isInteger(version)) return;
  if (version < MIN_SYNC_PROTOCOL_VERSION) throw new HttpError(426, 'client_too_old', { reason: 'client_too_old' });
  if (version > SYNC_PROTOCOL_VERSION) throw new HttpError(422, 'server_too_old', { reason: 'server_too_old' });
}
