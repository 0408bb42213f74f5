import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { backends } from '../tests/server/helpers/backends';
import { startHarness } from '../tests/server/helpers/harness';
import type { BenchRow } from './report-table';

/**
 * What the app costs a device's network, from a build (`dist` by default): the JavaScript
 * index.html loads at once (its entry script and module preloads), fetched from the real server
 * as a browser would (Accept-Encoding: br, gzip), beside the gzip -9 of the same files; and the
 * service worker's precache, the bytes every device downloads at its first visit, against the
 * field shell's budget. The first-load budget, lazy chunks included, is bench/shell.ts's.
 */

const PRECACHE_RAW_BUDGET = 300 * 1024;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

function firstLoadScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set([...entry, ...preloads])];
}

/** The precache manifest vite-plugin-pwa wrote into sw.js: `{url:"…",revision:…}` entries. */
function precacheUrls(sw: string): string[] {
  return [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
}

export async function benchWire(distDir = 'dist'): Promise<BenchRow[]> {
  const dist = path.resolve(distDir);
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const scripts = firstLoadScripts(html);
  const raw = scripts.reduce((sum, s) => sum + readFileSync(path.join(dist, s)).length, 0);
  const gzip = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(path.join(dist, s)), { level: 9 }).length, 0);

  const h = await startHarness(backends[0]!, { staticDir: dist });
  let wire = 0;
  try {
    for (const s of scripts) {
      const res = await h.call('GET', s, { headers: { 'accept-encoding': 'br, gzip' } });
      if (res.statusCode !== 200) throw new Error(`${s}: ${res.statusCode}`);
      wire += res.rawPayload.length;
    }
  } finally {
    await h.close();
  }

  const precache = precacheUrls(readFileSync(path.join(dist, 'sw.js'), 'utf8'));
  const precacheRaw = precache.reduce((sum, u) => sum + readFileSync(path.join(dist, u)).length, 0);

  // The first-load budget itself is measured in the browser, lazy chunks included (bench/shell.ts).
  return [
    {
      measure: `JS index.html loads at once (${scripts.length} files: entry and modulepreloads), on the wire from the server (Accept-Encoding: br, gzip)`,
      product: `${kb(wire)} sent (${kb(raw)} raw)`,
      limit: `gzip -9 of the same files: ${kb(gzip)}`,
      ratio: wire / gzip,
      goal: 1,
    },
    {
      measure: `precache at the first visit: the field shell (${precache.length} entries; other roles' screens are cached at their login), raw`,
      product: kb(precacheRaw),
      limit: `field shell budget ${kb(PRECACHE_RAW_BUDGET)}`,
      ratio: precacheRaw / PRECACHE_RAW_BUDGET,
      goal: 1,
      ...(precacheRaw > PRECACHE_RAW_BUDGET
        ? { note: 'the libraries the field screens run on (react-dom, Dexie, zod, react-hook-form) are more than the budget on their own' }
        : {}),
    },
  ];
}
