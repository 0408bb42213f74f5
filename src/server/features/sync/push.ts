import {
  MAX_BATCH_RECORDS,
  pushRequest,
  SYNC_PROTOCOL_VERSION,
  UUID_V7,
  validateRecord,
  type PushResponse,
  type PushResult,
} from '../../../shared';
import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import { validationMessages } from '../../../shared/messages/validation';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { parseInput } from '../../http/parse';
import type { AuthContext } from '../auth';
import type { Candidate } from './apply';
import { applyIsolated } from './isolate';
import { latestDateOnEarth } from './record-facts';
import { auditPush } from './push-audit';
import { refusedOnRights } from './rights';
import { checkProtocolVersion } from './version';

/** Version and size are checked before the body's shape, so an old app learns to update, not "bad request". */
function checkEnvelope(body: unknown) {
  const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof o.protocolVersion === 'number') checkProtocolVersion(o.protocolVersion, 'schema');
  if (Array.isArray(o.records) && o.records.length > MAX_BATCH_RECORDS)
    throw new HttpError(413, 'batch_too_large', { reason: 'batch_too_many_records' });
  return parseInput(pushRequest, body);
}

function rejectedResult(input: unknown, index: number, issues: Extract<PushResult, { status: 'rejected' }>['issues']): PushResult {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const id = typeof o.id === 'string' && UUID_V7.test(o.id) ? o.id : null;
  const revision = Number.isInteger(o.revision) && (o.revision as number) >= 1 ? (o.revision as number) : null;
  return { status: 'rejected', id, revision, index, issues };
}

/** The plan revision a record names, as a map key: '' for none (the built-in plan). Malformed refs are left to the schema. */
function planKeyOf(input: unknown): string {
  const plan = typeof input === 'object' && input !== null ? (input as { plan?: unknown }).plan : undefined;
  if (typeof plan !== 'object' || plan === null) return '';
  const { id, version } = plan as { id?: unknown; version?: unknown };
  return typeof id === 'string' && typeof version === 'string' ? `${id}\u0000${version}` : '';
}

/** Each plan revision the batch's records name (a batch names one or two): null for one the server does not hold. */
async function plansNamed(ctx: ServerContext, records: readonly unknown[]): Promise<Map<string, Catalogue | null>> {
  const out = new Map<string, Catalogue | null>();
  for (const input of records) {
    const key = planKeyOf(input);
    if (out.has(key)) continue;
    const [id, version] = key.split('\u0000');
    out.set(key, await ctx.plans.revision(key ? { id: id!, version: version! } : undefined));
  }
  return out;
}

/**
 * A device's batch: checked whole for version, size and device; then each record on its own,
 * for the pusher's rights and for validity (a bad one is rejected with its field named, the rest
 * go on); then the valid ones applied in one transaction (record by record when the database
 * refuses one, see isolate.ts), with the push's audit entry.
 */
export async function push(ctx: ServerContext, auth: AuthContext, body: unknown): Promise<PushResponse> {
  const request = checkEnvelope(body);
  if (request.deviceId !== auth.deviceKey) throw new HttpError(403, 'device_mismatch', { reason: 'device_mismatch' });
  const refused = await refusedOnRights(ctx, auth, request.records);

  const today = latestDateOnEarth(ctx.clock());
  const plans = await plansNamed(ctx, request.records);
  const candidates: Candidate[] = [];
  const rejected: PushResult[] = [];
  request.records.forEach((input, index) => {
    const forbidden = refused.get(index);
    if (forbidden) return void rejected.push(rejectedResult(input, index, [forbidden]));
    const catalogue = plans.get(planKeyOf(input));
    if (!catalogue) return void rejected.push(rejectedResult(input, index, [{ field: 'plan', code: 'plan_unknown', message: validationMessages.plan_unknown }]));
    const result = validateRecord(input, { catalogue, today });
    if (result.ok) candidates.push({ index, record: result.value });
    else rejected.push(rejectedResult(input, index, result.issues));
  });

  const receivedAt = ctx.clock().toISOString();
  const results = await applyIsolated(
    ctx,
    { batchId: request.batchId, auth, candidates, rejected, receivedAt, hooks: ctx.syncHooks },
    (trx, answer) => auditPush(ctx, trx, auth, request, answer),
  );
  return { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: request.batchId, results };
}
