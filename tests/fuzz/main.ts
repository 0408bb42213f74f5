import { seedFrom } from '../chaos/prng';
import { FINDING_CLASSES } from './oracle';
import { describeFindings, runFuzz, type FuzzResult } from './run-fuzz';

/**
 * `npm run fuzz`. Environment: FUZZ_SEED (replay a run), FUZZ_CASES (per backend, default
 * 10000), FUZZ_BACKENDS (default sqlite,postgresql; SKIP_POSTGRES=1 drops PostgreSQL),
 * FUZZ_KNOWN=class,class (reported, not failing: to check the rest while those are being fixed).
 */

function printCounts(result: FuzzResult): void {
  for (const r of result.reports) {
    console.log(`\n${r.backend}: ${r.cases} cases in ${(r.ms / 1000).toFixed(0)} s`);
    for (const [op, s] of [...r.perOperation].sort()) {
      const statuses = [...s.statuses].sort(([a], [b]) => a - b).map(([code, n]) => `${code}×${n}`).join(' ');
      console.log(`  ${String(s.cases).padStart(5)}  ${op.padEnd(48)} ${String(Math.round(s.ms / Math.max(1, s.cases))).padStart(4)} ms  ${statuses}`);
    }
    console.log(`  push mutations: ${[...r.perMutation].sort().map(([m, n]) => `${m.replace('mutation:', '')} ${n}`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  const seed = seedFrom(process.env.FUZZ_SEED);
  const cases = Number(process.env.FUZZ_CASES ?? 10_000);
  const backends = (process.env.FUZZ_BACKENDS ?? (process.env.SKIP_POSTGRES === '1' ? 'sqlite' : 'sqlite,postgresql')).split(',') as ('sqlite' | 'postgresql')[];
  const known = new Set((process.env.FUZZ_KNOWN ?? '').split(',').filter(Boolean));
  for (const k of known) if (!(k in FINDING_CLASSES)) throw new Error(`FUZZ_KNOWN: no class "${k}" (${Object.keys(FINDING_CLASSES).join(', ')})`);
  console.log(`fuzz: seed ${seed}, ${cases} cases on each of ${backends.join(' and ')}${known.size ? `; known classes: ${[...known].join(', ')}` : ''}`);
  const result = await runFuzz({ seed, cases, backends, known, log: (l) => console.log(`  ${l}`) });
  printCounts(result);
  const all = result.reports.flatMap((r) => r.findings);
  for (const r of result.reports) {
    if (!r.findings.length) continue;
    console.log(`\nfindings on ${r.backend}:`);
    for (const line of describeFindings(r.findings, known)) console.log(`  ${line}`);
  }
  const total = result.reports.reduce((s, r) => s + r.cases, 0);
  if (result.failing.length === 0) {
    console.log(`\n${total} cases: no failing finding${all.length ? ` (${all.length} in known classes)` : ''}; no 5xx outside known classes, every answer documented, nothing written for a refusal, server healthy.`);
    return;
  }
  console.log(`\nFAILED: ${result.failing.length} finding(s) outside the known classes over ${total} cases.`);
  console.log(`Replay: FUZZ_SEED=${seed} FUZZ_CASES=${cases} npm run fuzz`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
