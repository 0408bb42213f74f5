import { describe, expect, it } from 'vitest';
import { backends } from '../server/helpers/backends';
import { seedFrom } from './prng';
import { DEFAULT_WEIGHTS, runChaos } from './run-chaos';

/**
 * The short chaos run CI makes (`npm run chaos` is the full one): a fixed seed, Node devices on
 * SQLite and on two PostgreSQL instances, every Node fault. Browser kills run in
 * tests/e2e/chaos-browser.spec.ts, where the app is built. CHAOS_SEED overrides the seed.
 */
const SEED = seedFrom(process.env.CHAOS_SEED ?? '1325');
const CYCLES = 40;

describe('chaos (short seeded run)', () => {
  it(`loses nothing, doubles nothing and reports the same totals through ${CYCLES} fault cycles (seed ${SEED})`, async () => {
    const lines: string[] = [];
    const { 'browser-kill-save': _save, 'browser-kill-sync': _sync, ...weights } = DEFAULT_WEIGHTS;
    const result = await runChaos({ seed: SEED, cycles: CYCLES, backends: backends.map((b) => b.name), browser: false, weights, log: (l) => lines.push(l) });
    const report = result.violations.map((v) => `[${v.invariant}] ${v.detail}`);
    expect(report, `seed ${SEED} failed at cycle ${result.failedCycle}; replay: CHAOS_SEED=${SEED} CHAOS_CYCLES=${CYCLES} CHAOS_BROWSER=0 npm run chaos\n${lines.join('\n')}`).toEqual([]);
    expect(result.stats.faults.size).toBeGreaterThanOrEqual(backends.length > 1 ? 6 : 5);
    expect(result.stats.kills.committed + result.stats.kills.rolledBack).toBeGreaterThan(0);
    expect(result.stats.replays.copies).toBeGreaterThan(result.stats.replays.batches);
  }, 300_000);
});
