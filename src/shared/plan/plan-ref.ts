import { z } from 'zod';
import { idRef } from '../records/fields';

/**
 * The plan a record was made under: its id and the revision's version. Records made before plans
 * could be uploaded name none: they belong to the plan the app was built with (plan-id.ts, kept
 * apart so that code on the first screen's path can use it without zod).
 */
export { BUILT_IN_PLAN_ID, planIdOf, planRefOf } from './plan-id';

export const planRef = z.strictObject({ id: idRef, version: idRef }, { error: 'unknown_field' });
export type PlanRef = z.infer<typeof planRef>;
