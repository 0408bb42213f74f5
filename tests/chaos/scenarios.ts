import type { Cluster } from './cluster';
import { replayingTransport, type NodeDevice, type ReplayReport } from './device';
import { isPull, isPush, type Fault, type ProxiedRequest } from './proxy';
import type { Prng } from './prng';
import type { Violation } from './invariants';

/**
 * The faults a cycle applies to Node devices. Each runs one or more syncs of the cycle's
 * devices under its fault; the runner then recovers (faults off, servers up) and checks.
 */

export type NodeFault = 'lost-request' | 'lost-answer' | 'error-before' | 'error-after' | 'parallel-replay' | 'kill-mid-batch' | 'two-instances';

export interface CycleStats {
  faults: Map<string, number>;
  kills: { committed: number; rolledBack: number; answered: number };
  replays: { batches: number; copies: number; late: number };
  browser: { saveKept: number; saveLost: number; syncLanded: number; syncWaiting: number };
  syncs: number;
  /** time spent per fault kind, ms */
  ms: Map<string, number>;
}

export function emptyStats(): CycleStats {
  return { faults: new Map(), kills: { committed: 0, rolledBack: 0, answered: 0 }, replays: { batches: 0, copies: 0, late: 0 }, browser: { saveKept: 0, saveLost: 0, syncLanded: 0, syncWaiting: 0 }, syncs: 0, ms: new Map() };
}

export interface CycleContext {
  cluster: Cluster;
  devices: NodeDevice[];
  rng: Prng;
  stats: CycleStats;
  violations: Violation[];
  batchSize: () => number;
}

const network: Record<string, Fault['kind']> = {
  'lost-request': 'drop-request',
  'lost-answer': 'drop-answer',
  'error-before': 'error-before',
  'error-after': 'error-after',
};

/** Faults on a share of the requests (pushes mostly, pulls too), then edits between attempts. */
async function networkFaults(c: CycleContext, kind: Fault['kind']): Promise<void> {
  const p = c.rng.pick([0.3, 0.5, 0.8, 1]);
  c.cluster.proxy.plan = (req: ProxiedRequest) => {
    if (!(isPush(req) || (isPull(req) && c.rng.chance(0.3)))) return { kind: 'none' };
    return c.rng.chance(p) ? ({ kind } as Fault) : { kind: 'none' };
  };
  for (let attempt = c.rng.int(1, 3); attempt > 0; attempt--) {
    for (const d of c.devices) {
      await d.sync(d.transport(c.cluster.proxyUrl), c.batchSize());
      c.stats.syncs++;
      // a person edits while the answer was lost: the next attempt sends a new revision
      if (c.rng.chance(0.4)) d.edit(c.rng.int(1, 3));
    }
  }
}

function noteReplay(c: CycleContext, r: ReplayReport): void {
  c.stats.replays.batches++;
  c.stats.replays.copies += r.copies;
  if (r.acceptedTwice.length) c.violations.push({ invariant: 'duplicated', detail: `parallel copies of one batch each stored ${r.acceptedTwice.length} revisions: ${r.acceptedTwice.slice(0, 5).join(', ')}` });
  if (r.odd.length) c.violations.push({ invariant: 'replay', detail: `parallel copies answered other than accepted/duplicate: ${r.odd.slice(0, 3).join('; ')}` });
  const failed = r.statuses.filter((s) => s !== 200);
  if (failed.length) c.violations.push({ invariant: 'server-5xx', detail: `parallel copies answered ${failed.join(', ')} (0 = no answer); all should be 200` });
}

/** The same batch 2–10× at once; on two instances, spread over both. */
async function parallelReplay(c: CycleContext, baseUrls: string[]): Promise<void> {
  c.cluster.proxy.plan = () => ({ kind: 'none' });
  for (const d of c.devices) {
    const transport = replayingTransport(d, baseUrls, () => c.rng.int(2, 10), (r) => noteReplay(c, r));
    await d.sync(transport, c.batchSize());
    c.stats.syncs++;
  }
}

