import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport, MemorySyncStore, pullPath, reviseRecord, syncOnce, uuidv7, type FieldRecord, type LoginResponse, type PullResponse } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { serviceLogContent, someRecords } from '../helpers/records';

/**
 * The device's sync engine, run from Node against the real server over real HTTP, with the
 * network failing the way it does in the field: requests that never arrive and answers that are
 * lost after the server has applied the batch. Nothing may be lost and nothing doubled.
 */
describe.each(backends)('sync engine against the server on $name', (backend) => {
  let h: Harness;
  let baseUrl: string;
  let team: string;
  let worker: TestUser;
  /** the worker's token on a second device: a pull does not bring a device back what it pushed itself */
  let elsewhere: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    baseUrl = await h.listen();
    team = await h.team();
    worker = await h.user('field_worker', [team]);
    elsewhere = ((await h.login(worker.email, uuidv7())).json() as LoginResponse).token;
  });
  afterAll(() => h?.close());

  /** fetch that drops chosen calls: before sending ('request') or after the server answered ('response'). */
  function faultyFetch(faults: ('request' | 'response' | null)[]): typeof fetch {
    let call = 0;
    return async (input, init) => {
      const fault = faults[call++] ?? null;
      if (fault === 'request') throw new TypeError('network down');
      const response = await fetch(input, init);
      if (fault === 'response') {
        await response.arrayBuffer();
        throw new TypeError('connection reset before the answer arrived');
      }
      return response;
    };
  }

  async function serverRecords(): Promise<FieldRecord[]> {
    const seen: FieldRecord[] = [];
    let since: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res = await h.call('GET', `/api/v1${pullPath(since)}`, { token: elsewhere });
      const body = res.json() as PullResponse;
      seen.push(...body.records);
      since = body.cursor;
      if (!body.hasMore) break;
    }
    return seen;
  }

  it('lands every record exactly once through lost requests and lost answers', async () => {
    const store = new MemorySyncStore();
    const made = someRecords(worker.author(team), 25);
    made.forEach((r) => store.save(r));
    // batches of 10: the 1st request never arrives, the 2nd and 3rd answers are lost after the server applied them
    const transport = httpTransport({
      baseUrl,
      token: () => worker.token,
      fetch: faultyFetch(['request', 'response', null, 'response']),
    });
    const outcomes = [];
    for (let attempt = 0; attempt < 6 && (await store.pendingUploads(100)).length > 0; attempt++)
      outcomes.push(await syncOnce(store, transport, { deviceId: worker.deviceKey, maxRecords: 10 }));
    expect(outcomes.filter((o) => !o.ok).length).toBe(3);
    expect(outcomes.at(-1)).toMatchObject({ ok: true });
    expect([...store.records.values()].every((r) => r.state === 'sent')).toBe(true);

    const onServer = await serverRecords();
    expect(onServer.map((r) => r.id).sort()).toEqual(made.map((r) => r.id).sort());
    expect(new Set(onServer.map((r) => r.id)).size).toBe(25);
  });

  it('sends an edit made while a batch was in flight as a new revision, not lost', async () => {
    const store = new MemorySyncStore();
    const [first] = someRecords(worker.author(team), 1);
    store.save(first!);
    let revised: FieldRecord | null = null;
    const transport = httpTransport({ baseUrl, token: () => worker.token });
    const editingTransport = {
      ...transport,
      push: async (req: Parameters<typeof transport.push>[0]) => {
        const answer = await transport.push(req);
        if (!revised) {
          revised = reviseRecord(first!, { content: serviceLogContent({ date: '2023-05-20' }) });
          store.save(revised); // the person edits while the answer is on its way
        }
        return answer;
      },
    };
    // One batch at a time: the answer about revision 1 leaves revision 2 waiting, and the next
    // batch of the same sync sends it.
    expect(await syncOnce(store, editingTransport, { deviceId: worker.deviceKey })).toMatchObject({ ok: true, pushed: 2, accepted: 2 });
    expect(store.records.get(first!.id)).toMatchObject({ state: 'sent', record: { revision: 2 } });
    expect(await syncOnce(store, transport, { deviceId: worker.deviceKey })).toMatchObject({ ok: true, pushed: 0 });
    const onServer = (await serverRecords()).find((r) => r.id === first!.id);
    expect(onServer).toMatchObject({ revision: 2, kind: 'serviceLog', date: '2023-05-20' });
  });

  it('reports a revoked token as unauthorized and keeps every record waiting', async () => {
    const other = await h.user('field_worker', [team]);
    const store = new MemorySyncStore();
    someRecords(other.author(team), 3).forEach((r) => store.save(r));
    const revoke = await h.call('POST', '/api/v1/auth/logout', { token: other.token });
    expect(revoke.statusCode).toBeLessThan(300);
    const outcome = await syncOnce(store, httpTransport({ baseUrl, token: () => other.token }), { deviceId: other.deviceKey });
    expect(outcome).toMatchObject({ ok: false, failure: { kind: 'unauthorized' } });
    expect((await store.pendingUploads(10)).length).toBe(3);
  });
});
