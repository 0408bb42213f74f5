import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentHashOf,
  createRecord,
  pullPath,
  reviseRecord,
  uuidv7,
  type FieldRecord,
  type PullResponse,
  type PushResponse,
} from '../../../src/shared';
import type { DeviceDto, UserWithPasswordDto } from '../../../src/shared/accounts/protocol';
import { BUILT_IN_PLAN_ID } from '../../../src/shared/plan/plan-ref';
import { operationsOf, type OpenApiDocument, type Operation } from '../../fuzz/openapi';
import { schemaValidator } from '../../fuzz/oracle';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { pushReportFixture, type PushedFixture } from '../helpers/report-fixture';
import { serviceLogContent } from '../helpers/records';
import { batch } from '../helpers/sync';

/**
 * The contract: every route, called for real on each database, answers what the served OpenAPI
 * document says: a documented status, and a body valid against the documented schema (the
 * answer's for a 2xx, ApiError for a refusal). The document's answer schemas are generated from
 * the zod schemas in src/shared, so an answer the code changes without its schema fails here.
 * Every operation the document lists must be answered with its success at least once.
 */
describe.each(backends)('the API contract on $name', (backend) => {
  let h: Harness;
  let fx: PushedFixture;
  let admin: TestUser;
  let operations: Operation[];
  let validate: ReturnType<typeof schemaValidator>;
  const succeeded = new Set<string>();

  beforeAll(async () => {
    h = await startHarness(backend);
    fx = await pushReportFixture(h);
    admin = await h.user('admin', []);
    const served = await h.call('GET', '/api/v1/openapi.json');
    expect(served.statusCode).toBe(200);
    const doc = served.json() as OpenApiDocument;
    operations = operationsOf(doc);
    validate = schemaValidator(doc);
  });
  afterAll(() => h?.close());

  /** The documented operation a concrete request path falls under. */
  function operationOf(method: string, url: string): Operation {
    const path = url.split('?')[0]!;
    const op = operations.find(
      (o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
    );
    if (!op) throw new Error(`${method} ${path} is not in the OpenAPI document`);
    return op;
  }

  /** Calls a route and checks its answer against the document; returns the answer. */
  async function call(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    opts: { token?: string; body?: unknown } = {},
    expected?: number,
  ): Promise<LightMyRequestResponse> {
    const res = await h.call(method, url, opts);
    const op = operationOf(method, url);
    const where = `${op.key} answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
    if (expected !== undefined) expect(res.statusCode, where).toBe(expected);
    expect([op.success, ...op.errors], `${where}: status not documented`).toContain(res.statusCode);
    if (res.statusCode === op.success) {
      if (op.successBody && 'schema' in op.successBody) expect(validate(op.successBody.schema, res.json()), where).toBeNull();
      else if (op.successBody) expect(res.headers['content-type'], where).toContain(op.successBody.media);
      else expect(res.body, `${where}: documented without a body`).toBe('');
      succeeded.add(op.key);
    } else if (!(op.htmlErrors.includes(res.statusCode) && String(res.headers['content-type']).startsWith('text/html'))) {
      expect(validate({ $ref: '#/components/schemas/ApiError' }, res.json()), where).toBeNull();
    }
    return res;
  }

  it('health, the document itself, login, who am I', async () => {
    await call('GET', '/healthz', {}, 200);
    await call('GET', '/api/v1/openapi.json', {}, 200);
    await call('POST', '/api/v1/auth/login', { body: { email: fx.workerA.email, password: 'correct horse battery staple', deviceId: uuidv7() } }, 200);
    await call('GET', '/api/v1/auth/me', { token: fx.supervisor.token }, 200);
    await call('GET', '/api/v1/auth/me', {}, 401);
    await call('GET', '/api/v1/auth/me', { token: 'not-a-token' }, 401);
  });

  it('a push answering accepted, duplicate, conflict and rejected; pulls with records, verdicts and more to come', async () => {
    const worker = fx.workerA;
    const own = fx.records.find((r) => r.record.authorId === worker.id)!.record;
    const fresh = createRecord(serviceLogContent({ date: '2023-05-03' }), worker.author(fx.teamA), new Date('2023-06-01T09:00:00Z'));
    const other = createRecord(serviceLogContent({ date: '2023-05-04' }), worker.author(fx.teamA), new Date('2023-06-01T09:00:00Z'));
    const forged = { ...other, id: own.id, revision: own.revision };
    const second = reviseRecord(fresh, { content: serviceLogContent({ date: '2023-05-05' }) });
    const third = reviseRecord(second, { content: serviceLogContent({ date: '2023-05-06' }) });
    const elsewhere = createRecord(serviceLogContent(), worker.author(fx.teamB));
    const answer = await call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, [fresh, own, { ...forged, contentHash: contentHashOf(forged) }, elsewhere, { id: 'no' }]) }, 200);
    expect((answer.json() as PushResponse).results.map((r) => r.status).sort()).toEqual(['accepted', 'conflict', 'duplicate', 'rejected', 'rejected']);
    await call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, [third]) }, 200);
    const staleAnswer = await call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, [second]) }, 200);
    expect((staleAnswer.json() as PushResponse).results[0]).toMatchObject({ status: 'conflict', reason: 'stale_revision' });
    await call('POST', '/api/v1/sync/push', { token: worker.token, body: { ...batch(worker.deviceKey, [fresh]), deviceId: 'another-device' } }, 403);

    const first = (await call('GET', `/api/v1${pullPath(null, 2)}`, { token: fx.supervisor.token }, 200)).json() as PullResponse;
    expect(first.hasMore).toBe(true);
    let cursor = first.cursor;
    let verdicts = first.verdicts.length;
    let records = first.records.length;
    for (let page = 0; page < 50; page++) {
      const next = (await call('GET', `/api/v1${pullPath(cursor)}`, { token: fx.supervisor.token }, 200)).json() as PullResponse;
      verdicts += next.verdicts.length;
      records += next.records.length;
      cursor = next.cursor;
      if (!next.hasMore) break;
    }
    expect(records).toBeGreaterThan(0);
    expect(verdicts).toBeGreaterThan(0);
    await call('GET', `/api/v1${pullPath('bm90LWEtY3Vyc29y')}`, { token: fx.supervisor.token }, 400);
  });

  it('review: the list, a verdict, a refused lock listing the open records, lock, unlock, the locks', async () => {
    const token = fx.supervisor.token;
    const list = (await call('GET', `/api/v1/review/records?team=${fx.teamA}&limit=200`, { token }, 200)).json() as { items: { record: FieldRecord; status: string }[] };
    const pending = list.items.find((i) => i.status === 'pending')!;
    const month = (pending.record.kind === 'serviceLog' ? pending.record.date : pending.record.kind === 'event' ? pending.record.startDate : pending.record.periodStart).slice(0, 7);
    const refused = await call('POST', '/api/v1/review/months/lock', { token, body: { teamId: pending.record.teamId, month } }, 409);
    expect((refused.json() as { error: { open?: unknown[] } }).error.open?.length).toBeGreaterThan(0);
    await call('POST', '/api/v1/review/verdicts', { token, body: { recordId: pending.record.id, revision: pending.record.revision, status: 'returned', comment: 'Перевірте / check' } }, 200);
    await call('POST', '/api/v1/review/months/lock', { token, body: { teamId: fx.teamA, month: '2023-12' } }, 200);
    await call('POST', '/api/v1/review/months/unlock', { token, body: { teamId: fx.teamA, month: '2023-12', reason: 'Помилка / a mistake' } }, 200);
    await call('POST', '/api/v1/review/months/lock', { token, body: { teamId: fx.teamA, month: '2023-12' } }, 200);
    await call('GET', `/api/v1/review/months?team=${fx.teamA}`, { token }, 200);
    await call('GET', `/api/v1/review/completeness?year=2023&team=${fx.teamA}`, { token }, 200);
    await call('GET', '/api/v1/review/completeness.csv?year=2023&lang=en', { token }, 200);
    await call('GET', '/api/v1/review/completeness.xlsx?year=2023&lang=en', { token }, 200);
    await call('GET', '/api/v1/review/records', { token: fx.workerA.token }, 403);
  });

  it('reports and public snapshots', async () => {
    const token = fx.supervisor.token;
    await call('GET', '/api/v1/reports/teams', { token }, 200);
    await call('GET', '/api/v1/reports/progress?year=2023&breakdowns=group,district,teamId,month,sphere&includePending=true', { token }, 200);
    await call('GET', '/api/v1/reports/progress?year=2023&period=q2', { token: fx.workerA.token }, 200);
    await call('GET', '/api/v1/reports/annual.xlsx?year=2023', { token }, 200);
    await call('GET', '/api/v1/reports/annual.csv?year=2023&lang=en', { token }, 200);
    await call('GET', '/api/v1/reports/progress?year=1990', { token }, 400);
    await call('GET', '/api/v1/public/progress?year=2023', {}, 404);
    await call('GET', '/public/progress/2023', {}, 404);
    await call('POST', '/api/v1/admin/public-snapshots', { token: admin.token, body: { year: 2023 } }, 201);
    await call('GET', '/api/v1/public/progress?year=2023', {}, 200);
    await call('GET', '/public/progress/2023?lang=en', {}, 200);
    await call('GET', '/api/v1/admin/public-snapshots?year=2023', { token: admin.token }, 200);
  });

  it('accounts, devices, sessions and the audit log', async () => {
    const token = admin.token;
    await call('GET', '/api/v1/admin/teams', { token }, 200);
    const team = (await call('POST', '/api/v1/admin/teams', { token, body: { name: `Контракт ${backend.name}`, kind: 'district_service' } }, 201)).json() as { id: string };
    await call('PATCH', `/api/v1/admin/teams/${team.id}`, { token, body: { district: 'podilskyi' } }, 200);
    await call('POST', '/api/v1/sync/status', { token: fx.workerB.token, body: { appVersion: 'contract', unsyncedCount: 0, oldestUnsyncedAt: null } }, 204);
    await call('GET', '/api/v1/admin/users', { token }, 200);
    const created = (await call('POST', '/api/v1/admin/users', { token, body: { email: `contract-${backend.name}@test.kyiv.ua`, displayName: 'Контракт', role: 'trainer', teamIds: [fx.teamA] } }, 201)).json() as UserWithPasswordDto;
    expect(created.generatedPassword).toEqual(expect.any(String));
    const id = created.user.id;
    await call('PATCH', `/api/v1/admin/users/${id}`, { token, body: { teamIds: [fx.teamA, fx.teamB], active: false } }, 200);
    await call('PATCH', `/api/v1/admin/users/${id}`, { token, body: { active: true } }, 200);
    await call('POST', `/api/v1/admin/users/${id}/password`, { token, body: {} }, 200);
    await call('POST', '/api/v1/auth/login', { body: { email: created.user.email, password: 'wrong password', deviceId: uuidv7() } }, 401);
    const devices = (await call('GET', `/api/v1/admin/users/${fx.workerB.id}/devices`, { token }, 200)).json() as { devices: DeviceDto[] };
    await call('POST', `/api/v1/admin/users/${fx.workerB.id}/revoke-sessions`, { token }, 200);
    await call('POST', `/api/v1/admin/devices/${devices.devices[0]!.id}/revoke`, { token }, 200);
    await call('GET', '/api/v1/admin/audit?limit=5', { token }, 200);
    await call('GET', '/api/v1/admin/audit', { token: fx.supervisor.token }, 403);
    await call('POST', '/api/v1/auth/logout', { token: fx.workerA.token }, 204);
    await call('POST', '/api/v1/auth/forget-device', { token: fx.workerA.token }, 204);
  });

  it('plans: listed, read, uploaded (a refused one names its problems), activated', async () => {
    const token = admin.token;
    await call('GET', '/api/v1/plans', { token: fx.supervisor.token }, 200);
    await call('GET', `/api/v1/plans/${BUILT_IN_PLAN_ID}`, { token: fx.supervisor.token }, 200);
    await call('GET', '/api/v1/plans/no-such-plan', { token }, 404);
    const other = JSON.parse(readFileSync('tests/fixtures/other-territory-plan.json', 'utf8')) as { id: string; version: string };
    await call('POST', '/api/v1/plans', { token, body: { ...other, version: '' } }, 400);
    await call('POST', '/api/v1/plans', { token: fx.supervisor.token, body: other }, 403);
    await call('POST', '/api/v1/plans', { token, body: other }, 201);
    await call('POST', '/api/v1/plans', { token, body: { ...other, title: { uk: 'Інший зміст', en: 'Other content' } } }, 409);
    await call('GET', `/api/v1/plans/${other.id}/template.xlsx`, { token }, 200);
    await call('GET', `/api/v1/plans/${other.id}/template.xlsx`, { token: fx.supervisor.token }, 403);
    await call('POST', `/api/v1/plans/${other.id}/activate`, { token }, 200);
    await call('POST', `/api/v1/plans/${BUILT_IN_PLAN_ID}/activate`, { token }, 200);
  });

  it('every documented operation was answered with its success, and matched its schema', () => {
    expect(operations.map((o) => o.key).filter((key) => !succeeded.has(key))).toEqual([]);
  });
});
