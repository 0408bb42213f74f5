import type { Kysely } from 'kysely';
import type { PushResult } from '../../../shared';
import { rightsMessages } from '../../../shared/messages/rights';
import type { ServerContext } from '../../context';
import type { Database } from '../../db/schema';
import { audit } from '../audit';
import type { AuthContext } from '../auth';

/** At most this many claimed device ids are named in a hand-off import's entry. */
const DEVICES_NAMED = 20;

function countsOf(results: PushResult[]): Record<PushResult['status'], number> {
  const counts = { accepted: 0, duplicate: 0, conflict: 0, rejected: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** Rejections on rights (not content) are access-control failures: counted on their own. */
function refusedOnRights(results: PushResult[]): number {
  return results.filter((r) => r.status === 'rejected' && r.issues.some((i) => Object.hasOwn(rightsMessages, i.code))).length;
}

function claimedDevice(record: unknown): string | null {
  const deviceId = (typeof record === 'object' && record !== null ? record : {}) as { deviceId?: unknown };
  return typeof deviceId.deviceId === 'string' ? deviceId.deviceId : null;
}

/**
 * The push's audit entries, in its transaction: batch, device and counts per status, and how
 * many were refused on rights (never a record's contents); and, when records name another device than the pusher's, a hand-off
 * import entry with those records' counts and the devices they claim to come from.
 * `results` are in batch order, one per record.
 */
export async function auditPush(
  ctx: Pick<ServerContext, 'db' | 'clock'>,
  trx: Kysely<Database>,
  auth: AuthContext,
  request: { batchId: string; records: unknown[] },
  results: PushResult[],
): Promise<void> {
  const who = { actorId: auth.userId, deviceId: auth.deviceId, batchId: request.batchId };
  await audit(
    ctx,
    { type: 'push_received', ...who, records: request.records.length, counts: countsOf(results), refusedOnRights: refusedOnRights(results) },
    trx,
  );
  const foreign = request.records.flatMap((r, i) => {
    const device = claimedDevice(r);
    return device !== null && device !== auth.deviceKey ? [{ device, result: results[i]! }] : [];
  });
  if (foreign.length === 0) return;
  await audit(
    ctx,
    {
      type: 'handoff_imported',
      ...who,
      records: foreign.length,
      counts: countsOf(foreign.map((f) => f.result)),
      refusedOnRights: refusedOnRights(foreign.map((f) => f.result)),
      fromDevices: [...new Set(foreign.map((f) => f.device))].slice(0, DEVICES_NAMED),
    },
    trx,
  );
}
