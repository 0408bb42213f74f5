import type { LocalizedText } from '../plan/catalogue-schema';
import type { FieldRecord } from '../records/schemas';
import { uuidv7 } from '../records/uuid';
import { canonicalJson } from '../records/hash';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, SYNC_PROTOCOL_VERSION } from './constants';
import type { AuthFailureReason, PullResponse, PushRequest, PushResponse, PushResult } from './protocol';

/**
 * The sync engine: pure logic over two ports, a store (the device's outbox and records) and a
 * transport (HTTP). The browser plugs in IndexedDB and fetch; tests and the fault-injection
 * harness plug in memory and a real server from Node.
 */

export interface SyncStore {
  /** Revisions waiting for upload, oldest first. Each is frozen: a later edit makes a new revision. */
  pendingUploads(limit: number): Promise<FieldRecord[]>;
  /** The server's word on each uploaded revision: sent, or set aside with its reason. Never deletes. */
  applyPushResults(batch: readonly FieldRecord[], results: readonly PushResult[]): Promise<void>;
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

const ENVELOPE_ALLOWANCE = 512;

/** Splits waiting revisions into batches under the server's count and byte caps. */
export function planBatches(records: readonly FieldRecord[], maxRecords = MAX_BATCH_RECORDS, maxBytes = MAX_BATCH_BYTES): FieldRecord[][] {
  const batches: FieldRecord[][] = [];
  let current: FieldRecord[] = [];
  let bytes = ENVELOPE_ALLOWANCE;
  for (const record of records) {
    const size = new TextEncoder().encode(canonicalJson(record)).length + 1;
    if (current.length > 0 && (current.length >= maxRecords || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_ALLOWANCE;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

async function pushAll(store: SyncStore, transport: SyncTransport, options: SyncOptions) {
  const maxRecords = options.maxRecords ?? MAX_BATCH_RECORDS;
  const waiting = await store.pendingUploads(10_000);
  const batches = planBatches(waiting, maxRecords, options.maxBytes ?? MAX_BATCH_BYTES);
  let pushed = 0;
  let accepted = 0;
  let setAside = 0;
  options.onProgress?.({ phase: 'push', done: 0, total: waiting.length });
  for (const batch of batches) {
    const request: PushRequest = { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId: options.deviceId, records: batch };
    const answer = await transport.push(request);
    if (!answer.ok) return { ok: false as const, failure: answer.failure, pushed };
    await store.applyPushResults(batch, answer.value.results);
    pushed += batch.length;
    for (const r of answer.value.results) {
      if (r.status === 'accepted' || r.status === 'duplicate') accepted++;
      else setAside++;
    }
    options.onProgress?.({ phase: 'push', done: pushed, total: waiting.length });
  }
  return { ok: true as const, pushed, accepted, setAside };
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

/** One sync: upload everything waiting, in capped batches, then bring down what changed. */
export async function syncOnce(store: SyncStore, transport: SyncTransport, options: SyncOptions): Promise<SyncOutcome> {
  const push = await pushAll(store, transport, options);
  if (!push.ok) return push;
  const pull = await pullAll(store, transport, options);
  if (!pull.ok) return { ok: false, failure: pull.failure, pushed: push.pushed };
  return { ...push, pulled: pull.pulled };
}
