import type { Author } from '../../shared/records/build';
import { uuidv7 } from '../../shared/records/uuid';
import type { AuthFailureReason, LoginResponse, Role } from '../../shared/sync/protocol';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getDeviceId, getMeta, META, setMeta } from './meta';
import type { SessionRow } from './rows';

/**
 * Who uses this device. Before the first login people may say who they are on a setup screen
 * (a "local" identity) and start recording with no network; a login to the server replaces it
 * and from then on the server is the authority. The last server identity stays while offline
 * (and when the token expires), so work goes on; only logging out or a wipe removes it.
 */

/** Author ids of records made under the local identity. */
export const LOCAL_AUTHOR_PREFIX = 'local:';

export async function getSession(): Promise<SessionRow | null> {
  return (await getDb().session.get('current')) ?? null;
}

export function teamIdFor(teamName: string): string {
  const slug = teamName
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return `local-team:${slug || 'team'}`.slice(0, 100);
}

export interface LocalIdentity {
  displayName: string;
  teamName: string;
  role: Role;
}

export async function saveLocalIdentity(identity: LocalIdentity): Promise<SessionRow> {
  const db = getDb();
  return guardWrite(() =>
    db.transaction('rw', db.session, async () => {
      const previous = await db.session.get('current');
      // The same person renaming themselves keeps their author id.
      const userId = previous?.source === 'local' ? previous.userId : `${LOCAL_AUTHOR_PREFIX}${uuidv7()}`;
      const row: SessionRow = {
        key: 'current',
        userId,
        displayName: identity.displayName.trim(),
        role: identity.role,
        teamId: teamIdFor(identity.teamName),
        teamName: identity.teamName.trim(),
        source: 'local',
        email: null,
        token: null,
        expiresAt: null,
        updatedAt: new Date().toISOString(),
      };
      await db.session.put(row);
      return row;
    }),
  );
}

/** Keeps what the server's login answered; `teamId` is the team new records get. */
export async function saveServerSession(login: LoginResponse, teamId: string): Promise<SessionRow> {
  const team = login.user.teams.find((t) => t.id === teamId) ?? login.user.teams[0];
  const row: SessionRow = {
    teams: login.user.teams,
    refused: null,
    key: 'current',
    userId: login.user.id,
    displayName: login.user.displayName,
    role: login.user.role,
    teamId: team?.id ?? teamId,
    teamName: team?.name ?? '',
    source: 'server',
    email: login.user.email,
    token: login.token,
    expiresAt: login.expiresAt,
    updatedAt: new Date().toISOString(),
  };
  await guardWrite(() => getDb().session.put(row));
  return row;
}

/** The envelope fields a new record gets from the session and the device. */
export async function currentAuthor(): Promise<Author> {
  const [session, deviceId] = await Promise.all([getSession(), getDeviceId()]);
  if (!session) throw new Error('No identity on this device yet');
  return { authorId: session.userId, teamId: session.teamId, deviceId };
}

/** True once anyone logged in to the server here: the local identity is then no longer offered. */
export async function hasLoggedInBefore(): Promise<boolean> {
  return (await getMeta<string>(META.serverLoginAt)) !== undefined;
}

/** How many records were made under the local identity (they become the next login's). */
export async function countLocalRecords(): Promise<number> {
  return getDb().records.where('authorId').startsWith(LOCAL_AUTHOR_PREFIX).count();
}

/**
 * A login is complete: keep the session, then hand the records made under the local identity
 * to this user and team (see reauthor.ts). Another user's server copies are dropped.
 */
export async function finishLogin(login: LoginResponse, teamId: string): Promise<{ session: SessionRow; reauthored: number }> {
  const previous = await getSession();
  if (previous?.source === 'server' && previous.userId !== login.user.id) await guardWrite(() => getDb().serverRecords.clear());
  const session = await saveServerSession(login, teamId);
  await setMeta(META.serverLoginAt, session.updatedAt);
  // Loaded here, not with the session module: it brings the record schemas, which the first screen does not need.
  const { reauthorLocalRecords } = await import('./reauthor');
  const reauthored = await reauthorLocalRecords({ authorId: session.userId, teamId: session.teamId });
  return { session, reauthored };
}

/** The team new records get, among the user's teams. Records already made keep theirs. */
export async function chooseTeam(teamId: string): Promise<void> {
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.session, async () => {
      const session = await db.session.get('current');
      const team = session?.teams?.find((t) => t.id === teamId);
      if (!session || !team) return;
      await db.session.put({ ...session, teamId: team.id, teamName: team.name, updatedAt: new Date().toISOString() });
    }),
  );
}

/** The server refused the token: remembered, so every tab stops syncing and says why. */
export async function markSessionRefused(reason: AuthFailureReason): Promise<void> {
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.session, async () => {
      const session = await db.session.get('current');
      if (session?.source === 'server' && session.refused !== reason) await db.session.put({ ...session, refused: reason });
    }),
  );
}

/** Logout: the identity goes; records stay on the device (they upload when their author logs in). */
export async function endSession(): Promise<void> {
  await guardWrite(() => getDb().session.delete('current'));
}
