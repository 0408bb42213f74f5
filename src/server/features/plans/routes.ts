import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, idRef } from '../../../shared';
import { catalogueSchema } from '../../../shared/plan/catalogue-schema';
import { planList, planListing, planUploadResult, XLSX_TYPE } from '../../../shared/plan/plan-protocol';
import { validatePlan } from '../../../shared/plan/validate-plan';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';
import { parseInput } from '../../http/parse';
import type { RouteDoc } from '../../http/route-doc';
import { authenticate, requireRole } from '../auth';
import { readTemplate } from './template-read';
import { catalogueToTemplate } from './template-write';
import { activatePlan, uploadPlan } from './upload';

const errors = { 401: 'no valid session' };
const idParams = z.object({ id: idRef });
/** absent: the current revision */
const revisionQuery = z.object({ version: idRef.optional() });
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
  // The XLSX template arrives as the file itself; its reader checks it (a non-XLSX body is a problem it names).
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_PLAN_BYTES }, (_request, body, done) => done(null, body));
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
    doc('A plan’s current revision, or the one `version` names, in the documented JSON format (docs/plan-format.md)', {
      query: revisionQuery,
      response: catalogueSchema,
      errors: { ...errors, 404: 'no such plan, or no such revision of it' },
    }),
    async (request, reply) => {
      await authenticate(ctx, request);
      const { id } = parseInput(idParams, request.params);
      const { version } = parseInput(revisionQuery, request.query);
      const plan = version ? await ctx.plans.revision({ id, version }) : await ctx.plans.current(id);
      if (!plan) throw new HttpError(404, 'plan_not_found');
      // A revision never changes, but which one is current does.
      return reply.header('cache-control', version ? 'private, max-age=31536000, immutable' : 'no-cache').send(plan);
    },
  );

  app.post(
    base,
    {
      bodyLimit: MAX_PLAN_BYTES,
      ...doc(`Upload a plan, or a new revision of one (a new version): the documented JSON format (application/json), or the XLSX template (${XLSX_TYPE}); a refused plan changes nothing`, {
        response: planUploadResult,
        status: 201,
        errors: { ...errors, 400: 'the plan has problems (error.problems names each, with its path, or its sheet, row and column)', 403: 'not an admin', 409: 'that version was uploaded with other content' },
      }),
    },
    async (request, reply) => {
      const auth = await admin(request);
      const check = Buffer.isBuffer(request.body) ? await readTemplate(request.body) : validatePlan(request.body);
      const result = await uploadPlan(ctx, check, auth.userId);
      return reply.status(result.stored ? 201 : 200).send(result);
    },
  );

  app.get(
    `${base}/:id/template.xlsx`,
    doc('A plan’s current revision as the XLSX template, to fill in for the next revision or another territory', {
      produces: XLSX_TYPE,
      errors: { ...errors, 403: 'not an admin', 404: 'no such plan' },
    }),
    async (request, reply) => {
      await admin(request);
      const plan = await ctx.plans.current(parseInput(idParams, request.params).id);
      if (!plan) throw new HttpError(404, 'plan_not_found');
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${plan.id}-${plan.version}.xlsx"`)
        .header('cache-control', 'no-store')
        .send(await catalogueToTemplate(plan));
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
