import type { LocalizedText } from '../plan/catalogue-schema';
import type { FieldRecord } from '../records/schemas';
import { uuidv7 } from '../records/uuid';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, SYNC_PROTOCOL_VERSION } from './constants';
import { BatchBudget, jsonByteLength } from './size';
import type { AuthFailureReason, DeviceStatusReport, PullResponse, PushRequest, PushResponse, PushResult } from './protocol';

/**
 * The sync engine: pure logic over two ports, a store (the device's outbox and records) and a
 * transport (HTTP). The browser plugs in IndexedDB and fetch; tests and the fault-injection
 * harness plug in memory and a real server from Node.
 */

export interface SyncStore {
  /**
   * The next batch to upload, frozen (a later edit makes a new revision): at most `maxRecords`
   * revisions whose bodies, as JSON, fit in `maxBytes` with the envelope (one record always
   * goes). Revisions frozen by an earlier, unanswered upload come first, unchanged; then queued
   * ones, oldest first. Only what it returns is frozen: the rest stays queued, so a push that
   * fails leaves every batch after the one frozen behind it as it was. `skip` (`revisionKey`s)
   * are revisions this sync has pushed or frozen and not settled yet: not again.
   */
  pendingUploads(maxRecords: number, maxBytes?: number, skip?: ReadonlySet<string>): Promise<FieldRecord[]>;
  /** How many revisions wait for upload, frozen or queued (the progress total; from an index, not the rows). */
  countPendingUploads(): Promise<number>;
  /** The server's word on each uploaded revision: sent, or set aside with its reason. Never deletes. */
  applyPushResults(batch: readonly FieldRecord[], results: readonly PushResult[]): Promise<void>;
  /**
   * Optional: `applyPushResults` then `pendingUploads` as one step, which a store may make one
   * transaction (the device: one commit per batch instead of two, and on a failure neither part
   * lands). A failure must never leave the freeze handed out without the settle before it.
   */
  settleThenFreeze?(batch: readonly FieldRecord[], results: readonly PushResult[], maxRecords: number, maxBytes?: number, skip?: ReadonlySet<string>): Promise<FieldRecord[]>;
  pullCursor(): Promise<string | null>;
  /** Saves what a pull brought (records, verdicts) together with the new cursor. */
  applyPull(response: PullResponse): Promise<void>;
}

export type TransportFailure =
  | { kind: 'offline' }
  | { kind: 'unauthorized'; reason: AuthFailureReason }
  /** a refusal of the whole request (e.g. device_mismatch); a record the user may not write is answered `rejected` on its own */
  | { kind: 'forbidden'; message: string; reason?: string; text?: LocalizedText }
  /** retryAfterMs: the server asked to wait this long (a 503 or 429 with Retry-After) before sending again */
  | { kind: 'server'; status: number; message: string; reason?: string; text?: LocalizedText; retryAfterMs?: number };

export type TransportResult<T> = { ok: true; value: T } | { ok: false; failure: TransportFailure };

export interface SyncTransport {
  push(request: PushRequest): Promise<TransportResult<PushResponse>>;
  pull(since: string | null): Promise<TransportResult<PullResponse>>;
  /** what the device says about itself after a sync (app version, unsynced records); a transport without it sends nothing */
  reportStatus?(report: DeviceStatusReport): Promise<TransportResult<void>>;
  /** a plan's current revision, or the one `version` names (GET /plans/:id), unchecked: the device checks it before keeping it */
  plan?(id: string, version?: string): Promise<TransportResult<unknown>>;
}

export interface SyncProgress {
  phase: 'push' | 'pull';
  done: number;
  total: number;
}

export type SyncOutcome =
  | { ok: true; pushed: number; accepted: number; setAside: number; pulled: number }
  | { ok: false; failure: TransportFailure; pushed: number };

export interface SyncOptions {
  deviceId: string;
  onProgress?: (p: SyncProgress) => void;
  maxRecords?: number;
  maxBytes?: number;
}

/**
 * Splits records already in memory (a hand-off file's) into batches under the server's count
 * and byte caps, in order. Sizes are counted, not serialised (jsonByteLength).
 */
