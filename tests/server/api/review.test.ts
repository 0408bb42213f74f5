import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, pullPath, reviseRecord, type ApiError, type FieldRecord, type PullResponse, type ReviewVerdict } from '../../../src/shared';
import type { ReviewList } from '../../../src/shared/review/protocol';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { eventContent, RECORDED_AT, serviceLogContent } from '../helpers/records';
import { gate } from '../helpers/race';
import { pushAll } from '../helpers/report-fixture';
import { batch } from '../helpers/sync';

describe.each(backends)('review of records on $name', (backend) => {
  let h: Harness;
  let teamA: string;
  let teamB: string;
  let worker: TestUser;
  let supervisor: TestUser;
  let otherSupervisor: TestUser;
  let admin: TestUser;
  let records: FieldRecord[];

  beforeAll(async () => {
    h = await startHarness(backend);
    teamA = await h.team();
    teamB = await h.team();
    worker = await h.user('field_worker', [teamA]);
    supervisor = await h.user('supervisor', [teamA]);
    otherSupervisor = await h.user('supervisor', [teamB]);
    admin = await h.user('admin', []);
    records = [
      createRecord(serviceLogContent({ date: '2023-05-02' }), worker.author(teamA), RECORDED_AT),
      createRecord(serviceLogContent({ date: '2023-05-03' }), worker.author(teamA), RECORDED_AT),
      createRecord(eventContent({ startDate: '2023-04-20', endDate: '2023-04-20' }), worker.author(teamA), RECORDED_AT),
      createRecord(serviceLogContent({ date: '2023-03-15' }), worker.author(teamA), RECORDED_AT),
    ];
    await pushAll(h, worker, records);
  });
  afterAll(() => h?.close());

  const give = (user: TestUser, body: Record<string, unknown>) => h.call('POST', '/api/v1/review/verdicts', { token: user.token, body });
  const list = async (user: TestUser, query = '') => {
    const res = await h.call('GET', `/api/v1/review/records${query}`, { token: user.token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReviewList;
  };
  const statusOf = async (id: string) => (await list(supervisor, '?limit=200')).items.find((i) => i.record.id === id)?.status;
  const factStatuses = async (id: string) =>
    [...new Set((await h.ctx.db.selectFrom('facts').select('review_status').where('record_id', '=', id).execute()).map((r) => r.review_status))];

  it("lists the supervisor's team's records, newest first, all pending at first", async () => {
    const page = await list(supervisor);
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.record.id)).toEqual([records[1]!.id, records[0]!.id, records[2]!.id, records[3]!.id]);
    expect(page.items.every((i) => i.status === 'pending' && i.verdicts.length === 0)).toBe(true);
    expect(page.items[0]!.record).toEqual(records[1]);
    // Each card names who recorded it: the author's account name, nothing else of the account.
    expect(new Set(page.items.map((i) => i.authorName))).toEqual(new Set(['Тест']));
    expect((await list(otherSupervisor)).total).toBe(0);
    expect((await list(admin)).total).toBe(4);
  });

  it('pages and filters by status, measure and dates', async () => {
    const first = await list(supervisor, '?limit=3');
    const second = await list(supervisor, '?limit=3&offset=3');
    expect([first.items.length, second.items.length, first.total]).toEqual([3, 1, 4]);
    expect((await list(supervisor, '?from=2023-05-01&to=2023-05-31')).total).toBe(2);
    expect((await list(supervisor, `?measure=${records[2]!.measureId}`)).items.map((i) => i.record.kind)).toContain('event');
    expect((await list(supervisor, `?team=${teamA}&status=approved`)).total).toBe(0);
    const bad = await h.call('GET', '/api/v1/review/records?status=maybe&limit=0', { token: supervisor.token });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.issues?.map((i) => i.field).sort()).toEqual(['limit', 'status']);
  });

  it('lets only a supervisor of the team, or an admin, review', async () => {
    const body = { recordId: records[3]!.id, revision: 1, status: 'approved' };
    const byWorker = await give(worker, body);
    expect(byWorker.statusCode).toBe(403);
    expect((await give(otherSupervisor, body)).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/records', { token: worker.token })).statusCode).toBe(403);
    expect((await h.call('GET', `/api/v1/review/records?team=${teamA}`, { token: otherSupervisor.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/records')).statusCode).toBe(401);
    expect(await statusOf(records[3]!.id)).toBe('pending');
    const byAdmin = await give(admin, body);
    expect(byAdmin.statusCode).toBe(200);
    expect(await statusOf(records[3]!.id)).toBe('approved');
  });

  it('approves: the record counts, and the author receives the verdict on the next pull', async () => {
    const before = (await h.call('GET', `/api/v1${pullPath(null)}`, { token: worker.token })).json() as PullResponse;
    const res = await give(supervisor, { recordId: records[0]!.id, revision: 1, status: 'approved' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      recordId: records[0]!.id, revision: 1, status: 'approved', comment: null, reviewerId: supervisor.id, reviewedAt: h.clock.now().toISOString(),
    });
    expect(await factStatuses(records[0]!.id)).toEqual(['approved']);
    const after = (await h.call('GET', `/api/v1${pullPath(before.cursor)}`, { token: worker.token })).json() as PullResponse;
    expect(after.verdicts).toEqual([res.json()]);
    expect(after.records).toEqual([]);
    // the same verdict again (a retry) changes nothing
    expect((await give(supervisor, { recordId: records[0]!.id, revision: 1, status: 'approved' })).json()).toEqual(res.json());
    expect(((await h.call('GET', `/api/v1${pullPath(before.cursor)}`, { token: worker.token })).json() as PullResponse).verdicts).toHaveLength(1);
  });

  it('returns with a comment; the author corrects and sends again; the record is pending again', async () => {
    const record = records[1]!;
    const noComment = await give(supervisor, { recordId: record.id, revision: 1, status: 'returned' });
    expect(noComment.statusCode).toBe(400);
    expect((noComment.json() as ApiError).error.issues).toEqual([
      expect.objectContaining({ field: 'comment', code: 'required', message: expect.objectContaining({ uk: expect.any(String), en: expect.any(String) }) }),
    ]);
    const before = (await h.call('GET', `/api/v1${pullPath(null)}`, { token: worker.token })).json() as PullResponse;
    const returned = await give(supervisor, { recordId: record.id, revision: 1, status: 'returned', comment: 'Уточніть кількість осіб' });
    expect(returned.statusCode).toBe(200);
    expect(await factStatuses(record.id)).toEqual(['returned']);
    const pulled = (await h.call('GET', `/api/v1${pullPath(before.cursor)}`, { token: worker.token })).json() as PullResponse;
    expect(pulled.verdicts).toEqual([expect.objectContaining({ recordId: record.id, revision: 1, status: 'returned', comment: 'Уточніть кількість осіб' })]);

    // the author corrects the day it happened and sends the record again
    const corrected = reviseRecord(record, { content: serviceLogContent({ date: '2023-05-04' }) }, new Date('2023-06-02T00:00:00Z'));
    await pushAll(h, worker, [corrected]);
    const item = (await list(supervisor, '?limit=200')).items.find((i) => i.record.id === record.id)!;
    expect(item).toMatchObject({ status: 'pending', record: { revision: 2 } });
    expect(item.verdicts.map((v: ReviewVerdict) => [v.revision, v.status])).toEqual([[1, 'returned']]);
    expect(await factStatuses(record.id)).toEqual(['pending']);

    // a verdict on the old revision is refused: the supervisor has not seen the new one
    const stale = await give(supervisor, { recordId: record.id, revision: 1, status: 'approved' });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as ApiError).error.reason).toBe('not_latest_revision');
    expect((await give(supervisor, { recordId: record.id, revision: 2, status: 'approved' })).statusCode).toBe(200);
    expect(await factStatuses(record.id)).toEqual(['approved']);
  });

  it('rejects with a comment: the record stops counting', async () => {
    const res = await give(supervisor, { recordId: records[2]!.id, revision: 1, status: 'rejected', comment: 'Дубль запису' });
    expect(res.statusCode).toBe(200);
    expect(await statusOf(records[2]!.id)).toBe('rejected');
    expect(await factStatuses(records[2]!.id)).toEqual(['rejected']);
  });

  it('answers 404 for an unknown record and 400 for a malformed verdict', async () => {
    const unknown = await give(supervisor, { recordId: '01890000-0000-7000-8000-000000000000', revision: 1, status: 'approved' });
    expect(unknown.statusCode).toBe(404);
    const bad = await give(supervisor, { recordId: 'x', revision: 0, status: 'fine', extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.issues?.map((i) => i.field).sort()).toEqual(['extra', 'recordId', 'revision', 'status']);
  });

  it.skipIf(backend.name !== 'postgresql')(
    'a verdict racing a new revision of the record loses: it never marks the new revision reviewed',
    async () => {
      const record = createRecord(serviceLogContent({ date: '2023-05-12' }), worker.author(teamA), RECORDED_AT);
      await pushAll(h, worker, [record]);
      const revised = reviseRecord(record, { content: serviceLogContent({ date: '2023-05-13' }) }, new Date('2023-06-05T00:00:00Z'));
      const body = batch(worker.deviceKey, [revised]);
      const held = gate();
      h.hooks.beforeCommit = (batchId) => (batchId === body.batchId ? held.wait() : Promise.resolve());
      try {
        const pushing = h.call('POST', '/api/v1/sync/push', { token: worker.token, body });
        await held.reached;
        // the verdict read revision 1 as the latest; the push holding revision 2 has not committed yet
        const giving = give(supervisor, { recordId: record.id, revision: 1, status: 'approved' });
        // open the push's gate only once the verdict waits behind the push's lock on the record
        await h.database.untilWaitingForLock!();
        held.open();
        expect((await pushing).statusCode).toBe(200);
        const res = await giving;
        expect(res.statusCode).toBe(409);
        expect((res.json() as ApiError).error.reason).toBe('not_latest_revision');
        expect(await statusOf(record.id)).toBe('pending');
        expect(await factStatuses(record.id)).toEqual(['pending']);
      } finally {
        held.open();
        delete h.hooks.beforeCommit;
      }
    },
  );

  it('leaves deleted records out of the list, and their facts out of the reports', async () => {
    const tombstone = reviseRecord(records[3]!, { deleted: true }, new Date('2023-06-03T00:00:00Z'));
    await pushAll(h, worker, [tombstone]);
    expect((await list(supervisor, '?limit=200')).items.map((i) => i.record.id)).not.toContain(records[3]!.id);
    expect(await factStatuses(records[3]!.id)).toEqual([]);
  });
});
