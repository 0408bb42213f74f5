import type { FastifyInstance } from 'fastify';
import { API_PREFIX, MAX_BATCH_BYTES, pullQuery, pullResponse, pushRequest, pushResponse } from '../../../shared';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import { authenticate } from '../auth/sessions';
import { pull } from './pull';
import { push } from './push';

export function syncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(
    `${API_PREFIX}/sync/push`,
    {
      // Checked while reading the body, before parsing: a huge body never reaches memory whole.
      bodyLimit: MAX_BATCH_BYTES,
      config: {
        doc: {
          summary:
            'Send a batch of records; one answer per record (accepted, duplicate, conflict, rejected). A record the user may not ' +
            'write (another team, another author, an admin\'s) is rejected on its own, its issue naming teamId or authorId',
          tag: 'sync',
          auth: true,
          body: pushRequest,
          response: pushResponse,
          errors: {
            400: 'the batch envelope is malformed',
            401: 'no valid session',
            403: 'the batch names another device than the one the token was issued to (reason device_mismatch)',
            413: `more than the allowed records or ${MAX_BATCH_BYTES} bytes`,
            426: 'protocol version not supported: update the app',
          },
        },
      },
    },
    async (request) => push(ctx, await authenticate(ctx, request), request.body),
  );

  app.get(
    `${API_PREFIX}/sync/pull`,
    {
      config: {
        doc: {
          summary: 'Records and review verdicts changed after a cursor',
          tag: 'sync',
          auth: true,
          query: pullQuery,
          response: pullResponse,
          errors: { 400: 'not a valid cursor or limit', 401: 'no valid session' },
        },
      },
    },
    async (request) => {
      const auth = await authenticate(ctx, request);
      return pull(ctx, auth, parseInput(pullQuery, request.query));
    },
  );
}
