import { describe, expect, it } from 'vitest';
import { freshDb } from '../../support';
import { earlier, me, seedDevice, served } from '../../deviceSeed';
import { deviceBuckets, rebuildAggregates } from '../../../../src/client/data/aggregates';
import { listRecords } from '../../../../src/client/data/recordRead';
import { saveRecord } from '../../../../src/client/data/recordStore';
import { bucketsProgress, localProgress } from '../../../../src/client/features/plan/progress';
import { defaultCatalogue } from '../../../../src/shared/plan';

/**
 * The plan screen's progress from the device's aggregates equals the progress computed from every
 * own record decoded (how the screen computed it before): drafts, returned and rejected records
 * count as pending, deleted ones not at all, revisions as their latest, server copies never.
 */

const whos = [
  { authorId: me.authorId, teamId: me.teamId },
  { authorId: earlier.authorId, teamId: earlier.teamId },
  { authorId: 'nobody', teamId: 'team-3' },
];
const days = ['2021-06-15', '2022-12-31', '2023-02-10', '2024-01-01'];

async function expectSameProgress(): Promise<void> {
  const records = (await listRecords()).map((r) => r.record);
  const buckets = await deviceBuckets();
  for (const who of whos)
    for (const year of defaultCatalogue.years)
      for (const asOf of days) expect(await bucketsProgress(defaultCatalogue, buckets, who, year, asOf)).toEqual(await localProgress(defaultCatalogue, records, who, year, asOf));
}

describe('plan progress on the device', () => {
  it('is the same from the aggregates as from every record, through edits, verdicts, deletes and pulls', async () => {
    freshDb();
    await seedDevice();
    await expectSameProgress();

    // Not vacuous: the deliverable done counts, the one not done does not; the team sees its own.
    const buckets = await deviceBuckets();
    const p2021 = await bucketsProgress(defaultCatalogue, buckets, whos[0]!, 2021, '2021-12-31');
    expect(p2021.mine.get('3.1.i1')).toMatchObject({ value: 1, status: 'met', documents: ['Наказ № 1'] });
    const p2022 = await bucketsProgress(defaultCatalogue, buckets, whos[0]!, 2022, '2022-12-31');
    expect(p2022.mine.get('5.1.i1')).toMatchObject({ value: 0, status: 'behind' });
    // The report for Nov 2021 – Feb 2022 counts in 2022 (its period's end); the server's copy for the team does not count.
    expect(p2022.mine.get('2.1.i1')?.value).toBe(9);
    expect(p2022.team.get('2.1.i1')?.value).toBe(9);
    const p2023 = await bucketsProgress(defaultCatalogue, buckets, whos[0]!, 2023, '2023-12-31');
    // 3 (approved) + 2 (returned, still the author's) + 6 (edited in place into August); the deleted 9 and the earlier author's 1 are not mine.
    expect(p2023.mine.get('7.3.i1')?.value).toBe(11);
    expect(p2023.team.get('7.3.i1')?.value).toBe(11);
    expect((await bucketsProgress(defaultCatalogue, buckets, whos[1]!, 2023, '2023-12-31')).team.get('7.3.i1')?.value).toBe(1);

    // More writes after the buckets were computed: only those go stale, and the figures still agree.
    await saveRecord('00000000-0000-7000-8000-0000000000aa', served('7.3', '7.3.i1', '2023-05-09', [{ sex: 'female', ageBand: '18-34', count: 4 }]), 'draft', me);
    await expectSameProgress();
    await rebuildAggregates();
    await expectSameProgress();
  });
});
