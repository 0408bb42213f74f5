import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentHashOf,
  contentOf,
  createRecord,
  MAX_BATCH_RECORDS,
  MIN_SYNC_PROTOCOL_VERSION,
  reviseRecord,
  SYNC_PROTOCOL_VERSION,
  uuidv7,
  type ApiError,
  type FieldRecord,
  type PushResponse,
  type PushResult,
} from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { eventContent, measureWithoutEvents, RECORDED_AT, serviceLogContent, someRecords } from '../helpers/records';
import { Barrier } from '../helpers/race';
import { batch, httpPush, statuses } from '../helpers/sync';

describe.each(backends)('sync push on $name', (backend) => {
  let h: Harness;
  let teamA: string;
  let teamB: string;
  let worker: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    teamA = await h.team();
    teamB = await h.team();
    worker = await h.user('field_worker', [teamA]);
  });
  afterAll(() => h?.close());

  /**
   * On PostgreSQL, hold every copy after its reads until all have read: none sees another's
   * rows, so only the unique index can keep them from landing twice. (SQLite runs one
   * transaction at a time on its single connection: there the copies cannot overlap at all.)
   */
  function holdUntilAllHaveRead(copies: number): Barrier | null {
    if (backend.name !== 'postgresql') return null;
    const barrier = new Barrier(copies);
    h.hooks.afterTriage = barrier.arrive;
    return barrier;
  }
  const releaseHooks = () => {
    delete h.hooks.afterTriage;
  };

  const push = async (user: TestUser, records: unknown[], over: Record<string, unknown> = {}) =>
    h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, records, over) });

  async function stored(ids: string[]): Promise<{ records: number; revisions: number }> {
    const count = async (table: 'records' | 'record_revisions', column: 'id' | 'record_id') => {
      const row = await h.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(column, 'in', ids)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return { records: await count('records', 'id'), revisions: await count('record_revisions', 'record_id') };
  }

  it('accepts a batch and stores each record once, with its revision history', async () => {
    const records = someRecords(worker.author(teamA), 4);
    const res = await push(worker, records);
    expect(res.statusCode).toBe(200);
    const body = res.json() as PushResponse;
    expect(body.results).toEqual(records.map((r) => ({ status: 'accepted', id: r.id, revision: 1 })));
    expect(await stored(records.map((r) => r.id))).toEqual({ records: 4, revisions: 4 });
    const row = await h.ctx.db.selectFrom('records').selectAll().where('id', '=', records[0]!.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.body)).toEqual(records[0]);
    expect(row).toMatchObject({ team_id: teamA, author_id: worker.id, revision: 1, deleted: 0, content_hash: records[0]!.contentHash });
  });

  it('answers a replayed batch with "duplicate" and writes nothing new', async () => {
    const records = someRecords(worker.author(teamA), 5);
    const body = batch(worker.deviceKey, records);
    const first = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body });
    expect(statuses(first.json())).toEqual(Array(5).fill('accepted'));
    const seqBefore = await h.ctx.db.selectFrom('counters').select('value').executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) {
      const again = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ ...first.json(), results: records.map((r) => ({ status: 'duplicate', id: r.id, revision: 1 })) });
    }
    expect(await stored(records.map((r) => r.id))).toEqual({ records: 5, revisions: 5 });
    // No change numbers were taken either: a replay is invisible to pulls.
    expect(await h.ctx.db.selectFrom('counters').select('value').executeTakeFirstOrThrow()).toEqual(seqBefore);
  });

  it('lands 10 parallel copies of a batch exactly once, every answer consistent', async () => {
    const base = await h.listen();
    const records = someRecords(worker.author(teamA), 20);
    const body = batch(worker.deviceKey, records);
    const barrier = holdUntilAllHaveRead(10);
    const answers = await Promise.all(Array.from({ length: 10 }, () => httpPush(base, worker.token, body))).finally(releaseHooks);
    if (barrier) expect(barrier.arrivals).toBe(10);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    // Per record: exactly one copy stored it, the other nine saw a duplicate.
    records.forEach((r, i) => {
      const perCopy = answers.map((a) => a.json.results[i]!);
      expect(perCopy.every((x) => x.id === r.id && x.revision === 1)).toBe(true);
      expect(perCopy.filter((x) => x.status === 'accepted')).toHaveLength(1);
      expect(perCopy.filter((x) => x.status === 'duplicate')).toHaveLength(9);
    });
    expect(await stored(records.map((r) => r.id))).toEqual({ records: 20, revisions: 20 });
  });

  it('takes a new revision, and calls an older one stale', async () => {
    const [first] = someRecords(worker.author(teamA), 1) as [FieldRecord];
    const second = reviseRecord(first, { content: serviceLogContent({ date: '2023-05-20' }) }, new Date('2023-06-02T09:00:00Z'));
    const third = reviseRecord(second, { deleted: true }, new Date('2023-06-03T09:00:00Z'));
    expect(statuses((await push(worker, [first, second])).json())).toEqual(['accepted', 'accepted']);
    expect(statuses((await push(worker, [third])).json())).toEqual(['accepted']);
    const resend = reviseRecord(first, { content: contentOf(first) }, new Date('2023-06-02T10:00:00Z'));
    expect(resend.revision).toBe(2);
    const res = (await push(worker, [first, resend])).json() as PushResponse;
    expect(res.results[0]).toEqual({ status: 'duplicate', id: first.id, revision: 1 });
    // revision 2 is stored with other content: a conflict, not silently overwritten
    expect(res.results[1]).toEqual({ status: 'conflict', id: first.id, revision: 2, reason: 'different_content', serverRevision: 3 });
    const row = await h.ctx.db.selectFrom('records').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revision: 3, deleted: 1 });
    expect(await stored([first.id])).toEqual({ records: 1, revisions: 3 });
  });

  it('answers a revision lower than the stored one with stale_revision', async () => {
    const [first] = someRecords(worker.author(teamA), 1) as [FieldRecord];
    const second = reviseRecord(first, { content: serviceLogContent({ date: '2023-05-21' }) }, new Date('2023-06-02T09:00:00Z'));
    const third = reviseRecord(second, { content: serviceLogContent({ date: '2023-05-22' }) }, new Date('2023-06-03T09:00:00Z'));
    expect(statuses((await push(worker, [third])).json())).toEqual(['accepted']);
    const res = (await push(worker, [second])).json() as PushResponse;
    expect(res.results).toEqual([{ status: 'conflict', id: first.id, revision: 2, reason: 'stale_revision', serverRevision: 3 }]);
    expect(await stored([first.id])).toEqual({ records: 1, revisions: 1 });
  });

  it('answers the same id and revision with other content as a conflict', async () => {
    const [record] = someRecords(worker.author(teamA), 1) as [FieldRecord];
    await push(worker, [record]);
    const other = createRecord(serviceLogContent({ date: '2023-05-25' }), worker.author(teamA), RECORDED_AT);
    const forged = { ...other, id: record.id };
    const res = (await push(worker, [{ ...forged, contentHash: hashOf(forged) }])).json() as PushResponse;
    expect(res.results).toEqual([{ status: 'conflict', id: record.id, revision: 1, reason: 'different_content', serverRevision: 1 }]);
    const row = await h.ctx.db.selectFrom('records').select('content_hash').where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(row.content_hash).toBe(record.contentHash);
  });

  it('rejects bad records with their field named while the rest land', async () => {
    const author = worker.author(teamA);
    const good = someRecords(author, 2);
    const negative = createRecord(serviceLogContent(), author, RECORDED_AT) as Extract<FieldRecord, { kind: 'serviceLog' }>;
    const negativeCells = negative.served.cells.map((c, i) => (i === 0 ? { ...c, count: -3 } : c));
    const badCount = reseal({ ...negative, served: { cells: negativeCells, total: negativeCells.reduce((s, c) => s + c.count, 0) } });
    const withName = reseal({ ...createRecord(eventContent(), author, RECORDED_AT), name: 'Олена Петренко' });
    const wrongMeasure = createRecord(eventContent({ measureId: measureWithoutEvents.id }), author, RECORDED_AT);
    const notARecord = { hello: 'world' };
    const records = [good[0], badCount, withName, wrongMeasure, notARecord, good[1]];

    const res = await push(worker, records);
    expect(res.statusCode).toBe(200);
    const results = (res.json() as PushResponse).results;
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'rejected', 'accepted']);
    const fields = (r: PushResult) => (r.status === 'rejected' ? r.issues.map((i) => `${i.field}:${i.code}`) : []);
    expect(fields(results[1]!)).toContain('served.cells.0.count:count_non_negative');
    expect(fields(results[2]!)).toContain('name:unknown_field');
    expect(fields(results[3]!)).toContain('measureId:measure_no_events');
    expect(results[1]).toMatchObject({ id: badCount.id, revision: 1, index: 1 });
    expect(results[4]).toMatchObject({ id: null, revision: null, index: 4 });
    const issue = (results[2] as Extract<PushResult, { status: 'rejected' }>).issues[0]!;
    expect(issue.message.uk).toMatch(/[А-Яа-яІіЇїЄє]/);
    expect(issue.message.en.length).toBeGreaterThan(0);
    expect(await stored([good[0]!.id, good[1]!.id, badCount.id, withName.id, wrongMeasure.id])).toEqual({ records: 2, revisions: 2 });
  });

  // Who may push which record (per record, never the whole batch): push-rights.test.ts.

  it('rejects a revision that moves a record to another team, even between two teams of its author', async () => {
    const both = await h.user('field_worker', [teamA, teamB]);
    const [record] = someRecords(both.author(teamA), 1) as [FieldRecord];
    await push(both, [record]);
    const moved = reseal({ ...reviseRecord(record, {}, new Date('2023-06-05T00:00:00Z')), teamId: teamB });
    const res = (await push(both, [moved])).json() as PushResponse;
    expect(res.results[0]).toMatchObject({ status: 'rejected', issues: [{ field: 'teamId' }] });
    const row = await h.ctx.db.selectFrom('records').select(['team_id', 'revision']).where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ team_id: teamA, revision: 1 });
  });

  it('answers records in a locked month with a locked_period conflict', async () => {
    const supervisor = await h.user('supervisor', [teamA]);
    const [old] = someRecords(worker.author(teamA), 1) as [FieldRecord];
    await push(worker, [old]);
    await h.ctx.db
      .insertInto('month_locks')
      .values({ id: uuidv7(), team_id: teamA, month: '2023-04', locked_by: supervisor.id, locked_at: h.clock.now().toISOString(), unlocked_by: null, unlocked_at: null })
      .execute();
    const inLocked = createRecord(serviceLogContent({ date: '2023-04-30' }), worker.author(teamA), RECORDED_AT);
    const movedIntoLocked = reviseRecord(old, { content: serviceLogContent({ date: '2023-04-03' }) }, new Date('2023-06-05T00:00:00Z'));
    const open = createRecord(serviceLogContent({ date: '2023-05-01' }), worker.author(teamA), RECORDED_AT);
    const res = (await push(worker, [inLocked, movedIntoLocked, open])).json() as PushResponse;
    expect(res.results).toEqual([
      { status: 'conflict', id: inLocked.id, revision: 1, reason: 'locked_period', serverRevision: 0 },
      { status: 'conflict', id: old.id, revision: 2, reason: 'locked_period', serverRevision: 1 },
      { status: 'accepted', id: open.id, revision: 1 },
    ]);
    // the lock belongs to team A only; and once unlocked, the record lands
    await h.ctx.db.updateTable('month_locks').set({ unlocked_at: h.clock.now().toISOString(), unlocked_by: supervisor.id }).where('team_id', '=', teamA).execute();
    expect(statuses((await push(worker, [inLocked])).json())).toEqual(['accepted']);
  });

  it('checks protocol version (426, 422), device (403), batch count and bytes (413), and the envelope (400)', async () => {
    const records = someRecords(worker.author(teamA), 1);
    const old = await push(worker, records, { protocolVersion: MIN_SYNC_PROTOCOL_VERSION - 1 });
    expect(old.statusCode).toBe(426);
    expect((old.json() as ApiError).error).toMatchObject({ code: 'client_too_old', reason: 'client_too_old' });
    const newer = await push(worker, records, { protocolVersion: SYNC_PROTOCOL_VERSION + 1 });
    expect(newer.statusCode).toBe(422);
    expect((newer.json() as ApiError).error).toMatchObject({ code: 'server_too_old', reason: 'server_too_old' });
    expect(await stored(records.map((r) => r.id))).toEqual({ records: 0, revisions: 0 });

    const otherDevice = await push(worker, records, { deviceId: 'someone-elses-tablet' });
    expect(otherDevice.statusCode).toBe(403);
    expect((otherDevice.json() as ApiError).error.reason).toBe('device_mismatch');

    const tooMany = await push(worker, Array(MAX_BATCH_RECORDS + 1).fill(records[0]));
    expect(tooMany.statusCode).toBe(413);

    const huge = await push(worker, [{ ...records[0], padding: 'x'.repeat(1_100_000) }]);
    expect(huge.statusCode).toBe(413);
    expect((huge.json() as ApiError).error.message.en).toBeTruthy();

    const malformed = await push(worker, records, { batchId: 'not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
    expect((malformed.json() as ApiError).error.issues?.[0]?.field).toBe('batchId');

    const anonymous = await h.call('POST', '/api/v1/sync/push', { body: batch(worker.deviceKey, records) });
    expect(anonymous.statusCode).toBe(401);
    expect(await stored([records[0]!.id])).toEqual({ records: 0, revisions: 0 });
  });

  it('keeps the first answer to each batch', async () => {
    const body = batch(worker.deviceKey, someRecords(worker.author(teamA), 2));
    const first = (await h.call('POST', '/api/v1/sync/push', { token: worker.token, body })).json() as PushResponse;
    await h.call('POST', '/api/v1/sync/push', { token: worker.token, body });
    const row = await h.ctx.db.selectFrom('batches').selectAll().where('id', '=', body.batchId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.response)).toEqual(first.results);
    expect(row).toMatchObject({ user_id: worker.id, record_count: 2 });
  });

  it.skipIf(backend.name !== 'postgresql')('lands a batch once when two server instances receive it at the same time', async () => {
    const second = await h.secondInstance();
    const baseA = await h.listen();
    const records = someRecords(worker.author(teamA), 30);
    const body = batch(worker.deviceKey, records);
    holdUntilAllHaveRead(6);
    const answers = await Promise.all([
      ...Array.from({ length: 3 }, () => httpPush(baseA, worker.token, body)),
      ...Array.from({ length: 3 }, () => httpPush(second.baseUrl, worker.token, body)),
    ]).finally(releaseHooks);
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    records.forEach((_, i) => {
      expect(answers.filter((a) => a.json.results[i]!.status === 'accepted')).toHaveLength(1);
      expect(answers.filter((a) => a.json.results[i]!.status === 'duplicate')).toHaveLength(5);
    });
    expect(await stored(records.map((r) => r.id))).toEqual({ records: 30, revisions: 30 });
  });
});


function hashOf(record: Omit<FieldRecord, 'contentHash'> & { contentHash?: string }): string {
  return contentHashOf(record);
}

/** Re-computes the content hash after a test edits a record by hand, so only the intended fault remains. */
function reseal<T extends object>(record: T): T {
  return { ...record, contentHash: contentHashOf(record as unknown as FieldRecord) };
}