/** SIGKILL of a server while a large batch is in its hands; on two instances the device fails over at once. */
async function killMidBatch(c: CycleContext): Promise<void> {
  const d = c.devices[0]!;
  if (d.pendingCount() < 30) d.create(c.rng.int(30, 90));
  let armed = true;
  // from before the transaction starts to after it commits (a batch of 100-200 takes tens to hundreds of ms)
  const delay = c.rng.pick([0, 2, 10, 30, 60, 120, 250, 500]) + c.rng.int(0, 9);
  c.cluster.proxy.plan = (req) => {
    if (armed && isPush(req)) {
      armed = false;
      return { kind: 'kill', killAfterMs: delay };
    }
    return { kind: 'none' };
  };
  const before = c.cluster.proxy.killedBatches.length;
  await d.sync(d.transport(c.cluster.proxyUrl), c.rng.pick([100, 150, 200]));
  c.stats.syncs++;
  await c.cluster.proxy.settled();
  const killed = c.cluster.proxy.killedBatches.slice(before);
  for (const k of killed) {
    const row = k.batchId
      ? await c.cluster.database.handle.db.selectFrom('batches').select('id').where('id', '=', k.batchId).executeTakeFirst()
      : undefined;
    if (row) c.stats.kills.committed++;
    else c.stats.kills.rolledBack++;
  }
  if (c.cluster.servers.length > 1) {
    // the other instance serves on while the killed one is down
    c.cluster.proxy.plan = () => ({ kind: 'none' });
    d.edit(c.rng.int(0, 3));
    await d.sync(d.transport(c.cluster.proxyUrl), c.batchSize());
    c.stats.syncs++;
  }
  await c.cluster.restartDown();
}

/** Two instances on one PostgreSQL: requests alternate between them, answers get lost, copies race across both. */
async function twoInstances(c: CycleContext): Promise<void> {
  let n = c.rng.int(0, 1);
  c.cluster.proxy.route = (_req, ups) => {
    const live = ups.filter((u) => u.up());
    return live[n++ % live.length];
  };
  c.cluster.proxy.plan = (req) => (isPush(req) && c.rng.chance(0.3) ? { kind: 'drop-answer' } : { kind: 'none' });
  try {
    for (let round = c.rng.int(1, 3); round > 0; round--)
      for (const d of c.devices) {
        await d.sync(d.transport(c.cluster.proxyUrl), c.batchSize());
        c.stats.syncs++;
        if (c.rng.chance(0.5)) d.edit(c.rng.int(1, 4));
      }
    await parallelReplay(
      c,
      c.cluster.servers.map((s) => s.baseUrl),
    );
  } finally {
    c.cluster.proxy.route = (_r, ups) => ups.find((u) => u.up());
  }
}

export async function applyFault(c: CycleContext, fault: NodeFault): Promise<void> {
  c.stats.faults.set(fault, (c.stats.faults.get(fault) ?? 0) + 1);
  if (fault in network) return networkFaults(c, network[fault]!);
  if (fault === 'parallel-replay') return parallelReplay(c, c.cluster.servers.map((s) => s.baseUrl));
  if (fault === 'kill-mid-batch') return killMidBatch(c);
  return twoInstances(c);
}

/**
 * A batch sent long ago, sent again as it was (same id, same body): every revision in it is
 * stored or superseded by now, so it must store nothing.
 */
export async function lateReplay(c: CycleContext, d: NodeDevice): Promise<void> {
  const old = d.sentBatches.length ? c.rng.pick(d.sentBatches) : null;
  if (!old) return;
  const db = c.cluster.database.handle.db;
  const count = async () => Number((await db.selectFrom('record_revisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const before = await count();
  const url = c.rng.pick(c.cluster.servers).baseUrl;
  const res = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${d.token}` },
    body: JSON.stringify(old),
  });
  c.stats.replays.late++;
  const after = await count();
  if (res.status !== 200) c.violations.push({ invariant: 'server-5xx', detail: `a late replay of batch ${old.batchId} answered ${res.status}: ${(await res.text()).slice(0, 200)}` });
  else {
    const body = (await res.json()) as { results: { status: string; id: string; revision: number }[] };
    const stored = body.results.filter((r) => r.status === 'accepted');
    if (stored.length) c.violations.push({ invariant: 'duplicated', detail: `a late replay of batch ${old.batchId} stored ${stored.length} revisions again: ${stored.slice(0, 5).map((r) => `${r.id}@${r.revision}`).join(', ')}` });
  }
  if (after !== before) c.violations.push({ invariant: 'duplicated', detail: `a late replay of batch ${old.batchId} added ${after - before} revision rows` });
}
