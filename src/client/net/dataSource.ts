import { useOnline } from '../app/useOnline';
import { useCurrentSession } from '../app/sessionContext';
import type { SessionRow } from '../data';

export type DeviceReason = 'offline' | 'login' | 'role' | 'failed';
export type DataSource = { kind: 'server' } | { kind: 'device'; why: DeviceReason };

/** Supervisors and administrators see the whole city from the server; everyone else their device's records. */
export function isReviewer(role: string | undefined): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** Where the review and report screens take their data from, and if not the server, why not. */
export function dataSourceFor(online: boolean, session: Pick<SessionRow, 'source' | 'token' | 'role' | 'refused'> | null | undefined): DataSource {
  if (!online) return { kind: 'device', why: 'offline' };
  if (!session || session.source !== 'server' || !session.token || session.refused) return { kind: 'device', why: 'login' };
  if (!isReviewer(session.role)) return { kind: 'device', why: 'role' };
  return { kind: 'server' };
}

/** The server when it can answer for this user, else the records on this device (offline too). */
export function useDataSource(): DataSource {
  return dataSourceFor(useOnline(), useCurrentSession());
}
