import { expect } from 'vitest';
import { getCodec } from '../../src/client/data/codec';
import { getDb } from '../../src/client/data/db';
import { deleteRecord, rowFor, saveRecord } from '../../src/client/data/recordStore';
import { deviceSyncStore } from '../../src/client/data/syncStore';
import { createRecord, reviseRecord, type Author } from '../../src/shared/records/build';
import type { EventContent, FieldRecord, IndicatorReportContent, RecordContent, ServiceLogContent } from '../../src/shared/records/schemas';
import type { PullResponse, PushResult, ReviewVerdict } from '../../src/shared/sync/protocol';

/**
 * A supervisor's device with every kind of record the plan, the report and the review list must
 * tell apart, made through the app's own write paths: the device's own records (two authors, two
 * teams; drafts, queued, sent, approved, returned, rejected, edited in place, revised after an
 * upload, deleted as a tombstone and removed), and the team's server copies (approved, revised,
 * deleted; one whose id the device also holds). Events and indicator periods that span months
 * and years, deliverables done and not done, records of the same day.
 */

export const me: Author = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };
/** Someone who used this device before, in another team (their records stay on it). */
export const earlier: Author = { authorId: 'user-0', deviceId: 'device-1', teamId: 'team-2' };
const colleague: Author = { authorId: 'user-2', deviceId: 'device-2', teamId: 'team-1' };
const otherTeam: Author = { authorId: 'user-3', deviceId: 'device-3', teamId: 'team-3' };

type Cell = { sex?: string; ageBand?: string; group?: string; sphere?: string; count: number };
const table = (cells: Cell[]) => ({ cells, total: cells.reduce((s, c) => s + c.count, 0) });

export function served(measureId: string, indicatorId: string, date: string, cells: Cell[]): ServiceLogContent {
  return { kind: 'serviceLog', measureId, indicatorId, date, district: 'not_stated', serviceType: 'psychosocial_consultation', served: table(cells) } as ServiceLogContent;
}

export function held(measureId: string, start: string, end: string, cells: Cell[], produced = 0): EventContent {
  return {
    kind: 'event', measureId, title: 'Тренінг', format: 'training', startDate: start, endDate: end, venue: { mode: 'online' }, organiser: 'Центр',
    attendance: table(cells), materials: { produced, distributed: produced * 10 },
  } as EventContent;
}

export function reported(measureId: string, indicatorId: string, start: string, end: string, value: IndicatorReportContent['value']): IndicatorReportContent {
  return { kind: 'indicatorReport', measureId, indicatorId, periodStart: start, periodEnd: end, value };
}

const women = (count: number): Cell => ({ sex: 'female', ageBand: '18-34', group: 'idp', count });
const men = (count: number): Cell => ({ sex: 'male', ageBand: '35-59', group: 'veterans', count });
const girls = (count: number): Cell => ({ sex: 'female', ageBand: '0-13', count });
const done = (documentRef: string): IndicatorReportContent['value'] => ({ type: 'deliverable', done: true, documentRef });

const accepted = (r: { id: string; revision: number }): PushResult => ({ status: 'accepted', id: r.id, revision: r.revision });
const pull = (cursor: string, over: Partial<PullResponse>): PullResponse => ({
  protocolVersion: 1, catalogueVersion: 'kyiv-2021-2023@3', cursor, reset: false, hasMore: false, records: [], verdicts: [], ...over,
});
const verdict = (recordId: string, revision: number, status: ReviewVerdict['status']): ReviewVerdict => ({
  recordId, revision, status, comment: status === 'approved' ? null : 'check', reviewerId: 'boss', reviewedAt: '2023-06-01T10:00:00.000Z',
});

async function save(id: string, content: RecordContent, status: 'draft' | 'ready' = 'ready', who: Author = me): Promise<FieldRecord> {
  return saveRecord(id, content, status, who);
}

/** Every queued revision uploaded and accepted, each author's by its own sync. */
async function uploadAll(): Promise<void> {
  for (const who of [me.authorId, earlier.authorId]) {
    const upload = deviceSyncStore(who);
    const batch = await upload.pendingUploads(100);
    if (batch.length) await upload.applyPushResults(batch, batch.map(accepted));
  }
}

