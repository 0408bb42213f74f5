import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMeasures, contentHashOf, createRecord, defaultCatalogue, measureYears, SYNC_PROTOCOL_VERSION, type ApiError, type FieldRecord, type PushResponse } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { eventContent, RECORDED_AT, someRecords } from '../helpers/records';
import { batch } from '../helpers/sync';

/**
 * Control characters and broken Unicode anywhere a client can put text: each refused with a 400
 * naming the field (inside a push, a `rejected` answer for that record alone), on both databases.
 * On PostgreSQL a NUL used to reach a query and fail it with a 500.
 */
describe.each(backends)('input hygiene on $name', (backend) => {
  let h: Harness;
  let team: string;
  let worker: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team();
    worker = await h.user('field_worker', [team]);
    supervisor = await h.user('supervisor', [team]);
    admin = await h.user('admin', [team]);
  });
  afterAll(() => h?.close());

  const resealed = (record: FieldRecord, change: (r: Record<string, unknown>) => void): FieldRecord => {
    const copy = structuredClone(record) as unknown as Record<string, unknown>;
    change(copy);
    copy.contentHash = contentHashOf(copy as unknown as FieldRecord);
    return copy as unknown as FieldRecord;
  };

  async function count(table: 'records' | 'record_revisions' | 'teams' | 'devices' | 'users'): Promise<number> {
    const row = await h.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  function issuesOf(res: { statusCode: number; json: () => unknown }): [string, string][] {
    return ((res.json() as ApiError).error.issues ?? []).map((i) => [i.field, i.code]);
  }

  it('rejects the records with a NUL or another control in their text, alone; the valid ones land', async () => {
    const valid = someRecords(worker.author(team), 3);
    const base = createRecord(eventContent(), worker.author(team), RECORDED_AT);
    const bad: [FieldRecord, string, string][] = [
      [resealed(base, (r) => (r.deviceId = 'tablet\u0000')), 'deviceId', 'control_character'],
      [resealed(createRecord(eventContent(), worker.author(team), RECORDED_AT), (r) => (r.title = 'Тренінг\u0000')), 'title', 'control_character'],
      [
        resealed(createRecord(eventContent(), worker.author(team), RECORDED_AT), (r) => ((r.venue as { place: string }).place = 'Зал\u0085')),
        'venue.place',
        'control_character',
      ],
      [resealed(createRecord(eventContent(), worker.author(team), RECORDED_AT), (r) => (r.organiser = 'Центр \ud800')), 'organiser', 'malformed_text'],
    ];
    const records = [valid[0]!, ...bad.map(([r]) => r), valid[1]!, valid[2]!];
    const res = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, records) });
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as PushResponse;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted', 'accepted']);
    bad.forEach(([record, field, code], i) => {
      const result = results[i + 1]!;
      expect(result).toMatchObject({ status: 'rejected', id: record.id, index: i + 1 });
      expect(result.status === 'rejected' && result.issues.map((x) => [x.field, x.code])).toContainEqual([field, code]);
    });
    const stored = await h.ctx.db.selectFrom('record_revisions').select('record_id').where('record_id', 'in', records.map((r) => r.id)).execute();
    expect(stored.map((r) => r.record_id).sort()).toEqual(valid.map((r) => r.id).sort());
  });

  it('rejects an indicator report whose document reference holds a NUL', async () => {
    const deliverableMeasure = allMeasures(defaultCatalogue)
      .map((e) => e.measure)
      .find((m) => measureYears(m, defaultCatalogue).includes(2023) && m.indicators?.some((i) => i.kind === 'deliverable'));
    const indicator = deliverableMeasure?.indicators?.find((i) => i.kind === 'deliverable');
    expect(indicator).toBeDefined();
    const record = createRecord(
      {
        kind: 'indicatorReport', measureId: deliverableMeasure!.id, indicatorId: indicator!.id, periodStart: '2023-01-01',
        periodEnd: '2023-01-31', value: { type: 'deliverable', done: true, documentRef: 'Наказ №12\u0000' },
      },
      worker.author(team),
      RECORDED_AT,
    );
    const res = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, [record]) });
    expect(res.statusCode).toBe(200);
    const [result] = (res.json() as PushResponse).results;
    expect(result?.status === 'rejected' && result.issues.map((x) => [x.field, x.code])).toContainEqual(['value.documentRef', 'control_character']);
  });

  it('never reaches the database with a NUL in a team or author a supervisor or admin names', async () => {
    for (const user of [supervisor, admin]) {
      const [record] = someRecords(user.author(team), 1);
      const nulTeam = resealed(record!, (r) => (r.teamId = `${team}\u0000`));
      const nulAuthor = resealed(someRecords(user.author(team), 1)[0]!, (r) => (r.authorId = 'someone\u0000'));
      const res = await h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, [nulTeam, nulAuthor]) });
      expect(res.statusCode, res.body).toBe(200);
      const results = (res.json() as PushResponse).results;
      expect(results.map((r) => r.status === 'rejected' && r.issues.map((x) => [x.field, x.code]))).toEqual([
        expect.arrayContaining([['teamId', 'control_character']]),
        expect.arrayContaining([['authorId', 'control_character']]),
      ]);
    }
  });

  it('refuses a NUL in the batch envelope with a 400 naming the field', async () => {
    const res = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch('tablet\u0000', someRecords(worker.author(team), 1)) });
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res)).toContainEqual(['deviceId', 'control_character']);
  });

  it('refuses control characters at login, naming the field, and stores no device', async () => {
    const devices = await count('devices');
    for (const [field, value] of [
      ['deviceName', 'Планшет\u0000'],
      ['deviceId', 'tablet\u0000'],
      ['deviceName', 'Планшет\u001b[2J'],
      ['password', 'correct horse\u0000'],
      ['email', 'x\u0000@test.kyiv.ua'],
    ] as const) {
      const payload = { email: worker.email, password: 'correct horse battery staple', deviceId: 'tablet-9', deviceName: 'Планшет', [field]: value };
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(issuesOf(res).map(([f]) => f)).toContain(field);
    }
    expect(await count('devices')).toBe(devices);
  });

  it('refuses control characters in admin requests, naming the field, and writes nothing', async () => {
    const teams = await count('teams');
    const users = await count('users');
    const post = (url: string, body: unknown) => h.call('POST', `/api/v1/admin${url}`, { token: admin.token, body });
    const cases: [string, unknown, string][] = [
      ['/teams', { name: 'Бригада\u0000', kind: 'mobile_brigade' }, 'name'],
      ['/teams', { name: 'Бригада\u009b', kind: 'mobile_brigade' }, 'name'],
      ['/users', { email: 'new@test.kyiv.ua', displayName: 'Олена\u0000', role: 'field_worker' }, 'displayName'],
      ['/users', { email: 'new@test.kyiv.ua', displayName: 'Олена', role: 'field_worker', teamIds: [`${team}\u0000`] }, 'teamIds.0'],
      ['/users', { email: 'new@test.kyiv.ua', displayName: 'Олена', role: 'field_worker', password: 'long password\u0000' }, 'password'],
      [`/users/${worker.id}/password`, { password: 'long password\u007f' }, 'password'],
    ];
    for (const [url, body, field] of cases) {
      const res = await post(url, body);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(issuesOf(res)).toContainEqual([field, 'control_character']);
    }
    expect([await count('teams'), await count('users')]).toEqual([teams, users]);
  });

  it('refuses control characters in path and query parameters, naming them', async () => {
    const get = (url: string, user = supervisor) => h.call('GET', url, { token: user.token });
    const cases: [string, string, TestUser?][] = [
      ['/api/v1/reports/progress?year=2023&team=%00', 'team'],
      ['/api/v1/reports/progress?year=2023&district=x%00', 'district'],
      ['/api/v1/review/records?team=t%00', 'team'],
      ['/api/v1/review/records?measure=1%0A', 'measure'],
      ['/api/v1/review/months?team=%00', 'team'],
      [`/api/v1/sync/pull?protocolVersion=${SYNC_PROTOCOL_VERSION}&since=%00`, 'since'],
      ['/api/v1/admin/users/%00/devices', 'id', admin],
      ['/api/v1/admin/users/a%C2%85b/devices', 'id', admin],
    ];
    for (const [url, field, user] of cases) {
      const res = await get(url, user);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(issuesOf(res).map(([f]) => f), url).toContain(field);
    }
    const post = await h.call('POST', `/api/v1/admin/users/%00/revoke-sessions`, { token: admin.token, body: {} });
    expect(post.statusCode).toBe(400);
  });

  it('refuses control characters in review requests; a comment keeps its line breaks', async () => {
    const [record] = someRecords(worker.author(team), 1);
    await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, [record]) });
    const verdict = (comment: string) =>
      h.call('POST', '/api/v1/review/verdicts', { token: supervisor.token, body: { recordId: record!.id, revision: 1, status: 'returned', comment } });
    const bad = await verdict('Виправте\u0000');
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)).toContainEqual(['comment', 'control_character']);
    const good = await verdict('Виправте район.\nІ дату.');
    expect(good.statusCode, good.body).toBe(200);
    expect((good.json() as { comment: string }).comment).toBe('Виправте район.\nІ дату.');
    const lock = await h.call('POST', '/api/v1/review/months/lock', { token: supervisor.token, body: { teamId: `${team}\u0000`, month: '2023-05' } });
    expect(lock.statusCode).toBe(400);
    expect(issuesOf(lock)).toContainEqual(['teamId', 'control_character']);
    const unlock = await h.call('POST', '/api/v1/review/months/unlock', { token: supervisor.token, body: { teamId: team, month: '2023-05', reason: 'Бо\u0000' } });
    expect(unlock.statusCode).toBe(400);
    expect(issuesOf(unlock)).toContainEqual(['reason', 'control_character']);
  });

  it('is still healthy afterwards', async () => {
    const res = await h.call('GET', '/healthz');
    expect(res.statusCode).toBe(200);
  });
});
