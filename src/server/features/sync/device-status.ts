import type { DeviceStatusReport } from '../../../shared';
import type { ServerContext } from '../../context';
import type { AuthContext } from '../auth';

/**
 * Keeps what a device said about itself at its last sync: the app version and its records not
 * yet on the server. It is also a contact: last seen moves to now, whatever the resolution the
 * session check keeps (sessions.ts), so "last seen" and "unsynced" describe the same moment.
 */
export async function saveDeviceStatus(ctx: Pick<ServerContext, 'db' | 'clock'>, auth: AuthContext, report: DeviceStatusReport): Promise<void> {
  const now = ctx.clock().toISOString();
  await ctx.db
    .updateTable('devices')
    .set({
      app_version: report.appVersion,
      unsynced_count: report.unsyncedCount,
      oldest_unsynced_at: report.oldestUnsyncedAt,
      status_reported_at: now,
      last_seen_at: now,
    })
    .where('id', '=', auth.deviceId)
    .execute();
}