/** Own records before any upload, then uploaded and reviewed, then changed again. */
async function seedOwn(): Promise<void> {
  await save('00000000-0000-7000-8000-00000000000a', served('7.3', '7.3.i1', '2023-05-02', [women(3)]));
  await save('00000000-0000-7000-8000-00000000000b', served('7.3', '7.3.i1', '2023-05-02', [men(2)]));
  await save('00000000-0000-7000-8000-00000000000c', served('13.3', '13.3.i1', '2022-03-10', [women(4), men(1)]), 'draft');
  await save('00000000-0000-7000-8000-00000000000d', held('4.1', '2023-01-30', '2023-02-02', [women(5), men(3)], 2));
  await save('00000000-0000-7000-8000-00000000000e', held('10.2', '2021-06-01', '2021-06-03', [girls(6), women(1)]));
  await save('00000000-0000-7000-8000-00000000000f', reported('3.1', '3.1.i1', '2021-01-01', '2021-06-30', done('Наказ № 1')));
  await save('00000000-0000-7000-8000-000000000010', reported('5.1', '5.1.i1', '2022-01-01', '2022-12-31', { type: 'deliverable', done: false, documentRef: '' }));
  await save('00000000-0000-7000-8000-000000000011', reported('2.1', '2.1.i1', '2021-11-01', '2022-02-28', { type: 'count', table: table([women(7), men(2)]) }));
  await save('00000000-0000-7000-8000-000000000012', served('7.3', '7.3.i1', '2023-07-01', [women(9)]));
  await save('00000000-0000-7000-8000-000000000013', served('7.3', '7.3.i1', '2023-05-02', [women(1)]), 'ready', earlier);
  await save('00000000-0000-7000-8000-000000000014', held('1.1', '2023-03-01', '2023-03-01', [men(2)], 1), 'draft', earlier);
  await save('00000000-0000-7000-8000-000000000015', reported('7.1', '7.1.i1', '2023-01-01', '2023-03-31', done('Звіт')));
  await uploadAll();
  const store = deviceSyncStore(me.authorId);
  await store.applyPull(pull('v1', {
    verdicts: [
      verdict('00000000-0000-7000-8000-00000000000a', 1, 'approved'),
      verdict('00000000-0000-7000-8000-00000000000b', 1, 'returned'),
      verdict('00000000-0000-7000-8000-00000000000e', 1, 'rejected'),
      verdict('00000000-0000-7000-8000-000000000015', 1, 'approved'),
    ],
  }));
  // Revised after its upload (a new revision, pending again), edited in place, deleted two ways.
  await save('00000000-0000-7000-8000-00000000000d', held('4.1', '2023-01-30', '2023-02-02', [women(8)], 1));
  await save('00000000-0000-7000-8000-000000000016', served('7.3', '7.3.i1', '2023-06-20', [women(2)]));
  await save('00000000-0000-7000-8000-000000000016', served('7.3', '7.3.i1', '2023-08-20', [women(3), men(3)]));
  await save('00000000-0000-7000-8000-000000000017', served('7.3', '7.3.i1', '2023-05-02', [women(1)]));
  expect(await deleteRecord('00000000-0000-7000-8000-000000000017', me)).toBe('removed');
  expect(await deleteRecord('00000000-0000-7000-8000-000000000012', me)).toBe('tombstone');
}

/** The team's records from the server: some reviewed, one revised, one deleted; and a copy of an own record. */
async function seedTeam(): Promise<void> {
  const at = (day: string) => new Date(`${day}T10:00:00Z`);
  const t1 = createRecord(served('7.3', '7.3.i1', '2023-05-02', [women(4)]), colleague, at('2023-05-02'));
  const t2 = createRecord(held('4.1', '2023-02-01', '2023-02-01', [women(2), girls(1)]), colleague, at('2023-02-01'));
  const t3 = createRecord(reported('2.1', '2.1.i1', '2022-01-01', '2022-03-31', { type: 'count', table: table([women(5)]) }), otherTeam, at('2022-04-01'));
  const t4 = createRecord(served('13.3', '13.3.i1', '2022-03-10', [women(2)]), otherTeam, at('2022-03-10'));
  const t5 = createRecord(reported('3.1', '3.1.i1', '2021-01-01', '2021-12-31', done('Наказ № 2')), colleague, at('2021-12-31'));
  const store = deviceSyncStore(me.authorId);
  await store.applyPull(pull('t1', { records: [t1, t2, t3, t4, t5], verdicts: [verdict(t2.id, 1, 'approved'), verdict(t3.id, 1, 'rejected')] }));
  await store.applyPull(pull('t2', {
    records: [reviseRecord(t4, { content: served('13.3', '13.3.i1', '2022-04-11', [women(6)]) }, at('2022-04-12')), reviseRecord(t5, { deleted: true }, at('2022-01-05'))],
  }));
  // A server copy of a record the device holds itself (a hand-off, an old release): the own one is listed.
  const own = (await getDb().records.get('00000000-0000-7000-8000-00000000000a'))!;
  const copy = createRecord(served('7.3', '7.3.i1', '2023-06-02', [women(50)]), me, at('2023-06-02'), own.id);
  await getDb().serverRecords.put({ ...rowFor(copy, 'sent', null, await getCodec().encode(copy)), status: 'sent', syncedRevision: 1, localVersion: 1 });
}

export async function seedDevice(): Promise<void> {
  await seedOwn();
  await seedTeam();
}
