import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PAGE_CSS, type ApiError } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';

function fakeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Київ 1325</title><script type="module" src="/assets/index-B4x9Kd2a.js"></script>');
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(path.join(dir, 'assets', 'index-B4x9Kd2a.js'), 'console.log("app")');
  return dir;
}

/** "a 'b' c; d e" → { a: ["'b'", "c"], d: ["e"] } */
function directives(csp: string | undefined): Record<string, string[]> {
  expect(csp, 'Content-Security-Policy').toBeTruthy();
  return Object.fromEntries(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectCommonHeaders(res: LightMyRequestResponse, where: string): void {
  const h = res.headers;
  expect(h['x-frame-options'], where).toBe('DENY');
  expect(h['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(h['cross-origin-resource-policy'], where).toBe('same-origin');
  expect(h['referrer-policy'], where).toBe('no-referrer');
  expect(h['x-content-type-options'], where).toBe('nosniff');
  const permissions = String(h['permissions-policy']);
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture']) expect(permissions, where).toContain(`${feature}=()`);
  expect(h['x-powered-by'], where).toBeUndefined();
}

/** The app's policy: no inline script, no eval, nothing from elsewhere, never framed. */
function expectAppPolicy(res: LightMyRequestResponse, where: string): Record<string, string[]> {
  const d = directives(res.headers['content-security-policy'] as string);
  expect(d['default-src'], where).toEqual(["'self'"]);
  expect(d['script-src'], where).toEqual(["'self'"]);
  expect(d['connect-src'], where).toEqual(["'self'"]);
  expect(d['object-src'], where).toEqual(["'none'"]);
  expect(d['base-uri'], where).toEqual(["'none'"]);
  expect(d['frame-ancestors'], where).toEqual(["'none'"]);
  for (const values of Object.values(d)) {
    expect(values, where).not.toContain("'unsafe-inline'");
    expect(values, where).not.toContain("'unsafe-eval'");
    expect(values.some((v) => v === '*' || v.startsWith('http') || v === 'data:' || v === 'blob:'), where).toBe(false);
  }
  return d;
}

describe.each(backends)('security headers on $name', (backend) => {
  let h: Harness;
  let tls: Harness;
  let dist: string;

  beforeAll(async () => {
    dist = fakeDist();
    h = await startHarness(backend, { staticDir: dist });
    tls = await startHarness(backend, { staticDir: dist, hstsMaxAge: 31_536_000 });
  });
  afterAll(async () => {
    await h?.close();
    await tls?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('on the app shell, a deep link into it and the service worker', async () => {
    for (const url of ['/', '/records/123', '/sw.js', '/assets/index-B4x9Kd2a.js']) {
      const res = await h.call('GET', url, { headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expectCommonHeaders(res, url);
      expectAppPolicy(res, url);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('on API answers, successful or not: a policy that lets nothing load', async () => {
    for (const [url, status] of [
      ['/api/v1/openapi.json', 200],
      ['/api/v1/auth/me', 401],
      ['/api/v1/nothing', 404],
      ['/healthz', 200],
      ['/%zz', 400],
    ] as const) {
      const res = await h.call('GET', url);
      expect(res.statusCode, url).toBe(status);
      const d = directives(res.headers['content-security-policy'] as string);
      if (url === '/%zz') {
        // Refused by the router before any hook: the body is still an ApiError that nothing can run.
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      } else expectCommonHeaders(res, url);
      expect(d['default-src'], url).toEqual(["'none'"]);
      expect(d['frame-ancestors'], url).toEqual(["'none'"]);
    }
  });

  it('on the public page: its one inline style is allowed by the hash of PUBLIC_PAGE_CSS, nothing else inline', async () => {
    // Nothing is published in this suite: the "not yet published" page, made by the same renderer.
    const res = await h.call('GET', '/public/progress/2023');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expectCommonHeaders(res, 'public page');
    const d = expectAppPolicy(res, 'public page');
    const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toEqual([PUBLIC_PAGE_CSS]);
    const hash = `'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`;
    expect(d['style-src']).toEqual(["'self'", hash]);
    expect(res.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('sends HSTS (and upgrades insecure requests) only when configured, for deployments behind TLS', async () => {
    const res = await tls.call('GET', '/');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(res.headers['content-security-policy'] as string)['upgrade-insecure-requests']).toEqual([]);
    expect((await tls.call('GET', '/api/v1/openapi.json')).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives((await h.call('GET', '/')).headers['content-security-policy'] as string)['upgrade-insecure-requests']).toBeUndefined();
  });

  it('answers the static files’ own refusals with ApiErrors of the right code', async () => {
    const nul = await h.call('GET', '/a%00b.js');
    expect([nul.statusCode, (nul.json() as ApiError).error.code]).toEqual([403, 'forbidden']);
    const range = await h.call('GET', '/sw.js', { headers: { range: 'bytes=99999-100000' } });
    expect([range.statusCode, (range.json() as ApiError).error.code]).toEqual([416, 'range_not_satisfiable']);
    expectCommonHeaders(range, 'range');
  });

  it('refuses bodies that are not JSON (a cross-site form can send text/plain) with 415', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: '{"email":"a@b.ua"}' });
    expect([res.statusCode, (res.json() as ApiError).error.code]).toEqual([415, 'unsupported_media_type']);
  });
});
