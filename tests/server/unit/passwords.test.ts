import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, generatePassword, hashPassword, verifyPassword } from '../../../src/server/passwords';
import { TEST_SCRYPT_COST } from '../helpers/harness';

describe('password hashing', () => {
  it('stores a self-describing scrypt string at the default cost, with a random salt', async () => {
    const hash = await hashPassword('Київ-1325 пароль');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(DEFAULT_SCRYPT_COST.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(await verifyPassword('Київ-1325 пароль', hash)).toBe(true);
    expect(await verifyPassword('Київ-1325 пароль ', hash)).toBe(false);
    expect(await hashPassword('Київ-1325 пароль')).not.toBe(hash);
  });

  it('verifies hashes made at another cost (the cost is read from the hash)', async () => {
    const cheap = await hashPassword('secret words', TEST_SCRYPT_COST);
    expect(cheap.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('secret words', cheap)).toBe(true);
    expect(await verifyPassword('secret word', cheap)).toBe(false);
  });

  it('treats the same text in other Unicode forms as the same password', async () => {
    const composed = 'й'.normalize('NFC');
    const decomposed = 'й'.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(await verifyPassword(decomposed, await hashPassword(composed, TEST_SCRYPT_COST))).toBe(true);
  });

  it('refuses malformed or absurd stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$a$b', 'scrypt$x$8$1$a$b', `scrypt$${2 ** 30}$8$1$YQ$YQ`]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('generates 20-character passwords from an unambiguous alphabet, all different', () => {
    const many = Array.from({ length: 200 }, generatePassword);
    for (const p of many) expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
    expect(new Set(many).size).toBe(200);
  });
});
