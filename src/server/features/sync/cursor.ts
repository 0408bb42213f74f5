import { createHash } from 'node:crypto';
import { HttpError } from '../../http/errors';
import { serverMessages } from '../../../shared/messages/server';

/**
 * Pull cursors are opaque to devices: base64url of "v2:<seq>:<scope>". `seq` is the last position
 * in the server's change sequence the device has seen; `scope` is a digest of what the user may
 * pull (user id, role, teams), so a cursor says for whom it was made. What a pull after it
 * brings is only what changed, which is complete only if the scope is still the same: a user
 * who joined a team also needs that team's older records, one who left must drop them.
 */

export interface PullScope {
  userId: string;
  role: string;
  teamIds: readonly string[];
}

/** 16 base64url characters (96 bits) of SHA-256 over the user, the role and the sorted teams. */
export function scopeOf(scope: PullScope): string {
  const teams = [...new Set(scope.teamIds)].sort();
  return createHash('sha256').update(JSON.stringify([scope.userId, scope.role, teams])).digest('base64url').slice(0, 16);
}

export function encodeCursor(seq: number, scope: string): string {
  return Buffer.from(`v2:${seq}:${scope}`, 'utf8').toString('base64url');
}

/**
 * Where a pull starts. No cursor: from the beginning. A cursor made for another scope (the
 * user's role or teams changed since), or in the version-1 format that named none: from the
 * beginning too, answered with `reset` so the device drops what it pulled before. A cursor the
 * server did not make is a 400 naming `since`.
 */
export function decodeCursor(cursor: string | undefined, scope: string): { since: number; reset: boolean } {
  if (cursor === undefined || cursor === '') return { since: 0, reset: false };
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const v2 = /^v2:(\d{1,15}):([A-Za-z0-9_-]{16})$/.exec(text);
  if (v2 && encodeCursor(Number(v2[1]), v2[2]!) === cursor) return v2[2] === scope ? { since: Number(v2[1]), reset: false } : { since: 0, reset: true };
  const v1 = /^v1:(\d{1,15})$/.exec(text);
  if (v1 && Buffer.from(`v1:${Number(v1[1])}`, 'utf8').toString('base64url') === cursor) return { since: 0, reset: true };
  throw new HttpError(400, 'validation_failed', {
    issues: [{ field: 'since', code: 'invalid_value', message: serverMessages.cursor_invalid }],
  });
}
