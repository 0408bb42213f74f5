import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAdminCommand } from '../../../src/server/features/accounts/cli-commands';
import { exportPublic } from '../../../src/server/features/public/export-cli';
import { publishDueSnapshots } from '../../../src/server/features/public/schedule';
import {
  buildProgressReport,
  buildPublicSnapshot,
  defaultCatalogue,
  memoryFactQuery,
  type ApiError,
  type PublicProgress,
  type PublishedValue,
} from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { pushReportFixture, REPORT_DAY, verdict, type PushedFixture } from '../helpers/report-fixture';
import { runScript } from '../helpers/spawn';

const PEOPLE_UNITS = new Set(['persons', 'consultations', 'services']);
const MONTHS = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);

const indicatorOf = (p: PublicProgress, id: string) => p.strategicGoals.flatMap((sg) => sg.measures.flatMap((m) => m.indicators)).find((i) => i.id === id)!;

/** Every published count of people: totals and every breakdown. */
function peopleValues(p: PublicProgress): PublishedValue[] {
  const units = new Map(
    defaultCatalogue.strategicGoals.flatMap((sg) =>
      sg.operationalGoals.flatMap((og) => og.tasks.flatMap((t) => t.measures.flatMap((m) => (m.indicators ?? []).map((i) => [i.id, i.kind === 'count' ? i.unit : ''] as const)))),
    ),
  );
  return p.strategicGoals.flatMap((sg) =>
    sg.measures.flatMap((m) =>
      m.indicators
        .filter((i) => PEOPLE_UNITS.has(units.get(i.id) ?? ''))
        .flatMap((i) => [i.total, ...[i.bySex, i.byAgeBand, i.byGroup, i.byDistrict].flat().map((x) => x.value)]),
    ),
  );
}