export function planBatches(records: readonly FieldRecord[], maxRecords = MAX_BATCH_RECORDS, maxBytes = MAX_BATCH_BYTES): FieldRecord[][] {
  const batches: FieldRecord[][] = [];
  let current: FieldRecord[] = [];
  let budget = new BatchBudget(maxRecords, maxBytes);
  for (const record of records) {
    const size = jsonByteLength(record);
    if (!budget.add(size)) {
      batches.push(current);
      current = [];
      budget = new BatchBudget(maxRecords, maxBytes);
      budget.add(size);
    }
    current.push(record);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** A revision's key in `pendingUploads`' skip set. */
export const revisionKey = (r: Pick<FieldRecord, 'id' | 'revision'>): string => `${String(r.id)}:${String(r.revision)}`;

/**
 * One batch on the wire at a time, in queue order: push batch k, and while it travels and the
 * server applies it, write the answers of batch k - 1 and freeze batch k + 1 (skipping every
 * revision this sync has sent, so nothing goes twice). Batch k + 1 is sent only once k is
 * answered, so the server sees a record's revisions in order. Freezing early is safe: a frozen
 * body never changes, and if k fails, k + 1 simply stays frozen and goes first, unchanged, in the
 * next sync (the server never saw it, or answers `duplicate`); every revision after k + 1 stays
 * queued. A sync returns only once every store call it started has ended and every
 * answer it got is written.
 */
async function pushAll(store: SyncStore, transport: SyncTransport, options: SyncOptions) {
  const maxRecords = options.maxRecords ?? MAX_BATCH_RECORDS;
  const maxBytes = options.maxBytes ?? MAX_BATCH_BYTES;
  let total = await store.countPendingUploads();
  let pushed = 0;
  let accepted = 0;
  let setAside = 0;
  // Every revision this sync has pushed or frozen to push: not handed out again in it (one whose
  // answer the server left out stays frozen for the next sync; sending it again at once would get the same).
  const sent = new Set<string>();
  const freeze = async () => {
    const batch = await store.pendingUploads(maxRecords, maxBytes, sent);
    for (const r of batch) sent.add(revisionKey(r));
    return batch;
  };
  const count = (batch: FieldRecord[], results: readonly PushResult[]) => {
    pushed += batch.length;
    for (const r of results) {
      if (r.status === 'accepted' || r.status === 'duplicate') accepted++;
      else setAside++;
    }
    // Records saved during the sync go in it too.
    total = Math.max(total, pushed);
    options.onProgress?.({ phase: 'push', done: pushed, total });
  };
  const settle = async (answered: Answered | null) => {
    if (!answered) return;
    await store.applyPushResults(answered.batch, answered.results);
    count(answered.batch, answered.results);
  };
  const settleThenFreeze = async (answered: Answered | null): Promise<FieldRecord[]> => {
    if (!answered || !store.settleThenFreeze) return settle(answered).then(freeze);
    const batch = await store.settleThenFreeze(answered.batch, answered.results, maxRecords, maxBytes, sent);
    count(answered.batch, answered.results);
    for (const r of batch) sent.add(revisionKey(r));
    return batch;
  };
  options.onProgress?.({ phase: 'push', done: 0, total });
  let batch = await freeze();
  let answered: Answered | null = null;
  while (batch.length > 0) {
    const request: PushRequest = { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId: options.deviceId, records: batch };
    const inFlight: Promise<TransportResult<PushResponse>> = transport.push(request);
    // The answer to this batch is awaited even if a store call fails: no request is left behind.
    // The settle and the freeze run one after the other (both write the outbox; the settle first,
    // so the progress shown follows the answers), in one step if the store can.
    const local: Promise<FieldRecord[]> = settleThenFreeze(answered);
    const [answer, next] = await Promise.allSettled([inFlight, local]);
    if (next.status === 'rejected') throw next.reason;
    if (answer.status === 'rejected') throw answer.reason;
    if (!answer.value.ok) return { ok: false as const, failure: answer.value.failure, pushed };
    answered = { batch, results: answer.value.value.results };
    batch = next.value;
    if (batch.length === 0) {
      // Frozen while the last batch travelled: what was saved since then (an edit made while the
      // answer came back) goes in this sync too.
      await settle(answered);
      answered = null;
      batch = await freeze();
    }
  }
  // Every batch sent was settled in the loop: the last one just before the last look.
  return { ok: true as const, pushed, accepted, setAside };
}

interface Answered {
  batch: FieldRecord[];
  results: readonly PushResult[];
}

async function pullAll(store: SyncStore, transport: SyncTransport, options: SyncOptions) {
  let pulled = 0;
  for (let page = 0; page < 1000; page++) {
    const answer = await transport.pull(await store.pullCursor());
    if (!answer.ok) return { ok: false as const, failure: answer.failure };
    await store.applyPull(answer.value);
    pulled += answer.value.records.length + answer.value.verdicts.length;
    options.onProgress?.({ phase: 'pull', done: pulled, total: pulled });
    if (!answer.value.hasMore) break;
  }
  return { ok: true as const, pulled };
}

/** One sync: upload everything waiting, one capped batch at a time, then bring down what changed. */
export async function syncOnce(store: SyncStore, transport: SyncTransport, options: SyncOptions): Promise<SyncOutcome> {
  const push = await pushAll(store, transport, options);
  if (!push.ok) return push;
  const pull = await pullAll(store, transport, options);
  if (!pull.ok) return { ok: false, failure: pull.failure, pushed: push.pushed };
  return { ...push, pulled: pull.pulled };
}
