import { z } from 'zod';
import { idRef, isoDate, isoDateTime, multiLineText, uuidV7 } from '../records/fields';
import { fieldRecord } from '../records/schemas';
import { reviewStatus, reviewVerdict, type ReviewStatus } from '../sync/protocol';

/**
 * Request and answer shapes of the review API (/api/v1/review/...), shared by the server and the
 * supervisor's screens. Field reasons are validation message keys, so both languages come along.
 */

export const verdictStatuses = ['approved', 'returned', 'rejected'] as const;
export const reviewStatuses = ['pending', ...verdictStatuses] as const satisfies readonly ReviewStatus[];

/** YYYY-MM */
export const monthKey = z.string({ error: 'required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'invalid_value' });

export const verdictRequest = z
  .strictObject({
    recordId: uuidV7,
    revision: z.number({ error: 'required' }).int({ error: 'revision' }).min(1, { error: 'revision' }),
    status: z.enum(verdictStatuses, { error: 'invalid_value' }),
    /** why it goes back, or why it does not count: required for returned and rejected */
    comment: multiLineText(2000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.status !== 'approved' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'required' });
  });
export type VerdictRequest = z.input<typeof verdictRequest>;

export const lockMonthRequest = z.strictObject({ teamId: idRef, month: monthKey });
export type LockMonthRequest = z.infer<typeof lockMonthRequest>;

export const unlockMonthRequest = z.strictObject({
  teamId: idRef,
  month: monthKey,
  reason: multiLineText(1000).min(1, { error: 'required' }),
});
export type UnlockMonthRequest = z.infer<typeof unlockMonthRequest>;

/** A record in a supervisor's review list: its latest revision, where it stands, and every verdict it had. */
export const reviewItem = z.object({
  record: fieldRecord,
  status: reviewStatus,
  /** oldest first; the last one on `record.revision` is the current verdict */
  verdicts: z.array(reviewVerdict),
  /** who recorded it, by the name their account has (the server knows it; a device offline may not) */
  authorName: z.string().optional(),
});
export type ReviewItem = z.infer<typeof reviewItem>;

export const reviewList = z.object({
  items: z.array(reviewItem),
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export type ReviewList = z.infer<typeof reviewList>;

export const monthLock = z.object({
  id: z.string(),
  teamId: z.string(),
  month: z.string(),
  lockedBy: z.string(),
  lockedAt: isoDateTime,
  unlockedBy: z.string().nullable(),
  unlockedAt: isoDateTime.nullable(),
  unlockReason: z.string().nullable(),
});
export type MonthLock = z.infer<typeof monthLock>;

export const monthLockList = z.object({ locks: z.array(monthLock) });

/** A record that keeps a month from being locked: not yet reviewed, or returned for correction. */
export const openRecord = z.object({
  id: z.string(),
  revision: z.number().int().min(1),
  status: reviewStatus,
  kind: z.string(),
  measureId: z.string(),
  periodStart: isoDate,
  periodEnd: isoDate,
});
export type OpenRecord = z.infer<typeof openRecord>;

/** Query of GET /api/v1/review/records. */
export const reviewListQuery = z.strictObject({
  team: idRef.optional(),
  status: z.enum(reviewStatuses, { error: 'invalid_value' }).optional(),
  measure: idRef.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
