import { planBatches, type SyncTransport } from '../../../shared/sync/engine';
import { HandoffError, openHandoff } from '../../../shared/sync/handoff';
import { httpTransport } from '../../../shared/sync/http-transport';
import { uuidv7 } from '../../../shared/records/uuid';
import { SYNC_PROTOCOL_VERSION } from '../../../shared/sync/constants';
import type { PushResult } from '../../../shared/sync/protocol';
import type { FieldRecord } from '../../../shared/records/schemas';
import { getDeviceId, getSession, markSessionRefused } from '../../data';

export interface ImportCounts {
  accepted: number;
  duplicate: number;
  conflict: number;
  rejected: number;
}

export interface ImportReport {
  counts: ImportCounts;
  total: number;
  /** records the server set aside, with the reason (the device that made them still has them) */
  problems: { record: FieldRecord | null; result: Exclude<PushResult, { status: 'accepted' | 'duplicate' }> }[];
  fromDevice: string;
  exportedAt: string;
}

export type ImportFailure =
  | { kind: 'file'; code: HandoffError['code'] }
  | { kind: 'login' }
  | { kind: 'push'; pushed: number; failure: Awaited<ReturnType<SyncTransport['push']>> & { ok: false } };

export type ImportOutcome = { ok: true; report: ImportReport } | { ok: false; error: ImportFailure };

/**
 * A supervisor imports a hand-off file: decrypt it, then push its records through the ordinary
 * sync path (capped batches, the same idempotent push), under the supervisor's own login and
 * device. Importing the same file twice lands nothing new: the second time all are duplicates.
 * The records are not stored on this device: the server is where they count.
 */
export async function importHandoff(fileText: string, passphrase: string, transport?: SyncTransport): Promise<ImportOutcome> {
  let contents;
  try {
    contents = await openHandoff(fileText, passphrase);
  } catch (error) {
    if (error instanceof HandoffError) return { ok: false, error: { kind: 'file', code: error.code } };
    throw error;
  }
  const session = await getSession();
  const token = session?.source === 'server' && !session.refused ? session.token : null;
  if (!token) return { ok: false, error: { kind: 'login' } };
  const push = transport ?? httpTransport({ baseUrl: '', token: () => token });
  const deviceId = await getDeviceId();
  const counts: ImportCounts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
  const problems: ImportReport['problems'] = [];
  let pushed = 0;
  for (const batch of planBatches(contents.records)) {
    const answer = await push.push({ protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId, records: batch });
    if (!answer.ok) {
      if (answer.failure.kind === 'unauthorized') await markSessionRefused(answer.failure.reason);
      return { ok: false, error: { kind: 'push', pushed, failure: answer } };
    }
    for (const result of answer.value.results) {
      counts[result.status]++;
      if (result.status === 'conflict' || result.status === 'rejected') {
        const record = result.status === 'rejected' ? (batch[result.index] ?? null) : (batch.find((r) => r.id === result.id) ?? null);
        problems.push({ record, result });
      }
    }
    pushed += batch.length;
  }
  return { ok: true, report: { counts, total: contents.records.length, problems, fromDevice: contents.deviceId, exportedAt: contents.exportedAt } };
}
