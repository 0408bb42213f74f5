import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportPublic } from '../../../src/server/features/public/export-cli';
import type { ProgressReportJson } from '../../../src/server/features/reports/serialize';
import { defaultCatalogue, type ApiError, type PublicProgress, type PublishedValue } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';
import { pushReportFixture, verdict, type PushedFixture } from '../helpers/report-fixture';
import { runScript } from '../helpers/spawn';

const PEOPLE_UNITS = new Set(['persons', 'consultations', 'services']);

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
      expect(sheet.getRow(1).values).toEqual([
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
      expect(sheet.getRow(1).getCell(11).value).toBe('Note on shortcomings');
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

  describe('public progress', () => {
    const peopleValues = (p: PublicProgress): PublishedValue[] => {
      const units = new Map(defaultCatalogue.strategicGoals.flatMap((sg) => sg.operationalGoals.flatMap((og) => og.tasks.flatMap((t) => t.measures.flatMap((m) => (m.indicators ?? []).map((i) => [i.id, i.kind === 'count' ? i.unit : ''] as const))))));
      return p.strategicGoals.flatMap((sg) =>
        sg.measures.flatMap((m) =>
          m.indicators.filter((i) => PEOPLE_UNITS.has(units.get(i.id) ?? '')).flatMap((i) => [i.total, ...i.bySex.map((x) => x.value), ...i.byGroup.map((x) => x.value)]),
        ),
      );
    };
    const publicIndicator = (p: PublicProgress, id: string) => p.strategicGoals.flatMap((sg) => sg.measures.flatMap((m) => m.indicators)).find((i) => i.id === id)!;

    it('needs no login, and never shows a count of 1–4 people', async () => {
      const res = await h.call('GET', '/api/v1/public/progress?year=2023');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      const body = res.json() as PublicProgress;
      const values = peopleValues(body);
      expect(values.length).toBeGreaterThan(10);
      expect(values.filter((v) => v.shown && v.value >= 1 && v.value <= 4)).toEqual([]);
      expect(values.some((v) => !v.shown && v.reason === 'small')).toBe(true);
      // 7.3.i1: 8 people, 7 women and 1 man: the man is hidden, and the women too, or 8 − 7 would give him away
      expect(publicIndicator(body, '7.3.i1')).toMatchObject({
        total: { shown: true, value: 8 },
        bySex: [
          { id: 'female', value: { shown: false, reason: 'complementary' } },
          { id: 'male', value: { shown: false, reason: 'small' } },
        ],
      });
      // aggregated only: no teams, records or people
      const text = res.body;
      for (const secret of [fx.teamA, fx.teamB, fx.records[0]!.record.id, fx.workerA.id]) expect(text).not.toContain(secret);
    });

    it('follows new verdicts at once (its cache key is the change sequence)', async () => {
      const before = (await h.call('GET', '/api/v1/public/progress?year=2023')).json() as PublicProgress;
      expect(publicIndicator(before, '1.1.i1').total).toEqual({ shown: true, value: 2 });
      const pending = fx.records.find((r) => r.status === 'pending')!.record;
      await verdict(h, fx.supervisor, pending, 'approved');
      const after = (await h.call('GET', '/api/v1/public/progress?year=2023')).json() as PublicProgress;
      expect(publicIndicator(after, '1.1.i1').total).toEqual({ shown: true, value: 3 });
    });

    it('serves the static page in Ukrainian and English', async () => {
      const uk = await h.call('GET', '/public/progress/2023');
      expect(uk.statusCode).toBe(200);
      expect(uk.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(uk.body).toContain('<html lang="uk">');
      expect(uk.body).toContain('&lt;5');
      const en = await h.call('GET', '/public/progress/2023?lang=en');
      expect(en.body).toContain('<html lang="en">');
      expect(en.body).toContain('Plan progress');
      expect((await h.call('GET', '/public/progress/2030')).statusCode).toBe(404);
      expect((await h.call('GET', '/public/progress/2023?lang=de')).statusCode).toBe(400);
      expect((await h.call('GET', '/api/v1/public/progress?year=1999')).statusCode).toBe(400);
    });

    it('exports the page to files (npm run export:public), in process and as its own process', async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'kyiv1325-public-'));
      try {
        const lines: string[] = [];
        vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
        expect(await exportPublic(['--year', '2023', '--out', out, '--as-of', '2024-03-01'], { ...h.database.env })).toBe(0);
        const uk = readFileSync(path.join(out, 'progress-2023.uk.html'), 'utf8');
        expect(uk).toContain('Стан виконання плану');
        expect(uk).toContain('Станом на 2024-03-01');
        expect(readFileSync(path.join(out, 'progress-2023.en.html'), 'utf8')).toContain('Plan progress');
        expect(lines).toHaveLength(2);
        vi.restoreAllMocks();
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        expect(await exportPublic(['--year', '2030', '--out', out], { ...h.database.env })).toBe(2);
        vi.restoreAllMocks();

        const child = await runScript('src/server/features/public/export-cli.ts', ['--year', '2022', '--out', out], { ...h.database.env });
        expect(child.code, child.stderr).toBe(0);
        expect(child.stdout).toContain('progress-2022.en.html');
        expect(readFileSync(path.join(out, 'progress-2022.uk.html'), 'utf8')).toContain('<html lang="uk">');
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
});
