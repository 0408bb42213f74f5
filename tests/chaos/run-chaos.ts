import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProgressReportJson } from '../../src/server/features/reports/serialize';
import { pullPath, type FieldRecord, type PullResponse, type Role } from '../../src/shared';
import { browserCycle, type BrowserFault } from './browser-device';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startCluster, type Account, type Cluster } from './cluster';
import { NodeDevice } from './device';
import { checkDatabase, checkDevice, checkFreshPull, checkReports, type Violation } from './invariants';
import { Prng } from './prng';
import { applyFault, emptyStats, lateReplay, type CycleContext, type CycleStats, type NodeFault } from './scenarios';

/**
 * `npm run chaos`: seeded fault cycles against real server processes on SQLite and on
 * PostgreSQL (two instances on one schema). One seed decides every record, fault, kill delay
 * and device choice, so `CHAOS_SEED=<seed>` replays a run. The first cycle that breaks an
 * invariant stops the run and prints how to replay it.
 */

export type Fault = NodeFault | BrowserFault;

export interface ChaosOptions {
  seed: number;
  cycles: number;
  backends: Cluster['name'][];
  /** browser cycles need the built app (dist/) */
  browser: boolean;
  log?: (line: string) => void;
  /** weights of the faults (missing: never) */
  weights?: Partial<Record<Fault, number>>;
}

export interface ChaosResult {
  seed: number;
  cycles: number;
  failedCycle: number | null;
  violations: Violation[];
  stats: CycleStats;
  perBackend: Record<string, { cycles: number; devices: number; records: number; revisions: number; restarts: number }>;
  ms: number;
}

export const DEFAULT_WEIGHTS: Record<Fault, number> = {
  'lost-request': 12,
  'lost-answer': 16,
  'error-before': 8,
  'error-after': 12,
  'parallel-replay': 16,
  'kill-mid-batch': 10,
  'two-instances': 16,
  'browser-kill-save': 2,
  'browser-kill-sync': 2,
};

interface Fleet {
  cluster: Cluster;
  teams: string[];
  devices: NodeDevice[];
  admin: string;
  browser: { user: Account; profileDir: string; used: boolean } | null;
  browserHold: { beforeMs: number; afterMs: number } | null;
  cycles: number;
}

const ROLES: Record<Role, number> = { field_worker: 6, trainer: 2, supervisor: 1, admin: 0 };

/** Devices hold at most this many records: checks stay per-cycle cheap over a 1,000-cycle run. */
const FULL_DEVICE = 300;

async function newDevice(fleet: Fleet, rng: Prng, start: Date): Promise<NodeDevice> {
  if (fleet.teams.length < 3 || rng.chance(0.3)) fleet.teams.push(await fleet.cluster.team(`Хаос-бригада ${rng.hex(8)}`));
  const account = await fleet.cluster.account(rng.weighted(ROLES), rng.pick(fleet.teams));
  const deviceKey = `chaos-${rng.uuidv7(start.getTime())}`;
  const token = await fleet.cluster.login(account, deviceKey);
  const device = new NodeDevice(`${fleet.cluster.name}/device-${fleet.devices.length + 1}`, account, deviceKey, token, rng.fork('device'), start);
  fleet.devices.push(device);
  return device;
}

function pickFault(rng: Prng, fleet: Fleet, weights: Partial<Record<Fault, number>>, browser: boolean): Fault {
  const allowed = Object.fromEntries(
    Object.entries(weights).filter(([f, w]) => {
      if (!w) return false;
      if (f === 'two-instances') return fleet.cluster.servers.length > 1;
      if (f.startsWith('browser')) return browser;
      return true;
    }),
  ) as Record<Fault, number>;
  return rng.weighted(allowed);
}

/** After the fault: servers up, network clean, every device synced until nothing waits. */
async function recover(c: CycleContext): Promise<void> {
  c.cluster.proxy.plan = () => ({ kind: 'none' });
  await c.cluster.proxy.settled();
  await c.cluster.restartDown();
  for (const d of c.devices) {
    for (let attempt = 0; attempt < 6; attempt++) {
      const outcome = await d.sync(d.transport(c.cluster.proxyUrl), c.batchSize());
      c.stats.syncs++;
      if (outcome.ok && d.pendingCount() === 0) break;
      if (!outcome.ok && attempt === 5) c.violations.push({ invariant: 'unsynced', detail: `${d.name}: sync still failing after recovery: ${JSON.stringify(outcome.failure)}` });
    }
  }
}

async function checkCycle(c: CycleContext, fleet: Fleet): Promise<void> {
  const db = c.cluster.database.handle.db;
  for (const d of c.devices) {
    c.violations.push(...(await checkDevice(db, d)));
    if (c.rng.chance(0.2)) c.violations.push(...(await checkFreshPull(c.cluster, d)));
  }
  for (const team of new Set(c.devices.map((d) => d.account.teamId))) {
    const members = fleet.devices.filter((d) => d.account.teamId === team);
    c.violations.push(...(await checkReports(c.cluster, members.flatMap((d) => d.latest()), team, members[0]!.token)));
  }
}

