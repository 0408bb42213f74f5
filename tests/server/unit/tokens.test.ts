import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, hashToken, newToken } from '../../../src/server/features/auth/tokens';

describe('tokens', () => {
  it('are 256 random bits in base64url, never repeating', () => {
    const tokens = Array.from({ length: 500 }, newToken);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(500);
  });

  it('are stored as their SHA-256 hex digest', () => {
    const token = newToken();
    expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
  });

  it('are read from a Bearer header, telling missing from malformed', () => {
    const token = newToken();
    expect(bearerToken(undefined)).toEqual({ present: false, token: null });
    expect(bearerToken(`Bearer ${token}`)).toEqual({ present: true, token });
    expect(bearerToken(`bearer  ${token} `)).toEqual({ present: true, token });
    expect(bearerToken('Bearer short')).toEqual({ present: true, token: null });
    expect(bearerToken(`Basic ${token}`)).toEqual({ present: true, token: null });
    expect(bearerToken(`Bearer ${token}=`)).toEqual({ present: true, token: null });
  });
});
