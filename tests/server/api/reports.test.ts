import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProgressReportJson } from '../../../src/server/features/reports/serialize';
import type { ApiError } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';
import { pushReportFixture, type PushedFixture } from '../helpers/report-fixture';

describe.each(backends)('reports API on $name', (backend) => {
  let h: Harness;
  let fx: PushedFixture;

  beforeAll(async () => {
    h = await startHarness(backend);
    fx = await pushReportFixture(h);
  });
  afterAll(() => h?.close());
  afterEach(() => vi.restoreAllMocks());

  async function progressOf(query: string, token = fx.supervisor.token) {
    const res = await h.call('GET', `/api/v1/reports/progress?${query}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ProgressReportJson;
  }
  const indicator = (r: ProgressReportJson, id: string) => r.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id)!;

  describe('progress', () => {
    it('answers the year with ids in place of catalogue entries, approved records only', async () => {
      const report = await progressOf('year=2023');
      expect(report).toMatchObject({ from: '2023-01-01', to: '2023-12-31', asOf: '2024-03-01' });
      const m11 = report.measures.find((m) => m.measureId === '1.1')!;
      expect(m11).toMatchObject({ strategicGoal: '1', operationalGoal: '1.1', task: 1, eventsHeld: 2, peopleReached: 9 });
      expect(m11).not.toHaveProperty('entry');
      expect(indicator(report, '1.1.i1')).toMatchObject({ value: 2, target: 4, status: 'behind' });
      expect(indicator(report, '1.1.i2')).toMatchObject({ value: 9, bySex: { female: 7, male: 2 } });
      expect(JSON.stringify(report).length).toBeLessThan(60_000);
    });

    it('adds pending records when asked; takes quarters and months; filters and breaks down', async () => {
      expect(indicator(await progressOf('year=2023&includePending=true'), '1.1.i2').value).toBe(14);
      expect(indicator(await progressOf('year=2023&period=q1'), '1.1.i1')).toMatchObject({ value: 2, target: 0.99, status: 'met' });
      expect(indicator(await progressOf('year=2023&period=q2&includePending=1'), '1.1.i2').value).toBe(5);
      expect(indicator(await progressOf('year=2023&period=m12'), '7.3.i1').value).toBe(5);
      expect(indicator(await progressOf('year=2022'), '1.1.i1').value).toBe(1);
      expect(indicator(await progressOf('year=2023&district=obolonskyi'), '7.3.i1').value).toBe(5);
      expect(indicator(await progressOf(`year=2023&team=${fx.teamB}`), '1.1.i1').value).toBe(1);
      const goal2 = await progressOf('year=2023&goal=2');
      expect(goal2.measures.every((m) => m.strategicGoal === '2')).toBe(true);
      expect((await progressOf('year=2023&executor=kmc-ato')).measures.map((m) => m.measureId)).not.toContain('1.1');
      const broken = indicator(await progressOf('year=2023&breakdowns=group,district,teamId,month'), '7.3.i1');
      expect(broken).toMatchObject({
        value: 8,
        byDistrict: { podilskyi: 3, obolonskyi: 5 },
        byMonth: { '2023-02': 3, '2023-12': 5 },
        byTeam: { [fx.teamA]: 3, [fx.teamB]: 5 },
      });
      expect(broken.cells).toContainEqual({ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', value: 2 });
    });

    it("shows a field worker their own team's figures only", async () => {
      const own = await progressOf('year=2023', fx.workerA.token);
      expect(indicator(own, '7.3.i1').value).toBe(3);
      expect(indicator(own, '1.1.i1').value).toBe(1);
      const other = await h.call('GET', `/api/v1/reports/progress?year=2023&team=${fx.teamB}`, { token: fx.workerA.token });
      expect(other.statusCode).toBe(403);
      expect((await h.call('GET', '/api/v1/reports/progress?year=2023')).statusCode).toBe(401);
    });

    it('names the teams a user may report on: every team for a supervisor or an admin in no team, their own for a field worker', async () => {
      const admin = await h.user('admin', []);
      const names = async (token: string) => {
        const res = await h.call('GET', '/api/v1/reports/teams', { token });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { teams: { id: string; name: string }[] }).teams;
      };
      const all = await names(admin.token);
      expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([fx.teamA, fx.teamB]));
      expect(all.every((t) => t.name.length > 0 && t.name !== t.id)).toBe(true);
      expect((await names(fx.supervisor.token)).map((t) => t.id).sort()).toEqual(all.map((t) => t.id).sort());
      expect((await names(fx.workerA.token)).map((t) => t.id)).toEqual([fx.teamA]);
      expect((await h.call('GET', '/api/v1/reports/teams')).statusCode).toBe(401);
    });

    it('names the field of a bad query', async () => {
      const fields = async (query: string) => {
        const res = await h.call('GET', `/api/v1/reports/progress?${query}`, { token: fx.supervisor.token });
        expect(res.statusCode).toBe(400);
        return (res.json() as ApiError).error.issues?.map((i) => i.field);
      };
      expect(await fields('year=2030')).toEqual(['year']);
      expect(await fields('period=q5')).toEqual(['year', 'period']);
      expect(await fields('year=2023&breakdowns=group,colour')).toEqual(['breakdowns.1']);
      expect(await fields('year=2023&includePending=maybe&x=1')).toEqual(['includePending', 'x']);
    });
  });

  describe('annual report files', () => {
    it('downloads an XLSX that a spreadsheet library reads back', async () => {
      const res = await h.call('GET', '/api/v1/reports/annual.xlsx?year=2023', { token: fx.supervisor.token });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe('attachment; filename="kyiv-1325-annual-report-2023-uk.xlsx"');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Звіт 2023')!;
      // A title and an "as of" line above the column header.
      expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/: звіт за 2023 рік$/);
      expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^Станом на \d{1,2} [а-яі]+ \d{4} р\. Враховано лише затверджені записи\.$/);
      expect(sheet.getRow(3).values).toEqual([
        undefined, 'Рівень', 'Номер', 'Найменування', 'Ціль', 'Досягнуто', 'Жінки / дівчата', 'Чоловіки / хлопці', 'Стать не зазначено',
        'За соціальними групами', 'Стан', 'Примітка щодо недоліків',
      ]);
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const i12 = rows.find((r) => r[1] === '1.1.i2')!;
      expect(i12.slice(3, 9)).toEqual([null, 9, 7, 2, 0, 'Внутрішньо переміщені особи: 4; Педагогічні працівники: 3; Не зазначено: 2'].map((v) => v ?? undefined));
      expect(rows.find((r) => r[1] === '1.1.i1')!.slice(3, 5)).toEqual([4, 2]);
      expect(rows.filter((r) => r[0] === 'Захід')).toHaveLength(52);
    });

    it('downloads it in English, with pending records when asked', async () => {
      const res = await h.call('GET', '/api/v1/reports/annual.xlsx?year=2023&lang=en&includePending=true', { token: fx.supervisor.token });
      expect(res.headers['content-disposition']).toContain('kyiv-1325-annual-report-2023-en-with-pending.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Report 2023')!;
      expect(sheet.getRow(2).getCell(1).value).toMatch(/^As of \d{1,2} [A-Z][a-z]+ \d{4}\. Records not yet approved are included\.$/);
      expect(sheet.getRow(3).getCell(11).value).toBe('Note on shortcomings');
      let achieved: unknown;
      sheet.eachRow((row) => {
        if (row.getCell(2).value === '1.1.i2') achieved = row.getCell(5).value;
      });
      expect(achieved).toBe(14);
    });

    it('downloads a CSV that starts with the UTF-8 byte-order mark', async () => {
      const res = await h.call('GET', '/api/v1/reports/annual.csv?year=2023', { token: fx.supervisor.token });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="kyiv-1325-annual-report-2023-uk.csv"');
      expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toMatch(/^Рівень,Номер,Найменування,Ціль,Досягнуто/);
      expect(lines.find((l) => l.includes(',1.1.i2,'))).toContain(',9,7,2,0,');
    });

    it('answers 400 for a year outside the plan, and 401 without a session', async () => {
      expect((await h.call('GET', '/api/v1/reports/annual.csv?year=2019', { token: fx.supervisor.token })).statusCode).toBe(400);
      expect((await h.call('GET', '/api/v1/reports/annual.xlsx?year=2023')).statusCode).toBe(401);
    });
  });
  // The public progress page and its snapshots: public-snapshots.test.ts.
});
