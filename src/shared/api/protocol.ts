import { z } from 'zod';
import { localizedText } from '../plan/catalogue-schema';
import { fieldIssue } from '../records/validate';
import { openRecord } from '../review/protocol';
import { planProblem } from '../plan/plan-protocol';
import { isoDateTime } from '../records/fields';

/** Answers every part of the API shares: the error body and the health check. */

/**
 * Every error the API returns has this body. `reason` says more than `code` where a device acts
 * on it (token_expired, client_too_old …); a refused month lock also lists the records still open.
 * Other top-level fields may come along (the health check's 503 adds its status).
 */
export const apiError = z.looseObject({
  error: z.object({
    code: z.string(),
    message: localizedText,
    reason: z.string().optional(),
    issues: z.array(fieldIssue).optional(),
    openCount: z.number().int().min(0).optional(),
    open: z.array(openRecord).optional(),
    /** a refused plan upload: each problem with its sheet, row and column (XLSX) or path (JSON) */
    problems: z.array(planProblem).optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

export const health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['sqlite', 'postgresql']),
  time: isoDateTime,
});
export type Health = z.infer<typeof health>;
