import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { PASSWORD, startHarness, type Harness, type TestUser } from '../helpers/harness';
import { Barrier } from '../helpers/race';

/**
 * Issue 8: the login limits (5 per email+IP, 20 per IP, in 15 minutes) hold under concurrency.
 * The harness's seam counts every password the server actually checks, and holds each check
 * until all parallel attempts have arrived (or a second has passed), so that attempts counted
 * only after their check would all get through: the test can then fail.
 */
describe.each(backends)('login limits under concurrency on $name', (backend) => {
  let h: Harness;
  let team: string;
  let worker: TestUser;
  let checked: number;

  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team();
    worker = await h.user('field_worker', [team]);
  });
  afterAll(() => h?.close());
  afterEach(() => {
    delete h.authHooks.beforePasswordCheck;
  });

  /** Counts checks; holds them until `parties` checks are under way at once (or 1 s passed). */
  function countChecks(parties: number): void {
    checked = 0;
    const barrier = new Barrier(parties, 1000);
    h.authHooks.beforePasswordCheck = async () => {
      checked++;
      await barrier.arrive();
    };
  }

  const attempt = (app: FastifyInstance, email: string, password: string, ip: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password, deviceId: 'tablet-1' }, remoteAddress: ip });

  const tally = (answers: LightMyRequestResponse[]) => {
    const by: Record<number, number> = {};
    for (const a of answers) by[a.statusCode] = (by[a.statusCode] ?? 0) + 1;
    return by;
  };

  it('60 parallel wrong passwords for one email check exactly 5; the other 55 get 429', async () => {
    countChecks(60);
    const answers = await Promise.all(Array.from({ length: 60 }, () => attempt(h.app, worker.email, 'wrong password', '10.50.0.1')));
    expect(checked).toBe(5);
    expect(tally(answers)).toEqual({ 401: 5, 429: 55 });
    const limited = answers.find((a) => a.statusCode === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((limited.json() as ApiError).error.reason).toBe('too_many_attempts');
    const logged = await h.ctx.db.selectFrom('audit_log').select('details').where('ip', '=', '10.50.0.1').where('type', '=', 'login_failed').execute();
    expect(logged.map((e) => (JSON.parse(e.details) as { reason: string }).reason).sort()).toEqual([
      ...Array<string>(5).fill('bad_credentials'),
      ...Array<string>(55).fill('too_many_attempts'),
    ]);
  });

  it('1,000 parallel logins from one IP (any emails) check exactly 20', async () => {
    countChecks(1000);
    const emails = Array.from({ length: 1000 }, (_, i) => (i % 50 === 0 ? worker.email : `guess-${i}@kyiv.ua`));
    const answers = await Promise.all(emails.map((email) => attempt(h.app, email, 'wrong password', '10.51.0.1')));
    expect(checked).toBe(20);
    expect(tally(answers)).toEqual({ 401: 20, 429: 980 });
  }, 60_000);

  it.skipIf(backend.name !== 'postgresql')('two server instances on one database check 5 between them', async () => {
    const second = await h.secondInstance();
    countChecks(60);
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(i % 2 ? second.app : h.app, worker.email, 'wrong password', '10.52.0.1')),
    );
    expect(checked).toBe(5);
    expect(tally(answers)).toEqual({ 401: 5, 429: 55 });
  });

  it('a successful login takes its attempt back: it never counts as a failure', async () => {
    const ip = '10.53.0.1';
    for (let i = 0; i < 12; i++) expect((await attempt(h.app, worker.email, PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(h.app, worker.email, 'wrong password', ip)).statusCode).toBe(401);
    expect((await attempt(h.app, worker.email, PASSWORD, ip)).statusCode).toBe(200);
    expect((await attempt(h.app, worker.email, 'wrong password', ip)).statusCode).toBe(401);
    // now 5 failures: even the right password waits for the window
    expect((await attempt(h.app, worker.email, PASSWORD, ip)).statusCode).toBe(429);
    const rows = await h.ctx.db.selectFrom('login_attempts').select('id').where('ip', '=', ip).execute();
    expect(rows).toHaveLength(5);
  });

  it('logs logins that succeed and fail with email and IP, never the password', async () => {
    const ip = '10.54.0.1';
    const secret = 'Tajemne-Haslo-4417';
    await attempt(h.app, worker.email, secret, ip);
    await attempt(h.app, worker.email, PASSWORD, ip);
    await attempt(h.app, 'nobody@kyiv.ua', secret, ip);
    const entries = await h.ctx.db.selectFrom('audit_log').selectAll().where('ip', '=', ip).orderBy('id').execute();
    expect(entries.map((e) => [e.type, e.email, JSON.parse(e.details).reason])).toEqual([
      ['login_failed', worker.email, 'bad_credentials'],
      ['login_succeeded', worker.email, undefined],
      ['login_failed', 'nobody@kyiv.ua', 'bad_credentials'],
    ]);
    expect(entries[0]!.subject_id).toBe(worker.id);
    expect(entries[1]!.actor_id).toBe(worker.id);
    const everything = JSON.stringify(await h.ctx.db.selectFrom('audit_log').selectAll().execute());
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(PASSWORD);
  });
});
