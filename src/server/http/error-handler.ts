import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, HttpError } from './errors';
import type { ServerMessageKey } from './messages';

/** Fastify's own errors (parser, body limit) mapped to our codes, so every body is an ApiError. */
function codeForStatus(status: number, error: FastifyError): ServerMessageKey {
  switch (status) {
    case 400:
      return error.code?.includes('JSON') || error instanceof SyntaxError ? 'invalid_json' : 'bad_request';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return 'internal';
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz');
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      if (error.extra.headers) void reply.headers(error.extra.headers);
      return reply.status(error.statusCode).send(error.toBody());
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(errorBody(codeForStatus(status, error)));
  });
}

/** Paths that name a file (an asset, a source map): a missing one is a 404, never the app shell. */
function looksLikeFile(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return pathname.startsWith('/assets/') || /\.[A-Za-z0-9]{1,8}$/.test(pathname);
}

export function installNotFoundHandler(
  app: FastifyInstance,
  spaFallback: ((request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) | null,
): void {
  // A deep link into the app (a browser navigating to /records/123) gets the app's shell;
  // anything under /api gets a JSON 404.
  app.setNotFoundHandler(async (request, reply) => {
    if (spaFallback && !isApiPath(request.url) && !looksLikeFile(request.url) && wantsHtml(request)) return spaFallback(request, reply);
    return reply.status(404).send(errorBody('not_found'));
  });
}
