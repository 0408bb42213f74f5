import type { SyncTransport, TransportResult } from '../../../shared/sync/engine';
import { uuidv7 } from '../../../shared/records/uuid';
import type { FieldIssue } from '../../../shared/records/validate';
import type { PushRequest, PushResponse, PushResult } from '../../../shared/sync/protocol';

const RECORD_FIELD = /^records\.(\d+)\.(.+)$/;

/** The batch position the server named when it refused a whole batch (403 with `records.N.field`). */
function culpritOf(issues: readonly FieldIssue[] | undefined): { index: number; issue: FieldIssue } | null {
  for (const issue of issues ?? []) {
    const match = RECORD_FIELD.exec(issue.field);
    if (match) return { index: Number(match[1]), issue: { ...issue, field: match[2]! } };
  }
  return null;
}

/**
 * The server checks rights over a whole batch and refuses it whole (403) when one record names a
 * team or author this login may not write, naming that record. So that one record never blocks
 * the rest, this sets that record aside as rejected (with the server's reason) and sends the
 * others again, until the server answers or refuses for a reason that names no record.
 */
export function isolatingTransport(inner: SyncTransport): SyncTransport {
  return {
    pull: (since) => inner.pull(since),
    push: (request) => pushIsolating(inner, request),
  };
}

async function pushIsolating(inner: SyncTransport, request: PushRequest): Promise<TransportResult<PushResponse>> {
  const setAside: PushResult[] = [];
  // each record with its place in the batch the engine formed (answers refer to that place)
  let left = request.records.map((record, index) => ({ record, index }));
  for (let round = 0; left.length > 0; round++) {
    const answer = await inner.push({ ...request, batchId: round === 0 ? request.batchId : uuidv7(), records: left.map((x) => x.record) });
    if (answer.ok) {
      const results = answer.value.results.map((r) => (r.status === 'rejected' ? { ...r, index: left[r.index]?.index ?? r.index } : r));
      return { ok: true, value: { ...answer.value, results: [...results, ...setAside] } };
    }
    const culprit = answer.failure.kind === 'forbidden' ? culpritOf(answer.failure.issues) : null;
    const named = culprit ? left[culprit.index] : undefined;
    if (!culprit || !named) return answer;
    setAside.push({ status: 'rejected', id: named.record.id, revision: named.record.revision, index: named.index, issues: [culprit.issue] });
    left = left.filter((x) => x !== named);
  }
  return { ok: true, value: { protocolVersion: request.protocolVersion, batchId: request.batchId, results: setAside } };
}
