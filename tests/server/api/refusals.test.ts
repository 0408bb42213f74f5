import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverMessages } from '../../../src/shared/messages/server';
import { validationMessages, type ApiError, type LoginResponse } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { PASSWORD, startHarness, type Harness, type TestUser } from '../helpers/harness';

interface Operation {
  security?: unknown[];
  parameters: { name: string; in: 'path' | 'query' }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

interface Probe {
  what: string;
  token?: string | undefined;
  path?: Record<string, string>;
  query?: string;
  body?: string;
  contentType?: string;
}

/**
 * Every route's refusals, driven from the OpenAPI document the server serves: without a token,
 * with a token it never issued, with malformed and hostile input, and as every role. Each answer's
 * status must be one the document lists for that operation (or its success), never a 5xx, and
 * each error body an ApiError with a code the server defines.
 */
describe.each(backends)('every refusal is documented, on $name', (backend) => {
  let h: Harness;
  let operations: { method: 'GET' | 'POST'; path: string; op: Operation }[];
  const users: Record<string, TestUser> = {};

  beforeAll(async () => {
    h = await startHarness(backend);
    const team = await h.team();
    for (const role of ['field_worker', 'trainer', 'supervisor', 'admin'] as const) users[role] = await h.user(role, [team]);
    const doc = (await h.call('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase() as 'GET' | 'POST', path, op })),
    );
  });
  afterAll(() => h?.close());

  function send(method: 'GET' | 'POST', path: string, probe: Probe): Promise<LightMyRequestResponse> {
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => probe.path?.[name] ?? (name === 'year' ? '2023' : 'no-such-id')) + (probe.query ?? '');
    return h.app.inject({
      method,
      url,
      headers: {
        ...(probe.token ? { authorization: `Bearer ${probe.token}` } : {}),
        ...(probe.body !== undefined ? { 'content-type': probe.contentType ?? 'application/json' } : {}),
      },
      ...(probe.body !== undefined ? { payload: probe.body } : {}),
    });
  }

  /** Logout ends the session it is called with: give it one of its own. */
  async function tokenFor(role: string, path: string): Promise<string> {
    // Operations that end the session they are called with get a session of their own.
    if (!path.endsWith('/auth/logout') && !path.endsWith('/auth/forget-device')) return users[role]!.token;
    const res = await h.login(users[role]!.email, `logout-probe-${Math.random()}`, { password: PASSWORD });
    return (res.json() as LoginResponse).token;
  }

  async function probesFor(path: string, op: Operation): Promise<Probe[]> {
    const probes: Probe[] = [];
    const needsSession = (op.security?.length ?? 0) > 0;
    const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const pathNames = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const hostile = (token?: string): Probe[] => [
      ...pathNames.flatMap((name) => [
        { what: `NUL in path ${name}`, token, path: { [name]: 'a%00b' } },
        { what: `long path ${name}`, token, path: { [name]: 'x'.repeat(300) } },
        { what: `very long path ${name}`, token, path: { [name]: 'x'.repeat(600) } },
      ]),
      { what: 'unknown query parameter', token, query: '?surprise=1' },
      ...queryNames.flatMap((name) => [
        { what: `NUL in ${name}`, token, query: `?${name}=%00` },
        { what: `C1 control in ${name}`, token, query: `?${name}=a%C2%85` },
        { what: `${name} twice`, token, query: `?${name}=1&${name}=2` },
      ]),
    ];
    const bodies = (token?: string): Probe[] => [
      { what: 'invalid JSON', token, body: '{"a":' },
      { what: 'JSON that is not an object', token, body: '[1,2]' },
      { what: 'empty object', token, body: '{}' },
      { what: 'NUL everywhere', token, body: JSON.stringify({ email: 'a\u0000@b.ua', name: '\u0000', teamId: '\u0000', deviceId: '\u0000', records: ['\u0000'] }) },
      { what: 'text/plain', token, body: 'hello', contentType: 'text/plain' },
      { what: 'form post', token, body: 'a=1', contentType: 'application/x-www-form-urlencoded' },
      { what: 'body too large', token, body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) },
    ];
    if (needsSession) {
      probes.push({ what: 'no token' }, { what: 'a token never issued', token: 'A'.repeat(43) }, { what: 'malformed token', token: 'not a token' });
      // Without a session nothing about the input is looked at: these are 401 too (asserted below).
      probes.push(...hostile().map((p) => ({ ...p, what: `no token, ${p.what}` })));
      if (op.requestBody) probes.push(...bodies().map((p) => ({ ...p, what: `no token, ${p.what}` })));
      for (const role of Object.keys(users)) {
        const token = await tokenFor(role, path);
        probes.push({ what: `as ${role}`, token }, ...hostile(token).map((p) => ({ ...p, what: `as ${role}, ${p.what}` })));
        if (op.requestBody) probes.push(...bodies(await tokenFor(role, path)).map((p) => ({ ...p, what: `as ${role}, ${p.what}` })));
      }
    } else {
      probes.push({ what: 'anonymous' }, ...hostile());
      if (op.requestBody) probes.push(...bodies());
    }
    return probes;
  }

  const knownCodes = new Set(Object.keys(serverMessages));
  const knownIssueCodes = new Set(Object.keys(validationMessages));

  it('answers each probe of each operation with a documented status and an ApiError', async () => {
    expect(operations.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let probed = 0;
    for (const { method, path, op } of operations) {
      const documented = new Set(Object.keys(op.responses).filter((k) => k !== 'default').map(Number));
      for (const probe of await probesFor(path, op)) {
        const res = await send(method, path, probe);
        probed++;
        const where = `${method} ${path} (${probe.what}): ${res.statusCode}`;
        if (!documented.has(res.statusCode)) failures.push(`${where} is not documented (${[...documented].join(', ')}) ${res.body.slice(0, 160)}`);
        if (res.statusCode >= 500) failures.push(`${where} is a server error`);
        // Only the router's own limit on a path parameter comes before the session check.
        if ((op.security?.length ?? 0) > 0 && !probe.token && res.statusCode !== 401 && !probe.what.includes('very long'))
          failures.push(`${where}: no session must be 401 first`);
        if (res.statusCode < 400) continue;
        const htmlAllowed = Boolean((op.responses[String(res.statusCode)] as { content?: Record<string, unknown> } | undefined)?.content?.['text/html']);
        if (htmlAllowed && String(res.headers['content-type']).startsWith('text/html')) {
          if (!/^<!doctype html>/i.test(res.body)) failures.push(`${where}: not an HTML page`);
          continue;
        }
        const body = res.json() as ApiError;
        if (!knownCodes.has(body.error?.code)) failures.push(`${where}: unknown code ${JSON.stringify(body).slice(0, 200)}`);
        if (!body.error?.message?.uk || !body.error.message.en) failures.push(`${where}: message not in both languages`);
        for (const issue of body.error?.issues ?? [])
          if (!knownIssueCodes.has(issue.code)) failures.push(`${where}: unknown issue code ${issue.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(probed).toBeGreaterThan(500);
  }, 120_000);

  it('checks the session before the input: annual.csv, a bad body and an oversized push are 401 without a token', async () => {
    const csv = await h.call('GET', '/api/v1/reports/annual.csv');
    expect(csv.statusCode).toBe(401);
    expect((csv.json() as ApiError).error.reason).toBe('token_missing');
    const bad = await h.app.inject({ method: 'POST', url: '/api/v1/admin/teams', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(bad.statusCode).toBe(401);
    const big = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'B'.repeat(43)}` },
      payload: JSON.stringify({ pad: 'x'.repeat(2_000_000) }),
    });
    expect(big.statusCode).toBe(401);
    expect((big.json() as ApiError).error.reason).toBe('token_invalid');
    // With a session, the same input is judged: 400 and 413.
    expect((await h.call('GET', '/api/v1/reports/annual.csv', { token: users.admin!.token })).statusCode).toBe(400);
    const bigWithSession = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${users.admin!.token}` },
      payload: JSON.stringify({ pad: 'x'.repeat(2_000_000) }),
    });
    expect(bigWithSession.statusCode).toBe(413);
  });

  it('answers Fastify’s and the router’s own refusals with ApiErrors, never 403 "internal"', async () => {
    const cases: [string, number, string][] = [
      ['/%zz', 400, 'bad_request'],
      ['/api/v1/%E0%A4%A', 400, 'bad_request'],
      ['/api/v1/nothing-here', 404, 'not_found'],
    ];
    for (const [url, status, code] of cases) {
      const res = await h.app.inject({ method: 'GET', url });
      expect([url, res.statusCode, (res.json() as ApiError).error.code]).toEqual([url, status, code]);
    }
  });
});
