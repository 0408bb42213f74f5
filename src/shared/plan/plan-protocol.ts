import { z } from 'zod';
import { localizedText } from './catalogue-schema';
import { idRef, isoDateTime } from '../records/fields';

/**
 * Plans as data (issue 13): what the API says about the plans a server holds. Every revision an
 * admin uploaded is kept; a plan's current revision is its latest; one plan is active (new records
 * are made under it), the others stay reportable.
 */

export const planProblem = z.object({
  code: z.string(),
  message: localizedText,
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  path: z.string().optional(),
});

export const planListing = z.object({
  id: idRef,
  /** the current revision's version */
  version: idRef,
  /** how many revisions of the plan the server holds (0: the built-in plan, never uploaded) */
  revisions: z.number().int().min(0),
  title: localizedText,
  years: z.array(z.number().int()),
  /** when the current revision was uploaded; null: built into the server */
  uploadedAt: isoDateTime.nullable(),
  active: z.boolean(),
});
export type PlanListing = z.infer<typeof planListing>;

export const planList = z.object({ plans: z.array(planListing) });
export type PlanList = z.infer<typeof planList>;

export const planUploadResult = z.object({
  plan: planListing,
  /** false: this very revision was already uploaded (nothing changed) */
  stored: z.boolean(),
});
export type PlanUploadResult = z.infer<typeof planUploadResult>;

/**
 * What a pull tells a device about plans: each plan's current revision, which one is active, and
 * the versions of its earlier uploaded revisions, oldest first (absent: none). A device fetches
 * those too: its records made under them are edited and reported by their own revision's rules.
 */
export const pulledPlan = z.object({ id: idRef, version: idRef, active: z.boolean(), earlier: z.array(idRef).optional() });
export type PulledPlan = z.infer<typeof pulledPlan>;

/** The content type of an XLSX upload. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
