import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { seedDevice } from '../deviceSeed';
import { getDb } from '../../../src/client/data/db';
import { cacheServerCompleteness, cachedServerCompleteness, deviceCompleteness } from '../../../src/client/data/completenessOnDevice';
import { listRecords } from '../../../src/client/data/recordRead';
import { listServerRecords } from '../../../src/client/data/teamRecordRead';
import { mergeDeviceRecords } from '../../../src/client/data/deviceRecords';
import { deviceReviewStatus } from '../../../src/client/data/reviewStatus';
import { META, setMeta } from '../../../src/client/data/meta';
import { recordPeriod } from '../../../src/shared/records/period';
import { completenessMonths, completenessOfRecords, type CompletenessRecord } from '../../../src/shared/review/completeness-of-records';
import type { CompletenessCell, CompletenessReport } from '../../../src/shared/review/completeness';

/**
 * Completeness on a supervisor's device after a pull: the cells completenessOfRecords gives for
 * every record the device last saw the server hold (all decoded: the team's copies and its own
 * uploaded records, latest revisions, own copy first), read from the aggregates without decoding;
 * month locks only from the server's kept answer for that year; the kept answer sealed, per user.
 */

const NOW = new Date('2026-12-03T12:00:00Z');
const teams = [
  { id: 'team-2', name: 'Бригада Поділ' },
  { id: 'team-1', name: 'Бригада Оболонь' },
  { id: 'team-3', name: 'Центр Дарниця' },
];
const byName = [...teams].sort((a, b) => (a.name < b.name ? -1 : 1));

/** The plain definition: every record decoded, those the server holds, through the shared function. */
async function everyRecordCells(year: number): Promise<CompletenessCell[]> {
  const records: CompletenessRecord[] = [];
  // the own record wins over its server copy (merged first); then those no upload reached are left out
  const merged = mergeDeviceRecords(await listRecords(), await listServerRecords());
  const held = merged.filter((r) => r.row.syncedRevision !== null || r.row.status === 'conflict');
  expect(held.length).toBeLessThan(merged.length);
  for (const stored of held) {
    const status = deviceReviewStatus(stored);
    if (status === null) continue;
    const { start, end } = recordPeriod(stored.record);
    records.push({ teamId: stored.record.teamId, periodStart: start, periodEnd: end, reviewStatus: status, deleted: stored.record.deleted });
  }
  return completenessOfRecords({ teams: byName, months: completenessMonths(year, NOW), records, locks: [] });
}

const cellOf = (cells: readonly CompletenessCell[], teamId: string, month: string) => {
  const c = cells.find((x) => x.teamId === teamId && x.month === month)!;
  return [c.submitted, c.approved, c.returned, c.rejected, c.pending, c.locked];
};

function serverAnswer(year: number, over: Partial<CompletenessReport> = {}): CompletenessReport {
  return {
    year,
    months: [`${year}-01`, `${year}-02`, `${year}-03`],
    teams: [{ id: 'team-1', name: 'Бригада Оболонь' }],
    cells: ['01', '02', '03'].map((m) => ({ teamId: 'team-1', teamName: 'Бригада Оболонь', month: `${year}-${m}`, submitted: 9, approved: 9, returned: 0, rejected: 0, pending: 0, locked: m === '03' })),
    quietDays: 7,
    quietDevices: [{ deviceId: 'd-9', deviceName: null, userId: 'u-9', userName: 'Марія Польова', email: 'maria@example.com', teams: ['Бригада Оболонь'], lastSeenAt: '2026-11-01T10:00:00.000Z', daysQuiet: 32, unsyncedCount: 4, oldestUnsyncedAt: null }],
    ...over,
  };
}

