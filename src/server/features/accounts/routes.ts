import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, idRef } from '../../../shared';
import {
  createTeamRequest,
  createUserRequest,
  device,
  deviceList,
  passwordReset,
  resetPasswordRequest,
  revokedCount,
  team,
  teamList,
  updateTeamRequest,
  updateUserRequest,
  userChange,
  userList,
  userWithPassword,
} from '../../../shared/accounts/protocol';
import type { ServerContext } from '../../context';
import { parseInput } from '../../http/parse';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate, requireRole, type AuthContext } from '../auth';
import { listDevices, revokeDevice, revokeUserSessions } from './devices';
import { createTeam, listTeams, updateTeam } from './teams';
import { updateUser } from './user-changes';
import { createUser, listUsers, resetPassword } from './users';

const errors = { 400: 'invalid input (error.issues names the fields)', 401: 'no valid session', 403: 'not an admin' };
const idParams = z.object({ id: idRef });

function doc(summary: string, extra: Partial<RouteDoc> = {}): { config: { doc: RouteDoc } } {
  return { config: { doc: { summary, tag: 'admin', auth: true, errors, ...extra } } };
}

/** Teams, users and devices: admins only. The CLI calls the same functions. */
export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const admin = async (request: FastifyRequest): Promise<AuthContext> => {
    const auth = await authenticate(ctx, request);
    requireRole(auth, 'admin');
    return auth;
  };
  const id = (request: FastifyRequest) => parseInput(idParams, request.params).id;
  const base = `${API_PREFIX}/admin`;

  app.get(`${base}/teams`, doc('List teams', { response: teamList }), async (request) => {
    await admin(request);
    return { teams: await listTeams(ctx) };
  });

  app.post(
    `${base}/teams`,
    doc('Create a team', { body: createTeamRequest, response: team, status: 201, errors: { ...errors, 409: 'name taken' } }),
    async (request, reply) => {
      const auth = await admin(request);
      return reply.status(201).send(await createTeam(ctx, parseInput(createTeamRequest, request.body), auth.userId));
    },
  );

  app.patch(
    `${base}/teams/:id`,
    doc('Rename a team, or change its kind or district (a district id of the plan, or null for the whole city)', {
      body: updateTeamRequest,
      response: team,
      errors: { ...errors, 404: 'no such team', 409: 'name taken' },
    }),
    async (request) => {
      const auth = await admin(request);
      return updateTeam(ctx, id(request), parseInput(updateTeamRequest, request.body), auth.userId);
    },
  );

  app.get(`${base}/users`, doc('List users with their role and teams', { response: userList }), async (request) => {
    await admin(request);
    return { users: await listUsers(ctx.db) };
  });

  app.post(
    `${base}/users`,
    doc('Create a user (a password is generated and returned once when none is given)', {
      body: createUserRequest,
      response: userWithPassword,
      status: 201,
      errors: { ...errors, 409: 'email taken' },
    }),
    async (request, reply) => {
      const auth = await admin(request);
      return reply.status(201).send(await createUser(ctx, parseInput(createUserRequest, request.body), auth.userId));
    },
  );

  app.patch(
    `${base}/users/:id`,
    doc("Change a user's role, teams (the new set) or active state; a role change, leaving a team or deactivation ends all their sessions", {
      body: updateUserRequest,
      response: userChange,
      errors: { ...errors, 404: 'no such user', 409: 'it would leave no active admin (reason last_admin)' },
    }),
    async (request) => {
      const auth = await admin(request);
      return updateUser(ctx, id(request), parseInput(updateUserRequest, request.body), auth.userId);
    },
  );

  app.post(
    `${base}/users/:id/password`,
    doc("Reset a user's password (generated and returned once when none is given); all their sessions end", {
      body: resetPasswordRequest,
      response: passwordReset,
      errors: { ...errors, 404: 'no such user' },
    }),
    async (request) => {
      const auth = await admin(request);
      const body = parseInput(resetPasswordRequest, request.body ?? {});
      return resetPassword(ctx, id(request), body.password, auth.userId);
    },
  );

  app.get(`${base}/users/:id/devices`, doc("List a user's devices", { response: deviceList, errors: { ...errors, 404: 'no such user' } }), async (request) => {
    await admin(request);
    return { devices: await listDevices(ctx.db, id(request)) };
  });

  app.post(
    `${base}/users/:id/revoke-sessions`,
    doc("End all of a user's sessions on every device", { response: revokedCount, errors: { ...errors, 404: 'no such user' } }),
    async (request) => {
      const auth = await admin(request);
      return { revoked: await revokeUserSessions(ctx, id(request), auth.userId) };
    },
  );

  app.post(
    `${base}/devices/:id/revoke`,
    doc('Revoke a device: its sessions stop at once (reason device_revoked) and it cannot log in again', {
      response: device,
      errors: { ...errors, 404: 'no such device' },
    }),
    async (request) => {
      const auth = await admin(request);
      return revokeDevice(ctx, id(request), auth.userId);
    },
  );
}
