import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app';
import type { Database } from '../../../src/server/db/schema';
import type { ApiError } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness } from '../helpers/harness';
import { precompressDirectory } from '../../../scripts/precompress';

/** Big enough to be compressed by the build (over 1 KB), and compressible. */
const APP_SCRIPT = `console.log(${JSON.stringify('Київ 1325 '.repeat(400))});`;
/** A small chunk of the kind the first screen loads many of: under 1 KB, still worth compressing. */
const SMALL_CHUNK = `import{a as e}from"./index-B4x9Kd2a.js";export function f(t){return e(t,"status.waiting","status.allSynced","status.lastSync")}`.repeat(4);
const SHELL = `<!doctype html><title>Київ 1325</title><div id="root"></div><!-- ${'shell '.repeat(300)} -->`;

/** A stand-in for vite's dist: the server only needs these shapes of files. */
function fakeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kyiv1325-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), SHELL);
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Київ 1325"}');
  writeFileSync(path.join(dir, 'assets', 'index-B4x9Kd2a.js'), APP_SCRIPT);
  writeFileSync(path.join(dir, 'assets', 'summary-Cq1x9.js'), SMALL_CHUNK);
  // what the build's last step does (vite.config.ts: precompress())
  precompressDirectory(dir);
  return dir;
}

/** Flattens Fastify's printRoutes tree ("├── /a (GET)" / "│   └── /:id (POST)") into method + full path. */
function routerRoutes(tree: string): { method: string; url: string }[] {
  const stack: string[] = [];
  return tree.split('\n').flatMap((line) => {
    // a segment under its parent starts with '/' or, where two routes share a prefix (`/completeness`, `.csv`), anything else
    const m = /^([│├└─\s]*)([^\s│├└─]\S*) \(([A-Z, ]+)\)/.exec(line);
    if (!m) return [];
    const depth = Math.max(0, Math.floor(m[1]!.length / 4) - 1);
    stack.length = depth;
    const url = stack.join('') + m[2]!;
    stack.push(m[2]!);
    return m[3]!.split(', ').map((method) => ({ method, url }));
  });
}

describe.each(backends)('health, OpenAPI and the app shell on $name', (backend) => {
  let h: Harness;
  let dist: string;

  beforeAll(async () => {
    dist = fakeDist();
    h = await startHarness(backend, { staticDir: dist });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('GET /healthz answers ok with the database kind', async () => {
    const res = await h.call('GET', '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: backend.name, time: h.clock.now().toISOString() });
  });

  it('the OpenAPI document lists every API route the server has', async () => {
    const res = await h.call('GET', '/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { summary: string; responses: object }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    // every route Fastify knows under /api and /healthz (and the public page), read from the router itself
    const registered = routerRoutes(h.app.printRoutes({ commonPrefix: false })).filter(
      (r) => r.method !== 'HEAD' && (r.url.startsWith('/api') || r.url.startsWith('/healthz') || r.url.startsWith('/public/')),
    ).map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThanOrEqual(15);
    expect(documented.sort()).toEqual([...new Set(registered)].sort());
    for (const expected of ['POST /api/v1/sync/push', 'GET /api/v1/sync/pull', 'POST /api/v1/auth/login', 'GET /healthz', 'POST /api/v1/admin/devices/{id}/revoke'])
      expect(documented).toContain(expected);
    const push = doc.paths['/api/v1/sync/push']!.post as unknown as { requestBody: { content: { 'application/json': { schema: { properties: object } } } }; security: unknown };
    expect(Object.keys(push.requestBody.content['application/json'].schema.properties)).toEqual(['protocolVersion', 'batchId', 'deviceId', 'records']);
    expect(push.security).toEqual([{ bearer: [] }]);
  });

  it('serves the app: index.html and sw.js revalidated, hashed assets immutable', async () => {
    const index = await h.call('GET', '/');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('Київ 1325');
    expect(index.headers['cache-control']).toBe('no-cache');
    const sw = await h.call('GET', '/sw.js');
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-type']).toContain('javascript');
    const asset = await h.call('GET', '/assets/index-B4x9Kd2a.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the build\'s brotli or gzip copy to clients that accept it, the file itself to others', async () => {
    expect(existsSync(path.join(dist, 'assets', 'index-B4x9Kd2a.js.br'))).toBe(true);
    expect(existsSync(path.join(dist, 'sw.js.br')), 'a file compression barely shrinks is left alone').toBe(false);
    const url = '/assets/index-B4x9Kd2a.js';
    const br = await h.call('GET', url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(APP_SCRIPT.length / 5);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(APP_SCRIPT);

    const gz = await h.call('GET', url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(APP_SCRIPT);

    const plain = await h.call('GET', url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(APP_SCRIPT);

    // a small chunk too: compressed it saves more than the headers that say so
    expect(SMALL_CHUNK.length).toBeLessThan(1024);
    const small = await h.call('GET', '/assets/summary-Cq1x9.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBe('br');
    expect(small.rawPayload.length).toBeLessThan(SMALL_CHUNK.length / 2);
    expect(brotliDecompressSync(small.rawPayload).toString('utf8')).toBe(SMALL_CHUNK);
    const tiny = await h.call('GET', '/sw.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();

    // the app shell of a deep link, too
    const deep = await h.call('GET', '/today', { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-encoding']).toBe('br');
    expect(deep.headers['content-type']).toContain('text/html');
    expect(brotliDecompressSync(deep.rawPayload).toString('utf8')).toBe(SHELL);
  });

  it('answers a deep link with the app shell, but unknown API paths and assets with a JSON 404', async () => {
    const deep = await h.call('GET', '/records/0190a1b2-0000-7000-8000-000000000000', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<div id="root">');
    expect(deep.headers['cache-control']).toBe('no-cache');

    for (const url of ['/api/v1/nothing-here', '/assets/missing-123.js']) {
      const res = await h.call('GET', url, { headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(404);
      expect((res.json() as ApiError).error).toEqual({ code: 'not_found', message: { uk: 'Не знайдено', en: 'Not found' } });
    }
  });

  it('gives every error the ApiError shape, malformed JSON included', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ApiError).error).toMatchObject({ code: 'invalid_json', message: { uk: expect.any(String), en: expect.any(String) } });
  });
});

describe('health when the database is gone', () => {
  it('GET /healthz answers 503 with an ApiError body', async () => {
    // A PostgreSQL server that does not answer (nothing listens on that port).
    const pool = new pg.Pool({ connectionString: 'postgres://nobody:nothing@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildApp({ db, dbKind: 'postgresql' });
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', error: { code: 'database_unavailable', message: { uk: 'База даних недоступна' } } });
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
