import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, reviseRecord, type ApiError, type FieldRecord, type PushResponse } from '../../../src/shared';
import type { MonthLock, OpenRecord } from '../../../src/shared/review/protocol';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { gate } from '../helpers/race';
import { eventContent, RECORDED_AT, serviceLogContent } from '../helpers/records';
import { pushAll, verdict } from '../helpers/report-fixture';
import { batch } from '../helpers/sync';

describe.each(backends)('month locks on $name', (backend) => {
  let h: Harness;
  let teamA: string;
  let teamB: string;
  let worker: TestUser;
  let outsider: TestUser;
  let supervisor: TestUser;
  let otherSupervisor: TestUser;
  let may: FieldRecord[];

  beforeAll(async () => {
    h = await startHarness(backend);
    teamA = await h.team();
    teamB = await h.team();
    worker = await h.user('field_worker', [teamA]);
    outsider = await h.user('field_worker', [teamB]);
    supervisor = await h.user('supervisor', [teamA]);
    otherSupervisor = await h.user('supervisor', [teamB]);
    may = [
      createRecord(serviceLogContent({ date: '2023-05-02' }), worker.author(teamA), RECORDED_AT),
      createRecord(serviceLogContent({ date: '2023-05-31' }), worker.author(teamA), RECORDED_AT),
      // spans April and May: it belongs to both months
      createRecord(eventContent({ startDate: '2023-04-30', endDate: '2023-05-01' }), worker.author(teamA), RECORDED_AT),
      createRecord(serviceLogContent({ date: '2023-06-01' }), worker.author(teamA), RECORDED_AT),
    ];
    await pushAll(h, worker, may);
  });
  afterAll(() => h?.close());

  const lock = (user: TestUser, body: Record<string, unknown>) => h.call('POST', '/api/v1/review/months/lock', { token: user.token, body });
  const unlock = (user: TestUser, body: Record<string, unknown>) => h.call('POST', '/api/v1/review/months/unlock', { token: user.token, body });
  const push = async (user: TestUser, records: FieldRecord[]) =>
    (await h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, records) })).json() as PushResponse;

  it('refuses to lock a month while records in it are pending or returned, naming them', async () => {
    await verdict(h, supervisor, may[0]!, 'returned', 'Перевірте дату');
    const res = await lock(supervisor, { teamId: teamA, month: '2023-05' });
    expect(res.statusCode).toBe(409);
    const body = res.json() as ApiError & { error: { openCount: number; open: OpenRecord[] } };
    expect(body.error).toMatchObject({ code: 'month_not_reviewed', reason: 'records_open', openCount: 3 });
    expect(body.error.open.map((r) => [r.id, r.status])).toEqual([
      [may[2]!.id, 'pending'], [may[0]!.id, 'returned'], [may[1]!.id, 'pending'],
    ]);
    expect(body.error.message.uk).toBeTruthy();
  });

  it('lets only a supervisor of the team (or an admin) lock, and not a month still to come', async () => {
    expect((await lock(worker, { teamId: teamA, month: '2023-05' })).statusCode).toBe(403);
    expect((await lock(otherSupervisor, { teamId: teamA, month: '2023-05' })).statusCode).toBe(403);
    expect((await lock(supervisor, { teamId: 'no-such-team', month: '2023-05' })).statusCode).toBe(404);
    const future = await lock(supervisor, { teamId: teamA, month: '2023-07' });
    expect(future.statusCode).toBe(400);
    expect((future.json() as ApiError).error.issues?.[0]?.field).toBe('month');
    const bad = await lock(supervisor, { teamId: teamA, month: '2023-13' });
    expect((bad.json() as ApiError).error.issues?.[0]?.field).toBe('month');
  });

  let locked: MonthLock;

  it('locks the month once every record in it is approved or rejected', async () => {
    await verdict(h, supervisor, may[0]!, 'rejected', 'Не наш захід');
    await verdict(h, supervisor, may[1]!, 'approved');
    await verdict(h, supervisor, may[2]!, 'approved');
    const res = await lock(supervisor, { teamId: teamA, month: '2023-05' });
    expect(res.statusCode, res.body).toBe(200);
    locked = res.json() as MonthLock;
    expect(locked).toMatchObject({ teamId: teamA, month: '2023-05', lockedBy: supervisor.id, unlockedAt: null, unlockReason: null });
    // locking again answers the same lock
    expect((await lock(supervisor, { teamId: teamA, month: '2023-05' })).json()).toEqual(locked);
  });

  it('answers a push into the locked month with conflict / locked_period, and writes nothing', async () => {
    const fresh = createRecord(serviceLogContent({ date: '2023-05-20' }), worker.author(teamA), RECORDED_AT);
    const revised = reviseRecord(may[1]!, { deleted: true }, new Date('2023-06-10T00:00:00Z'));
    const spanning = reviseRecord(may[2]!, { content: eventContent({ startDate: '2023-04-30', endDate: '2023-04-30' }) }, new Date('2023-06-10T00:00:00Z'));
    const june = createRecord(serviceLogContent({ date: '2023-06-02' }), worker.author(teamA), RECORDED_AT);
    const res = await push(worker, [fresh, revised, spanning, june]);
    expect(res.results.map((r) => [r.status, 'reason' in r ? r.reason : null])).toEqual([
      ['conflict', 'locked_period'], ['conflict', 'locked_period'], ['conflict', 'locked_period'], ['accepted', null],
    ]);
    const stored = await h.ctx.db.selectFrom('records').select('id').where('id', '=', fresh.id).execute();
    expect(stored).toEqual([]);
    // another team's May is not locked
    expect((await push(outsider, [createRecord(serviceLogContent({ date: '2023-05-20' }), outsider.author(teamB), RECORDED_AT)])).results[0]!.status).toBe('accepted');
  });

  it('refuses a verdict that would change what counts in a locked month', async () => {
    const res = await h.call('POST', '/api/v1/review/verdicts', {
      token: supervisor.token,
      body: { recordId: may[1]!.id, revision: 1, status: 'returned', comment: 'ще раз' },
    });
    expect(res.statusCode).toBe(409);
    expect((res.json() as ApiError).error.reason).toBe('locked_period');
  });

  it('lists locks to reviewers and to the team, not to other teams', async () => {
    const mine = await h.call('GET', `/api/v1/review/months?team=${teamA}`, { token: worker.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ locks: [locked] });
    expect((await h.call('GET', '/api/v1/review/months', { token: supervisor.token })).json()).toEqual({ locks: [locked] });
    expect((await h.call('GET', `/api/v1/review/months?team=${teamA}`, { token: outsider.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/months', { token: otherSupervisor.token })).json()).toEqual({ locks: [] });
  });

  it('unlocks with a reason, recorded with who and when; then the month takes changes again', async () => {
    const noReason = await unlock(supervisor, { teamId: teamA, month: '2023-05' });
    expect(noReason.statusCode).toBe(400);
    expect((noReason.json() as ApiError).error.issues?.[0]).toMatchObject({ field: 'reason', code: 'required' });
    expect((await unlock(worker, { teamId: teamA, month: '2023-05', reason: 'x' })).statusCode).toBe(403);
    expect((await unlock(otherSupervisor, { teamId: teamA, month: '2023-05', reason: 'x' })).statusCode).toBe(403);

    h.clock.advance(60_000);
    const res = await unlock(supervisor, { teamId: teamA, month: '2023-05', reason: 'Запізнілий звіт бригади' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...locked, unlockedBy: supervisor.id, unlockedAt: h.clock.now().toISOString(), unlockReason: 'Запізнілий звіт бригади' });
    const again = await unlock(supervisor, { teamId: teamA, month: '2023-05', reason: 'ще раз' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ApiError).error.reason).toBe('month_not_locked');

    const fresh = createRecord(serviceLogContent({ date: '2023-05-21' }), worker.author(teamA), RECORDED_AT);
    expect((await push(worker, [fresh])).results[0]!.status).toBe('accepted');
    // the history stays: lock it again later and both rows are listed
    await verdict(h, supervisor, fresh, 'approved');
    expect((await lock(supervisor, { teamId: teamA, month: '2023-05' })).statusCode).toBe(200);
    const history = (await h.call('GET', `/api/v1/review/months?team=${teamA}`, { token: supervisor.token })).json() as { locks: MonthLock[] };
    expect(history.locks.map((l) => l.unlockReason)).toEqual([null, 'Запізнілий звіт бригади']);
  });

  it.skipIf(backend.name !== 'postgresql')(
    'a lock waits for a push already under way into that team, then sees its records',
    async () => {
      const late = createRecord(serviceLogContent({ date: '2023-04-10' }), worker.author(teamA), RECORDED_AT);
      const body = batch(worker.deviceKey, [late]);
      const held = gate();
      h.hooks.afterTriage = (batchId) => (batchId === body.batchId ? held.wait() : Promise.resolve());
      try {
        const pushing = h.call('POST', '/api/v1/sync/push', { token: worker.token, body });
        await held.reached;
        let lockDone = false;
        const locking = lock(supervisor, { teamId: teamA, month: '2023-04' }).then((r) => ((lockDone = true), r));
        await h.database.untilWaitingForLock!();
        // the push read "no lock" already: had the lock gone ahead, a pending record would sit in a locked month
        expect(lockDone).toBe(false);
        held.open();
        expect(((await pushing).json() as PushResponse).results[0]!.status).toBe('accepted');
        const res = await locking;
        expect(res.statusCode).toBe(409);
        expect((res.json() as { error: { open: OpenRecord[] } }).error.open.map((r) => r.id)).toContain(late.id);
      } finally {
        held.open();
        delete h.hooks.afterTriage;
      }
    },
  );
});
