import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Vite puts content-hashed files under /assets: their name changes with their content, so
 * browsers may keep them forever. Everything else (index.html, sw.js, the manifest, icons)
 * must be revalidated, or a device would keep running an old app after a deploy.
 */
export function cacheControlFor(filePath: string): string {
  const normalized = filePath.split(path.sep).join('/');
  return normalized.includes('/assets/') ? IMMUTABLE : REVALIDATE;
}

export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Serves the built PWA; returns the SPA fallback (index.html for deep links), or null when there is no build. */
export async function staticRoutes(app: FastifyInstance, staticDir: string | null): Promise<SpaFallback | null> {
  if (!staticDir) return null;
  const root = path.resolve(staticDir);
  if (!existsSync(path.join(root, 'index.html'))) return null;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Our own Cache-Control below; the plugin's default would overwrite it.
    cacheControl: false,
    // The build writes .br and .gz beside each text file (scripts/precompress.ts): sent as they
    // are, with Content-Encoding and Vary, to clients that accept them.
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlFor(filePath));
    },
  });
  return async (_request, reply) => reply.sendFile('index.html');
}