async function serverRecordsOf(cluster: Cluster, token: string): Promise<FieldRecord[]> {
  const out: FieldRecord[] = [];
  let since: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res = await cluster.api('GET', pullPath(since, 500), token);
    const body = res.json as PullResponse;
    out.push(...body.records);
    since = body.cursor;
    if (!body.hasMore) break;
  }
  return out;
}

/** Whole-database checks and the city-wide report (all devices, the browser's records as the server holds them). */
async function checkFleet(fleet: Fleet): Promise<Violation[]> {
  const out = await checkDatabase(fleet.cluster.database.handle.db);
  const records = fleet.devices.flatMap((d) => d.latest());
  if (fleet.browser?.used) records.push(...(await serverRecordsOf(fleet.cluster, await fleet.cluster.login(fleet.browser.user, 'chaos-check-tool'))));
  out.push(...(await checkReports(fleet.cluster, records, null, fleet.admin)));
  out.push(...fleet.cluster.proxy.serverFailures.map((f) => ({ invariant: 'server-5xx' as const, detail: `${f.upstream} answered ${f.status} to ${f.method} ${f.path}: ${f.body}` })));
  return out;
}

async function browserFleetCycle(fleet: Fleet, fault: BrowserFault, rng: Prng, stats: CycleStats): Promise<Violation[]> {
  const cluster = fleet.cluster;
  if (!fleet.browser) {
    // a team of its own: the Node devices' team reports must not count the browser's records
    const team = await cluster.team(`Хаос-браузер ${rng.hex(8)}`);
    fleet.browser = { user: await cluster.account('field_worker', team), profileDir: mkdtempSync(path.join(tmpdir(), 'kyiv1325-chaos-profile-')), used: false };
  }
  const b = fleet.browser;
  const db = cluster.database.handle.db;
  cluster.proxy.plan = (req) => (fleet.browserHold && req.method === 'POST' && req.path.startsWith('/api/v1/sync/push') ? { kind: 'hold', ...fleet.browserHold } : { kind: 'none' });
  stats.faults.set(fault, (stats.faults.get(fault) ?? 0) + 1);
  const first = !b.used;
  b.used = true;
  const result = await browserCycle(
    {
      baseUrl: cluster.proxyUrl,
      user: b.user,
      profileDir: b.profileDir,
      serverRecords: async () => db.selectFrom('records').select(['id', 'revision']).where('author_id', '=', b.user.id).execute(),
      serverTotals: async () => {
        const token = await cluster.login(b.user, 'chaos-check-tool');
        const res = await cluster.api('GET', `/reports/progress?year=2023&includePending=true&team=${encodeURIComponent(b.user.teamId)}`, token);
        const measures = (res.json as ProgressReportJson).measures;
        return { events: measures.reduce((s, m) => s + m.eventsHeld, 0), people: measures.reduce((s, m) => s + m.peopleReached, 0) };
      },
      holdPushes: (hold) => (fleet.browserHold = hold),
    },
    fault,
    rng,
    first,
  );
  fleet.browserHold = null;
  cluster.proxy.plan = () => ({ kind: 'none' });
  if (result.saveSurvived === true) stats.browser.saveKept++;
  if (result.saveSurvived === false) stats.browser.saveLost++;
  if (result.landedBeforeKill) {
    stats.browser.syncLanded += result.landedBeforeKill.landed;
    stats.browser.syncWaiting += result.landedBeforeKill.waiting;
  }
  return result.violations.map((v) => ({ invariant: (v.split(':')[0] as Violation['invariant']) ?? 'lost', detail: `${cluster.name}/browser (${fault}, killed after ${result.killedAfterMs} ms): ${v}` }));
}

function addStats(into: CycleStats, from: CycleStats): void {
  for (const [k, v] of from.faults) into.faults.set(k, (into.faults.get(k) ?? 0) + v);
  into.kills.committed += from.kills.committed;
  into.kills.rolledBack += from.kills.rolledBack;
  into.replays.batches += from.replays.batches;
  into.replays.copies += from.replays.copies;
  into.replays.late += from.replays.late;
  into.syncs += from.syncs;
  for (const [k, v] of from.ms) into.ms.set(k, (into.ms.get(k) ?? 0) + v);
  for (const k of Object.keys(into.browser) as (keyof CycleStats['browser'])[]) into.browser[k] += from.browser[k];
}

