import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ProgressReportJson } from '../../src/server/features/reports/serialize';
import { browserCycle, type BrowserFault } from '../chaos/browser-device';
import { Prng, seedFrom } from '../chaos/prng';
import { apiLogin, baseUrl, createTeam, createUser, serverRecords } from './support/server';

/**
 * The browser part of the chaos run, short and seeded, in CI: the built app in Chromium with a
 * persistent profile is SIGKILLed during a save and during a sync, restarted on the same
 * profile, and must end with the server holding exactly its records, once, with the same report
 * totals. `npm run chaos` runs many more such cycles, with a fault proxy in front of the server.
 */
const SEED = seedFrom(process.env.CHAOS_SEED ?? '1325');

test(`a browser killed during a save and during a sync loses nothing and doubles nothing (seed ${SEED})`, async () => {
  test.setTimeout(240_000);
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id], 'Олена Польова');
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
  const profileDir = await mkdtemp(join(tmpdir(), 'kyiv1325-chaos-profile-'));
  const rng = new Prng(SEED);
  const faults: BrowserFault[] = ['browser-kill-save', 'browser-kill-sync', 'browser-kill-save', 'browser-kill-sync'];
  try {
    for (const [i, fault] of faults.entries()) {
      const result = await browserCycle(
        {
          baseUrl,
          user: worker,
          profileDir,
          serverRecords: async () => (await serverRecords(supervisor)).filter((r) => r.authorId === worker.id),
          serverTotals: async () => {
            const { token } = await apiLogin(worker.email, worker.password);
            const res = await fetch(`${baseUrl}/api/v1/reports/progress?year=2023&includePending=true&team=${team.id}`, { headers: { authorization: `Bearer ${token}` } });
            const measures = ((await res.json()) as ProgressReportJson).measures;
            return { events: measures.reduce((s, m) => s + m.eventsHeld, 0), people: measures.reduce((s, m) => s + m.peopleReached, 0) };
          },
        },
        fault,
        rng.fork(`cycle-${i}`),
        i === 0,
      );
      expect(result.violations, `${fault}, killed after ${result.killedAfterMs} ms (seed ${SEED})`).toEqual([]);
    }
    expect((await serverRecords(supervisor)).filter((r) => r.authorId === worker.id).length).toBeGreaterThan(0);
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
});
