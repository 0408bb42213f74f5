/**
 * Which plan a record belongs to, without the plan reference's zod schema (plan-ref.ts): report
 * facts, on Today's path through the device aggregates, need only these, and loading zod there
 * would put its whole library (25 KB gzip) and its start-up before the first screen.
 */
export const BUILT_IN_PLAN_ID = 'kyiv-1325-2021-2023';

/** The plan a record was made under; a record that names none belongs to the built-in plan. */
export function planIdOf(record: { plan?: { id: string } | undefined }): string {
  return record.plan?.id ?? BUILT_IN_PLAN_ID;
}

/** The reference a record keeps to a catalogue (a `PlanRef`, plan-ref.ts). */
export function planRefOf(catalogue: { id: string; version: string }): { id: string; version: string } {
  return { id: catalogue.id, version: catalogue.version };
}
