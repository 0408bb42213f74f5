import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { backends } from '../tests/server/helpers/backends';
import { startHarness } from '../tests/server/helpers/harness';
import type { BenchRow } from './report-table';

/**
 * What the app costs a device's network before it can show anything, from a build (`dist` by
 * default): the JavaScript index.html loads at once (its entry script and module preloads),
 * fetched from the real server as a browser would (Accept-Encoding: br, gzip), beside the
 * same files' raw size and their gzip size against the budget; and the service worker's
 * precache, the bytes every device downloads at its first visit, against the field shell's.
 */

const FIRST_LOAD_GZIP_BUDGET = 125 * 1024;
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

  return [
    {
      measure: `JS index.html loads at once (${scripts.length} files, before any lazy screen), gzip`,
      product: `${kb(gzip)} gzip (${kb(raw)} raw)`,
      limit: `budget ${kb(FIRST_LOAD_GZIP_BUDGET)} gzip`,
      ratio: gzip / FIRST_LOAD_GZIP_BUDGET,
      goal: 1,
    },
    {
      measure: 'the same JS on the wire from the server (Accept-Encoding: br, gzip)',
      product: `${kb(wire)} sent`,
      limit: `gzip -9 of the same files: ${kb(gzip)}`,
      ratio: wire / gzip,
      goal: 1,
    },
    {
      measure: `precache at the first visit (${precache.length} entries), raw`,
      product: kb(precacheRaw),
      limit: `field shell budget ${kb(PRECACHE_RAW_BUDGET)}`,
      ratio: precacheRaw / PRECACHE_RAW_BUDGET,
      goal: 1,
    },
  ];
}
