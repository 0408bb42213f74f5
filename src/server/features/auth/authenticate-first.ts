import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../context';
import { authenticate, issuedSession } from './sessions';

/**
 * Routes documented as needing a session check it when the request arrives, before its body is
 * read or its input parsed: without a session the answer is 401, never a 400 or 413 that would
 * tell an outsider how the route reads its input. The handler's own `authenticate` call gets the
 * same answer without asking the database again (sessions.ts keeps it per request).
 */
export function authenticateFirst(app: FastifyInstance, ctx: ServerContext): void {
  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config?.doc?.auth;
    if (auth === true) await authenticate(ctx, request);
    else if (auth === 'issued') await issuedSession(ctx, request);
  });
}
