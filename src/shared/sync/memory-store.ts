import type { FieldRecord } from '../records/schemas';
import type { SyncStore } from './engine';
import type { PullResponse, PushResult, ReviewVerdict } from './protocol';
import { BatchBudget, jsonByteLength } from './size';

export type LocalState = 'ready' | 'sent' | 'conflict' | 'rejected';

export interface LocalRecord {
  record: FieldRecord;
  state: LocalState;
  reason: string | null;
}

/**
 * A device's store in memory: what the fault-injection harness and Node tests give the sync engine.
 * It follows the same rules as the device database: set-aside records are kept, never deleted.
 */
export class MemorySyncStore implements SyncStore {
  readonly records = new Map<string, LocalRecord>();
  readonly pulled = new Map<string, FieldRecord>();
  readonly verdicts = new Map<string, ReviewVerdict>();
  cursor: string | null = null;

  save(record: FieldRecord): void {
    this.records.set(record.id, { record, state: 'ready', reason: null });
  }

  /** The next batch: ready records, oldest first, under both caps. */
  async pendingUploads(maxRecords: number, maxBytes?: number, skip?: ReadonlySet<string>): Promise<FieldRecord[]> {
    const ready = [...this.records.values()]
      .filter((r) => r.state === 'ready' && !skip?.has(`${r.record.id}:${r.record.revision}`))
      .map((r) => r.record)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.id < b.id ? -1 : 1));
    const budget = new BatchBudget(maxRecords, maxBytes);
    const batch: FieldRecord[] = [];
    for (const record of ready) {
      if (!budget.add(jsonByteLength(record))) break;
      batch.push(record);
    }
    return batch;
  }

  async countPendingUploads(): Promise<number> {
    let n = 0;
    for (const r of this.records.values()) if (r.state === 'ready') n++;
    return n;
  }

  async applyPushResults(batch: readonly FieldRecord[], results: readonly PushResult[]): Promise<void> {
    results.forEach((result, i) => {
      const sent = batch[i];
      const local = sent && this.records.get(sent.id);
      // A revision made while the batch was in flight stays waiting: the answer is about the old one.
      if (!sent || !local || local.record.revision !== sent.revision) return;
      if (result.status === 'accepted' || result.status === 'duplicate') local.state = 'sent';
      else if (result.status === 'conflict') Object.assign(local, { state: 'conflict', reason: result.reason });
      else Object.assign(local, { state: 'rejected', reason: result.issues.map((x) => `${x.field}: ${x.code}`).join('; ') });
    });
  }

  async pullCursor(): Promise<string | null> {
    return this.cursor;
  }

  async applyPull(response: PullResponse): Promise<void> {
    // Pulled for another scope: what was pulled before is no longer the user's to hold.
    if (response.reset) {
      this.pulled.clear();
      this.verdicts.clear();
    }
    for (const r of response.records) this.pulled.set(r.id, r);
    for (const v of response.verdicts) this.verdicts.set(`${v.recordId}:${v.revision}`, v);
    this.cursor = response.cursor;
  }
}
