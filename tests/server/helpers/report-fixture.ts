import { expect } from 'vitest';
import {
  contentOf,
  createRecord,
  factsOfRecord,
  memoryFactQuery,
  reviseRecord,
  type FieldRecord,
  type ProgressReport,
  type ReviewStatus,
  type StatusedFact,
} from '../../../src/shared';
import { reportFixture, type FixtureRecord } from '../../shared/reports/fixtures';
import type { Harness, TestUser } from './harness';
import { batch } from './sync';

/** The day the fixture's year is reported on: after 31 December 2023, so every record may be pushed. */
export const REPORT_DAY = new Date('2024-03-01T10:00:00Z');

export interface PushedFixture {
  teamA: string;
  teamB: string;
  workerA: TestUser;
  workerB: TestUser;
  supervisor: TestUser;
  /** the latest revision of every record as the server holds it, with the status its verdicts gave it */
  records: { record: FieldRecord; status: ReviewStatus }[];
  memoryFacts: StatusedFact[];
  /** fixture team ids ('team-a', 'team-b') → the server's */
  team: (fixtureId: string) => string;
}

export async function verdict(h: Harness, by: TestUser, record: FieldRecord, status: Exclude<ReviewStatus, 'pending'>, comment?: string) {
  const res = await h.call('POST', '/api/v1/review/verdicts', {
    token: by.token,
    body: { recordId: record.id, revision: record.revision, status, ...(comment ? { comment } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function pushAll(h: Harness, user: TestUser, records: FieldRecord[]) {
  const res = await h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, records) });
  expect(res.statusCode, res.body).toBe(200);
  const statuses = (res.json() as { results: { status: string }[] }).results.map((r) => r.status);
  expect(statuses).toEqual(records.map(() => 'accepted'));
}

/**
 * tests/shared/reports/fixtures.ts made real: each record re-made by a real field worker of a
 * real team, pushed through the sync API (the deleted one as revision 1, approved, then its
 * tombstone), and given its status through the review API.
 */
export async function pushReportFixture(h: Harness, fixture: FixtureRecord[] = reportFixture()): Promise<PushedFixture> {
  h.clock.current = new Date(REPORT_DAY);
  const teamA = await h.team();
  const teamB = await h.team();
  const workerA = await h.user('field_worker', [teamA]);
  const workerB = await h.user('field_worker', [teamB]);
  const supervisor = await h.user('supervisor', [teamA, teamB]);
  const team = (id: string) => (id === 'team-a' ? teamA : id === 'team-b' ? teamB : id);
  const at = new Date('2024-01-15T10:00:00Z');

  const made = fixture.map(({ record, status }) => {
    const author = record.teamId === 'team-b' ? workerB : workerA;
    const first = createRecord(contentOf(record), author.author(team(record.teamId)), at);
    return { author, first, latest: record.deleted ? reviseRecord(first, { deleted: true }, at) : first, status };
  });
  for (const user of [workerA, workerB]) await pushAll(h, user, made.filter((m) => m.author === user).map((m) => m.first));
  for (const m of made.filter((x) => x.latest !== x.first)) {
    await verdict(h, supervisor, m.first, 'approved');
    await pushAll(h, m.author, [m.latest]);
  }
  for (const m of made) {
    if (m.status === 'approved') await verdict(h, supervisor, m.latest, 'approved');
    if (m.status === 'returned') await verdict(h, supervisor, m.latest, 'returned', 'Перевірте кількість / check the count');
    if (m.status === 'rejected') await verdict(h, supervisor, m.latest, 'rejected', 'Дубль / duplicate');
  }
  const records = made.map((m) => ({ record: m.latest, status: m.status }));
  const memoryFacts = records.flatMap(({ record, status }) => factsOfRecord(record).map((f) => ({ ...f, status })));
  return { teamA, teamB, workerA, workerB, supervisor, records, memoryFacts, team };
}

export const memoryQueryOf = (facts: readonly StatusedFact[]) => memoryFactQuery(facts);

/** Row order of cells and documents follows query order, which SQL and memory need not share. */
export function normalized(report: ProgressReport): ProgressReport {
  const text = (x: unknown) => JSON.stringify(x);
  return {
    ...report,
    measures: report.measures.map((m) => ({
      ...m,
      indicators: m.indicators.map((i) => ({
        ...i,
        documents: [...i.documents].sort(),
        cells: [...i.cells].sort((a, b) => (text(a) < text(b) ? -1 : 1)),
      })),
    })),
  };
}
