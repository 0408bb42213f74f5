import { HttpError } from '../../http/errors';
import { serverMessages } from '../../../shared/messages/server';

/**
 * Pull cursors are opaque to devices: base64url of "v1:<seq>", where seq is the last position
 * in the server's change sequence the device has seen. The version prefix lets the format change
 * later without misreading old cursors.
 */
export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

/** The seq in a cursor; no cursor means "from the beginning". A cursor we did not make is a 400. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^v1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || encodeCursor(Number(match[1])) !== cursor)
    throw new HttpError(400, 'validation_failed', {
      issues: [{ field: 'since', code: 'invalid_value', message: serverMessages.cursor_invalid }],
    });
  return Number(match[1]);
}
