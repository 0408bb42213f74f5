import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../../shared';
import type { RegisteredRoute } from '../../http/route-doc';
import { openApiDocument } from './components';
import { buildOpenApiDocument } from './document';

/** Registered last: by then `routes` holds every route the server has. */
export function openApiRoutes(app: FastifyInstance, routes: RegisteredRoute[], version: string): void {
  let cached: Record<string, unknown> | null = null;
  app.get(
    `${API_PREFIX}/openapi.json`,
    { config: { doc: { summary: 'This OpenAPI document', tag: 'meta', auth: false, response: openApiDocument } } },
    async () => (cached ??= buildOpenApiDocument(routes, version)),
  );
}
