import type { Kysely } from 'kysely';
import type { PushResult, Role } from '../../../shared';
import type { AuditEventType } from '../../../shared/accounts/audit';
import type { ServerContext } from '../../context';
import type { Database } from '../../db/schema';
import { newId } from '../../ids';

/** Why a user's sessions ended. */
export type SessionEndCause = 'admin_request' | 'password_reset' | 'role_changed' | 'teams_changed' | 'deactivated' | 'device_revoked' | 'logout' | 'device_forgotten';

export type LoginFailure = 'bad_credentials' | 'too_many_attempts' | 'device_revoked' | 'account_deactivated';

type PushCounts = Record<PushResult['status'], number>;

/**
 * Everything the audit log records. `actorId` is who did it (null: the command line on the
 * server, or nobody logged in); `deviceId` the server id of the device they used; `subjectId`
 * the user acted upon. Never a password, a token, or a record's contents.
 */
export type AuditEvent =
  | { type: 'login_succeeded'; actorId: string; deviceId: string; email: string; ip: string }
  | { type: 'login_failed'; email: string; ip: string; reason: LoginFailure; subjectId?: string | null }
  | { type: 'device_registered'; actorId: string; deviceId: string; deviceKey: string; ip: string }
  | { type: 'device_revoked'; actorId: string | null; subjectId: string; revokedDevice: string; deviceKey: string }
  | { type: 'sessions_revoked'; actorId: string | null; deviceId?: string; subjectId: string; count: number; cause: SessionEndCause }
  | { type: 'user_created'; actorId: string | null; subjectId: string; role: Role; teamIds: string[] }
  | { type: 'password_reset'; actorId: string | null; subjectId: string; generated: boolean }
  | { type: 'role_changed'; actorId: string | null; subjectId: string; from: Role; to: Role }
  | { type: 'teams_changed'; actorId: string | null; subjectId: string; added: string[]; removed: string[] }
  | { type: 'user_deactivated' | 'user_reactivated'; actorId: string | null; subjectId: string }
  | { type: 'team_created'; actorId: string | null; teamId: string; name: string; kind: string; district?: string | null }
  /** a rename, or a new kind or district: `from` and `to` hold the fields that changed */
  | { type: 'team_changed'; actorId: string | null; teamId: string; from: Record<string, string | null>; to: Record<string, string | null> }
  | { type: 'push_received'; actorId: string; deviceId: string; batchId: string; records: number; counts: PushCounts; refusedOnRights: number }
  /** a push carrying records whose deviceId is not the pushing device's: a hand-off file being imported */
  | {
      type: 'handoff_imported'; actorId: string; deviceId: string; batchId: string; records: number; counts: PushCounts;
      refusedOnRights: number; fromDevices: string[];
    }
  | { type: 'verdict_given'; actorId: string; deviceId: string; teamId: string; recordId: string; revision: number; status: string; withComment: boolean }
  | { type: 'month_locked'; actorId: string; deviceId: string; teamId: string; month: string }
  | { type: 'month_unlocked'; actorId: string; deviceId: string; teamId: string; month: string; reason: string }
  | { type: 'report_exported'; actorId: string; deviceId: string; format: 'xlsx' | 'csv'; year: number; lang: string; includePending: boolean }
  /** for the public snapshots (issue 8 part 1): call it in the transaction that publishes one */
  | { type: 'public_snapshot_published'; actorId: string | null; snapshotId: string; year: number; version: number }
  /** plans as data (issue 13): a new revision stored, a plan made the one new records are made under */
  | { type: 'plan_uploaded'; actorId: string | null; planId: string; version: string; revision: number }
  | { type: 'plan_activated'; actorId: string | null; planId: string };

// The shared list (what the API filters by) and this union must name the same events.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const AUDIT_TYPES_MATCH: Same<AuditEvent['type'], AuditEventType> = true;

const COLUMNS = ['actorId', 'deviceId', 'subjectId', 'teamId', 'email', 'ip'] as const;

/**
 * Appends one entry. Pass the action's transaction as `trx` where there is one, so the entry
 * exists exactly when the action does. The log is append-only: nothing here or anywhere
 * updates or deletes it, and the database's triggers refuse to (migration 0006).
 */
export async function audit(ctx: Pick<ServerContext, 'db' | 'clock'>, event: AuditEvent, trx?: Kysely<Database>): Promise<void> {
  const { type, ...rest } = event;
  const fields = rest as Record<string, unknown>;
  const column = (key: (typeof COLUMNS)[number]) => (typeof fields[key] === 'string' ? (fields[key] as string) : null);
  const details = Object.fromEntries(Object.entries(fields).filter(([key]) => !(COLUMNS as readonly string[]).includes(key)));
  const now = ctx.clock();
  await (trx ?? ctx.db)
    .insertInto('audit_log')
    .values({
      id: newId(now),
      at: now.toISOString(),
      type,
      actor_id: column('actorId'),
      device_id: column('deviceId'),
      subject_id: column('subjectId'),
      team_id: column('teamId'),
      email: column('email'),
      ip: column('ip'),
      details: JSON.stringify(details),
    })
    .execute();
}
