import { describe, expect, it } from 'vitest';
import { createRecord, type RecordContent } from '../../src/shared/records';
import {
  MemorySyncStore,
  planBatches,
  retryDelay,
  syncOnce,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncTransport,
} from '../../src/shared';
import { BatchBudget, jsonByteLength } from '../../src/shared/sync/size';
import type { FieldRecord } from '../../src/shared/records/schemas';
import type { PushResult } from '../../src/shared/sync/protocol';

const content: RecordContent = {
  kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date: '2023-05-10', district: 'podilskyi',
  serviceType: 'psychosocial_consultation', served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'idp', count: 2 }], total: 2 },
};
const author = { authorId: 'u', deviceId: 'd', teamId: 't' };
const emptyPull: PullResponse = { protocolVersion: 2, catalogueVersion: 'x', cursor: 'c1', reset: false, hasMore: false, records: [], verdicts: [] };

describe('planBatches', () => {
  it('caps batches by count and by bytes, keeping order', () => {
    const records = Array.from({ length: 7 }, () => createRecord(content, author));
    expect(planBatches(records, 3).map((b) => b.length)).toEqual([3, 3, 1]);
    const size = JSON.stringify(records[0]).length;
    expect(planBatches(records, 100, 512 + size * 2 + 10).map((b) => b.length)).toEqual([2, 2, 2, 1]);
    expect(planBatches(records, 3).flat().map((r) => r.id)).toEqual(records.map((r) => r.id));
  });
});

describe('jsonByteLength', () => {
  const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)).length;

  it('counts exactly the UTF-8 bytes JSON.stringify writes, without writing them', () => {
    const values: unknown[] = [
      createRecord(content, author),
      createRecord({ ...content, district: 'Подільський "район" \\ 🙂' } as RecordContent, author),
      'a\u0000b\u001f\n\t\r\b\f"\\',
      'лоне \ud800 surrogate \udc00 and a pair \ud83d\ude00',
      [1, -0.5, 1e21, 1e-7, NaN, Infinity, null, undefined, () => 1, true, false],
      { a: undefined, b: () => 1, c: Symbol('x'), d: null, e: [], f: {}, 'ключ "k"': 'значення' },
      { when: new Date('2023-05-10T10:00:00Z'), nested: { deep: [{ x: 'é' }] } },
      0,
      '',
      null,
    ];
    for (const v of values) expect(jsonByteLength(v), JSON.stringify(v)).toBe(utf8(v));
  });

  it('a budget takes records while both caps hold, and always the first', () => {
    const budget = new BatchBudget(3, 512 + 2 * 11);
    expect([budget.add(10), budget.add(10), budget.add(10)]).toEqual([true, true, false]);
    const tiny = new BatchBudget(3, 10);
    expect([tiny.add(5_000), tiny.add(1)]).toEqual([true, false]);
    const count = new BatchBudget(2);
    expect([count.add(1), count.add(1), count.full, count.add(1)]).toEqual([true, true, true, false]);
  });
});

describe('retryDelay', () => {
  it('grows exponentially up to a ceiling, with jitter', () => {
    expect(retryDelay(0)).toBe(0);
    expect(retryDelay(1, () => 1)).toBe(5_000);
    expect(retryDelay(3, () => 1)).toBe(20_000);
    expect(retryDelay(50, () => 1)).toBe(15 * 60_000);
    expect(retryDelay(3, () => 0)).toBe(2_500);
  });
});

