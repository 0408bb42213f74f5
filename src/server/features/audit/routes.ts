import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../../shared';
import { auditPage, auditQuery } from '../../../shared/accounts/audit';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import { authenticate, requireRole } from '../auth';
import { listAudit } from './list';

export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    `${API_PREFIX}/admin/audit`,
    {
      config: {
        doc: {
          summary: 'The audit log, newest first: logins, devices, sessions, account changes, pushes, hand-off imports, verdicts, locks, exports',
          tag: 'admin',
          auth: true,
          query: auditQuery,
          response: auditPage,
          errors: { 400: 'invalid filter or cursor (error.issues names the field)', 401: 'no valid session', 403: 'not an admin' },
        },
      },
    },
    async (request) => {
      const auth = await authenticate(ctx, request);
      requireRole(auth, 'admin');
      return listAudit(ctx, parseInput(auditQuery, request.query));
    },
  );
}
