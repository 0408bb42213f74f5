import { describe, expect, it } from 'vitest';
import { completenessMonths, completenessOfRecords, monthDays, type CompletenessRecord } from '../../../src/shared/review/completeness-of-records';

const rec = (teamId: string, periodStart: string, periodEnd: string, reviewStatus: CompletenessRecord['reviewStatus'] = 'pending', deleted = false): CompletenessRecord => ({ teamId, periodStart, periodEnd, reviewStatus, deleted });
const teams = [{ id: 'a', name: 'Бригада А' }, { id: 'b', name: 'Бригада Б' }];

describe('completenessOfRecords', () => {
  it('counts each team and month by review state, with submitted as their sum, and marks locked months', () => {
    const cells = completenessOfRecords({
      teams,
      months: ['2023-04', '2023-05'],
      records: [rec('a', '2023-05-02', '2023-05-02', 'approved'), rec('a', '2023-05-09', '2023-05-09', 'returned'), rec('a', '2023-05-16', '2023-05-16', 'rejected'), rec('a', '2023-05-23', '2023-05-23'), rec('b', '2023-04-03', '2023-04-03', 'approved')],
      locks: [{ teamId: 'b', month: '2023-04' }],
    });
    expect(cells.map((c) => [c.teamId, c.month])).toEqual([['a', '2023-04'], ['a', '2023-05'], ['b', '2023-04'], ['b', '2023-05']]);
    expect(cells[1]).toEqual({ teamId: 'a', teamName: 'Бригада А', month: '2023-05', submitted: 4, approved: 1, returned: 1, rejected: 1, pending: 1, locked: false });
    expect(cells[2]).toMatchObject({ submitted: 1, approved: 1, locked: true });
    expect(cells[0]).toMatchObject({ submitted: 0, locked: false });
  });

  it('counts a record in every month its period touches, including its first and last days', () => {
    const cells = completenessOfRecords({ teams: [teams[0]!], months: ['2023-01', '2023-02', '2023-03', '2023-04'], records: [rec('a', '2023-01-31', '2023-03-01')], locks: [] });
    expect(cells.map((c) => c.submitted)).toEqual([1, 1, 1, 0]);
  });

  it('leaves out deleted records and records of teams not asked for', () => {
    const cells = completenessOfRecords({ teams: [teams[0]!], months: ['2023-05'], records: [rec('a', '2023-05-01', '2023-05-01', 'approved', true), rec('c', '2023-05-01', '2023-05-01')], locks: [{ teamId: 'c', month: '2023-05' }] });
    expect(cells).toEqual([{ teamId: 'a', teamName: 'Бригада А', month: '2023-05', submitted: 0, approved: 0, returned: 0, rejected: 0, pending: 0, locked: false }]);
  });

  it('lists the months of a year up to the current one, and the days of a month (leap February)', () => {
    const now = new Date('2023-06-15T12:00:00Z');
    expect(completenessMonths(2023, now)).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06']);
    expect(completenessMonths(2022, now)).toHaveLength(12);
    expect(completenessMonths(2024, now)).toEqual([]);
    expect(monthDays('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthDays('2023-12')).toEqual({ start: '2023-12-01', end: '2023-12-31' });
  });
});
