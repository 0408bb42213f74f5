import { createServer } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { RETRY_AFTER_JITTER_MS } from '../src/client/features/sync/scheduler';
import { createRecord, uuidv7, type FieldRecord, type PushRequest } from '../src/shared';
import { SYNC_PROTOCOL_VERSION } from '../src/shared/sync/constants';
import { httpTransport } from '../src/shared/sync/http-transport';
import { backends, type Backend } from '../tests/server/helpers/backends';
import { startHarness, type Harness, type TestUser } from '../tests/server/helpers/harness';
import { eventContent, serviceLogContent } from '../tests/server/helpers/records';
import { serverProcess, type ServerProcess } from '../tests/server/helpers/server-process';
import { median, type BenchRow } from './report-table';

/**
 * Many devices at once against one real server process (`src/server/main.ts`, its defaults,
 * PUSH_MAX_IN_FLIGHT included), on an SQLite file and on PostgreSQL: 200 virtual devices, each
 * its own user, session and device (logged in through the API), each pushing 100-record batches
 * back to back for 30 s (`--devices-seconds`), through the device's own transport
 * (src/shared/sync/http-transport.ts). A push answered 503 is sent again, the same frozen batch,
 * after its Retry-After plus the scheduler's jitter, as the device's scheduler does.
 *
 * Reported: p50 and p99 of the answered pushes (200, each record accepted), how many were
 * answered 503 and how fast (also apart from the first second, when 200 devices connect at
 * once), records stored per second, and errors (no answer, another status,
 * a record not accepted). The limit beside it, in the same run: one device alone pushing the
 * same batches to the same idle server. The goal is absolute (p99 ≤ 250 ms), so the ratio is
 * p99 / 250 ms; any error fails the row.
 */

const BATCH = 100;
const P99_GOAL_MS = 250;

export interface DevicesOptions {
  devices: number;
  seconds: number;
  backends?: readonly Backend['name'][];
}

