import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, idRef } from '../../../shared';
import { catalogueSchema } from '../../../shared/plan/catalogue-schema';
import { planList, planListing, planUploadResult } from '../../../shared/plan/plan-protocol';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { parseInput } from '../../http/parse';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate, requireRole } from '../auth';
import { activatePlan, uploadPlan } from './upload';

const errors = { 401: 'no valid session' };
const idParams = z.object({ id: idRef });
/** A plan in the documented JSON format is about 130 KB; room for a larger territory's. */
const MAX_PLAN_BYTES = 4 * 1024 * 1024;

function doc(summary: string, extra: Partial<RouteDoc> = {}): { config: { doc: RouteDoc } } {
  return { config: { doc: { summary, tag: 'admin', auth: true, errors, ...extra } } };
}

/**
 * Plans as data (issue 13): anyone signed in reads the plans (a device fetches the one a pull
 * names); admins upload a plan or a revision of one, and choose the plan new records are made under.
 */
export function planRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const base = `${API_PREFIX}/plans`;
  const admin = async (request: FastifyRequest) => {
    const auth = await authenticate(ctx, request);
    requireRole(auth, 'admin');
    return auth;
  };

  app.get(base, doc('List the plans: each one’s current revision, and which one is active', { response: planList }), async (request) => {
    await authenticate(ctx, request);
    return { plans: await ctx.plans.list() };
  });

  app.get(
    `${base}/:id`,
    doc('A plan’s current revision, in the documented JSON format (docs/plan-format.md)', {
      response: catalogueSchema,
      errors: { ...errors, 404: 'no such plan' },
    }),
    async (request, reply) => {
      await authenticate(ctx, request);
      const plan = await ctx.plans.current(parseInput(idParams, request.params).id);
      if (!plan) throw new HttpError(404, 'plan_not_found');
      // A revision never changes, but which one is current does.
      return reply.header('cache-control', 'no-cache').send(plan);
    },
  );

  app.post(
    base,
    {
      bodyLimit: MAX_PLAN_BYTES,
      ...doc('Upload a plan, or a new revision of one (a new version), in the documented JSON format; a refused plan changes nothing', {
        response: planUploadResult,
        status: 201,
        errors: { ...errors, 400: 'the plan has problems (error.problems names each, with its path)', 403: 'not an admin', 409: 'that version was uploaded with other content' },
      }),
    },
    async (request, reply) => {
      const auth = await admin(request);
      const result = await uploadPlan(ctx, request.body, auth.userId);
      return reply.status(result.stored ? 201 : 200).send(result);
    },
  );

  app.post(
    `${base}/:id/activate`,
    doc('Make a plan the one new records are made under; devices follow on their next sync', {
      response: planListing,
      errors: { ...errors, 403: 'not an admin', 404: 'no such plan' },
    }),
    async (request) => {
      const auth = await admin(request);
      return activatePlan(ctx, parseInput(idParams, request.params).id, auth.userId);
    },
  );
}