describe('syncOnce', () => {
  it('stops at the first failure and leaves unanswered records waiting', async () => {
    const store = new MemorySyncStore();
    for (let i = 0; i < 5; i++) store.save(createRecord(content, author));
    let calls = 0;
    const transport: SyncTransport = {
      async push(req: PushRequest) {
        calls++;
        if (calls === 2) return { ok: false, failure: { kind: 'offline' } };
        const response: PushResponse = { protocolVersion: 1, batchId: req.batchId, results: req.records.map((r) => ({ status: 'accepted', id: r.id, revision: r.revision })) };
        return { ok: true, value: response };
      },
      async pull() { return { ok: true, value: emptyPull }; },
    };
    const outcome = await syncOnce(store, transport, { deviceId: 'd', maxRecords: 2 });
    expect(outcome).toMatchObject({ ok: false, pushed: 2, failure: { kind: 'offline' } });
    expect((await store.pendingUploads(100)).length).toBe(3);
  });

  it('asks the store for one batch at a time under both caps, and counts the total from the store', async () => {
    const store = new MemorySyncStore();
    for (let i = 0; i < 5; i++) store.save(createRecord(content, author));
    const asked: [number, number | undefined, number][] = [];
    const spy = Object.assign(Object.create(store) as MemorySyncStore, {
      pendingUploads: (max: number, bytes?: number, skip?: ReadonlySet<string>) => (asked.push([max, bytes, skip?.size ?? 0]), store.pendingUploads(max, bytes, skip)),
    });
    const progress: [number, number][] = [];
    const sizes: number[] = [];
    const transport: SyncTransport = {
      async push(req) {
        sizes.push(req.records.length);
        return { ok: true, value: { protocolVersion: 2, batchId: req.batchId, results: req.records.map((r) => ({ status: 'accepted' as const, id: r.id, revision: r.revision })) } };
      },
      async pull() { return { ok: true, value: emptyPull }; },
    };
    const outcome = await syncOnce(spy, transport, { deviceId: 'd', maxRecords: 2, maxBytes: 100_000, onProgress: (p) => p.phase === 'push' && progress.push([p.done, p.total]) });
    expect(outcome).toMatchObject({ ok: true, pushed: 5, accepted: 5 });
    expect(sizes).toEqual([2, 2, 1]);
    // each ask skips what this sync already pushed or froze; the 4th (while the last batch
    // travels) finds nothing left, and so does the 5th, once its answer is written
    expect(asked).toEqual([[2, 100_000, 0], [2, 100_000, 2], [2, 100_000, 4], [2, 100_000, 5], [2, 100_000, 5]]);
    expect(progress).toEqual([[0, 5], [2, 5], [4, 5], [5, 5]]);
  });

  it('freezes batch k + 1 while batch k is on the wire, but sends it only once k is answered, and returns only when every store call has ended', async () => {
    const store = new MemorySyncStore();
    for (let i = 0; i < 5; i++) store.save(createRecord(content, author));
    const log: string[] = [];
    const answers: (() => void)[] = [];
    const spy = Object.assign(Object.create(store) as MemorySyncStore, {
      pendingUploads: async (max: number, bytes?: number, skip?: ReadonlySet<string>) => {
        const batch = await store.pendingUploads(max, bytes, skip);
        log.push(`freeze ${batch.length}`);
        return batch;
      },
      applyPushResults: async (batch: readonly FieldRecord[], results: readonly PushResult[]) => {
        await store.applyPushResults(batch, results);
        log.push(`settle ${batch.length}`);
      },
    });
    const transport: SyncTransport = {
      push: (req) => {
        log.push(`send ${req.records.length}`);
        return new Promise((resolve) =>
          answers.push(() => resolve({ ok: true, value: { protocolVersion: 2, batchId: req.batchId, results: req.records.map((r) => ({ status: 'accepted' as const, id: r.id, revision: r.revision })) } })),
        );
      },
      async pull() { return { ok: true, value: emptyPull }; },
    };
    const settled = () => new Promise((r) => setTimeout(r, 0));
    const sync = syncOnce(spy, transport, { deviceId: 'd', maxRecords: 2 });
    await settled();
    // batch 1 on the wire, batch 2 already frozen, not sent
    expect(log).toEqual(['freeze 2', 'send 2', 'freeze 2']);
    answers.shift()!();
    await settled();
    expect(log.slice(3)).toEqual(['send 2', 'settle 2', 'freeze 1']);
    answers.shift()!();
    await settled();
    expect(log.slice(6)).toEqual(['send 1', 'settle 2', 'freeze 0']);
    answers.shift()!();
    expect(await sync).toMatchObject({ ok: true, pushed: 5, accepted: 5 });
    // and a last look for what was saved while the last answer came back
    expect(log.slice(9)).toEqual(['settle 1', 'freeze 0']);
    expect(store.records.size).toBe(5);
    expect([...store.records.values()].every((r) => r.state === 'sent')).toBe(true);
  });

  it('a failed push waits for the freeze under way before it returns; the early-frozen batch goes in the next sync, once', async () => {
    const store = new MemorySyncStore();
    for (let i = 0; i < 4; i++) store.save(createRecord(content, author));
    let freezes = 0;
    let freezing = false;
    const spy = Object.assign(Object.create(store) as MemorySyncStore, {
      pendingUploads: async (max: number, bytes?: number, skip?: ReadonlySet<string>) => {
        freezing = true;
        // the second freeze is slow: the failed answer arrives before it ends
        if (++freezes === 2) await new Promise((r) => setTimeout(r, 20));
        freezing = false;
        return store.pendingUploads(max, bytes, skip);
      },
    });
    const sent: string[] = [];
    let fail = true;
    const transport: SyncTransport = {
      async push(req) {
        sent.push(...req.records.map((r) => r.id));
        if (fail) return { ok: false, failure: { kind: 'offline' } };
        return { ok: true, value: { protocolVersion: 2, batchId: req.batchId, results: req.records.map((r) => ({ status: 'accepted' as const, id: r.id, revision: r.revision })) } };
      },
      async pull() { return { ok: true, value: emptyPull }; },
    };
    expect(await syncOnce(spy, transport, { deviceId: 'd', maxRecords: 2 })).toMatchObject({ ok: false, pushed: 0 });
    expect(freezing).toBe(false);
    expect(freezes).toBe(2);
    fail = false;
    expect(await syncOnce(spy, transport, { deviceId: 'd', maxRecords: 2 })).toMatchObject({ ok: true, pushed: 4, accepted: 4 });
    const ids = [...store.records.keys()];
    expect(sent).toEqual([ids[0], ids[1], ids[0], ids[1], ids[2], ids[3]]);
  });

  it('does not send a revision twice in one sync: one whose answer the server left out waits for the next', async () => {
    const store = new MemorySyncStore();
    const [a, b] = [createRecord(content, author), createRecord(content, author)];
    store.save(a);
    store.save(b);
    let calls = 0;
    const transport: SyncTransport = {
      async push(req) {
        calls++;
        // the server answers only the first record of each batch
        return { ok: true, value: { protocolVersion: 2, batchId: req.batchId, results: [{ status: 'accepted', id: req.records[0]!.id, revision: 1 }] } };
      },
      async pull() { return { ok: true, value: emptyPull }; },
    };
    expect(await syncOnce(store, transport, { deviceId: 'd' })).toMatchObject({ ok: true, pushed: 2, accepted: 1 });
    expect(calls).toBe(1);
    expect((await store.pendingUploads(10)).length).toBe(1);
  });

  it('sets rejected records aside with their reason and carries on with the rest', async () => {
    const store = new MemorySyncStore();
    const [a, b] = [createRecord(content, author), createRecord(content, author)];
    store.save(a);
    store.save(b);
    const transport: SyncTransport = {
      async push(req) {
        return { ok: true, value: { protocolVersion: 1, batchId: req.batchId, results: [
          { status: 'rejected', id: a.id, revision: 1, index: 0, issues: [{ field: 'served.total', code: 'total_mismatch', message: { uk: 'x', en: 'x' } }] },
          { status: 'accepted', id: b.id, revision: 1 },
        ] } };
      },
      async pull() { return { ok: true, value: emptyPull }; },
    };
    expect(await syncOnce(store, transport, { deviceId: 'd' })).toMatchObject({ ok: true, accepted: 1, setAside: 1 });
    expect(store.records.get(a.id)).toMatchObject({ state: 'rejected', reason: 'served.total: total_mismatch' });
    expect(store.records.get(b.id)?.state).toBe('sent');
    expect(store.cursor).toBe('c1');
  });
});
