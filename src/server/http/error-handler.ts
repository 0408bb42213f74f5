import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, HttpError } from './errors';
import type { ServerMessageKey } from '../../shared/messages/server';
import { isApiPath } from './paths';
import { setMinimalApiHeaders } from './security-headers';

const byStatus: Partial<Record<number, ServerMessageKey>> = {
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'unavailable',
};

/**
 * Errors raised by Fastify and its plugins (body parser, body limit, static files, the router)
 * mapped to our codes, so every body is an ApiError and no refusal reads "internal".
 */
export function codeForStatus(status: number, error?: { code?: string }): ServerMessageKey {
  if (status === 400) return error?.code?.includes('JSON') || error instanceof SyntaxError ? 'invalid_json' : 'bad_request';
  return byStatus[status] ?? (status < 500 ? 'bad_request' : 'internal');
}

function wantsHtml(request: FastifyRequest): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

/**
 * Errors the router raises before any route or hook runs (a URL that is not valid percent-encoding,
 * a path parameter too long): Fastify's `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 400;
  setMinimalApiHeaders(reply);
  void reply.status(status).send(errorBody(codeForStatus(status, error)));
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request (malformed request line or
 * headers, headers too large, a client too slow to send them): answered with an ApiError too,
 * then the connection is closed, as Node does by default.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify(errorBody(codeForStatus(status)));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
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
