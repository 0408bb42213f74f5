import type { FastifyInstance } from 'fastify';
import { API_PREFIX, loginRequest, loginResponse, sessionUser as sessionUserAnswer } from '../../../shared';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import { sessionUser } from '../accounts';
import { authenticate, forgetDevice, login, logout } from './sessions';

const unauthorized = { 401: 'no valid session: error.reason says why (token_missing, token_invalid, token_expired, token_revoked, device_revoked)' };

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(
    `${API_PREFIX}/auth/login`,
    {
      config: {
        doc: {
          summary: 'Log in on a device; returns a bearer token bound to that device',
          tag: 'auth',
          auth: false,
          body: loginRequest,
          response: loginResponse,
          errors: {
            400: 'malformed request',
            401: 'wrong email or password (reason bad_credentials)',
            403: 'this device was revoked (reason device_revoked)',
            429: 'too many failed attempts; see Retry-After',
          },
        },
      },
    },
    async (request) => login(ctx, parseInput(loginRequest, request.body), request.ip),
  );

  app.post(
    `${API_PREFIX}/auth/logout`,
    { config: { doc: { summary: 'End this session', tag: 'auth', auth: true, status: 204, errors: unauthorized } } },
    async (request, reply) => {
      await logout(ctx, await authenticate(ctx, request));
      return reply.status(204).send();
    },
  );

  app.post(
    `${API_PREFIX}/auth/forget-device`,
    {
      config: {
        doc: {
          summary:
            'A device erasing itself: ends the session if still live, and answers Clear-Site-Data "storage" so the browser deletes ' +
            "the site's storage files too (IndexedDB keeps deleted rows' bytes until it compacts). Takes any token this server issued, even an expired or revoked one",
          tag: 'auth',
          auth: 'issued',
          status: 204,
          errors: { 401: 'no token, or not one this server issued (reason token_missing or token_invalid)' },
        },
      },
    },
    async (request, reply) => {
      await forgetDevice(ctx, request);
      return reply.header('clear-site-data', '"storage"').status(204).send();
    },
  );

  app.get(
    `${API_PREFIX}/auth/me`,
    { config: { doc: { summary: 'The logged-in user, role and teams', tag: 'auth', auth: true, response: sessionUserAnswer, errors: unauthorized } } },
    async (request) => sessionUser(ctx.db, (await authenticate(ctx, request)).userId),
  );
}