describe('completeness on the device', () => {
  it('gives what every record decoded gives, for every year, team and month', async () => {
    freshDb();
    await seedDevice();
    for (const year of [2021, 2022, 2023]) {
      const device = await deviceCompleteness({ userId: 'user-1', year, teams, now: NOW });
      expect(device.teams).toEqual(byName);
      expect(device.months).toHaveLength(12);
      expect(device.cells).toEqual(await everyRecordCells(year));
    }
    expect((await deviceCompleteness({ userId: 'user-1', year: 2027, teams, now: NOW })).cells).toEqual([]);
  });

  it('counts the latest revision by its review, and not drafts, deletions, copies of own records, nor uploads still waiting', async () => {
    freshDb();
    await seedDevice();
    const { cells, lastSyncAt, locksAsOf, cached } = await deviceCompleteness({ userId: 'user-1', year: 2023, teams, now: NOW });
    // [submitted, approved, returned, rejected, pending, locked]
    expect(cellOf(cells, 'team-1', '2023-01')).toEqual([2, 1, 0, 0, 1, false]); // an event revised after its upload: pending again
    expect(cellOf(cells, 'team-1', '2023-02')).toEqual([3, 2, 0, 0, 1, false]); // the same event spans into February
    expect(cellOf(cells, 'team-1', '2023-03')).toEqual([1, 1, 0, 0, 0, false]);
    expect(cellOf(cells, 'team-1', '2023-05')).toEqual([3, 1, 1, 0, 1, false]); // own approved, own returned, a colleague's copy
    expect(cellOf(cells, 'team-1', '2023-06')).toEqual([0, 0, 0, 0, 0, false]); // a server copy of an own record: the own one counts (May)
    expect(cellOf(cells, 'team-1', '2023-07')).toEqual([0, 0, 0, 0, 0, false]); // deleted
    expect(cellOf(cells, 'team-1', '2023-08')).toEqual([0, 0, 0, 0, 0, false]); // saved, never uploaded: the server does not hold it
    expect(cellOf(cells, 'team-2', '2023-05')).toEqual([1, 0, 0, 0, 1, false]);
    expect(lastSyncAt).toBeNull();
    expect(locksAsOf).toBeNull();
    expect(cached).toBeNull();
    const y2022 = (await deviceCompleteness({ userId: 'user-1', year: 2022, teams, now: NOW })).cells;
    expect(cellOf(y2022, 'team-3', '2022-03')).toEqual([1, 0, 0, 1, 0, false]); // rejected; the revised copy moved to April
    expect(cellOf(y2022, 'team-3', '2022-04')).toEqual([1, 0, 0, 0, 1, false]);
  });

  it('takes month locks from the kept server answer of that year, and keeps that answer sealed and per user', async () => {
    freshDb();
    await seedDevice();
    const fetchedAt = new Date('2026-12-01T09:30:00Z');
    await setMeta(META.lastSyncAt, '2026-12-02T08:00:00.000Z');
    await cacheServerCompleteness('user-1', serverAnswer(2023, { teams: [{ id: 'team-1', name: 'Бригада Оболонь' }, { id: 'team-9', name: 'Арт-центр' }] }), fetchedAt);
    const raw = JSON.stringify(await getDb().meta.get(META.serverCompleteness));
    expect(raw).not.toContain('maria@example.com');
    expect(raw).not.toContain('Марія');

    const device = await deviceCompleteness({ userId: 'user-1', year: 2023, teams, now: NOW });
    expect(device.lastSyncAt).toBe('2026-12-02T08:00:00.000Z');
    expect(device.locksAsOf).toBe(fetchedAt.toISOString());
    expect(cellOf(device.cells, 'team-1', '2023-03')).toEqual([1, 1, 0, 0, 0, true]);
    expect(cellOf(device.cells, 'team-1', '2023-02')).toEqual([3, 2, 0, 0, 1, false]);
    // counts are the device's, never the kept answer's; a team only that answer names (an admin's) is there, empty
    expect(device.teams.map((t) => t.id)).toEqual(['team-9', 'team-1', 'team-2', 'team-3']);
    expect(cellOf(device.cells, 'team-9', '2023-05')).toEqual([0, 0, 0, 0, 0, false]);
    expect(device.cached?.report.quietDevices[0]?.email).toBe('maria@example.com');

    // another year: the answer is kept (its quiet devices) but says nothing of this year's locks
    const other = await deviceCompleteness({ userId: 'user-1', year: 2022, teams, now: NOW });
    expect(other.locksAsOf).toBeNull();
    expect(other.cells.every((c) => !c.locked)).toBe(true);
    expect(other.cached?.fetchedAt).toBe(fetchedAt.toISOString());

    // someone else logged in on this device: not their answer
    expect(await cachedServerCompleteness('user-7')).toBeNull();
    expect((await deviceCompleteness({ userId: 'user-7', year: 2023, teams, now: NOW })).locksAsOf).toBeNull();

    // a newer answer replaces it
    await cacheServerCompleteness('user-1', serverAnswer(2023, { quietDevices: [] }), new Date('2026-12-03T10:00:00Z'));
    expect(await cachedServerCompleteness('user-1')).toMatchObject({ fetchedAt: '2026-12-03T10:00:00.000Z', report: { quietDevices: [] } });
  });
});