async function runCycle(fleet: Fleet, rng: Prng, fault: Fault, start: Date, stats: CycleStats): Promise<{ fault: Fault; violations: Violation[] }> {
  fleet.cycles++;
  if (fault === 'browser-kill-save' || fault === 'browser-kill-sync') return { fault, violations: await browserFleetCycle(fleet, fault, rng, stats) };

  const failuresBefore = fleet.cluster.proxy.serverFailures.length;
  const devices: NodeDevice[] = [];
  const wanted = fault === 'kill-mid-batch' ? 1 : rng.int(1, 3);
  while (devices.length < wanted) {
    const active = fleet.devices.filter((x) => x.made.size < FULL_DEVICE);
    const d = active.length < 2 || rng.chance(0.08) ? await newDevice(fleet, rng, start) : rng.pick(active);
    if (!devices.includes(d)) devices.push(d);
  }
  for (const d of devices) {
    d.create(rng.int(0, 20));
    d.edit(rng.int(0, 4));
  }
  const c: CycleContext = { cluster: fleet.cluster, devices, rng, stats, violations: [], batchSize: () => rng.pick([5, 10, 25, 50, 100, 200]) };
  await applyFault(c, fault as NodeFault);
  await recover(c);
  if (rng.chance(0.3)) await lateReplay(c, rng.pick(devices));
  await checkCycle(c, fleet);
  const failures = fleet.cluster.proxy.serverFailures.slice(failuresBefore);
  c.violations.push(...failures.map((f) => ({ invariant: 'server-5xx' as const, detail: `${f.upstream} answered ${f.status} to ${f.method} ${f.path}: ${f.body}` })));
  return { fault, violations: c.violations };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const rng = new Prng(options.seed);
  const fleets: Fleet[] = [];
  const stats = emptyStats();
  let failedCycle: number | null = null;
  let violations: Violation[] = [];
  const start = new Date('2024-01-10T08:00:00Z');
  try {
    for (const name of options.backends) {
      const cluster = await startCluster(name, { instances: name === 'postgresql' ? 2 : 1, withApp: options.browser });
      const admin = await cluster.login({ id: '', email: ADMIN_EMAIL, password: ADMIN_PASSWORD, role: 'admin', teamId: '' }, 'chaos-admin-check');
      fleets.push({ cluster, teams: [], devices: [], admin, browser: null, browserHold: null, cycles: 0 });
      log(`${name}: ${cluster.servers.length} server process(es) on ${cluster.servers.map((s) => s.port).join(', ')}, proxy ${cluster.proxyUrl}`);
    }
    for (let i = 1; i <= options.cycles; i++) {
      const fleet = rng.pick(fleets);
      const cycleRng = rng.fork(`cycle-${i}`);
      const cycleStats = emptyStats();
      const cycleStart = Date.now();
      const picked = pickFault(cycleRng, fleet, options.weights ?? DEFAULT_WEIGHTS, options.browser);
      let outcome: { fault: Fault; violations: Violation[] };
      try {
        outcome = await runCycle(fleet, cycleRng, picked, start, cycleStats);
      } catch (error) {
        const message = String((error as Error).message ?? error).split('\n').slice(0, 6).join(' | ');
        outcome = { fault: picked, violations: [{ invariant: 'harness', detail: `${picked} on ${fleet.cluster.name} stopped: ${message}` }] };
      }
      const { fault, violations: found } = outcome;
      cycleStats.ms.set(fault, Date.now() - cycleStart);
      addStats(stats, cycleStats);
      if (i % 50 === 0) found.push(...(await checkFleet(fleet)));
      if (found.length) {
        failedCycle = i;
        violations = found;
        log(`cycle ${i} (${fleet.cluster.name}, ${fault}): ${found.length} violation(s)`);
        break;
      }
      if (i % 25 === 0 || i === options.cycles) log(`cycle ${i}/${options.cycles} ok (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    if (failedCycle === null) {
      for (const fleet of fleets) if (fleet.cycles > 0) violations.push(...(await checkFleet(fleet)));
      if (violations.length) failedCycle = options.cycles;
    }
  } finally {
    for (const f of fleets) {
      await f.cluster.close().catch((e: unknown) => log(`closing ${f.cluster.name}: ${String(e)}`));
      if (f.browser) rmSync(f.browser.profileDir, { recursive: true, force: true });
    }
  }
  const perBackend: ChaosResult['perBackend'] = {};
  for (const f of fleets)
    perBackend[f.cluster.name] = {
      cycles: f.cycles,
      devices: f.devices.length,
      records: f.devices.reduce((s, d) => s + d.made.size, 0),
      revisions: f.devices.reduce((s, d) => s + [...d.made.values()].reduce((t, m) => t + m.size, 0), 0),
      restarts: f.cluster.servers.reduce((s, p) => s + p.starts() - 1, 0),
    };
  return {
    seed: options.seed,
    cycles: options.cycles,
    failedCycle,
    violations,
    stats,
    perBackend,
    ms: Date.now() - started,
  };
}
