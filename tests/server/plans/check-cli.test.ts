import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../../../src/server/cli';
import { runScript } from '../helpers/spawn';

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/other-territory-plan.json');
// an environment with no usable database: checking a plan must not need one
const NO_DATABASE = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

describe('npm run admin -- plan check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-check-'));
  afterEach(() => vi.restoreAllMocks());

  async function check(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((l: string) => void out.push(l));
    vi.spyOn(console, 'error').mockImplementation((l: string) => void err.push(l));
    const code = await cli(['plan', 'check', ...argv], NO_DATABASE);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('says a valid plan is valid and exits 0', async () => {
    const res = await check('--file', FIXTURE);
    expect(res.code).toBe(0);
    expect(res.out).toContain('lviv-oblast-1325-test test.1');
  });

  it('lists each problem with its path in Ukrainian and English and exits 1', async () => {
    const plan = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { years: number[]; strategicGoals: { operationalGoals: { tasks: { measures: { executors: { id: string }[] }[] }[] }[] }[] };
    plan.years = [2022];
    plan.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!.measures[0]!.executors[0]!.id = 'nobody';
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(plan));
    const res = await check('--file', file);
    expect(res.code).toBe(1);
    expect(res.err).toContain('strategicGoals[0].operationalGoals[0].tasks[0].measures[0].executors[0].id');
    expect(res.err).toContain('виконавця «nobody» немає в переліку виконавців');
    expect(res.err).toContain('executor "nobody" is not in the executors list');
    expect(res.err).toContain('[period_outside_years]');
  });

  it('refuses a file that is not JSON, or no file, with a clear line', async () => {
    const file = path.join(dir, 'not.json');
    writeFileSync(file, 'Захід;Період\n1.1;2022');
    expect((await check('--file', file)).err).toContain('The file is not JSON');
    expect((await check('--file', path.join(dir, 'absent.json'))).err).toContain('Cannot read the file');
    const none = await check();
    expect(none.code).toBe(2);
    expect(none.err).toContain('missing --file');
  });

  it('runs as its own process without a database', async () => {
    const res = await runScript('src/server/cli.ts', ['plan', 'check', '--file', FIXTURE], NO_DATABASE);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});
