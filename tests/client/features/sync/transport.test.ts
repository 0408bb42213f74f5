import { describe, expect, it } from 'vitest';
import { isolatingTransport } from '../../../../src/client/features/sync/transport';
import type { SyncTransport, TransportResult } from '../../../../src/shared/sync/engine';
import { createRecord } from '../../../../src/shared/records/build';
import type { PushRequest, PushResponse } from '../../../../src/shared/sync/protocol';
import { serviceLog } from '../../support';

const author = { authorId: 'u', deviceId: 'd', teamId: 't' };
const teamForbidden = (index: number): TransportResult<PushResponse> => ({
  ok: false,
  failure: {
    kind: 'forbidden',
    message: 'team_forbidden',
    reason: 'team_forbidden',
    issues: [{ field: `records.${index}.teamId`, code: 'invalid_value', message: { uk: 'Не ваша команда', en: 'Not your team' } }],
  },
});

describe('a batch refused whole because of one record', () => {
  it('sets that record aside as rejected and sends the others', async () => {
    const records = [0, 1, 2, 3].map(() => createRecord(serviceLog(1), author));
    const calls: PushRequest[] = [];
    const inner: SyncTransport = {
      async push(request) {
        calls.push(request);
        // the server names the first record it may not write, in this request's order
        const bad = request.records.findIndex((r) => r.id === records[1]!.id || r.id === records[3]!.id);
        if (bad >= 0) return teamForbidden(bad);
        return { ok: true, value: { protocolVersion: 1, batchId: request.batchId, results: request.records.map((r) => ({ status: 'accepted', id: r.id, revision: r.revision })) } };
      },
      pull: async () => ({ ok: false, failure: { kind: 'offline' } }),
    };
    const answer = await isolatingTransport(inner).push({ protocolVersion: 1, batchId: 'b1', deviceId: 'd', records });
    expect(calls.map((c) => c.records.length)).toEqual([4, 3, 2]);
    expect(new Set(calls.map((c) => c.batchId)).size).toBe(3);
    expect(answer.ok).toBe(true);
    const results = answer.ok ? answer.value.results : [];
    expect(results.filter((r) => r.status === 'accepted').map((r) => r.id).sort()).toEqual([records[0]!.id, records[2]!.id].sort());
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toEqual([
      { status: 'rejected', id: records[1]!.id, revision: 1, index: 1, issues: [expect.objectContaining({ field: 'teamId' })] },
      { status: 'rejected', id: records[3]!.id, revision: 1, index: 3, issues: [expect.objectContaining({ field: 'teamId' })] },
    ]);
  });

  it('passes on a refusal that names no record', async () => {
    const inner: SyncTransport = {
      push: async () => ({ ok: false, failure: { kind: 'forbidden', message: 'device_mismatch' } }),
      pull: async () => ({ ok: false, failure: { kind: 'offline' } }),
    };
    const answer = await isolatingTransport(inner).push({ protocolVersion: 1, batchId: 'b', deviceId: 'd', records: [createRecord(serviceLog(1), author)] });
    expect(answer).toEqual({ ok: false, failure: { kind: 'forbidden', message: 'device_mismatch' } });
  });
});
