import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text files worth compressing; images (png) are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|map|txt)$/;
/**
 * What sending a compressed copy adds to the response: `Content-Encoding: br` and `Vary:
 * accept-encoding`, about 50 bytes. A copy is written only when it saves more than that, so the
 * small chunks of the first screen (half of the scripts before Today are under 1 KB) go
 * compressed too, and a file that compression barely shrinks goes as it is.
 */
export const HEADER_BYTES = 64;

/** Writes `file + ext` when the compressed copy pays for its headers; whether it did. */
function writeIfSmaller(file: string, ext: string, raw: Buffer, compressed: Buffer): boolean {
  if (compressed.length + HEADER_BYTES >= raw.length) return false;
  writeFileSync(`${file}${ext}`, compressed);
  return true;
}

/**
 * Writes `file.br` and `file.gz` beside every compressible file of a build, once, at the best
 * levels (brotli 11, gzip 9): the server then sends them as they are (`@fastify/static`
 * `preCompressed`), so a device on a slow field network gets a third of the bytes without the
 * server compressing anything per request. Returns the number of files compressed (in either encoding).
 */
export function precompressDirectory(dir: string): number {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      count += precompressDirectory(file);
      continue;
    }
    if (!COMPRESSIBLE.test(name)) continue;
    const bytes = readFileSync(file);
    if (bytes.length <= HEADER_BYTES) continue;
    // Each encoding on its own: @fastify/static tries the next one the client accepts when a copy is missing.
    const br = writeIfSmaller(file, '.br', bytes, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    const gz = writeIfSmaller(file, '.gz', bytes, gzipSync(bytes, { level: 9 }));
    if (br || gz) count++;
  }
  return count;
}

/**
 * The vite plugin: runs after every other plugin's closeBundle, so the service worker
 * vite-plugin-pwa writes there is compressed too.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kyiv1325:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        precompressDirectory(outDir);
      },
    },
  };
}
