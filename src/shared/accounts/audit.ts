import { z } from 'zod';
import { idRef, isoDate, isoDateTime } from '../records/fields';
import { plainText } from '../records/text';

/** The audit log as admins read it (GET /api/v1/admin/audit, `npm run admin -- audit list`). */

export const auditEventTypes = [
  'login_succeeded',
  'login_failed',
  'device_registered',
  'device_revoked',
  'sessions_revoked',
  'user_created',
  'password_reset',
  'role_changed',
  'teams_changed',
  'user_deactivated',
  'user_reactivated',
  'team_created',
  'team_changed',
  'push_received',
  'handoff_imported',
  'verdict_given',
  'month_locked',
  'month_unlocked',
  'report_exported',
  'public_snapshot_published',
  'plan_uploaded',
  'plan_activated',
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

export const MAX_AUDIT_PAGE = 500;

/** A day (its midnight, UTC) or an instant. */
const instant = z.union([isoDate, isoDateTime], { error: 'datetime_format' });

export const auditQuery = z.strictObject({
  type: z.enum(auditEventTypes, { error: 'invalid_value' }).optional(),
  /** a user id: entries where this user acted or was acted upon */
  user: idRef.optional(),
  /** entries at or after */
  from: instant.optional(),
  /** entries before */
  to: instant.optional(),
  /** from the previous page's nextCursor */
  cursor: plainText().min(1).max(200).optional(),
  limit: z.coerce.number({ error: 'invalid_type' }).int().min(1).max(MAX_AUDIT_PAGE).default(100),
});
export type AuditQuery = z.input<typeof auditQuery>;

export const auditEntry = z.object({
  id: z.string(),
  at: isoDateTime,
  type: z.enum(auditEventTypes),
  /** who did it (null: the command line, or nobody logged in, as for a failed login) */
  actorId: z.string().nullable(),
  /** server id of the device the actor used, when there was one */
  deviceId: z.string().nullable(),
  /** the user acted upon (whose password, role, teams, sessions, device) */
  subjectId: z.string().nullable(),
  teamId: z.string().nullable(),
  /** logins only */
  email: z.string().nullable(),
  ip: z.string().nullable(),
  /** what else the event says (counts, ids, old and new values); never a password or record contents */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryDto = z.infer<typeof auditEntry>;

export const auditPage = z.object({
  entries: z.array(auditEntry),
  /** pass as `cursor` for the next (older) page; null at the end */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;
