import { createRecord, reviseRecord, type FieldRecord, type RecordContent } from '../../../src/shared/records';
import type { Catalogue } from '../../../src/shared/plan/catalogue-schema';
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

type ServiceCellInput = { sex: string; ageBand: string; group: string; count: number; contacts?: number };

function serviceLog(measureId: string, indicatorId: string, serviceType: Extract<RecordContent, { kind: 'serviceLog' }>['serviceType'], date: string, district: string, cells: ServiceCellInput[]): RecordContent {
  return { kind: 'serviceLog', measureId, indicatorId, date, district, serviceType, served: { cells, total: cells.reduce((s, c) => s + c.count, 0) } };
}

/**
 * Service logs of the measures that ask for contacts and persons apart (13.2 hotline calls,
 * 16.2 counselling sessions, 17.3 legal consultations): some with repeat contacts, some as every
 * record was before contacts were counted (no `contacts`: as many as persons), one against the
 * contacts indicator itself. Figures for 2023, approved only: 13.2 calls 10 / persons 6; 16.2
 * sessions 6 / persons 3; 17.3 consultations 7 / persons 5 (with the pending one: 16 / 7).
 */
export function contactsFixture(): FixtureRecord[] {
  const at = new Date('2024-01-15T10:00:00Z');
  const make = (content: RecordContent, status: ReviewStatus, author = team) => ({ record: createRecord(content, author, at), status });
  return [
    // before contacts: the calls indicator read the persons, so both were 2
    make(serviceLog('13.2', '13.2.i1', 'information_consultation', '2023-03-10', 'podilskyi', [{ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', count: 2 }]), 'approved'),
    make(serviceLog('13.2', '13.2.i2', 'information_consultation', '2023-04-05', 'obolonskyi', [
      { sex: 'female', ageBand: '18-34', group: 'idp', count: 3, contacts: 7 },
      { sex: 'male', ageBand: '60+', group: 'not_stated', count: 1 },
    ]), 'approved', teamB),
    make(serviceLog('16.2', '16.2.i2', 'crisis_counselling', '2023-06-01', 'podilskyi', [{ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', count: 2, contacts: 5 }]), 'approved'),
    make(serviceLog('16.2', '16.2.i2', 'crisis_counselling', '2023-06-02', 'podilskyi', [{ sex: 'male', ageBand: '18-34', group: 'idp', count: 1 }]), 'approved'),
    make(serviceLog('17.3', '17.3.i2', 'legal_aid', '2023-09-15', 'obolonskyi', [
      { sex: 'female', ageBand: '60+', group: 'idp', count: 4, contacts: 4 },
      { sex: 'female', ageBand: '14-17', group: 'idp', count: 1, contacts: 3 },
    ]), 'approved'),
    make(serviceLog('17.3', '17.3.i2', 'legal_aid', '2023-10-01', 'obolonskyi', [{ sex: 'female', ageBand: '35-59', group: 'idp', count: 2, contacts: 9 }]), 'pending'),
  ];
}

/** The plan as it was before contacts were counted apart: every contacts indicator read the persons. */
export function beforeContacts(catalogue: Catalogue): Catalogue {
  const old = structuredClone(catalogue);
  for (const sg of old.strategicGoals)
    for (const og of sg.operationalGoals)
      for (const t of og.tasks)
        for (const m of t.measures)
          for (const i of m.indicators ?? []) if (i.kind === 'count' && i.source === 'serviceContacts') i.source = 'servicePersons';
  return old;
}

/**
 * People in several groups and events by their audience (docs/counting-model.md), approved, 2023:
 * 7.3.i1 has 4 persons, of whom 3 (2 women, 1 man) also belong to another group; 16.3 has two
 * events with participants (parents and children; children only) and one without.
 */
export function multiResponseFixture(): FixtureRecord[] {
  const at = new Date('2024-01-15T10:00:00Z');
  const make = (content: RecordContent, status: ReviewStatus, author = team) => ({ record: createRecord(content, author, at), status });
  const served = [
    { sex: 'female', ageBand: '36-59', group: 'idp', count: 2 },
    { sex: 'female', ageBand: '18-35', group: 'domestic_violence_survivor', count: 1 },
    { sex: 'male', ageBand: '36-59', group: 'combatant_veteran', count: 1 },
  ];
  const audienceEvent = (date: string, cells: { sex: string; ageBand: string; group: string; count: number }[], alsoIn?: { sex: string; group: string; count: number }[]): RecordContent => ({
    ...event('16.3', date, cells),
    ...(alsoIn ? { attendance: { cells, total: cells.reduce((s, c) => s + c.count, 0), alsoIn } } : {}),
  } as RecordContent);
  return [
    make({
      kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date: '2023-05-10', district: 'podilskyi', serviceType: 'social_service',
      served: { cells: served, total: 4, alsoIn: [{ sex: 'female', group: 'domestic_violence_survivor', count: 2 }, { sex: 'male', group: 'idp', count: 1 }] },
    }, 'approved'),
    make(audienceEvent('2023-03-01', [
      { sex: 'female', ageBand: '36-59', group: 'parent', count: 12 },
      { sex: 'male', ageBand: '36-59', group: 'parent', count: 3 },
      { sex: 'female', ageBand: '0-13', group: 'child', count: 9 },
    ], [{ sex: 'female', group: 'idp', count: 2 }]), 'approved', teamB),
    make(audienceEvent('2023-04-01', [{ sex: 'male', ageBand: '0-13', group: 'child', count: 7 }]), 'approved'),
    make(audienceEvent('2023-06-01', []), 'approved'),
  ];
}
