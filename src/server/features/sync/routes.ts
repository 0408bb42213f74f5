import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, MAX_BATCH_BYTES, MAX_PULL_RECORDS, plainText, pushRequest } from '../../../shared';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import { authenticate } from '../auth';
import { pull } from './pull';
import { push } from './push';

const pullQuery = z.strictObject({
  since: plainText('one').max(100, { error: 'too_long' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_RECORDS).optional(),
});

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
          response: 'PushResponse',
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
          response: 'PullResponse',
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
