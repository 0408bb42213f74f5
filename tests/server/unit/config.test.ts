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
      TRUST_PROXY: [],
      PUBLIC_SNAPSHOT_EVERY_HOURS: 0,
      LOG_LEVEL: 'info',
      HSTS_MAX_AGE: 0,
      HEADERS_TIMEOUT_MS: 15_000,
      REQUEST_TIMEOUT_MS: 120_000,
      CONNECTION_TIMEOUT_MS: 60_000,
      KEEP_ALIVE_TIMEOUT_MS: 10_000,
      PUSH_RETRY_AFTER_MIN_SECONDS: 1,
      PUSH_RETRY_AFTER_MAX_SECONDS: 4,
    });
  });

  it('takes the push admission limits, and refuses a Retry-After range upside down', () => {
    const env = loadEnv({ PUSH_MAX_IN_FLIGHT: '12', PUSH_RETRY_AFTER_MIN_SECONDS: '2', PUSH_RETRY_AFTER_MAX_SECONDS: '9' });
    expect([env.PUSH_MAX_IN_FLIGHT, env.PUSH_RETRY_AFTER_MIN_SECONDS, env.PUSH_RETRY_AFTER_MAX_SECONDS]).toEqual([12, 2, 9]);
    expect(() => loadEnv({ PUSH_RETRY_AFTER_MIN_SECONDS: '5', PUSH_RETRY_AFTER_MAX_SECONDS: '2' })).toThrow(/PUSH_RETRY_AFTER_MIN_SECONDS/);
    expect(() => loadEnv({ PUSH_MAX_IN_FLIGHT: '0' })).toThrow(/PUSH_MAX_IN_FLIGHT/);
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
      HSTS_MAX_AGE: '31536000',
      HEADERS_TIMEOUT_MS: '5000',
      REQUEST_TIMEOUT_MS: '60000',
      CONNECTION_TIMEOUT_MS: '30000',
      KEEP_ALIVE_TIMEOUT_MS: '65000',
    });
    expect(env).toMatchObject({ PORT: 18081, DATABASE_URL: 'postgres://u:p@db:5432/kyiv', ADMIN_EMAIL: 'admin@kyiv.ua', TOKEN_TTL_DAYS: 7, TRUST_PROXY: ['loopback'] });
    expect(env).toMatchObject({
      HSTS_MAX_AGE: 31_536_000,
      HEADERS_TIMEOUT_MS: 5000,
      REQUEST_TIMEOUT_MS: 60_000,
      CONNECTION_TIMEOUT_MS: 30_000,
      KEEP_ALIVE_TIMEOUT_MS: 65_000,
    });
    expect(loadEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names each bad variable', () => {
    expect(() => loadEnv({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: at least 10/);
    expect(() => loadEnv({ TOKEN_TTL_DAYS: '0' })).toThrow(/TOKEN_TTL_DAYS/);
    expect(() => loadEnv({ HSTS_MAX_AGE: '-1' })).toThrow(/HSTS_MAX_AGE/);
    expect(() => loadEnv({ HEADERS_TIMEOUT_MS: 'soon' })).toThrow(/HEADERS_TIMEOUT_MS/);
    expect(() => loadEnv({ HEADERS_TIMEOUT_MS: '90000', REQUEST_TIMEOUT_MS: '60000' })).toThrow(/HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS/);
    expect(() => loadEnv({ TRUST_PROXY: '2' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the trusted proxies as addresses, never as "trust everyone"', () => {
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toEqual(['loopback']);
    expect(loadEnv({ TRUST_PROXY: ' 10.0.0.2, 192.168.0.0/16 ,uniquelocal' }).TRUST_PROXY).toEqual(['10.0.0.2', '192.168.0.0/16', 'uniquelocal']);
    expect(loadEnv({ TRUST_PROXY: '' }).TRUST_PROXY).toEqual([]);
  });
});
