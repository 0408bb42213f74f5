import { z } from 'zod';
import { idRef, type Breakdown, type Catalogue, type ReportFilter, type ReportPeriod } from '../../../shared';
import { HttpError } from '../../http/errors';
import { serverMessages } from '../../../shared/messages/server';

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'invalid_value' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

// Four digits: any year a query reaches the database with fits its integer columns.
const year = z.coerce
  .number({ error: 'required' })
  .int({ error: 'invalid_value' })
  .min(1000, { error: 'invalid_value' })
  .max(9999, { error: 'invalid_value' });
const period = z
  .string()
  .regex(/^(year|q[1-4]|m(0[1-9]|1[0-2]))$/, { error: 'invalid_value' })
  .default('year');
const breakdownIds = ['group', 'district', 'teamId', 'month', 'sphere'] as const satisfies readonly Breakdown[];
const breakdowns = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(breakdownIds, { error: 'invalid_value' })).max(breakdownIds.length));
const id = idRef.optional();

export const progressQuery = z.strictObject({
  /** the plan (its id); absent: the plan whose years hold `year`, the active one first */
  plan: id,
  year,
  period,
  district: id,
  team: id,
  executor: id,
  goal: id,
  includePending: flag,
  breakdowns,
});

export const annualQuery = z.strictObject({
  plan: id,
  year,
  lang: z.enum(['uk', 'en'], { error: 'invalid_value' }).default('uk'),
  includePending: flag,
});

// a snapshot version; capped well inside the databases' integer column
const version = z.coerce.number({ error: 'invalid_value' }).int({ error: 'invalid_value' }).min(1, { error: 'invalid_value' }).max(1_000_000, { error: 'invalid_value' }).optional();
export const publicQuery = z.strictObject({ year, version });
export const publicPageQuery = z.strictObject({ lang: z.enum(['uk', 'en'], { error: 'invalid_value' }).default('uk'), version });
export const publishRequest = z.strictObject({ year });
export const snapshotListQuery = z.strictObject({ year: year.optional() });
export const publicPageParams = z.strictObject({ year: z.string().regex(/^\d{4}$/, { error: 'invalid_value' }) });

/** "year", "q1".."q4", "m01".."m12" */
export function parsePeriod(text: string): ReportPeriod {
  if (text === 'year') return { kind: 'year' };
  if (text.startsWith('q')) return { kind: 'quarter', quarter: Number(text.slice(1)) as 1 | 2 | 3 | 4 };
  return { kind: 'month', month: Number(text.slice(1)) };
}

/** Reports cover the plan's years only: another year is a 400 naming the field (or 404 for a page). */
export function assertPlanYear(catalogue: Catalogue, y: number, status: 400 | 404 = 400): void {
  if (catalogue.years.includes(y)) return;
  if (status === 404) throw new HttpError(404, 'year_not_in_plan');
  throw new HttpError(400, 'year_not_in_plan', {
    issues: [{ field: 'year', code: 'invalid_value', message: serverMessages.year_not_in_plan }],
  });
}

export function progressFilter(q: z.output<typeof progressQuery>): ReportFilter {
  return {
    year: q.year,
    period: parsePeriod(q.period),
    district: q.district,
    teamId: q.team,
    executorId: q.executor,
    strategicGoal: q.goal,
    includePending: q.includePending,
  };
}
