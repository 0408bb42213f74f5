import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SYNC_PROTOCOL_VERSION, pullPath, reviseRecord, SYNC_PROTOCOL_VERSION, uuidv7, type ApiError, type FieldRecord, type LoginResponse, type PullResponse, type ReviewVerdict } from '../../../src/shared';
import { takeSequence } from '../../../src/server/db/sequence';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { gate } from '../helpers/race';
import { someRecords } from '../helpers/records';
import { batch, httpPush, ids, statuses } from '../helpers/sync';

describe.each(backends)('sync pull on $name', (backend) => {
  let h: Harness;
  let teamA: string;
  let teamB: string;
  let worker: TestUser;
  /** the worker's second device: what they pushed from the first comes to this one */
  let workerElsewhere: TestUser;
  let colleague: TestUser;
  let supervisor: TestUser;
  let outsider: TestUser;
  let workerRecords: FieldRecord[];
  let colleagueRecords: FieldRecord[];

  beforeAll(async () => {
    h = await startHarness(backend);
    teamA = await h.team();
    teamB = await h.team();
    worker = await h.user('field_worker', [teamA]);
    workerElsewhere = await onAnotherDevice(worker);
    colleague = await h.user('trainer', [teamA]);
    supervisor = await h.user('supervisor', [teamA]);
    outsider = await h.user('field_worker', [teamB]);
    workerRecords = someRecords(worker.author(teamA), 7);
    colleagueRecords = someRecords(colleague.author(teamA), 3);
    await push(worker, workerRecords);
    await push(colleague, colleagueRecords);
    await push(outsider, someRecords(outsider.author(teamB), 2));
  });
  afterAll(() => h?.close());

  async function onAnotherDevice(user: TestUser): Promise<TestUser> {
    const deviceKey = uuidv7();
    const res = await h.login(user.email, deviceKey);
    expect(res.statusCode).toBe(200);
    return { ...user, deviceKey, token: (res.json() as LoginResponse).token, author: (teamId) => ({ authorId: user.id, deviceId: deviceKey, teamId }) };
  }

  async function push(user: TestUser, records: FieldRecord[]) {
    const res = await h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, records) });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  async function pull(user: TestUser, since?: string, limit?: number): Promise<PullResponse> {
    const res = await h.call('GET', `/api/v1${pullPath(since ?? null, limit)}`, { token: user.token });
    expect(res.statusCode).toBe(200);
    return res.json() as PullResponse;
  }

  /** Follows the cursor until hasMore is false; returns everything seen and the last cursor. */
  async function pullAll(user: TestUser, since?: string, limit?: number) {
    const records: FieldRecord[] = [];
    const verdicts: ReviewVerdict[] = [];
    let cursor = since;
    for (let page = 0; page < 100; page++) {
      const res = await pull(user, cursor, limit);
      records.push(...res.records);
      verdicts.push(...res.verdicts);
      cursor = res.cursor;
      if (!res.hasMore) return { records, verdicts, cursor, pages: page + 1 };
    }
    throw new Error('pull never finished');
  }

  /** Stands in for issue 5's review API: a verdict takes the next change number, as any change does. */
  async function addVerdict(record: FieldRecord, status: ReviewVerdict['status'], comment: string | null) {
    await h.ctx.db.transaction().execute(async (trx) => {
      const seq = await takeSequence(trx, 1);
      await trx
        .insertInto('reviews')
        .values({ id: uuidv7(), record_id: record.id, revision: record.revision, status, comment, reviewer_id: supervisor.id, reviewed_at: h.clock.now().toISOString(), server_seq: seq })
        .execute();
    });
  }

  it('gives a field worker their own records, and a supervisor their teams\' records', async () => {
    const mine = await pull(workerElsewhere);
    expect(ids(mine.records)).toEqual(ids(workerRecords));
    expect(mine.records.find((r) => r.id === workerRecords[0]!.id)).toEqual(workerRecords[0]);
    expect(mine.hasMore).toBe(false);
    expect(mine.catalogueVersion).toBe(h.ctx.catalogue.version);

    const team = await pull(supervisor);
    expect(ids(team.records)).toEqual(ids([...workerRecords, ...colleagueRecords]));
    expect((await pull(outsider)).records.every((r) => r.teamId === teamB)).toBe(true);
  });

  it('pages with the cursor: every record exactly once, in any page size', async () => {
    for (const limit of [1, 3, 4]) {
      const all = await pullAll(supervisor, undefined, limit);
      expect(all.records).toHaveLength(10);
      expect(ids(all.records)).toEqual(ids([...workerRecords, ...colleagueRecords]));
      expect(all.pages).toBeGreaterThanOrEqual(Math.ceil(10 / limit));
    }
  });

  it('brings only what changed after the cursor: new records and new revisions', async () => {
    const { cursor } = await pullAll(workerElsewhere);
    expect((await pull(workerElsewhere, cursor)).records).toEqual([]);
    const revised = reviseRecord(workerRecords[0]!, { deleted: true }, new Date('2023-06-10T00:00:00Z'));
    const fresh = someRecords(worker.author(teamA), 1);
    await push(worker, [revised, ...fresh]);
    const next = await pull(workerElsewhere, cursor);
    expect(next.records).toHaveLength(2);
    expect(next.records.find((r) => r.id === revised.id)).toMatchObject({ revision: 2, deleted: true });
    // a replay changes nothing, so the cursor sees nothing new
    await push(worker, [revised, ...fresh]);
    expect((await pull(workerElsewhere, next.cursor)).records).toEqual([]);
  });

  it('delivers review verdicts on the author\'s own records', async () => {
    const { cursor } = await pullAll(worker);
    await addVerdict(workerRecords[1]!, 'returned', 'Перевірте кількість / check the count');
    await addVerdict(colleagueRecords[0]!, 'approved', null);
    const mine = await pull(worker, cursor);
    expect(mine.records).toEqual([]);
    expect(mine.verdicts).toEqual([
      {
        recordId: workerRecords[1]!.id,
        revision: 1,
        status: 'returned',
        comment: 'Перевірте кількість / check the count',
        reviewerId: supervisor.id,
        reviewedAt: h.clock.now().toISOString(),
      },
    ]);
    expect((await pull(colleague, cursor)).verdicts.map((v) => v.status)).toEqual(['approved']);
    expect((await pull(outsider, cursor)).verdicts).toEqual([]);
    // records and verdicts share one sequence: paging one item at a time still sees both
    const paged = await pullAll(supervisor, cursor, 1);
    expect(paged.verdicts.map((v) => v.recordId).sort()).toEqual([workerRecords[1]!.id, colleagueRecords[0]!.id].sort());
  });

  it('refuses a cursor it did not make, and requires a session', async () => {
    const bad = await h.call('GET', `/api/v1${pullPath('bm90LWEtY3Vyc29y')}`, { token: worker.token });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.issues?.[0]?.field).toBe('since');
    expect((await h.call('GET', `/api/v1${pullPath(null, 0)}`, { token: worker.token })).statusCode).toBe(400);
    expect((await h.call('GET', '/api/v1/sync/pull')).statusCode).toBe(401);
  });

  it('starts over with reset when the cursor was made for another scope: a team joined, a cursor of the earlier format', async () => {
    const joiner = await h.user('supervisor', [teamB]);
    const first = await pullAll(joiner);
    expect(first.records.every((r) => r.teamId === teamB)).toBe(true);
    const same = await pull(joiner, first.cursor);
    expect(same).toMatchObject({ reset: false, records: [] });
    // joining ends no session: the same token, the old cursor
    const patched = await h.call('PATCH', `/api/v1/admin/users/${joiner.id}`, { token: (await h.user('admin', [])).token, body: { teamIds: [teamB, teamA] } });
    expect(patched.statusCode, patched.body).toBe(200);
    const again = await pull(joiner, first.cursor);
    expect(again.reset).toBe(true);
    const rest = again.hasMore ? await pullAll(joiner, again.cursor) : { records: [] };
    // the same as a pull from scratch in the new scope: team B's and every older record of team A
    expect(ids([...again.records, ...rest.records])).toEqual(ids((await pullAll(joiner)).records));
    expect(ids([...again.records, ...rest.records])).toEqual(expect.arrayContaining(ids([...first.records, ...workerRecords, ...colleagueRecords])));
    expect((await pull(joiner, again.cursor)).reset).toBe(false);
    const v1 = await pull(joiner, Buffer.from('v1:999').toString('base64url'));
    expect(v1.reset).toBe(true);
  });

  it('serves the supported protocol versions only: too old (or none: a version-1 device) 426, too new 422', async () => {
    const answer = async (query: string) => {
      const res = await h.call('GET', `/api/v1/sync/pull${query}`, { token: worker.token });
      return { status: res.statusCode, reason: (res.json() as ApiError).error?.reason };
    };
    expect(await answer('')).toEqual({ status: 426, reason: 'client_too_old' });
    expect(await answer(`?protocolVersion=${MIN_SYNC_PROTOCOL_VERSION - 1}`)).toEqual({ status: 426, reason: 'client_too_old' });
    expect(await answer(`?protocolVersion=${SYNC_PROTOCOL_VERSION + 1}`)).toEqual({ status: 422, reason: 'server_too_old' });
    expect((await answer('?protocolVersion=two')).status).toBe(400);
    for (let v = MIN_SYNC_PROTOCOL_VERSION; v <= SYNC_PROTOCOL_VERSION; v++) expect((await answer(`?protocolVersion=${v}`)).status).toBe(200);
    // no session is still a 401 first, whatever the version
    expect((await h.call('GET', '/api/v1/sync/pull?protocolVersion=1')).statusCode).toBe(401);
  });

  it.skipIf(backend.name !== 'postgresql')(
    'never skips a change committed late: change numbers are handed out in commit order',
    async () => {
      const base = await h.listen();
      const { cursor } = await pullAll(supervisor);
      const recordsA = someRecords(worker.author(teamA), 3);
      const recordsB = someRecords(colleague.author(teamA), 3);
      const bodyA = batch(worker.deviceKey, recordsA);
      const bodyB = batch(colleague.deviceKey, recordsB);
      // Hold A's transaction open after it took its change numbers.
      const holdA = gate();
      h.hooks.beforeCommit = (batchId) => (batchId === bodyA.batchId ? holdA.wait() : Promise.resolve());
      try {
        const pushA = httpPush(base, worker.token, bodyA);
        await holdA.reached;
        let bDone = false;
        const pushB = httpPush(base, colleague.token, bodyB).then((r) => ((bDone = true), r));
        await h.database.untilWaitingForLock!();
        // B must wait for A: had B committed with higher numbers, this pull would move the
        // cursor past A's numbers and A's records would never be pulled.
        expect(bDone).toBe(false);
        const during = await pull(supervisor, cursor);
        holdA.open();
        expect(statuses((await pushA).json)).toEqual(['accepted', 'accepted', 'accepted']);
        expect(statuses((await pushB).json)).toEqual(['accepted', 'accepted', 'accepted']);
        const after = await pullAll(supervisor, during.cursor);
        expect(ids([...during.records, ...after.records])).toEqual(ids([...recordsA, ...recordsB]));
      } finally {
        holdA.open();
        delete h.hooks.beforeCommit;
      }
    },
  );

  it('does not bring back what the device itself pushed; a revision made on another device, and verdicts, still come', async () => {
    const phone = await onAnotherDevice(worker);
    const tablet = await onAnotherDevice(worker);
    const start = (await pullAll(phone)).cursor;
    const made = someRecords(phone.author(teamA), 5);
    await push(phone, made);
    // The phone's own five: passed over, and the cursor moves past them, pages of two included,
    // in one request: pages holding only its own revisions are passed over by the server.
    const own = await pullAll(phone, start, 2);
    expect(own.records).toEqual([]);
    expect(own.cursor).not.toBe(start);
    expect(own.pages).toBe(1);
    expect((await pull(phone, own.cursor)).records).toEqual([]);
    // Another device of the same person gets them all.
    expect(ids((await pullAll(tablet, start)).records)).toEqual(ids(made));
    // A revision made on the tablet reaches the phone, the phone's untouched records do not.
    const editedElsewhere = reviseRecord(made[2]!, { deleted: true }, new Date('2023-06-11T00:00:00Z'));
    await push(tablet, [editedElsewhere]);
    const back = await pull(phone, own.cursor);
    expect(back.records).toEqual([editedElsewhere]);
    // Its own revisions before another device's stop at the page that holds something to send.
    const mixed = await pullAll(phone, start, 2);
    expect(mixed.records).toEqual([editedElsewhere]);
    expect(mixed.cursor).toBe(back.cursor);
    // A verdict on the phone's own revision still comes to the phone.
    await addVerdict(made[0]!, 'returned', 'ще раз / once more');
    const verdicts = await pull(phone, back.cursor);
    expect(verdicts.records).toEqual([]);
    expect(verdicts.verdicts.map((v) => [v.recordId, v.status])).toEqual([[made[0]!.id, 'returned']]);
    // A supervisor (another device) sees the phone's records as any team record.
    expect(ids((await pullAll(supervisor, start)).records)).toEqual(expect.arrayContaining(ids(made)));
  });
});
