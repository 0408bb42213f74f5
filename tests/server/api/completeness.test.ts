import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, FieldRecord } from '../../../src/shared';
import { createRecord } from '../../../src/shared';
import type { CompletenessReport } from '../../../src/shared/review/completeness';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { completenessOfRecords } from '../../../src/shared/review/completeness-of-records';
import { eventContent, RECORDED_AT, serviceLogContent } from '../helpers/records';
import { batch } from '../helpers/sync';

const DAY = 24 * 60 * 60 * 1000;

describe.each(backends)('completeness on $name', (backend) => {
  let h: Harness;
  let admin: TestUser;
  let supervisor: TestUser;
  let workerA: TestUser;
  let workerB: TestUser;
  let teamA: string;
  let teamB: string;
  let teamC: string;
  let teamD: string;

  const log = (user: TestUser, team: string, date: string) => createRecord(serviceLogContent({ date }), user.author(team), RECORDED_AT);
  async function push(user: TestUser, records: FieldRecord[]) {
    const res = await h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, records) });
    expect(res.statusCode, res.body).toBe(200);
  }
  async function verdict(record: FieldRecord, status: 'approved' | 'returned' | 'rejected') {
    const body = { recordId: record.id, revision: record.revision, status, ...(status === 'approved' ? {} : { comment: 'Уточніть кількість' }) };
    const res = await h.call('POST', '/api/v1/review/verdicts', { token: admin.token, body });
    expect(res.statusCode, res.body).toBe(200);
  }
  const report = async (user: TestUser, query: string) => {
    const res = await h.call('GET', `/api/v1/review/completeness?${query}`, { token: user.token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CompletenessReport;
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    admin = await h.user('admin', []);
    teamA = await h.team('Бригада А');
    teamB = await h.team('Бригада Б');
    teamC = await h.team('Бригада В');
    supervisor = await h.user('supervisor', [teamA, teamB]);
    workerA = await h.user('field_worker', [teamA]);
    workerB = await h.user('field_worker', [teamB]);
    // Team A, May: 4 records, one approved, one returned, one rejected, one pending.
    const may = ['2023-05-02', '2023-05-09', '2023-05-16', '2023-05-23'].map((d) => log(workerA, teamA, d));
    // Team B, April: 2 records, both approved, and the month locked.
    const april = ['2023-04-03', '2023-04-04'].map((d) => log(workerB, teamB, d));
    await push(workerA, may);
    await push(workerB, april);
    await verdict(may[0]!, 'approved');
    await verdict(may[1]!, 'returned');
    await verdict(may[2]!, 'rejected');
    for (const r of april) await verdict(r, 'approved');
    const lock = await h.call('POST', '/api/v1/review/months/lock', { token: admin.token, body: { teamId: teamB, month: '2023-04' } });
    expect(lock.statusCode, lock.body).toBe(200);
    // Team D: an event across April and May (counts in both), a service log in March, March locked.
    teamD = await h.team('Бригада Г');
    const workerD = await h.user('field_worker', [teamD]);
    const across = createRecord(eventContent({ startDate: '2023-04-28', endDate: '2023-05-02' }), workerD.author(teamD), RECORDED_AT);
    const march = log(workerD, teamD, '2023-03-15');
    await push(workerD, [across, march]);
    await verdict(march, 'rejected');
    const lockD = await h.call('POST', '/api/v1/review/months/lock', { token: admin.token, body: { teamId: teamD, month: '2023-03' } });
    expect(lockD.statusCode, lockD.body).toBe(200);
  });
  afterAll(() => h?.close());

  it('counts each team and month by review state and says which months are locked, up to the current month', async () => {
    const all = await report(admin, 'year=2023');
    // the harness's clock stands in June 2023
    expect(all.months).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06']);
    expect(all.teams.map((t) => t.name)).toEqual(expect.arrayContaining(['Бригада А', 'Бригада Б', 'Бригада В']));
    const cell = (team: string, month: string) => all.cells.find((c) => c.teamId === team && c.month === month);
    expect(cell(teamA, '2023-05')).toMatchObject({ submitted: 4, approved: 1, returned: 1, rejected: 1, pending: 1, locked: false });
    expect(cell(teamB, '2023-04')).toMatchObject({ submitted: 2, approved: 2, returned: 0, pending: 0, locked: true });
    expect(cell(teamA, '2023-04')).toMatchObject({ submitted: 0, locked: false });
    expect(cell(teamC, '2023-05')).toMatchObject({ submitted: 0, approved: 0, pending: 0, locked: false });
    expect(all.cells).toHaveLength(all.teams.length * 6);
    // a past year has all twelve months; a future one none
    expect((await report(admin, 'year=2022')).months).toHaveLength(12);
    expect((await report(admin, 'year=2024')).cells).toEqual([]);
  });

  it('agrees with the shared function a device uses (completenessOfRecords) on the same records and locks', async () => {
    const server = await report(admin, 'year=2023');
    const records = await h.ctx.db.selectFrom('records').select(['team_id', 'period_start', 'period_end', 'review_status', 'deleted']).execute();
    const locks = await h.ctx.db.selectFrom('month_locks').select(['team_id', 'month']).where('unlocked_at', 'is', null).execute();
    const device = completenessOfRecords({
      teams: server.teams,
      months: server.months,
      records: records.map((r) => ({ teamId: r.team_id, periodStart: r.period_start, periodEnd: r.period_end, reviewStatus: r.review_status, deleted: Number(r.deleted) !== 0 })),
      locks: locks.map((l) => ({ teamId: l.team_id, month: l.month })),
    });
    expect(device).toEqual(server.cells);
    // the data is not trivial: a record across two months, a locked month with a rejected record
    const cell = (month: string) => server.cells.find((c) => c.teamId === teamD && c.month === month);
    expect([cell('2023-03'), cell('2023-04'), cell('2023-05')]).toMatchObject([{ submitted: 1, rejected: 1, locked: true }, { submitted: 1, pending: 1 }, { submitted: 1, pending: 1 }]);
  });

  it("gives a supervisor their own teams only, and refuses another team and other roles", async () => {
    const mine = await report(supervisor, 'year=2023');
    expect(mine.teams.map((t) => t.id).sort()).toEqual([teamA, teamB].sort());
    expect((await report(supervisor, `year=2023&team=${teamA}`)).teams.map((t) => t.id)).toEqual([teamA]);
    expect((await h.call('GET', `/api/v1/review/completeness?year=2023&team=${teamC}`, { token: supervisor.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/completeness?year=2023', { token: workerA.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/completeness?year=2023')).statusCode).toBe(401);
  });

  it('lists the devices not seen for N days, longest quiet first, with what they last reported', async () => {
    await h.call('POST', '/api/v1/sync/status', { token: workerA.token, body: { appVersion: 'v1', unsyncedCount: 2, oldestUnsyncedAt: '2023-06-10T08:00:00.000Z' } });
    h.clock.advance(10 * DAY);
    // worker B's device is heard from now; worker A's has been quiet for 10 days
    await h.call('POST', '/api/v1/sync/status', { token: workerB.token, body: { appVersion: 'v1', unsyncedCount: 0, oldestUnsyncedAt: null } });
    const quiet = (await report(supervisor, 'year=2023&quietDays=7')).quietDevices;
    expect(quiet.map((d) => d.userId)).toEqual([workerA.id]);
    expect(quiet[0]).toMatchObject({ daysQuiet: 10, unsyncedCount: 2, oldestUnsyncedAt: '2023-06-10T08:00:00.000Z', teams: ['Бригада А'] });
    expect((await report(supervisor, 'year=2023&quietDays=11')).quietDevices).toEqual([]);
    // revoked devices are not "quiet": they are cut off
    const device = (await h.ctx.db.selectFrom('devices').select('id').where('user_id', '=', workerA.id).executeTakeFirstOrThrow()).id;
    await h.call('POST', `/api/v1/admin/devices/${device}/revoke`, { token: admin.token, body: {} });
    expect((await report(admin, 'year=2023&quietDays=7')).quietDevices.map((d) => d.userId)).not.toContain(workerA.id);
  });

  it('exports the table as CSV with headers in the chosen language', async () => {
    const res = await h.call('GET', `/api/v1/review/completeness.csv?year=2023&team=${teamB}&lang=en`, { token: supervisor.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('completeness-2023.csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Team,Month,Submitted,Approved,Returned,Rejected,Pending,Month locked');
    expect(lines).toContain('Бригада Б,2023-04,2,2,0,0,0,yes');
    expect(lines).toHaveLength(1 + 6);
    const uk = await h.call('GET', `/api/v1/review/completeness.csv?year=2023&team=${teamB}`, { token: supervisor.token });
    expect(uk.body).toContain('Команда,Місяць,Надіслано');
    expect(uk.body).toContain('Бригада Б,2023-04,2,2,0,0,0,так');
  });

  it('exports the same table as XLSX, counts as numbers, headers in the chosen language', async () => {
    const res = await h.call('GET', `/api/v1/review/completeness.xlsx?year=2023&team=${teamB}&lang=en`, { token: supervisor.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="completeness-2023.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Completeness 2023')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Team', 'Month', 'Submitted', 'Approved', 'Returned', 'Rejected', 'Pending', 'Month locked']);
    expect(rows).toContainEqual(['Бригада Б', '2023-04', 2, 2, 0, 0, 0, 'yes']);
    expect(rows).toHaveLength(1 + 6);
    const uk = await h.call('GET', `/api/v1/review/completeness.xlsx?year=2023&team=${teamB}`, { token: supervisor.token });
    expect(uk.headers['content-disposition']).toContain('povnota-2023.xlsx');
    const ukBook = new ExcelJS.Workbook();
    await ukBook.xlsx.load(uk.rawPayload as unknown as ArrayBuffer);
    expect(ukBook.getWorksheet('Повнота 2023')!.getRow(1).getCell(1).value).toBe('Команда');
    expect((await h.call('GET', `/api/v1/review/completeness.xlsx?year=2023&team=${teamC}`, { token: supervisor.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/completeness.xlsx?year=2023', { token: workerB.token })).statusCode).toBe(403);
    expect((await h.call('GET', '/api/v1/review/completeness.xlsx?year=20', { token: admin.token })).statusCode).toBe(400);
  });

  it('names the field of a bad query', async () => {
    for (const [query, field] of [['', 'year'], ['year=20', 'year'], ['year=2023&quietDays=0', 'quietDays'], ['year=2023&lang=de', 'lang']] as const) {
      const res = await h.call('GET', `/api/v1/review/completeness?${query}`, { token: admin.token });
      expect(res.statusCode, query).toBe(400);
      expect((res.json() as ApiError).error.issues?.map((i) => i.field), query).toEqual([field]);
    }
  });
});
