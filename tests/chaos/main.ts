import { seedFrom } from './prng';
import { DEFAULT_WEIGHTS, runChaos, type ChaosResult, type Fault } from './run-chaos';

/**
 * `npm run chaos` (after `vite build`, for the browser cycles). Environment:
 * CHAOS_SEED (replay a run), CHAOS_CYCLES (default 1000), CHAOS_BACKENDS (default
 * sqlite,postgresql; SKIP_POSTGRES=1 drops PostgreSQL), CHAOS_BROWSER=0 (no browser cycles),
 * CHAOS_ONLY=kill-mid-batch,lost-answer (only these faults, for chasing one).
 */

function weightsFrom(only: string | undefined): Partial<Record<Fault, number>> {
  if (!only) return DEFAULT_WEIGHTS;
  const wanted = only.split(',') as Fault[];
  for (const f of wanted) if (!(f in DEFAULT_WEIGHTS)) throw new Error(`CHAOS_ONLY: no fault "${f}" (${Object.keys(DEFAULT_WEIGHTS).join(', ')})`);
  return Object.fromEntries(wanted.map((f) => [f, DEFAULT_WEIGHTS[f]]));
}

function summary(r: ChaosResult): string[] {
  const lines = [`seed ${r.seed}: ${r.failedCycle === null ? r.cycles : r.failedCycle} of ${r.cycles} cycles in ${(r.ms / 1000).toFixed(0)} s`];
  for (const [name, b] of Object.entries(r.perBackend))
    lines.push(`  ${name}: ${b.cycles} cycles, ${b.devices} devices, ${b.records} records in ${b.revisions} revisions, ${b.restarts} server restarts after SIGKILL`);
  lines.push(`  faults: ${[...r.stats.faults].sort().map(([k, v]) => `${k} ${v} (${((r.stats.ms.get(k) ?? 0) / v / 1000).toFixed(1)} s each)`).join(', ')}`);
  lines.push(`  kills mid-batch: ${r.stats.kills.committed} had committed, ${r.stats.kills.rolledBack} rolled back`);
  lines.push(`  parallel replays: ${r.stats.replays.batches} batches sent ${r.stats.replays.copies} times; late replays of old batches: ${r.stats.replays.late}`);
  const b = r.stats.browser;
  lines.push(`  browser kills: during a save ${b.saveKept + b.saveLost} (record kept ${b.saveKept}, not yet saved ${b.saveLost}); during a sync: ${b.syncLanded} of ${b.syncWaiting} waiting records had landed when the browser died`);
  lines.push(`  syncs: ${r.stats.syncs}`);
  return lines;
}

async function main(): Promise<void> {
  const seed = seedFrom(process.env.CHAOS_SEED);
  const cycles = Number(process.env.CHAOS_CYCLES ?? 1000);
  const backends = (process.env.CHAOS_BACKENDS ?? (process.env.SKIP_POSTGRES === '1' ? 'sqlite' : 'sqlite,postgresql')).split(',') as ('sqlite' | 'postgresql')[];
  const browser = process.env.CHAOS_BROWSER !== '0';
  console.log(`chaos: seed ${seed}, ${cycles} cycles on ${backends.join(' and ')}${browser ? ', with browser cycles' : ''}`);
  const result = await runChaos({ seed, cycles, backends, browser, weights: weightsFrom(process.env.CHAOS_ONLY), log: (l) => console.log(`  ${l}`) });
  for (const line of summary(result)) console.log(line);
  if (result.violations.length === 0) {
    console.log('0 lost, 0 duplicated, report totals equal: every invariant held.');
    return;
  }
  console.log(`\nFAILED at cycle ${result.failedCycle}: ${result.violations.length} violation(s)`);
  for (const v of result.violations.slice(0, 30)) console.log(`  [${v.invariant}] ${v.detail}`);
  console.log(`\nReplay: CHAOS_SEED=${seed} CHAOS_CYCLES=${result.failedCycle} npm run chaos`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
