import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, MAX_BATCH_BYTES, type ApiError, type FieldRecord, type PushRequest, type PushResponse } from '../../../src/shared';
import { httpTransport } from '../../../src/shared/sync/http-transport';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { RECORDED_AT, serviceLogContent } from '../helpers/records';
import { gate } from '../helpers/race';
import { batch, statuses } from '../helpers/sync';

/**
 * Admission control of pushes (features/sync/admission.ts): one push in flight at a time here;
 * the one held inside its transaction keeps the slot, so the next is answered 503 with a
 * Retry-After at once, before its body is read, and nothing of it is stored. The slot comes back
 * when the push ends, however it ends.
 */
describe.each(backends)('push admission on $name', (backend) => {
  let h: Harness;
  let team: string;
  let worker: TestUser;
  let other: TestUser;
  let baseUrl: string;

  beforeAll(async () => {
    h = await startHarness(backend, { pushAdmission: { maxInFlight: 1, retryAfterSeconds: { min: 2, max: 5 } } });
    team = await h.team();
    worker = await h.user('field_worker', [team]);
    other = await h.user('field_worker', [team]);
    baseUrl = await h.listen();
  });
  afterAll(() => h?.close());

  const records = (user: TestUser, n: number): FieldRecord[] =>
    Array.from({ length: n }, () => createRecord(serviceLogContent(), user.author(team), RECORDED_AT));

  const post = (token: string | null, body: string) =>
    fetch(`${baseUrl}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });

  async function storedRevisions(ids: string[]): Promise<number> {
    const row = await h.ctx.db
      .selectFrom('record_revisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record_id', 'in', ids)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('answers 503 with Retry-After, fast and before reading the body, while the slot is taken; the same batch lands after', async () => {
    const held = gate();
    h.hooks.beforeCommit = async () => {
      delete h.hooks.beforeCommit;
      await held.wait();
    };
    const first = batch(worker.deviceKey, records(worker, 3));
    const firstAnswer = post(worker.token, JSON.stringify(first));
    await held.reached;

    const refusedRecords = records(other, 5);
    const refusedIds = refusedRecords.map((r) => r.id);
    const refusedBatch = batch(other.deviceKey, refusedRecords) as PushRequest;
    const started = performance.now();
    const refused = await post(other.token, JSON.stringify(refusedBatch));
    const refusedMs = performance.now() - started;
    expect(refused.status).toBe(503);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(seconds) && seconds >= 2 && seconds <= 5).toBe(true);
    expect(((await refused.json()) as ApiError).error.reason).toBe('server_busy');
    expect(refusedMs).toBeLessThan(1_000);
    // Not JSON at all: still 503, not 400, so the body was never parsed.
    expect((await post(other.token, '{ not json')).status).toBe(503);
    // Refused before the session check (on SQLite that check would wait for the held transaction):
    // without a session the answer is the same 503, which says nothing about the route's input.
    expect((await post(null, JSON.stringify(refusedBatch))).status).toBe(503);
    // The device's transport carries the wait to its scheduler.
    const transport = httpTransport({ baseUrl, token: () => other.token });
    const viaTransport = await transport.push(refusedBatch);
    expect(viaTransport.ok).toBe(false);
    if (viaTransport.ok || viaTransport.failure.kind !== 'server') throw new Error('expected a server failure');
    expect(viaTransport.failure.status).toBe(503);
    expect(viaTransport.failure.retryAfterMs).toBeGreaterThanOrEqual(2_000);
    expect(viaTransport.failure.retryAfterMs).toBeLessThanOrEqual(5_000);

    held.open();
    const firstDone = await firstAnswer;
    expect(firstDone.status).toBe(200);
    expect(statuses((await firstDone.json()) as PushResponse)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await storedRevisions(refusedIds)).toBe(0);
    // Idle again: no session is a 401, as on every route.
    expect((await post(null, JSON.stringify(refusedBatch))).status).toBe(401);

    // The slot is back: the refused batch, sent again as it was, lands once.
    const again = await post(other.token, JSON.stringify(refusedBatch));
    expect(again.status).toBe(200);
    expect(statuses((await again.json()) as PushResponse)).toEqual(Array(5).fill('accepted'));
    expect(await storedRevisions(refusedIds)).toBe(5);
  });

  it('gives the slot back when a push ends without its handler (malformed, too large) or with an error answer', async () => {
    expect((await post(worker.token, '{ not json')).status).toBe(400);
    expect((await post(worker.token, JSON.stringify(batch(other.deviceKey, records(worker, 1))))).status).toBe(403);
    expect((await post(worker.token, 'x'.repeat(MAX_BATCH_BYTES + 1))).status).toBe(413);
    const res = await post(worker.token, JSON.stringify(batch(worker.deviceKey, records(worker, 2))));
    expect(res.status).toBe(200);
  });

  it('lets pushes one after another through: admission bounds what runs at once, not how many', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, records(worker, 1)) });
      expect(res.statusCode).toBe(200);
    }
  });
});