describe.each(backends)('public snapshots on $name', (backend) => {
  let h: Harness;
  let fx: PushedFixture;
  let admin: TestUser;
  const locked = new Set<string>();

  beforeAll(async () => {
    h = await startHarness(backend);
    fx = await pushReportFixture(h);
    admin = await h.user('admin', []);
  });
  afterAll(() => h?.close());
  afterEach(() => vi.restoreAllMocks());

  const publish = (body: unknown, token: string | undefined = admin.token) => h.call('POST', '/api/v1/admin/public-snapshots', { token, body });
  const readPublic = async (query = '') => {
    const res = await h.call('GET', `/api/v1/public/progress?year=2023${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PublicProgress;
  };
  /** Locks every month of 2023 it can (not those with records still open) for both teams. */
  async function lockWhatCan() {
    for (const teamId of [fx.teamA, fx.teamB])
      for (const month of MONTHS) {
        const res = await h.call('POST', '/api/v1/review/months/lock', { token: fx.supervisor.token, body: { teamId, month } });
        if (res.statusCode === 200) locked.add(`${teamId}|${month}`);
        else expect(res.statusCode).toBe(409);
      }
  }

  it('answers "not yet published" before the first snapshot: JSON 404 and an HTML page, no figures', async () => {
    const json = await h.call('GET', '/api/v1/public/progress?year=2023');
    expect(json.statusCode).toBe(404);
    expect((json.json() as ApiError).error.code).toBe('not_yet_published');
    const page = await h.call('GET', '/public/progress/2023');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>Стан виконання плану');
    expect(page.body).toContain('Дані за 2023 рік ще не оприлюднено.');
    expect(page.body).not.toContain('<table');
    expect((await h.call('GET', '/public/progress/2023?lang=en')).body).toContain('The figures for 2023 have not been published yet.');
  });

  it('lets only an admin publish: 401 without a session, 403 for a supervisor, 400 naming the year, 409 with nothing locked', async () => {
    expect((await publish({ year: 2023 }, '')).statusCode).toBe(401);
    expect((await publish({ year: 2030 }, '')).statusCode).toBe(401);
    expect((await publish({ year: 2023 }, fx.supervisor.token)).statusCode).toBe(403);
    expect((await publish({ year: 2023 }, fx.workerA.token)).statusCode).toBe(403);
    const bad = await publish({ year: 2030 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ApiError).error.issues?.map((i) => i.field)).toEqual(['year']);
    expect((await publish({})).statusCode).toBe(400);
    const none = await publish({ year: 2023 });
    expect(none.statusCode).toBe(409);
    expect((none.json() as ApiError).error.code).toBe('nothing_locked');
    expect((await h.call('GET', '/api/v1/admin/public-snapshots', { token: fx.supervisor.token })).statusCode).toBe(403);
    // found by the fuzzer: a year beyond the integer column was a 500 on PostgreSQL
    for (const year of ['-9007199254738001', '99999', '0']) {
      const res = await h.call('GET', `/api/v1/admin/public-snapshots?year=${year}`, { token: admin.token });
      expect(res.statusCode, year).toBe(400);
      expect((res.json() as ApiError).error.issues?.map((i) => i.field)).toEqual(['year']);
    }
    expect((await publish({ year: -9007199254738001 })).statusCode).toBe(400);
  });

  it('publishes version 1 from locked months only, exactly as the shared method makes it from those records', async () => {
    await lockWhatCan();
    expect(locked.has(`${fx.teamA}|2023-04`)).toBe(false); // a pending record keeps April open
    const res = await publish({ year: 2023 });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { created: boolean; snapshot: { version: number; publishedBy: string; lockedTeamMonths: number }; progress: PublicProgress };
    expect(body.created).toBe(true);
    expect(body.snapshot).toMatchObject({ version: 1, publishedBy: admin.id, lockedTeamMonths: locked.size });
    // The same snapshot made in memory from the approved records of the locked months.
    const facts = fx.memoryFacts.filter((f) => f.status === 'approved' && locked.has(`${fx.team(f.teamId)}|${f.date.slice(0, 7)}`));
    const report = await buildProgressReport(defaultCatalogue, memoryFactQuery(facts), { year: 2023, period: { kind: 'year' }, includePending: false }, {
      asOf: REPORT_DAY.toISOString().slice(0, 10),
      breakdowns: ['group', 'district'],
    });
    const expected = buildPublicSnapshot(defaultCatalogue, report, [], { version: 1, publishedAt: h.clock.now().toISOString() });
    expect(body.progress).toEqual(expected.progress);
    expect(await readPublic()).toEqual(expected.progress);
    // The publication is in the audit log, with who published it.
    const logged = await h.ctx.db.selectFrom('audit_log').select(['actor_id', 'details']).where('type', '=', 'public_snapshot_published').execute();
    expect(logged.map((e) => [e.actor_id, JSON.parse(e.details) as unknown])).toEqual([[admin.id, { snapshotId: '2023/1', year: 2023, version: 1 }]]);
  });

  it('serves the snapshot to anyone, with its version and date, with no count of 1–4 shown and no ids', async () => {
    const res = await h.call('GET', '/api/v1/public/progress?year=2023');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const body = res.json() as PublicProgress;
    expect(body).toMatchObject({ year: 2023, version: 1 });
    const values = peopleValues(body);
    expect(values.length).toBeGreaterThan(10);
    expect(values.filter((v) => v.shown && v.value >= 1 && v.value <= 4)).toEqual([]);
    expect(values.some((v) => !v.shown)).toBe(true);
    expect(res.body).not.toMatch(/reason|small|complementary|truth/);
    for (const secret of [fx.teamA, fx.teamB, fx.records[0]!.record.id, fx.workerA.id, admin.id]) expect(res.body).not.toContain(secret);
    const uk = await h.call('GET', '/public/progress/2023');
    expect(uk.statusCode).toBe(200);
    expect(uk.headers['content-type']).toBe('text/html; charset=utf-8');
    // Dates in the reader's language (issue 12), written once.
    expect(uk.body).toContain('Версія 1, оприлюднена 1 березня 2024 р. Цілі оцінено станом на 1 березня 2024 р.');
    expect(uk.body).toMatch(/<td>x<\/td>|: x/);
    const en = await h.call('GET', '/public/progress/2023?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Version 1, published 1 March 2024. Targets judged as of 1 March 2024.');
    // A year outside the plan: a page saying which years there are, not JSON.
    const outside = await h.call('GET', '/public/progress/2030');
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(outside.body).toContain('2030 рік не належить до плану');
    expect(outside.body).toContain('href="/public/progress/2023?lang=uk"');
    expect((await h.call('GET', '/public/progress/2023?lang=de')).statusCode).toBe(400);
    expect((await h.call('GET', '/api/v1/public/progress?year=1999')).statusCode).toBe(400);
  });

  it('keeps what the public reads until the next publication: an approval changes nothing, nor does a month not locked', async () => {
    const before = await readPublic();
    const pending = fx.records.find((r) => r.status === 'pending')!.record;
    await verdict(h, fx.supervisor, pending, 'approved');
    expect(await readPublic()).toEqual(before);
    expect((await h.call('GET', '/public/progress/2023')).body).toContain('Версія 1');
    // Approved, but its month is not locked: publishing again finds the same figures and stores nothing.
    const same = await publish({ year: 2023 });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ created: false, snapshot: { version: 1 } });
  });

  it('publishes version 2 once the month is locked; version 1 stays as it was, and stays unchangeable', async () => {
    const v1 = await readPublic();
    const lock = await h.call('POST', '/api/v1/review/months/lock', { token: fx.supervisor.token, body: { teamId: fx.teamA, month: '2023-04' } });
    expect(lock.statusCode, lock.body).toBe(200);
    h.clock.advance(86_400_000);
    const res = await publish({ year: 2023 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: true, snapshot: { version: 2 } });
    const v2 = await readPublic();
    expect(v2.version).toBe(2);
    expect(v2.publishedAt).toBe(h.clock.now().toISOString());
    expect(indicatorOf(v2, '1.1.i2')).not.toEqual(indicatorOf(v1, '1.1.i2'));
    const old = await h.call('GET', '/api/v1/public/progress?year=2023&version=1');
    expect(old.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(old.json()).toEqual(v1);
    expect((await h.call('GET', '/public/progress/2023?version=1')).body).toContain('Версія 1');
    const missing = await h.call('GET', '/api/v1/public/progress?year=2023&version=9');
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as ApiError).error.code).toBe('snapshot_unknown');
    expect((await h.call('GET', '/public/progress/2023?version=9')).statusCode).toBe(404);
    expect((await h.call('GET', '/api/v1/public/progress?year=2023&version=0')).statusCode).toBe(400);
    // The database itself refuses to change or remove a published snapshot.
    await expect(sql`update public_snapshots set body = '{}' where version = 1`.execute(h.database.handle.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from public_snapshots`.execute(h.database.handle.db)).rejects.toThrow(/immutable/);
    expect(await readPublic('&version=1')).toEqual(v1);
    const list = await h.call('GET', '/api/v1/admin/public-snapshots?year=2023', { token: admin.token });
    expect((list.json() as { snapshots: { version: number }[] }).snapshots.map((s) => s.version)).toEqual([1, 2]);
  });

  it('publishes from the command line (npm run admin -- public publish / list)', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runAdminCommand(h.ctx, ['public', 'publish', '--year', '2023'], (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(out.at(-1)).toContain('nothing new published');
    expect(await runAdminCommand(h.ctx, ['public', 'publish', '--year', '2022'], (l) => out.push(l), (l) => err.push(l))).toBe(1);
    expect(err.at(-1)).toContain('nothing to publish');
    expect(await runAdminCommand(h.ctx, ['public', 'list', '--year', '2023', '--json'], (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect((JSON.parse(out.at(-1)!) as { version: number }[]).map((s) => s.version)).toEqual([1, 2]);
    expect(await runAdminCommand(h.ctx, ['public', 'publish'], (l) => out.push(l), (l) => err.push(l))).toBe(2);
  });

  it('publishes on a schedule only what changed (PUBLIC_SNAPSHOT_EVERY_HOURS)', async () => {
    const logged: string[] = [];
    const log = { info: (m: string) => logged.push(m), error: (m: string) => logged.push(`ERROR ${m}`) };
    expect(await publishDueSnapshots(h.ctx, log)).toBe(0);
    const lock = await h.call('POST', '/api/v1/review/months/lock', { token: fx.supervisor.token, body: { teamId: fx.teamA, month: '2022-12' } });
    expect(lock.statusCode, lock.body).toBe(200);
    expect(await publishDueSnapshots(h.ctx, log)).toBe(1);
    expect(logged).toEqual(['public snapshot 2022 v1 published']);
    expect((await h.call('GET', '/api/v1/public/progress?year=2022')).json()).toMatchObject({ year: 2022, version: 1 });
  });

  it('exports a snapshot to files (npm run export:public), the latest or a version, in process and as its own process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-public-'));
    try {
      const lines: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
      vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
      expect(await exportPublic(['--year', '2023', '--out', dir], { ...h.database.env })).toBe(0);
      expect(readFileSync(path.join(dir, 'progress-2023.uk.html'), 'utf8')).toContain('Версія 2');
      expect(readFileSync(path.join(dir, 'progress-2023.en.html'), 'utf8')).toContain('Version 2');
      expect(await exportPublic(['--year', '2023', '--out', dir, '--version', '1'], { ...h.database.env })).toBe(0);
      expect(readFileSync(path.join(dir, 'progress-2023.uk.html'), 'utf8')).toContain('Версія 1');
      expect(await exportPublic(['--year', '2021', '--out', dir], { ...h.database.env })).toBe(1);
      expect(lines.at(-1)).toContain('No snapshot of 2021');
      expect(await exportPublic(['--year', '2030', '--out', dir], { ...h.database.env })).toBe(2);
      vi.restoreAllMocks();
      const child = await runScript('src/server/features/public/export-cli.ts', ['--year', '2023', '--out', dir], { ...h.database.env });
      expect(child.code, child.stderr).toBe(0);
      expect(child.stdout).toContain('progress-2023.en.html (version 2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
