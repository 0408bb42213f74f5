import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, LoginResponse } from '../../../src/shared';
import type { DeviceDto, TeamDto, UserDto, UserWithPasswordDto } from '../../../src/shared/accounts/protocol';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';

describe.each(backends)('admin API on $name', (backend) => {
  let h: Harness;
  let admin: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    admin = await h.user('admin', []);
  });
  afterAll(() => h?.close());

  const as = (user: TestUser) => ({
    get: (url: string) => h.call('GET', `/api/v1/admin${url}`, { token: user.token }),
    post: (url: string, body: unknown = {}) => h.call('POST', `/api/v1/admin${url}`, { token: user.token, body }),
    patch: (url: string, body: unknown) => h.call('PATCH', `/api/v1/admin${url}`, { token: user.token, body }),
  });
  const issues = (res: { json: () => unknown }) => (res.json() as ApiError).error.issues?.map((i) => `${i.field}:${i.code}`);

  it('creates and lists teams; a duplicate name is 409; a bad kind names the field', async () => {
    const created = await as(admin).post('/teams', { name: 'Центр навчання Поділ', kind: 'training_centre' });
    expect(created.statusCode).toBe(201);
    const team = created.json() as TeamDto;
    expect(team).toMatchObject({ name: 'Центр навчання Поділ', kind: 'training_centre' });
    expect(((await as(admin).get('/teams')).json() as { teams: TeamDto[] }).teams).toContainEqual(team);
    expect((await as(admin).post('/teams', { name: 'Центр навчання Поділ', kind: 'department' })).statusCode).toBe(409);
    const bad = await as(admin).post('/teams', { name: 'X', kind: 'choir' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.issues).toEqual([{ field: 'kind', code: 'invalid_value', message: expect.objectContaining({ uk: expect.any(String) }) }]);
  });

  it('renames a team and changes its kind and district, in the audit log; bad input names the field', async () => {
    const created = await as(admin).post('/teams', { name: 'Служба Дніпро', kind: 'district_service', district: 'dniprovskyi' });
    expect(created.statusCode).toBe(201);
    const team = created.json() as TeamDto;
    expect(team.district).toBe('dniprovskyi');
    const renamed = await as(admin).patch(`/teams/${team.id}`, { name: 'Служба Дніпровського району', kind: 'department', district: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ ...team, name: 'Служба Дніпровського району', kind: 'department', district: null });
    expect(((await as(admin).get('/teams')).json() as { teams: TeamDto[] }).teams).toContainEqual(renamed.json());
    const entry = await h.ctx.db.selectFrom('audit_log').selectAll().where('type', '=', 'team_changed').where('team_id', '=', team.id).executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(admin.id);
    expect(JSON.parse(entry.details)).toEqual({
      from: { name: 'Служба Дніпро', kind: 'district_service', district: 'dniprovskyi' },
      to: { name: 'Служба Дніпровського району', kind: 'department', district: null },
    });

    expect(issues(await as(admin).patch(`/teams/${team.id}`, { district: 'atlantis' }))).toEqual(['district:invalid_value']);
    expect(issues(await as(admin).post('/teams', { name: 'Нова', kind: 'department', district: 'atlantis' }))).toEqual(['district:invalid_value']);
    expect(issues(await as(admin).patch(`/teams/${team.id}`, { name: '  ' }))).toEqual(['name:required']);
    expect(issues(await as(admin).patch(`/teams/${team.id}`, {}))).toEqual(['name:required']);
    expect(issues(await as(admin).patch(`/teams/${team.id}`, { kind: 'choir' }))).toEqual(['kind:invalid_value']);
    const other = (await as(admin).post('/teams', { name: 'Бригада Оболонь', kind: 'mobile_brigade' })).json() as TeamDto;
    expect((await as(admin).patch(`/teams/${other.id}`, { name: 'Служба Дніпровського району' })).statusCode).toBe(409);
    expect((await as(admin).patch('/teams/no-such-team', { name: 'Будь-яка' })).statusCode).toBe(404);
    // nothing of the refused changes landed
    expect(((await as(admin).get('/teams')).json() as { teams: TeamDto[] }).teams.find((t) => t.id === other.id)?.name).toBe('Бригада Оболонь');
  });

  it("keeps what a device reports at each sync (app version, unsynced records) and shows it in the user's devices", async () => {
    const worker = await h.user('field_worker', [], { deviceKey: 'phone-status' });
    const before = ((await as(admin).get(`/users/${worker.id}/devices`)).json() as { devices: DeviceDto[] }).devices[0]!;
    expect(before).toMatchObject({ appVersion: null, unsyncedCount: null, oldestUnsyncedAt: null, statusReportedAt: null });
    h.clock.advance(60_000);
    const report = { appVersion: '2026-12-01.abc123', unsyncedCount: 3, oldestUnsyncedAt: '2023-06-14T09:00:00.000Z' };
    const sent = await h.call('POST', '/api/v1/sync/status', { token: worker.token, body: report });
    expect(sent.statusCode, sent.body).toBe(204);
    const after = ((await as(admin).get(`/users/${worker.id}/devices`)).json() as { devices: DeviceDto[] }).devices[0]!;
    // a report is a contact: last seen moves even within the session check's few minutes
    expect(after).toMatchObject({ ...report, statusReportedAt: h.clock.now().toISOString(), lastSeenAt: h.clock.now().toISOString() });

    await h.call('POST', '/api/v1/sync/status', { token: worker.token, body: { ...report, unsyncedCount: 0, oldestUnsyncedAt: null } });
    const synced = ((await as(admin).get(`/users/${worker.id}/devices`)).json() as { devices: DeviceDto[] }).devices[0]!;
    expect(synced).toMatchObject({ unsyncedCount: 0, oldestUnsyncedAt: null });

    const bad = await h.call('POST', '/api/v1/sync/status', { token: worker.token, body: { appVersion: '', unsyncedCount: -1, oldestUnsyncedAt: 'yesterday' } });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad)).toEqual(['appVersion:required', 'unsyncedCount:count_non_negative', 'oldestUnsyncedAt:datetime_format']);
    expect((await h.call('POST', '/api/v1/sync/status', { body: report })).statusCode).toBe(401);
    // the refused report changed nothing
    expect(((await as(admin).get(`/users/${worker.id}/devices`)).json() as { devices: DeviceDto[] }).devices[0]).toEqual(synced);
  });

  it('creates users with role and teams, with a generated password shown once, and lists them', async () => {
    const team = (await as(admin).post('/teams', { name: 'Бригада Дарниця', kind: 'mobile_brigade' })).json() as TeamDto;
    const res = await as(admin).post('/users', { email: 'Olena@Kyiv.ua', displayName: 'Олена', role: 'supervisor', teamIds: [team.id] });
    expect(res.statusCode).toBe(201);
    const { user, generatedPassword } = res.json() as UserWithPasswordDto;
    expect(user).toMatchObject({ email: 'olena@kyiv.ua', role: 'supervisor', teams: [{ id: team.id, name: 'Бригада Дарниця' }] });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect((await h.login('olena@kyiv.ua', 'd1', { password: generatedPassword! })).statusCode).toBe(200);
    const list = ((await as(admin).get('/users')).json() as { users: UserDto[] }).users;
    expect(list.find((u) => u.id === user.id)).toEqual(user);
    expect(JSON.stringify(list)).not.toContain('scrypt');

    expect((await as(admin).post('/users', { email: 'olena@kyiv.ua', displayName: 'Дубль', role: 'trainer' })).statusCode).toBe(409);
    expect((await as(admin).post('/users', { email: 'x@kyiv.ua', displayName: 'X', role: 'trainer', teamIds: ['nope'] })).statusCode).toBe(400);
    const weak = await as(admin).post('/users', { email: 'y@kyiv.ua', displayName: 'Y', role: 'trainer', password: 'short' });
    expect((weak.json() as ApiError).error.issues?.map((i) => i.field)).toEqual(['password']);
  });

  it('resets a password: the old one, and the sessions opened with it, stop working', async () => {
    const worker = await h.user('field_worker', []);
    const res = await as(admin).post(`/users/${worker.id}/password`, { password: 'a brand new password' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ generatedPassword: null, sessionsRevoked: 1 });
    expect(((await h.call('GET', '/api/v1/auth/me', { token: worker.token })).json() as ApiError).error.reason).toBe('token_revoked');
    expect((await h.login(worker.email, 'd', { ip: '10.9.0.1' })).statusCode).toBe(401);
    expect((await h.login(worker.email, 'd', { password: 'a brand new password' })).statusCode).toBe(200);
    expect((await as(admin).post('/users/no-such-user/password', {})).statusCode).toBe(404);
  });

  it("lists a user's devices, revokes one, and revokes all sessions", async () => {
    const worker = await h.user('field_worker', [], { deviceKey: 'tablet-A' });
    const phone = (await h.login(worker.email, 'phone-B')).json() as LoginResponse;
    const devices = ((await as(admin).get(`/users/${worker.id}/devices`)).json() as { devices: DeviceDto[] }).devices;
    expect(devices.map((d) => d.deviceKey).sort()).toEqual(['phone-B', 'tablet-A']);

    const tablet = devices.find((d) => d.deviceKey === 'tablet-A')!;
    const revoked = await as(admin).post(`/devices/${tablet.id}/revoke`);
    expect((revoked.json() as DeviceDto).revokedAt).toBe(h.clock.now().toISOString());
    expect(((await h.call('GET', '/api/v1/auth/me', { token: worker.token })).json() as ApiError).error.reason).toBe('device_revoked');
    expect((await h.call('GET', '/api/v1/auth/me', { token: phone.token })).statusCode).toBe(200);

    expect((await as(admin).post(`/users/${worker.id}/revoke-sessions`)).json()).toEqual({ revoked: 1 });
    expect(((await h.call('GET', '/api/v1/auth/me', { token: phone.token })).json() as ApiError).error.reason).toBe('token_revoked');
    expect((await as(admin).post('/devices/nope/revoke')).statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    const supervisor = await h.user('supervisor', []);
    for (const res of [await as(supervisor).get('/users'), await as(supervisor).post('/teams', { name: 'T', kind: 'department' })]) {
      expect(res.statusCode).toBe(403);
      expect((res.json() as ApiError).error.code).toBe('forbidden');
    }
    expect((await h.call('GET', '/api/v1/admin/users')).statusCode).toBe(401);
  });
});
