import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ServerContext } from '../../context';
import { errorBody } from '../../http/errors';
import { health } from '../../../shared/api/protocol';

/** Liveness and readiness in one: answers 200 only when the database answers too. */
export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/healthz',
    { config: { doc: { summary: 'Health check (database reachable)', tag: 'health', auth: false, response: health, errors: { 503: 'database unreachable (ApiError, plus status and database)' } } } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok', database: ctx.dbKind, time: ctx.clock().toISOString() };
      } catch {
        const body = { ...errorBody('database_unavailable'), status: 'unavailable', database: ctx.dbKind, time: ctx.clock().toISOString() };
        return reply.status(503).send(body);
      }
    },
  );
}
