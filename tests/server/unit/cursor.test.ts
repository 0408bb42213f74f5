import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, scopeOf } from '../../../src/server/features/sync/cursor';
import { HttpError } from '../../../src/server/http/errors';

const scope = scopeOf({ userId: 'u1', role: 'supervisor', teamIds: ['t1', 't2'] });

describe('pull cursors', () => {
  it('round-trip any sequence number through an opaque URL-safe string', () => {
    for (const seq of [0, 1, 42, 999_999, 2 ** 40]) {
      const cursor = encodeCursor(seq, scope);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(cursor).not.toContain(':');
      expect(decodeCursor(cursor, scope)).toEqual({ since: seq, reset: false });
    }
  });

  it('start from the beginning when absent', () => {
    expect(decodeCursor(undefined, scope)).toEqual({ since: 0, reset: false });
    expect(decodeCursor('', scope)).toEqual({ since: 0, reset: false });
  });

  it('carry the scope: another user, role or set of teams starts over with a reset; the order of teams does not matter', () => {
    expect(scopeOf({ userId: 'u1', role: 'supervisor', teamIds: ['t2', 't1'] })).toBe(scope);
    const cursor = encodeCursor(42, scope);
    for (const other of [
      { userId: 'u2', role: 'supervisor', teamIds: ['t1', 't2'] },
      { userId: 'u1', role: 'admin', teamIds: ['t1', 't2'] },
      { userId: 'u1', role: 'supervisor', teamIds: ['t1'] },
      { userId: 'u1', role: 'supervisor', teamIds: ['t1', 't2', 't3'] },
    ])
      expect(decodeCursor(cursor, scopeOf(other)), JSON.stringify(other)).toEqual({ since: 0, reset: true });
  });

  it('read a cursor of the earlier format (no scope) as a reset', () => {
    expect(decodeCursor(Buffer.from('v1:17').toString('base64url'), scope)).toEqual({ since: 0, reset: true });
  });

  it('refuse cursors the server did not make, naming the field', () => {
    const forged = [
      '12',
      'djE6LTE',
      Buffer.from('v2:5').toString('base64url'),
      Buffer.from('v1:5 ').toString('base64url'),
      Buffer.from(`v2:5:${scope}x`).toString('base64url'),
      `${encodeCursor(5, scope)}=`,
    ];
    for (const bad of forged) {
      try {
        decodeCursor(bad, scope);
        expect.unreachable(`accepted ${bad}`);
      } catch (error) {
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).statusCode).toBe(400);
        expect((error as HttpError).toBody().error.issues?.[0]?.field).toBe('since');
      }
    }
  });
});
