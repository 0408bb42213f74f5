import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../../src/server/features/sync/cursor';
import { HttpError } from '../../../src/server/http/errors';

describe('pull cursors', () => {
  it('round-trip any sequence number through an opaque URL-safe string', () => {
    for (const seq of [0, 1, 42, 999_999, 2 ** 40]) {
      const cursor = encodeCursor(seq);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain(String(seq === 0 ? 'x' : seq));
      expect(decodeCursor(cursor)).toBe(seq);
    }
  });

  it('start from the beginning when absent', () => {
    expect(decodeCursor(undefined)).toBe(0);
    expect(decodeCursor('')).toBe(0);
  });

  it('refuse cursors the server did not make, naming the field', () => {
    for (const bad of ['12', 'djE6LTE', Buffer.from('v2:5').toString('base64url'), Buffer.from('v1:5 ').toString('base64url'), `${encodeCursor(5)}=`]) {
      try {
        decodeCursor(bad);
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).statusCode).toBe(400);
        expect((error as HttpError).toBody().error.issues?.[0]?.field).toBe('since');
      }
    }
  });
});
