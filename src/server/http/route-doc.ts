import type { z } from 'zod';

/**
 * What the OpenAPI document says about a route. Every route under /api and /healthz carries
 * one in its Fastify `config.doc`; the document is built from the routes actually registered,
 * so it cannot forget one.
 */
export interface RouteDoc {
  summary: string;
  tag: 'health' | 'auth' | 'sync' | 'admin' | 'meta' | 'review' | 'reports' | 'public';
  /** needs `Authorization: Bearer <token>` */
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  /** name of a schema in components.schemas describing the 2xx answer */
  response?: string;
  /** status codes the route may answer besides 2xx, with why */
  errors?: Record<number, string>;
  /** 2xx status when not 200 */
  status?: number;
  /** content type of a 2xx answer that is not JSON (a spreadsheet, a page) */
  produces?: string;
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
