import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchApply } from './apply';
import { benchDevice } from './device';
import { benchPush } from './push';
import { benchDevices } from './devices';
import { benchReport } from './report';
import { markdownTable, meets, type BenchRow } from './report-table';
import { benchShell } from './shell';
import { benchWire } from './wire';

/**
 * `npm run bench`: every benchmark, each figure beside its limit measured in the same run (the
 * machine is shared, so the ratio is what counts), as medians; writes docs/benchmarks.md and
 * exits 1 when a ratio misses its goal. `--suite apply,wire` runs some; `--no-write` leaves the
 * document alone. The app is built first (`npm run bench` does it) for the wire suite.
 */

const SUITES = ['wire', 'shell', 'apply', 'report', 'devices', 'push', 'device'] as const;
type Suite = (typeof SUITES)[number];

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string', default: SUITES.join(',') },
    records: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
    backend: { type: 'string', default: 'both' },
    year: { type: 'string', default: '2023' },
    dist: { type: 'string', default: 'dist' },
    devices: { type: 'string', default: '200' },
    'devices-seconds': { type: 'string', default: '30' },
    'no-write': { type: 'boolean', default: false },
    /** device suite: record counts on the device, e.g. 1000,10000,50000 */
    sizes: { type: 'string' },
  },
});

const chosen = args.suite.split(',').map((s) => s.trim()) as Suite[];
for (const s of chosen) if (!SUITES.includes(s)) throw new Error(`unknown suite ${s}; known: ${SUITES.join(', ')}`);
const dbBackends = args.backend === 'both' ? (['sqlite', 'postgresql'] as const) : ([args.backend] as ['sqlite' | 'postgresql']);
if (args.backend === 'sqlite') process.env.SKIP_POSTGRES = '1';

async function run(suite: Suite): Promise<BenchRow[]> {
  console.log(`\n== ${suite} ==`);
  switch (suite) {
    case 'wire':
      return benchWire(args.dist);
    case 'shell':
      return benchShell(args.dist, Math.max(3, Math.min(5, Number(args.runs))));
    case 'apply':
      return benchApply(Math.max(9, Number(args.runs) * 2), dbBackends);
    case 'report':
      return benchReport({ records: Number(args.records), runs: Number(args.runs), backends: dbBackends, year: Number(args.year) });
    case 'device':
      return benchDevice({ dist: args.dist, runs: 3, ...(args.sizes ? { sizes: args.sizes.split(',').map(Number) } : {}) });
    case 'push':
      return benchPush({ runs: 3, backends: dbBackends });
    case 'devices':
      return benchDevices({ devices: Number(args.devices), seconds: Number(args['devices-seconds']), backends: dbBackends });
  }
}


const DOC = 'docs/benchmarks.md';
/** Below this line the document is written by hand (what a goal missed and why) and kept by a new run. */
const NOTES_MARK = '<!-- written by hand below: npm run bench keeps it -->';

function keptNotes(): string {
  const before = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const at = before.indexOf(NOTES_MARK);
  return at < 0 ? `\n${NOTES_MARK}\n` : `\n${before.slice(at)}`;
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end, Node ${process.version}`;
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const suite of chosen) {
    const got = await run(suite);
    console.log(markdownTable(got));
    rows.push(...got);
  }
  const table = markdownTable(rows);
  console.log(`\n${table}`);
  const missed = rows.filter((r) => !meets(r));
  if (!args['no-write']) {
    writeFileSync(
      DOC,
      `# Benchmarks\n\nWritten by \`npm run bench\` (suites: ${chosen.join(', ')}) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.\n` +
        `Machine: ${machine()}. Each product figure is a median beside its limit measured in the same run;\n` +
        `the ratio is product / limit. How each is measured: the header comment of each file in \`bench/\`.\n\n${table}\n` +
        keptNotes(),
    );
  }
  console.log(missed.length ? `\nFAIL: ${missed.length} of ${rows.length} goals missed` : `\nPASS: all ${rows.length} goals met`);
  process.exit(missed.length ? 1 : 0);
}

void main();
