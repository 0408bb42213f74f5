import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, LoginResponse, SessionUser } from '../../../src/shared';
import { bootstrapAdmin, firstStartLines, openUrl } from '../../../src/server/features/accounts/bootstrap';
import { revokeDevice, revokeUserSessions } from '../../../src/server/features/accounts/devices';
import { hashToken } from '../../../src/server/features/auth/tokens';
import { backends } from '../helpers/backends';
import { PASSWORD, startHarness, type Harness, type TestUser } from '../helpers/harness';

const DAY = 24 * 60 * 60 * 1000;

describe.each(backends)('accounts and sessions on $name', (backend) => {
  let h: Harness;
  let team: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team('Мобільна бригада Оболонь');
  });
  afterAll(() => h?.close());

  const me = (token?: string) => h.call('GET', '/api/v1/auth/me', token ? { token } : {});
  const reason = (res: { json: () => unknown }) => (res.json() as ApiError).error.reason;

  it('creates the first admin once, from ADMIN_EMAIL/ADMIN_PASSWORD or with a printed password', async () => {
    const printed: string[] = [];
    const first = await bootstrapAdmin(h.ctx, { email: 'Admin@Kyiv.ua', password: 'a long admin password', print: (l) => printed.push(l) });
    expect(first).toEqual({ created: true, email: 'admin@kyiv.ua', generatedPassword: false });
    expect((await h.login('admin@kyiv.ua', 'admin-laptop', { password: 'a long admin password' })).statusCode).toBe(200);
    // the users table is no longer empty: nothing more is created or printed
    const again = await bootstrapAdmin(h.ctx, { email: 'other@kyiv.ua', print: (l) => printed.push(l) });
    expect(again.created).toBe(false);
    expect(printed).toEqual(['Created administrator admin@kyiv.ua.']);
    // what the first start prints once it listens: where to go, as whom, the password's whereabouts, the next step
    const lines = firstStartLines({ url: openUrl('0.0.0.0', 8080), email: first.email, generatedPassword: first.generatedPassword }).join('\n');
    expect(lines).toContain('Open http://localhost:8080/ in a browser');
    expect(lines).toContain('as admin@kyiv.ua with the password in ADMIN_PASSWORD');
    expect(lines).toContain('Next step: open "Administration"');
    expect(openUrl('::1', 80)).toBe('http://[::1]:80/');
    const users = await h.ctx.db.selectFrom('users').select(['email', 'role', 'password_hash']).execute();
    expect(users).toEqual([{ email: 'admin@kyiv.ua', role: 'admin', password_hash: expect.stringMatching(/^scrypt\$/) }]);
  });

  it('logs in with the right password and returns a device-bound token and the user', async () => {
    const worker = await h.user('field_worker', [team]);
    const res = await h.login(worker.email.toUpperCase(), 'tablet-17');
    expect(res.statusCode).toBe(200);
    const body = res.json() as LoginResponse;
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt) - h.clock.now().getTime()).toBe(30 * DAY);
    expect(body.user).toEqual({ id: worker.id, email: worker.email, displayName: 'Тест', role: 'field_worker', teams: [{ id: team, name: 'Мобільна бригада Оболонь' }] });
    // only the token's hash is stored
    const session = await h.ctx.db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(body.token)).executeTakeFirstOrThrow();
    expect(JSON.stringify(session)).not.toContain(body.token);
    const device = await h.ctx.db.selectFrom('devices').selectAll().where('id', '=', session.device_id).executeTakeFirstOrThrow();
    expect(device).toMatchObject({ user_id: worker.id, device_key: 'tablet-17', name: 'Test tablet' });
    const who = await me(body.token);
    expect(who.statusCode).toBe(200);
    expect((who.json() as SessionUser).id).toBe(worker.id);
  });

  it('refuses a wrong password and an unknown email alike, in both languages', async () => {
    const worker = await h.user('field_worker', [team]);
    const wrong = await h.login(worker.email, 'tablet-1', { password: 'wrong password!', ip: '10.1.0.1' });
    const unknown = await h.login('nobody@kyiv.ua', 'tablet-1', { ip: '10.1.0.1' });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect((res.json() as ApiError).error).toMatchObject({ code: 'bad_credentials', message: { uk: expect.any(String), en: 'Wrong email or password' } });
    }
    const invalid = await h.call('POST', '/api/v1/auth/login', { body: { email: 'not-an-email', password: 'x', deviceId: 'd' } });
    expect(invalid.statusCode).toBe(400);
    expect((invalid.json() as ApiError).error.issues?.map((i) => i.field)).toEqual(['email']);
  });

  it('answers 401 token_missing and token_invalid', async () => {
    expect(reason(await me())).toBe('token_missing');
    const missing = await me();
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toContain('Bearer');
    expect(reason(await me('A'.repeat(43)))).toBe('token_invalid');
    expect(reason(await h.call('GET', '/api/v1/auth/me', { headers: { authorization: 'Basic abc' } }))).toBe('token_invalid');
  });

  it('answers 401 token_expired once the token outlives its TTL', async () => {
    const worker = await h.user('field_worker', [team]);
    expect((await me(worker.token)).statusCode).toBe(200);
    h.clock.advance(30 * DAY - 1000);
    expect((await me(worker.token)).statusCode).toBe(200);
    h.clock.advance(2000);
    const res = await me(worker.token);
    expect(res.statusCode).toBe(401);
    expect(reason(res)).toBe('token_expired');
    // a new login works
    expect((await h.login(worker.email, worker.deviceKey)).statusCode).toBe(200);
  });

  it('answers 401 token_revoked after logout and after all of a user\'s sessions are revoked', async () => {
    const worker = await h.user('field_worker', [team]);
    const second = (await h.login(worker.email, 'phone-2')).json() as LoginResponse;
    const out = await h.call('POST', '/api/v1/auth/logout', { token: worker.token });
    expect(out.statusCode).toBe(204);
    expect(reason(await me(worker.token))).toBe('token_revoked');
    expect((await me(second.token)).statusCode).toBe(200);

    expect(await revokeUserSessions(h.ctx, worker.id)).toBe(1);
    const res = await me(second.token);
    expect(res.statusCode).toBe(401);
    expect(reason(res)).toBe('token_revoked');
    expect((await h.login(worker.email, 'phone-2')).statusCode).toBe(200);
  });

  it('answers 401 device_revoked for a revoked device, which cannot log in again, while other devices go on', async () => {
    const worker = await h.user('field_worker', [team], { deviceKey: 'lost-tablet' });
    const other = (await h.login(worker.email, 'office-pc')).json() as LoginResponse;
    const device = await h.ctx.db.selectFrom('devices').select('id').where('device_key', '=', 'lost-tablet').where('user_id', '=', worker.id).executeTakeFirstOrThrow();
    await revokeDevice(h.ctx, device.id, null);

    const res = await me(worker.token);
    expect(res.statusCode).toBe(401);
    expect(reason(res)).toBe('device_revoked');
    const push = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: {} });
    expect(reason(push)).toBe('device_revoked');
    const relogin = await h.login(worker.email, 'lost-tablet');
    expect(relogin.statusCode).toBe(403);
    expect(reason(relogin)).toBe('device_revoked');
    expect((await me(other.token)).statusCode).toBe(200);
  });

  describe('login rate limit', () => {
    let worker: TestUser;
    beforeAll(async () => {
      worker = await h.user('field_worker', [team]);
    });

    it('answers 429 with Retry-After after 5 failures for one email and IP, even with the right password', async () => {
      const ip = '10.2.0.1';
      for (let i = 0; i < 5; i++) expect((await h.login(worker.email, 'd', { password: 'wrong password', ip })).statusCode).toBe(401);
      const blocked = await h.login(worker.email, 'd', { password: PASSWORD, ip });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect((blocked.json() as ApiError).error.message.uk).toContain('Забагато');
      // another IP is not blocked for this email
      expect((await h.login(worker.email, 'd', { ip: '10.2.0.2' })).statusCode).toBe(200);
      // the window passes
      h.clock.advance(15 * 60 * 1000 + 1000);
      expect((await h.login(worker.email, 'd', { ip })).statusCode).toBe(200);
    });

    it('answers 429 after 20 failures from one IP across emails', async () => {
      const ip = '10.3.0.1';
      for (let i = 0; i < 20; i++) await h.login(`guess${i}@kyiv.ua`, 'd', { password: 'wrong password', ip });
      const blocked = await h.login(worker.email, 'd', { ip });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
    });

    it('counts failures in the database, so another server instance sees them', async () => {
      const ip = '10.4.0.1';
      const second = await h.secondInstance();
      for (let i = 0; i < 5; i++) await h.login(worker.email, 'd', { password: 'wrong password', ip });
      const res = await second.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: worker.email, password: PASSWORD, deviceId: 'd' },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(429);
    });
  });
});
