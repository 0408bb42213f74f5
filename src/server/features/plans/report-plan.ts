import type { Catalogue } from '../../../shared/plan/catalogue-schema';
import { serverMessages } from '../../../shared/messages/server';
import type { ServerContext } from '../../context';
import { HttpError } from '../../http/errors';

/**
 * The plan a report is about, as its current revision with the measures earlier revisions had
 * and it removed (their records still count, marked withdrawn): the one asked for, else the plan whose years
 * hold the year asked (the active one first: a city asking for 2023 after a new plan began gets
 * the plan that ran in 2023), else the active plan (whose years then refuse the year, naming it).
 */
export async function planForReport(ctx: Pick<ServerContext, 'plans'>, planId: string | undefined, year: number): Promise<Catalogue> {
  if (planId) {
    const plan = await ctx.plans.forReports(planId);
    if (plan) return plan;
    throw new HttpError(400, 'plan_not_found', { issues: [{ field: 'plan', code: 'invalid_value', message: serverMessages.plan_not_found }] });
  }
  const inUse = await ctx.plans.active();
  const active = (await ctx.plans.forReports(inUse.id)) ?? inUse;
  if (active.years.includes(year)) return active;
  const covering = (await ctx.plans.list()).filter((p) => p.years.includes(year)).sort((a, b) => (b.uploadedAt ?? '').localeCompare(a.uploadedAt ?? ''));
  for (const p of covering) {
    const plan = await ctx.plans.forReports(p.id);
    if (plan) return plan;
  }
  return active;
}
