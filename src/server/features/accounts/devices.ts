import type { Kysely } from 'kysely';
import type { DeviceDto } from '../../../shared/accounts/protocol';
import type { ServerContext } from '../../context';
import type { Database, DeviceRow } from '../../db/schema';
import { HttpError } from '../../http/errors';
import { audit } from '../audit';
import { endSessions } from './end-sessions';

export function deviceDto(row: DeviceRow): DeviceDto {
  return {
    id: row.id,
    deviceKey: row.device_key,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
    appVersion: row.app_version,
    unsyncedCount: row.unsynced_count === null ? null : Number(row.unsynced_count),
    oldestUnsyncedAt: row.oldest_unsynced_at,
    statusReportedAt: row.status_reported_at,
  };
}

export async function listDevices(db: Kysely<Database>, userId: string): Promise<DeviceDto[]> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new HttpError(404, 'user_unknown');
  const rows = await db.selectFrom('devices').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map(deviceDto);
}

/**
 * Cuts a (lost, stolen) device off: its sessions stop working at once with reason
 * `device_revoked`, which tells the app to wipe, and it cannot log in again under that id.
 */
export async function revokeDevice(ctx: Pick<ServerContext, 'db' | 'clock'>, deviceId: string, byUserId: string | null): Promise<DeviceDto> {
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('devices')
      .set({ revoked_at: now, revoked_by: byUserId })
      .where('id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const row = await trx.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
    if (!row) throw new HttpError(404, 'device_unknown');
    if (Number(revoked.numUpdatedRows) === 0) return deviceDto(row);
    await audit(ctx, { type: 'device_revoked', actorId: byUserId, subjectId: row.user_id, revokedDevice: row.id, deviceKey: row.device_key }, trx);
    // Its sessions end too, so nothing depends on the device check alone.
    const ended = await trx.updateTable('sessions').set({ revoked_at: now }).where('device_id', '=', deviceId).where('revoked_at', 'is', null).executeTakeFirst();
    await audit(ctx, { type: 'sessions_revoked', actorId: byUserId, subjectId: row.user_id, count: Number(ended.numUpdatedRows), cause: 'device_revoked' }, trx);
    return deviceDto(row);
  });
}

/** Ends every session of a user on every device (e.g. after a password leak). Devices stay usable after a new login. */
export async function revokeUserSessions(ctx: Pick<ServerContext, 'db' | 'clock'>, userId: string, byUserId: string | null = null): Promise<number> {
  const user = await ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new HttpError(404, 'user_unknown');
  return ctx.db.transaction().execute((trx) => endSessions(ctx, trx, userId, 'admin_request', byUserId));
}
