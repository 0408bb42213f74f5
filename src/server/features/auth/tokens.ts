import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens: 32 random bytes (256 bits), base64url. The server keeps only the SHA-256 of
 * each token: a token has full entropy, so a fast hash is enough and a stolen database still
 * holds no usable token.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The token from an `Authorization: Bearer …` header, or null when absent or malformed. */
export function bearerToken(header: string | undefined): { present: boolean; token: string | null } {
  if (!header) return { present: false, token: null };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  return { present: true, token: token && TOKEN_SHAPE.test(token) ? token : null };
}
