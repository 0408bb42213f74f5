import type { z } from 'zod';

/**
 * What the OpenAPI document says about a route. Every route under /api and /healthz carries
 * one in its Fastify `config.doc`; the document is built from the routes actually registered,
 * so it cannot forget one.
 */
export interface RouteDoc {
  summary: string;
  tag: 'health' | 'auth' | 'sync' | 'admin' | 'meta' | 'review' | 'reports' | 'public';
  /**
   * needs `Authorization: Bearer <token>`: a live session (true), or any token this server issued,
   * even one expired or revoked ('issued': the route checks it itself)
   */
  auth: boolean | 'issued';
  body?: z.ZodType;
  query?: z.ZodType;
  /** the zod schema (from src/shared) of the 2xx JSON answer; listed by name in openapi/components.ts */
  response?: z.ZodType;
  /** status codes the route may answer besides 2xx, with why */
  errors?: Record<number, string>;
  /** 2xx status when not 200 */
  status?: number;
  /** content type of a 2xx answer that is not JSON (a spreadsheet, a page) */
  produces?: string;
  /** refusals that may also come as an HTML page (a page route's "not yet published"), besides an ApiError */
  htmlErrors?: number[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    doc?: RouteDoc;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  doc: RouteDoc | undefined;
}

/** Longer path parameters are refused by the router itself, before any hook: 414. */
export const MAX_PATH_PARAM_LENGTH = 500;

/**
 * Refusals any route of its kind can give before its own code runs, so the document lists them
 * whether or not the route's doc repeats them: no session (checked first, see
 * authenticate-first.ts), a body that is not JSON or too large, a bad path or query parameter.
 */
export function commonErrors(route: Pick<RegisteredRoute, 'method' | 'url'>, doc: RouteDoc): Record<number, string> {
  const errors: Record<number, string> = {};
  if (doc.auth)
    errors[401] = 'no valid session, checked before anything else: error.reason says why (token_missing, token_invalid, token_expired, token_revoked, device_revoked)';
  if (route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT') {
    errors[400] = 'the body is not valid JSON, or a field is wrong (error.issues names it)';
    errors[413] = 'the body is larger than allowed';
    errors[415] = 'the body is not application/json';
  } else if (doc.query || route.url.includes(':')) {
    errors[400] = 'a query or path parameter is wrong (error.issues names it)';
  }
  if (route.url.includes(':')) errors[414] = `a path parameter longer than ${MAX_PATH_PARAM_LENGTH} characters (refused before the session check)`;
  return errors;
}
