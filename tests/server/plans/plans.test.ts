import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, reviseRecord, contentOf, pullPath, type FieldRecord, type PullResponse, type PushResponse } from '../../../src/shared';
import type { Catalogue } from '../../../src/shared/plan/catalogue-schema';
import { BUILT_IN_PLAN_ID, planRefOf } from '../../../src/shared/plan/plan-ref';
import { XLSX_TYPE, type PlanList, type PlanUploadResult } from '../../../src/shared/plan/plan-protocol';
import { catalogueToTemplate, readTemplate } from '../../../src/server/features/plans';
import ExcelJS from 'exceljs';
import type { KyselyPlugin } from 'kysely';
import { createTeam } from '../../../src/server/features/accounts/teams';
import { createPlanStore } from '../../../src/server/features/plans/store';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { eventContent } from '../helpers/records';
import { batch } from '../helpers/sync';

const other = JSON.parse(readFileSync('tests/fixtures/other-territory-plan.json', 'utf8')) as Catalogue;

/** The same plan, revised: measure 1.1 reworded, a measure 1.4 added, measure 1.3 removed. */
function revised(): Catalogue {
  const plan = structuredClone(other);
  plan.version = 'test.2';
  const task = plan.strategicGoals[0]!.operationalGoals[0]!.tasks[0]!;
  task.measures[0]!.text = { uk: 'Навчання (нова редакція)', en: 'Trainings (revised wording)' };
  const added = structuredClone(task.measures[0]!);
  added.id = '1.4';
  added.number = 4;
  added.indicators = added.indicators!.map((i, n) => ({ ...i, id: `1.4.i${n + 1}` }));
  task.measures = [task.measures[0]!, task.measures[1]!, added];
  return plan;
}

/** An event of the other plan's measure 1.1 (Kyiv's plan has a 1.1 too). */
function lvivEvent(author: ReturnType<TestUser['author']>, plan: Catalogue): FieldRecord {
  return createRecord(
    eventContent({
      measureId: '1.1',
      startDate: '2023-05-10',
      endDate: '2023-05-10',
      venue: { mode: 'in_person', place: 'Ратуша', district: 'lvivskyi' },
      attendance: { cells: [{ sex: 'female', group: 'idp', count: 7 } as never, { sex: 'male', group: 'not_stated', count: 2 } as never], total: 9 },
    }),
    { ...author, plan: planRefOf(plan) },
    new Date('2023-06-01T09:00:00Z'),
  );
}

