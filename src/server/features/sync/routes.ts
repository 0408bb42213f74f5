import type { FastifyInstance } from 'fastify';
import { API_PREFIX, deviceStatusReport, MAX_BATCH_BYTES, pullQuery, pullResponse, pushRequest, pushResponse } from '../../../shared';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import { authenticate } from '../auth';
import { PUSH_PATH, type PushGate } from './admission';
import { saveDeviceStatus } from './device-status';
import { pull } from './pull';
import { push } from './push';
import { checkProtocolVersion } from './version';

/** `gate`: the push route's admission control, its onRequest registered first of all (see admission.ts). */
export function syncRoutes(app: FastifyInstance, ctx: ServerContext, gate: PushGate): void {
  app.post(
    PUSH_PATH,
    {
      // Checked while reading the body, before parsing: a huge body never reaches memory whole.
      bodyLimit: MAX_BATCH_BYTES,
      // Admitted (or refused 503) before anything else, see admission.ts; the slot comes back however the request ends.
      onResponse: gate.onDone,
      onRequestAbort: gate.onDone,
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
            422: 'the app speaks a newer protocol version than this server (reason server_too_old): it keeps its records and waits for the server',
            426: 'the app speaks an older protocol version than this server serves (reason client_too_old): update the app',
            503: 'the server is working on as many pushes as it takes at once (reason server_busy); send the same batch again after Retry-After seconds',
          },
        },
      },
    },
    async (request) => gate.run(request, async () => push(ctx, await authenticate(ctx, request), request.body)),
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
          errors: {
            400: 'not a valid cursor or limit',
            401: 'no valid session',
            422: 'the app speaks a newer protocol version than this server (reason server_too_old)',
            426: 'no protocol version, or an older one than this server serves (reason client_too_old): update the app',
          },
        },
      },
    },
    async (request) => {
      const auth = await authenticate(ctx, request);
      checkProtocolVersion((request.query as Record<string, unknown> | null)?.protocolVersion, 'too_old');
      return pull(ctx, auth, parseInput(pullQuery, request.query));
    },
  );

  app.post(
    `${API_PREFIX}/sync/status`,
    {
      config: {
        doc: {
          summary: "The device's app version and its unsynced records (count, oldest change), sent after each sync; shown to admins",
          tag: 'sync',
          auth: true,
          body: deviceStatusReport,
          status: 204,
          errors: { 400: 'a field is wrong (error.issues names it)', 401: 'no valid session' },
        },
      },
    },
    async (request, reply) => {
      const auth = await authenticate(ctx, request);
      await saveDeviceStatus(ctx, auth, parseInput(deviceStatusReport, request.body));
      return reply.status(204).send();
    },
  );
}
