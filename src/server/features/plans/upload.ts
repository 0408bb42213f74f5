import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import type { PlanCheck } from '../../../shared/plan/plan-errors';
import type { PlanUploadResult } from '../../../shared/plan/plan-protocol';
import type { ServerContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { HttpError } from '../../http/errors';
import { audit } from '../audit';

type Ctx = Pick<ServerContext, 'db' | 'clock' | 'plans'>;

/** The same plan written the same way: a re-upload of a revision changes nothing. */
function sameBody(a: Catalogue, b: Catalogue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Stores a checked plan (from JSON or the XLSX template) as a new revision of its id. A refused plan changes nothing: every
 * problem comes back (400 plan_invalid, `error.problems`). A version already stored with other
 * content is a 409: records name their revision by version, so a version never changes meaning.
 */
export async function uploadPlan(ctx: Ctx, check: PlanCheck, actorId: string | null): Promise<PlanUploadResult> {
  if (!check.ok) throw new HttpError(400, 'plan_invalid', { problems: check.problems });
  const plan = check.catalogue;
  const known = await ctx.plans.revision({ id: plan.id, version: plan.version });
  if (known && !sameBody(known, plan)) throw new HttpError(409, 'plan_version_taken');
  if (known) return { plan: await listingOf(ctx, plan.id), stored: false };
  const now = ctx.clock().toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('plans').select((eb) => eb.fn.max<number | string | null>('revision').as('n')).where('id', '=', plan.id).executeTakeFirst();
      const revision = Number(last?.n ?? 0) + 1;
      await trx
        .insertInto('plans')
        .values({ id: plan.id, version: plan.version, revision, body: JSON.stringify(plan), uploaded_at: now, uploaded_by: actorId })
        .execute();
      await audit(ctx, { type: 'plan_uploaded', actorId, planId: plan.id, version: plan.version, revision }, trx);
    });
  } catch (error) {
    // two admins uploading the same version at once: one wins, the other is told
    if (isUniqueViolation(error)) throw new HttpError(409, 'plan_version_taken');
    throw error;
  }
  return { plan: await listingOf(ctx, plan.id), stored: true };
}

async function listingOf(ctx: Ctx, id: string) {
  const found = (await ctx.plans.list()).find((p) => p.id === id);
  if (!found) throw new HttpError(404, 'plan_not_found');
  return found;
}

/** New records are made under this plan from now on (devices learn it on their next sync). */
export async function activatePlan(ctx: Ctx, id: string, actorId: string | null) {
  if (!(await ctx.plans.current(id))) throw new HttpError(404, 'plan_not_found');
  const now = ctx.clock().toISOString();
  const append = () =>
    ctx.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('plan_activations').select((eb) => eb.fn.max<number | string | null>('seq').as('n')).executeTakeFirst();
      await trx.insertInto('plan_activations').values({ seq: Number(last?.n ?? 0) + 1, plan_id: id, activated_at: now, activated_by: actorId }).execute();
      await audit(ctx, { type: 'plan_activated', actorId, planId: id }, trx);
    });
  try {
    await append();
  } catch (error) {
    // another activation took the same place in the list at the same moment: come after it
    if (!isUniqueViolation(error)) throw error;
    await append();
  }
  return listingOf(ctx, id);
}
