import { z } from 'zod';
import { idRef } from '../records/fields';

/**
 * The plan a record was made under: its id and the revision's version. Records made before plans
 * could be uploaded name none: they belong to the plan the app was built with.
 */
export const BUILT_IN_PLAN_ID = 'kyiv-1325-2021-2023';

export const planRef = z.strictObject({ id: idRef, version: idRef }, { error: 'unknown_field' });
export type PlanRef = z.infer<typeof planRef>;

export function planIdOf(record: { plan?: PlanRef | undefined }): string {
  return record.plan?.id ?? BUILT_IN_PLAN_ID;
}

export function planRefOf(catalogue: { id: string; version: string }): PlanRef {
  return { id: catalogue.id, version: catalogue.version };
}