function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** A port for the server process: the bench's own part of PROOFS_PORTS (the upper half), never a test's. */
async function freePort(): Promise<number> {
  const [from, to] = (process.env.PROOFS_PORTS ?? '18100-18199').split('-').map(Number) as [number, number];
  for (let port = from + Math.floor((to - from + 1) / 2); port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in the upper half of ${from}-${to} (PROOFS_PORTS)`);
}

function batchOf(user: TestUser, team: string, n: number): PushRequest {
  const records: FieldRecord[] = Array.from({ length: BATCH }, (_, i) => {
    const day = String(1 + ((n * BATCH + i) % 28)).padStart(2, '0');
    const content = i % 4 === 3 ? eventContent({ startDate: `2023-05-${day}`, endDate: `2023-05-${day}` }) : serviceLogContent({ date: `2023-05-${day}` });
    return createRecord(content, user.author(team), new Date('2023-06-01T09:00:00Z'));
  });
  return { protocolVersion: SYNC_PROTOCOL_VERSION, batchId: uuidv7(), deviceId: user.deviceKey, records };
}

interface Tally {
  answered: number[];
  busy: number[];
  /** the 503s of pushes sent after the first second: the start, 200 devices at once, is apart */
  busyLater: number[];
  stored: number;
  errors: string[];
  /** a resend earlier than the Retry-After it was given: must stay 0 */
  early: number;
  startedAt: number;
}

const newTally = (): Tally => ({ answered: [], busy: [], busyLater: [], stored: 0, errors: [], early: 0, startedAt: performance.now() });

/**
 * Batches made before the clock starts, so that making records (hashing them) in this process
 * does not delay reading the answers of the other devices' pushes: at the start 200 devices would
 * otherwise make 20,000 records before the last one even sent its first push.
 */
const READY_BATCHES = 3;

/** One device: push, and on 503 wait Retry-After (+ jitter) and send the same batch again; until the deadline. */
async function device(baseUrl: string, user: TestUser, team: string, deadline: number, tally: Tally, ready: PushRequest[] = []): Promise<void> {
  const transport = httpTransport({ baseUrl, token: () => user.token });
  let n = 100;
  const next = () => ready.shift() ?? batchOf(user, team, ++n);
  let request = next();
  let notBefore = 0;
  while (performance.now() < deadline) {
    // (timers may fire up to a millisecond early by performance.now's finer clock)
    if (performance.now() < notBefore - 1) tally.early++;
    const started = performance.now();
    const answer = await transport.push(request);
    const ms = performance.now() - started;
    if (answer.ok) {
      const notAccepted = answer.value.results.filter((r) => r.status !== 'accepted');
      if (notAccepted.length) tally.errors.push(`${notAccepted.length} not accepted: ${JSON.stringify(notAccepted[0])}`);
      tally.answered.push(ms);
      tally.stored += answer.value.results.length - notAccepted.length;
      request = next();
      continue;
    }
    const f = answer.failure;
    if (f.kind === 'server' && f.status === 503 && f.retryAfterMs !== undefined) {
      tally.busy.push(ms);
      if (started - tally.startedAt >= 1000) tally.busyLater.push(ms);
      const wait = Math.ceil(f.retryAfterMs + Math.random() * RETRY_AFTER_JITTER_MS);
      notBefore = performance.now() + wait;
      await new Promise((r) => setTimeout(r, wait));
      continue;
    }
    tally.errors.push(f.kind === 'server' || f.kind === 'forbidden' ? `${f.kind} ${f.kind === 'server' ? f.status : ''} ${f.message}` : f.kind);
    // a device would back off; here the error is counted and the device rests a second
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function benchBackend(backend: Backend, options: DevicesOptions): Promise<BenchRow> {
  const h: Harness = await startHarness(backend);
  // Sessions are issued on the harness's clock; the server process runs on the real one.
  h.clock.current = new Date();
  let server: ServerProcess | null = null;
  try {
    // Users and sessions through the API (in process, test password cost), then a real server process on the same database.
    const teams = await Promise.all(Array.from({ length: Math.ceil(options.devices / 10) }, () => h.team()));
    const users: { user: TestUser; team: string }[] = [];
    for (let i = 0; i < options.devices; i++) {
      const team = teams[i % teams.length]!;
      users.push({ user: await h.user('field_worker', [team]), team });
    }
    server = serverProcess({
      port: await freePort(),
      env: h.database.env,
      adminEmail: 'bench-admin@test.kyiv.ua',
      adminPassword: 'bench admin password',
      extraEnv: { LOG_LEVEL: 'warn' },
    });
    await server.start();
    const baseUrl = server.baseUrl;

    // The limit: one device alone, the same batches, the same server, idle.
    const alone: Tally = newTally();
    const solo = users[0]!;
    await device(baseUrl, solo.user, solo.team, performance.now() + 2_000, newTally()); // warm-up
    const soloStarted = performance.now();
    await device(baseUrl, solo.user, solo.team, soloStarted + Math.min(10_000, options.seconds * 1000), alone);
    const soloElapsed = (performance.now() - soloStarted) / 1000;

    const ready = users.map(({ user, team }) => Array.from({ length: READY_BATCHES }, (_, n) => batchOf(user, team, n)));
    const tally: Tally = newTally();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const started = performance.now();
    tally.startedAt = started;
    const deadline = started + options.seconds * 1000;
    await Promise.all(users.map(({ user, team }, i) => device(baseUrl, user, team, deadline, tally, ready[i])));
    const elapsed = (performance.now() - started) / 1000;
    lag.disable();

    const p50 = percentile(tally.answered, 50);
    const p99 = percentile(tally.answered, 99);
    const errors = tally.errors.length + alone.errors.length + tally.early;
    const serverErrors = server.errors().trim();
    if (tally.errors.length) console.log(`  first errors: ${tally.errors.slice(0, 3).join(' | ')}`);
    // The devices' own process must not be what is slow: its event loop delay while they ran.
    console.log(`  the devices' process: event loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms`);
    if (serverErrors) console.log(`  server stderr: ${serverErrors.slice(0, 1000)}`);
    console.log(
      `  ${backend.name}: ${tally.answered.length} answered (p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...tally.answered).toFixed(0)} ms), ` +
        `${tally.busy.length} × 503 (p99 ${percentile(tally.busy, 99).toFixed(0)} ms; after the first second ${percentile(tally.busyLater, 99).toFixed(0)} ms), ${(tally.stored / elapsed).toFixed(0)} rec/s, ${errors} errors; ` +
        `alone: ${alone.answered.length} pushes, p50 ${median(alone.answered).toFixed(0)} ms`,
    );
    return {
      measure: `${options.devices} devices × ${BATCH}-record batches, ${options.seconds} s, ${backend.name}`,
      product:
        `p99 ${p99.toFixed(0)} ms, p50 ${p50.toFixed(0)} ms of ${tally.answered.length} answered; ${tally.busy.length} × 503 + Retry-After ` +
        `(p99 ${percentile(tally.busy, 99).toFixed(0)} ms, after the first second ${percentile(tally.busyLater, 99).toFixed(0)} ms), honoured; ${(tally.stored / elapsed).toFixed(0)} rec/s; ${errors} errors`,
      limit: `goal p99 ${P99_GOAL_MS} ms; one device alone, same server: p50 ${median(alone.answered).toFixed(0)} ms, p99 ${percentile(alone.answered, 99).toFixed(0)} ms, ${(alone.stored / soloElapsed).toFixed(0)} rec/s`,
      ratio: p99 / P99_GOAL_MS,
      goal: 1,
      ...(errors > 0 ? { failed: true, note: `${errors} errors` } : {}),
    };
  } finally {
    await server?.stop();
    await h.close();
  }
}

export async function benchDevices(options: DevicesOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const backend of backends) if (!options.backends || options.backends.includes(backend.name)) rows.push(await benchBackend(backend, options));
  return rows;
}
