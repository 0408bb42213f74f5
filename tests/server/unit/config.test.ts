import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../src/server/config';

describe('server environment', () => {
  it('has defaults for everything', () => {
    expect(loadEnv({})).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      TOKEN_TTL_DAYS: 30,
      STATIC_DIR: './dist',
      TRUST_PROXY: false,
      PUBLIC_SNAPSHOT_EVERY_HOURS: 0,
      LOG_LEVEL: 'info',
    });
  });

  it('reads and checks every variable', () => {
    const env = loadEnv({
      PORT: '18081',
      DATABASE_URL: 'postgres://u:p@db:5432/kyiv',
      DATABASE_SCHEMA: 'kyiv',
      ADMIN_EMAIL: ' Admin@Kyiv.ua ',
      ADMIN_PASSWORD: 'long enough',
      TOKEN_TTL_DAYS: '7',
      TRUST_PROXY: '1',
    });
    expect(env).toMatchObject({ PORT: 18081, DATABASE_URL: 'postgres://u:p@db:5432/kyiv', ADMIN_EMAIL: 'admin@kyiv.ua', TOKEN_TTL_DAYS: 7, TRUST_PROXY: true });
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names each bad variable', () => {
    expect(() => loadEnv({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: at least 10/);
    expect(() => loadEnv({ TOKEN_TTL_DAYS: '0' })).toThrow(/TOKEN_TTL_DAYS/);
  });
});
