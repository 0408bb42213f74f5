import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';

/**
 * Behind a reverse proxy (TRUST_PROXY=10.0.0.2) the client's address is the one the proxy saw: the
 * rightmost X-Forwarded-For entry. Entries to its left are written by the client, so a guesser who
 * changes them on every attempt must still hit the login limit.
 */
describe.each(backends.slice(0, 1))('the client address behind a proxy, on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, { trustProxy: ['10.0.0.2'] });
  });
  afterAll(() => h?.close());

  it('ignores forged X-Forwarded-For entries: the login limit still counts the real client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'someone@example.org', password: 'wrong password', deviceId: 'tablet-1' },
        remoteAddress: '10.0.0.2', // the proxy
        headers: { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` },
      });
      statuses.push(answer.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const ips = await h.ctx.db.selectFrom('audit_log').select('ip').where('type', '=', 'login_failed').execute();
    expect(new Set(ips.map((r) => r.ip))).toEqual(new Set(['203.0.113.7']));
  });
});
