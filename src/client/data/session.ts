import type { Author } from '../../shared/records/build';
import { uuidv7 } from '../../shared/records/uuid';
import type { LoginResponse, Role } from '../../shared/sync/protocol';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getDeviceId } from './meta';
import type { SessionRow } from './rows';

/**
 * Who uses this device. Until the server exists, people say who they are on a setup screen
 * (a "local" identity); the sync engine stores a server session the same way after login.
 * The last identity stays when offline or logged out of the server, so work can go on.
 */

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
      const userId = previous?.source === 'local' ? previous.userId : `local:${uuidv7()}`;
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

/** For the sync engine: keep what the server's login answered. */
export async function saveServerSession(login: LoginResponse, teamId: string): Promise<SessionRow> {
  const team = login.user.teams.find((t) => t.id === teamId) ?? login.user.teams[0];
  const row: SessionRow = {
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
