import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, type ApiError, type FieldRecord, type LoginResponse } from '../../../src/shared';
import type { AuditEntryDto, AuditPage } from '../../../src/shared/accounts/audit';
import type { DeviceDto } from '../../../src/shared/accounts/protocol';
import { audit } from '../../../src/server/features/audit/log';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { RECORDED_AT, serviceLogContent } from '../helpers/records';
import { pushAll, verdict } from '../helpers/report-fixture';

/** Issue 8: the append-only audit log, as admins read it, and what it holds. */
describe.each(backends)('audit log on $name', (backend) => {
  let h: Harness;
  let team: string;
  let admin: TestUser;
  let supervisor: TestUser;
  let worker: TestUser;
  let record: FieldRecord;

  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team();
    admin = await h.user('admin', []);
    supervisor = await h.user('supervisor', [team]);
    worker = await h.user('field_worker', [team]);
    record = createRecord(serviceLogContent({ date: '2023-05-04' }), worker.author(team), RECORDED_AT);
    await pushAll(h, worker, [record]);
  });
  afterAll(() => h?.close());

  const read = async (query = '', token = admin.token) => {
    const res = await h.call('GET', `/api/v1/admin/audit${query}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AuditPage;
  };
  const deviceOf = async (user: TestUser) =>
    (await h.ctx.db.selectFrom('devices').select('id').where('user_id', '=', user.id).where('device_key', '=', user.deviceKey).executeTakeFirstOrThrow()).id;

  it('records verdicts, month locks and unlocks, and report exports, with who and from which device', async () => {
    await verdict(h, supervisor, record, 'returned', 'Перевірте дату');
    const lock = await h.call('POST', '/api/v1/review/months/lock', { token: supervisor.token, body: { teamId: team, month: '2023-02' } });
    expect(lock.statusCode, lock.body).toBe(200);
    const unlock = { teamId: team, month: '2023-02', reason: 'помилка в даті' };
    expect((await h.call('POST', '/api/v1/review/months/unlock', { token: supervisor.token, body: unlock })).statusCode).toBe(200);
    expect((await h.call('GET', '/api/v1/reports/annual.csv?year=2023', { token: supervisor.token })).statusCode).toBe(200);
    expect((await h.call('GET', '/api/v1/reports/annual.xlsx?year=2023&lang=en', { token: supervisor.token })).statusCode).toBe(200);

    const mine = (await read(`?user=${supervisor.id}`)).entries.reverse();
    const device = await deviceOf(supervisor);
    expect(mine.map((e) => e.type)).toEqual([
      'user_created', 'device_registered', 'login_succeeded', 'verdict_given', 'month_locked', 'month_unlocked', 'report_exported', 'report_exported',
    ]);
    const [, , , given, locked, unlocked, csv, xlsx] = mine as [AuditEntryDto, AuditEntryDto, AuditEntryDto, AuditEntryDto, AuditEntryDto, AuditEntryDto, AuditEntryDto, AuditEntryDto];
    for (const e of [given, locked, unlocked, csv, xlsx]) expect(e).toMatchObject({ actorId: supervisor.id, deviceId: device });
    expect(given).toMatchObject({ teamId: team, details: { recordId: record.id, revision: 1, status: 'returned', withComment: true } });
    expect(JSON.stringify(given)).not.toContain('Перевірте');
    expect(locked).toMatchObject({ teamId: team, details: { month: '2023-02' } });
    expect(unlocked).toMatchObject({ teamId: team, details: { month: '2023-02', reason: 'помилка в даті' } });
    expect(csv.details).toEqual({ format: 'csv', year: 2023, lang: 'uk', includePending: false });
    expect(xlsx.details).toMatchObject({ format: 'xlsx', lang: 'en' });
  });

  it('records device registrations and revocations and the sessions they end', async () => {
    const phone = (await h.login(worker.email, 'worker-phone')).json() as LoginResponse;
    expect(phone.token).toBeTruthy();
    const devices = ((await h.call('GET', `/api/v1/admin/users/${worker.id}/devices`, { token: admin.token })).json() as { devices: DeviceDto[] }).devices;
    const phoneDevice = devices.find((d) => d.deviceKey === 'worker-phone')!;
    await h.call('POST', `/api/v1/admin/devices/${phoneDevice.id}/revoke`, { token: admin.token });
    const entries = (await read(`?user=${worker.id}`)).entries;
    const registered = entries.find((e) => e.type === 'device_registered' && e.details.deviceKey === 'worker-phone');
    expect(registered).toMatchObject({ actorId: worker.id, deviceId: phoneDevice.id });
    expect(entries.slice(0, 2).map((e) => [e.type, e.actorId, e.subjectId, e.details])).toEqual([
      ['sessions_revoked', admin.id, worker.id, { count: 1, cause: 'device_revoked' }],
      ['device_revoked', admin.id, worker.id, { revokedDevice: phoneDevice.id, deviceKey: 'worker-phone' }],
    ]);
  });

  it('filters by type, user and time, and pages newest first by cursor without gaps or repeats', async () => {
    h.clock.advance(60 * 60 * 1000);
    const after = h.clock.now().toISOString();
    for (let i = 0; i < 7; i++) await h.login(`nobody${i}@kyiv.ua`, 'tablet', { password: 'wrong password', ip: `10.60.0.${i}` });
    const failed = await read(`?type=login_failed&from=${encodeURIComponent(after)}`);
    expect(failed.entries.map((e) => e.email)).toEqual(Array.from({ length: 7 }, (_, i) => `nobody${6 - i}@kyiv.ua`));
    expect(failed.nextCursor).toBeNull();
    expect((await read(`?type=login_failed&to=${encodeURIComponent(after)}`)).entries.every((e) => e.at < after)).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = await read(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await h.ctx.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').execute();
    expect(seen).toEqual(all.map((r) => r.id));

    const bad = await h.call('GET', '/api/v1/admin/audit?type=coffee&cursor=zzz', { token: admin.token });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.issues?.map((i) => i.field)).toEqual(['type']);
    const badCursor = await h.call('GET', '/api/v1/admin/audit?cursor=zzz', { token: admin.token });
    expect((badCursor.json() as ApiError).error.issues?.map((i) => i.field)).toEqual(['cursor']);
  });

  it('is for admins only', async () => {
    expect((await h.call('GET', '/api/v1/admin/audit', { token: supervisor.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/admin/audit')).statusCode).toBe(401);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    const before = await h.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    await expect(h.ctx.db.updateTable('audit_log').set({ type: 'nothing_happened' }).execute()).rejects.toThrow(/append-only/);
    await expect(h.ctx.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(h.ctx.db.deleteFrom('audit_log').where('id', '=', before[0]!.id).execute()).rejects.toThrow(/append-only/);
    if (backend.name === 'postgresql') await expect(sql`truncate audit_log`.execute(h.ctx.db)).rejects.toThrow(/append-only/);
    expect(await h.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('an entry is written in the action\'s transaction: rolled back with it', async () => {
    const count = async () => Number((await h.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await expect(
      h.ctx.db.transaction().execute(async (trx) => {
        await audit(h.ctx, { type: 'public_snapshot_published', actorId: admin.id, snapshotId: 's-1', year: 2023, version: 1 }, trx);
        throw new Error('the publication failed');
      }),
    ).rejects.toThrow('the publication failed');
    expect(await count()).toBe(before);
    await audit(h.ctx, { type: 'public_snapshot_published', actorId: admin.id, snapshotId: 's-1', year: 2023, version: 1 });
    expect((await read('?type=public_snapshot_published')).entries[0]).toMatchObject({ actorId: admin.id, details: { snapshotId: 's-1', year: 2023, version: 1 } });
  });
});