describe.each(backends)('plans as data on $name', (backend) => {
  let h: Harness;
  let admin: TestUser;
  let worker: TestUser;
  let team: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team();
    admin = await h.user('admin', []);
    worker = await h.user('trainer', [team]);
  });
  afterAll(() => h?.close());

  const push = async (records: unknown[]) => (await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, records) })).json() as PushResponse;
  const plans = async () => ((await h.call('GET', '/api/v1/plans', { token: worker.token })).json() as PlanList).plans;
  const progress = async (query: string) => {
    const res = await h.call('GET', `/api/v1/reports/progress?${query}&includePending=true`, { token: admin.token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { plan?: unknown; measures: { measureId: string; eventsHeld?: number; indicators: { indicatorId: string; value: number | null }[] }[] };
  };

  it('starts with the built-in plan alone, active, and a pull says so', async () => {
    expect((await plans()).map((p) => [p.id, p.active, p.revisions])).toEqual([[BUILT_IN_PLAN_ID, true, 0]]);
    const pulled = (await h.call('GET', `/api/v1${pullPath(null)}`, { token: worker.token })).json() as PullResponse;
    expect(pulled.plans).toEqual([{ id: BUILT_IN_PLAN_ID, version: h.ctx.catalogue.version, active: true }]);
  });

  it('takes a plan as the XLSX template: a broken one names sheet, row and column and stores nothing; the admin downloads any plan as the template', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await catalogueToTemplate(other)) as unknown as ArrayBuffer);
    book.getWorksheet('Показники Indicators')!.getCell('F2').value = 'apples';
    const xlsx = { 'content-type': XLSX_TYPE };
    const broken = await h.call('POST', '/api/v1/plans', { token: admin.token, headers: xlsx, body: Buffer.from(await book.xlsx.writeBuffer()) });
    expect(broken.statusCode, broken.body).toBe(400);
    expect((broken.json() as { error: { problems: unknown[] } }).error.problems).toEqual([
      expect.objectContaining({ code: 'not_allowed_value', sheet: 'Показники Indicators', row: 2, column: 'F' }),
    ]);
    const notXlsx = await h.call('POST', '/api/v1/plans', { token: admin.token, headers: xlsx, body: Buffer.from('hello') });
    expect((notXlsx.json() as { error: { problems: { code: string }[] } }).error.problems[0]!.code).toBe('not_xlsx');
    expect((await plans()).length).toBe(1);
    const forbidden = await h.call('GET', `/api/v1/plans/${BUILT_IN_PLAN_ID}/template.xlsx`, { token: worker.token });
    expect(forbidden.statusCode).toBe(403);
    const template = await h.call('GET', `/api/v1/plans/${BUILT_IN_PLAN_ID}/template.xlsx`, { token: admin.token });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toBe(XLSX_TYPE);
    const read = await readTemplate(template.rawPayload);
    expect(read.ok && read.catalogue).toEqual(h.ctx.catalogue);
  });

  it('a refused upload names every problem and changes nothing', async () => {
    const broken = { ...other, title: { uk: '', en: 'A plan' }, strategicGoals: [{ ...other.strategicGoals[0], number: 'x' }] };
    const res = await h.call('POST', '/api/v1/plans', { token: admin.token, body: broken });
    expect(res.statusCode).toBe(400);
    const problems = (res.json() as { error: { code: string; problems: { path?: string; code: string; message: { uk: string; en: string } }[] } }).error;
    expect(problems.code).toBe('plan_invalid');
    expect(problems.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['title.uk', 'strategicGoals[0].number']));
    expect(problems.problems.every((p) => p.message.uk && p.message.en)).toBe(true);
    expect((await plans()).length).toBe(1);
  });

  it('an uploaded plan is listed, readable, and once active is what a pull names', async () => {
    const up = await h.call('POST', '/api/v1/plans', { token: admin.token, body: other });
    expect(up.statusCode).toBe(201);
    expect((up.json() as PlanUploadResult).plan).toMatchObject({ id: other.id, version: 'test.1', revisions: 1, active: false });
    // the same revision again changes nothing
    expect((await h.call('POST', '/api/v1/plans', { token: admin.token, body: other })).statusCode).toBe(200);
    const read = await h.call('GET', `/api/v1/plans/${other.id}`, { token: worker.token });
    expect((read.json() as Catalogue).version).toBe('test.1');
    expect((await h.call('POST', `/api/v1/plans/${other.id}/activate`, { token: worker.token })).statusCode).toBe(403);
    expect((await h.call('POST', `/api/v1/plans/${other.id}/activate`, { token: admin.token })).statusCode).toBe(200);
    const pulled = (await h.call('GET', `/api/v1${pullPath(null)}`, { token: worker.token })).json() as PullResponse;
    expect(pulled.plans).toEqual([
      { id: BUILT_IN_PLAN_ID, version: h.ctx.catalogue.version, active: false },
      { id: other.id, version: 'test.1', active: true },
    ]);
    expect(pulled.catalogueVersion).toBe('test.1');
    const audit = await h.ctx.db.selectFrom('audit_log').select('type').where('type', 'in', ['plan_uploaded', 'plan_activated']).execute();
    expect(audit.map((a) => a.type).sort()).toEqual(['plan_activated', 'plan_uploaded']);
  });

  it('checks each record against the plan it names; one the server does not know is refused, naming `plan`', async () => {
    const ok = lvivEvent(worker.author(team), other);
    const unknown = lvivEvent(worker.author(team), { ...other, version: 'never-uploaded' });
    // Kyiv's plan has no district "lvivskyi": the same event under the built-in plan is refused
    const { plan: _p, ...underBuiltIn } = lvivEvent(worker.author(team), other);
    const kyiv = createRecord(contentOf(underBuiltIn as FieldRecord), worker.author(team), new Date('2023-06-01T09:00:00Z'));
    const answer = await push([ok, unknown, kyiv]);
    expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(answer.results[1]).toMatchObject({ issues: [{ field: 'plan', code: 'plan_unknown' }] });
    expect(JSON.stringify(answer.results[2])).toContain('venue.district');
  });

  it('reports keep plans apart: the other plan’s 1.1 never counts in Kyiv’s 1.1', async () => {
    const lviv = await progress(`plan=${other.id}&year=2023`);
    const m11 = lviv.measures.find((m) => m.measureId === '1.1')!;
    expect(m11.indicators.find((i) => i.indicatorId === '1.1.i2')!.value).toBe(9);
    // 2023 is in both plans; asked by plan id, each gets its own figures
    const kyiv = await progress(`plan=${BUILT_IN_PLAN_ID}&year=2023`);
    expect(kyiv.measures.find((m) => m.measureId === '1.1')!.indicators.every((i) => !i.value)).toBe(true);
    // 2021 is only in Kyiv's plan: asked without a plan, the report is Kyiv's though the other is active
    expect((await h.call('GET', '/api/v1/reports/progress?year=2021', { token: admin.token })).statusCode).toBe(200);
    expect((await h.call('GET', '/api/v1/reports/progress?year=2021&plan=no-such', { token: admin.token })).statusCode).toBe(400);
  });

  it('a revision keeps old records valid and reportable; a reused version with other content is refused', async () => {
    const next = revised();
    expect((await h.call('POST', '/api/v1/plans', { token: admin.token, body: { ...next, version: 'test.1' } })).statusCode).toBe(409);
    expect((await h.call('POST', '/api/v1/plans', { token: admin.token, body: next })).statusCode).toBe(201);
    expect((await plans()).find((p) => p.id === other.id)).toMatchObject({ version: 'test.2', revisions: 2, active: true });
    // a record made under test.1 is revised on a device that has not synced yet: still checked against test.1
    const made = lvivEvent(worker.author(team), other);
    const again = reviseRecord(made, { content: { ...contentOf(made), title: 'Виправлено' } as never }, new Date('2023-06-02T09:00:00Z'));
    expect(again.plan).toEqual({ id: other.id, version: 'test.1' });
    expect((await push([made, again])).results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    // and a record under test.2 may use the measure it added
    const added = createRecord({ ...contentOf(made), measureId: '1.4' }, { ...worker.author(team), plan: planRefOf(next) }, new Date('2023-06-03T09:00:00Z'));
    expect((await push([added])).results.map((r) => r.status)).toEqual(['accepted']);
    const report = await progress(`plan=${other.id}&year=2023`);
    expect(report.measures.find((m) => m.measureId === '1.1')!.indicators.find((i) => i.indicatorId === '1.1.i2')!.value).toBe(18);
    expect(report.measures.find((m) => m.measureId === '1.4')!.indicators.find((i) => i.indicatorId === '1.4.i2')!.value).toBe(9);
  });

  it('a measure the revision removed keeps its records: reports show it, marked withdrawn; devices can fetch the earlier revision', async () => {
    // test.2 (previous test) dropped 1.3, the deliverable; a device still on test.1 reports it done
    const done = createRecord(
      { kind: 'indicatorReport', measureId: '1.3', indicatorId: '1.3.i1', periodStart: '2023-01-01', periodEnd: '2023-03-31', value: { type: 'deliverable', done: true, documentRef: 'Наказ №5' } },
      { ...worker.author(team), plan: planRefOf(other) },
      new Date('2023-04-01T09:00:00Z'),
    );
    expect((await push([done])).results.map((r) => r.status)).toEqual(['accepted']);
    const report = await progress(`plan=${other.id}&year=2023`);
    const withdrawn = report.measures.find((m) => m.measureId === '1.3') as { withdrawnIn?: string; indicators: { indicatorId: string; value: number | null }[] } | undefined;
    expect(withdrawn?.withdrawnIn).toBe('test.2');
    expect(withdrawn?.indicators.map((i) => i.indicatorId)).toEqual(['1.3.i1']);
    expect(report.measures.filter((m) => (m as { withdrawnIn?: string }).withdrawnIn).map((m) => m.measureId)).toEqual(['1.3']);
    // the measures the current revision has are marked nowhere; a year with no records for 1.3 leaves it out
    expect(report.measures.map((m) => m.measureId)).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect((await progress(`plan=${other.id}&year=2024`)).measures.map((m) => m.measureId)).toEqual(['1.1', '1.2', '1.4']);
    const csv = await h.call('GET', `/api/v1/reports/annual.csv?plan=${other.id}&year=2023&includePending=true&lang=uk`, { token: admin.token });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain('Вилучено з плану в редакції test.2; враховано записи, зроблені до того');
    // a pull names the earlier revision, which the device fetches by version (and nothing else by that name)
    const pulled = (await h.call('GET', `/api/v1${pullPath(null)}`, { token: worker.token })).json() as PullResponse;
    expect(pulled.plans?.find((p) => p.id === other.id)).toEqual({ id: other.id, version: 'test.2', active: true, earlier: ['test.1'] });
    const first = await h.call('GET', `/api/v1/plans/${other.id}?version=test.1`, { token: worker.token });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual(other);
    expect((await h.call('GET', `/api/v1/plans/${other.id}?version=test.9`, { token: worker.token })).statusCode).toBe(404);
    expect((await h.call('GET', `/api/v1/plans/${other.id}`, { token: worker.token })).json()).toMatchObject({ version: 'test.2' });
  });

  it('listed() (what a pull sends) agrees with list() after uploads and an activation, in one query', async () => {
    // by now: the other plan uploaded twice (test.1, test.2) and active, the built-in plan never uploaded
    const fromList = (await h.ctx.plans.list()).map((p) => ({ id: p.id, version: p.version, active: p.active })).sort((a, b) => a.id.localeCompare(b.id));
    expect(fromList).toEqual([
      { id: BUILT_IN_PLAN_ID, version: h.ctx.catalogue.version, active: false },
      { id: other.id, version: 'test.2', active: true },
    ]);
    expect(await h.ctx.plans.listed()).toEqual(fromList.map((p) => (p.id === other.id ? { ...p, earlier: ['test.1'] } : p)));
    // the built-in plan active again: both say so
    expect((await h.call('POST', `/api/v1/plans/${BUILT_IN_PLAN_ID}/activate`, { token: admin.token })).statusCode).toBe(200);
    const listedNow = await h.ctx.plans.listed();
    expect(listedNow.map((p) => [p.id, p.active])).toEqual([[BUILT_IN_PLAN_ID, true], [other.id, false]]);
    expect(listedNow.map(({ earlier: _e, ...p }) => p)).toEqual((await h.ctx.plans.list()).map((p) => ({ id: p.id, version: p.version, active: p.active })).sort((a, b) => a.id.localeCompare(b.id)));

    // counted on a store of its own: listed() is one query; list() reads no body it already parsed
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => ((queries += 1), args.node),
      transformResult: async (args) => args.result,
    };
    const store = createPlanStore(h.ctx.db.withPlugin(counting), h.ctx.catalogue);
    expect(await store.listed()).toEqual(listedNow);
    expect(queries).toBe(1);
    queries = 0;
    await store.list(); // first time: the current revision's body is read once
    expect(queries).toBe(3);
    queries = 0;
    expect((await store.list()).map((p) => p.version)).toEqual((await h.ctx.plans.list()).map((p) => p.version));
    expect(queries).toBe(2);
  });

  it('a team district may be of any plan held; the active and the built-in plan are asked before all the others', async () => {
    // the built-in plan is active (previous test); Lviv's plan is only held: its district is found by asking every plan
    const post = (name: string, district: string) => h.call('POST', '/api/v1/admin/teams', { token: admin.token, body: { name, kind: 'district_service', district } });
    expect((await post('Служба Львів', 'lvivskyi')).statusCode).toBe(201);
    expect((await post('Служба Атлантида', 'atlantis')).statusCode).toBe(400);
    // a store that cannot list: a district of the active or the built-in plan still passes, so list() was not asked
    const noList = { ...h.ctx, plans: { ...h.ctx.plans, list: () => Promise.reject(new Error('list() asked')) } };
    await expect(createTeam(noList, { name: 'Служба Дніпро 1', kind: 'district_service', district: 'dniprovskyi' })).resolves.toMatchObject({ district: 'dniprovskyi' });
    await expect(createTeam(noList, { name: 'Служба Львів 1', kind: 'district_service', district: 'lvivskyi' })).rejects.toThrow('list() asked');
    expect((await h.call('POST', `/api/v1/plans/${other.id}/activate`, { token: admin.token })).statusCode).toBe(200);
    await expect(createTeam(noList, { name: 'Служба Львів 2', kind: 'district_service', district: 'lvivskyi' })).resolves.toMatchObject({ district: 'lvivskyi' });
    await expect(createTeam(noList, { name: 'Служба Дніпро 2', kind: 'district_service', district: 'dniprovskyi' })).resolves.toMatchObject({ district: 'dniprovskyi' });
  });
});
