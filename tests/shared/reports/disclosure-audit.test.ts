import fc from 'fast-check';
import loadHighs from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROTECTION_WIDTH } from '../../../src/shared/reports';
import { auditGroups, catalogue, publishYear, year } from './audit-years';
import { auditFamilies, WIDTH } from './intruder';

/**
 * The disclosure auditor: fast-check makes years full of small counts, published as a run of
 * snapshots (new records between them, sometimes a correction that removes one); the intruder
 * (intruder.ts, HiGHS) then solves for every hidden figure and every small change between
 * snapshots. CI runs a short seeded run; AUDIT_RUNS=2000 (and AUDIT_SEED) for a long one.
 */

const RUNS = Number(process.env.AUDIT_RUNS ?? 30);
const SEED = Number(process.env.AUDIT_SEED ?? 1325);

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('disclosure auditor (an intruder solving the LP with HiGHS)', () => {
  it('uses the documented protection width', () => expect(WIDTH).toBe(PROTECTION_WIDTH));

  it(`finds no hidden figure and no small change narrower than ${WIDTH}, over ${RUNS} generated years`, async () => {
    let checked = 0;
    let snapshotsAudited = 0;
    let narrowest: { width: number; what: string } | null = null;
    await fc.assert(
      fc.asyncProperty(year, async (input) => {
        const snapshots = await publishYear(input);
        snapshotsAudited += snapshots.length;
        for (const group of auditGroups) {
          const result = auditFamilies(highs, catalogue, group.defs, group.links, snapshots);
          checked += result.checked;
          if (result.narrowest && (!narrowest || result.narrowest.width < narrowest.width)) narrowest = result.narrowest;
          expect(result.failures).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const worst = narrowest as { width: number; what: string } | null;
    console.log(
      `disclosure audit: ${RUNS} years, ${snapshotsAudited} snapshots, ${checked} intervals; narrowest ${worst ? `${worst.width} (${worst.what})` : 'none'}`,
    );
    expect(checked).toBeGreaterThan(RUNS);
  }, Math.max(600_000, RUNS * 5_000));
});
