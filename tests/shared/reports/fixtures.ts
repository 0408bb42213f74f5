import { createRecord, reviseRecord, type FieldRecord, type RecordContent } from '../../../src/shared/records';
import type { ReviewStatus } from '../../../src/shared/sync/protocol';

/**
 * A hand-made year of records around the edges a report can get wrong: 31 December / 1 January,
 * quarter ends, pending, returned and deleted records, and indicators that count only women or children.
 */
const team = { authorId: 'u-1', deviceId: 'd-1', teamId: 'team-a' };
const teamB = { authorId: 'u-2', deviceId: 'd-2', teamId: 'team-b' };

function event(measureId: string, date: string, cells: { sex: string; ageBand?: string; group?: string; count: number }[], produced = 0): RecordContent {
  return {
    kind: 'event', measureId, title: `Захід ${date}`, format: 'training', startDate: date, endDate: date,
    venue: { mode: 'in_person', place: 'Бібліотека', district: 'podilskyi' }, organiser: 'ДСП',
    attendance: { cells, total: cells.reduce((s, c) => s + c.count, 0) }, materials: { produced, distributed: 0 },
  };
}

function services(date: string, district: string, cells: { sex: string; ageBand: string; group: string; count: number }[]): RecordContent {
  return {
    kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date, district, serviceType: 'psychosocial_consultation',
    served: { cells, total: cells.reduce((s, c) => s + c.count, 0) },
  };
}

export interface FixtureRecord {
  record: FieldRecord;
  status: ReviewStatus;
}

export function reportFixture(): FixtureRecord[] {
  const at = new Date('2024-01-15T10:00:00Z');
  const make = (content: RecordContent, status: ReviewStatus, author = team) => ({ record: createRecord(content, author, at), status });
  const deleted = createRecord(event('1.1', '2023-07-01', [{ sex: 'female', group: 'idp', count: 50 }]), team, at);
  return [
    make(event('1.1', '2022-12-31', [{ sex: 'female', group: 'idp', count: 10 }, { sex: 'male', group: 'idp', count: 6 }]), 'approved'),
    make(event('1.1', '2023-01-01', [{ sex: 'female', group: 'educator', count: 3 }, { sex: 'male', group: 'not_stated', count: 2 }], 2), 'approved'),
    make(event('1.1', '2023-03-31', [{ sex: 'female', group: 'idp', count: 4 }]), 'approved', teamB),
    make(event('1.1', '2023-04-01', [{ sex: 'male', group: 'idp', count: 5 }]), 'pending'),
    make(event('1.1', '2023-06-15', [{ sex: 'female', group: 'idp', count: 30 }]), 'returned'),
    make(event('1.1', '2023-06-16', [{ sex: 'female', group: 'idp', count: 40 }]), 'rejected'),
    { record: reviseRecord(deleted, { deleted: true }, at), status: 'approved' },
    make(services('2023-02-10', 'podilskyi', [
      { sex: 'female', ageBand: '35-59', group: 'gbv_survivor', count: 2 },
      { sex: 'male', ageBand: '18-34', group: 'combatant_veteran', count: 1 },
    ]), 'approved'),
    make(services('2023-12-31', 'obolonskyi', [{ sex: 'female', ageBand: '60+', group: 'idp', count: 5 }]), 'approved', teamB),
    make(event('4.1', '2023-05-05', [{ sex: 'female', count: 7 }, { sex: 'male', count: 3 }]), 'approved'),
    make(event('10.2', '2023-09-01', [
      { sex: 'female', ageBand: '14-17', count: 6 },
      { sex: 'male', ageBand: '0-13', count: 4 },
      { sex: 'female', ageBand: '35-59', count: 2 },
    ]), 'approved'),
    make({
      kind: 'indicatorReport', measureId: '3.1', indicatorId: '3.1.i1', periodStart: '2021-01-01', periodEnd: '2021-06-30',
      value: { type: 'deliverable', done: true, documentRef: 'Наказ № 1' },
    }, 'approved'),
  ];
}
