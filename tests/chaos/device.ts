import {
  httpTransport,
  MemorySyncStore,
  syncOnce,
  type FieldRecord,
  type PushRequest,
  type PushResponse,
  type SyncOutcome,
  type SyncTransport,
} from '../../src/shared';
import type { Account } from './cluster';
import type { Prng } from './prng';
import { newRecord, nextRevision } from './records';

/**
 * A device in Node: the shared sync engine over the in-memory store, with everything it ever
 * made remembered (id → revision → content hash), so the server can be checked against it.
 */
export class NodeDevice {
  readonly store = new MemorySyncStore();
  /** every revision this device made: id → revision → content hash */
  readonly made = new Map<string, Map<number, string>>();
  /** push bodies it sent, for late replays */
  readonly sentBatches: PushRequest[] = [];
  private clock: number;

  constructor(
    readonly name: string,
    readonly account: Account,
    readonly deviceKey: string,
    public token: string,
    private readonly rng: Prng,
    start: Date,
  ) {
    this.clock = start.getTime();
  }

  private tick(): Date {
    this.clock += this.rng.int(1, 90_000);
    return new Date(this.clock);
  }

  private remember(record: FieldRecord): void {
    if (!this.made.has(record.id)) this.made.set(record.id, new Map());
    this.made.get(record.id)!.set(record.revision, record.contentHash);
    this.store.save(record);
  }

  /** The latest revision of every record on this device. */
  latest(): FieldRecord[] {
    return [...this.store.records.values()].map((r) => r.record);
  }

  create(n: number): void {
    const author = { authorId: this.account.id, deviceId: this.deviceKey, teamId: this.account.teamId };
    for (let i = 0; i < n; i++) this.remember(newRecord(this.rng, author, this.tick()));
  }

  /** Edits (or deletes) up to n existing records: each a new revision, sent or not. */
  edit(n: number, deleteShare = 0.15): number {
    const live = this.latest().filter((r) => !r.deleted);
    let done = 0;
    for (const record of this.rng.shuffle(live).slice(0, n)) {
      this.remember(nextRevision(this.rng, record, this.tick(), this.rng.chance(deleteShare)));
      done++;
    }
    return done;
  }

  pendingCount(): number {
    return [...this.store.records.values()].filter((r) => r.state === 'ready').length;
  }

  setAside(): { id: string; state: string; reason: string | null }[] {
    return [...this.store.records.values()].filter((r) => r.state === 'conflict' || r.state === 'rejected').map((r) => ({ id: r.record.id, state: r.state, reason: r.reason }));
  }

  transport(baseUrl: string, timeoutMs = 15_000): SyncTransport {
    const inner = httpTransport({ baseUrl, token: () => this.token, timeoutMs });
    return {
      pull: inner.pull,
      push: (request) => {
        this.sentBatches.push(request);
        if (this.sentBatches.length > 8) this.sentBatches.shift();
        return inner.push(request);
      },
    };
  }

  sync(transport: SyncTransport, maxRecords: number): Promise<SyncOutcome> {
    return syncOnce(this.store, transport, { deviceId: this.deviceKey, maxRecords });
  }
}

export interface ReplayReport {
  copies: number;
  statuses: number[];
  /** (id#revision) answered `accepted` by more than one copy */
  acceptedTwice: string[];
  /** results other than accepted/duplicate for a device's own valid records */
  odd: string[];
}

/**
 * A transport that sends each push `copies` times at once (same batch id, same body), spread
 * over `baseUrls`, as retries after timeouts do. Exactly one copy may store each revision.
 */
export function replayingTransport(
  device: NodeDevice,
  baseUrls: string[],
  copies: () => number,
  onReplay: (r: ReplayReport) => void,
): SyncTransport {
  const base = device.transport(baseUrls[0]!);
  return {
    pull: base.pull,
    push: async (request) => {
      device.sentBatches.push(request);
      const n = copies();
      const body = JSON.stringify(request);
      const answers = await Promise.all(
        Array.from({ length: n }, async (_x, i) => {
          try {
            const res = await fetch(`${baseUrls[i % baseUrls.length]}/api/v1/sync/push`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
              body,
              signal: AbortSignal.timeout(20_000),
            });
            const text = await res.text();
            return { status: res.status, json: res.status === 200 ? (JSON.parse(text) as PushResponse) : null, text };
          } catch {
            return { status: 0, json: null, text: '' };
          }
        }),
      );
      const accepted = new Map<string, number>();
      const odd: string[] = [];
      for (const a of answers)
        for (const r of a.json?.results ?? []) {
          if (r.status === 'accepted') accepted.set(`${r.id}#${r.revision}`, (accepted.get(`${r.id}#${r.revision}`) ?? 0) + 1);
          else if (r.status !== 'duplicate') odd.push(`${r.id}#${r.revision}: ${r.status} ${JSON.stringify(r)}`);
        }
      onReplay({
        copies: n,
        statuses: answers.map((a) => a.status),
        acceptedTwice: [...accepted].filter(([, c]) => c > 1).map(([k]) => k),
        odd,
      });
      const ok = answers.find((a) => a.json);
      if (ok?.json) return { ok: true, value: ok.json };
      const failed = answers.find((a) => a.status >= 400);
      if (failed) return { ok: false, failure: { kind: 'server', status: failed.status, message: failed.text.slice(0, 200) } };
      return { ok: false, failure: { kind: 'offline' } };
    },
  };
}
