import type { Author } from '../../shared/records/build';
import { uuidv7 } from '../../shared/records/uuid';
import type { AuthFailureReason, LoginResponse, Role } from '../../shared/sync/protocol';
import { getCodec } from './codec';
import { getDb } from './db';
import { checkedAnswer } from './answers';
import { guardWrite, WriteConflictError } from './errors';
import { getDeviceId, getMeta, META, setMeta } from './meta';
import { LOCAL_AUTHOR_PREFIX, type SessionRow, type SessionSecrets, type StoredSessionRow } from './rows';

/**
 * Who uses this device. Before the first login people may say who they are on a setup screen
 * (a "local" identity) and start recording with no network; a login to the server replaces it
 * and from then on the server is the authority. The last server identity stays while offline
 * (and when the token expires), so work goes on; only logging out or a wipe removes it.
 */

/** The session as the app reads it: decrypted (a release-3 row, still in the clear, as it is). */
export async function openSession(stored: StoredSessionRow | undefined | null): Promise<SessionRow | null> {
  if (!stored) return null;
  if (stored.sealed === undefined) return stored;
  const { sealed, ...clear } = stored;
  const secrets = (await getCodec().decode(sealed)) as SessionSecrets;
  return { ...secrets, ...clear };
}

/** Everything but the kind of session and its state goes encrypted (name, email, teams, token, ids). */
export async function sealSession(row: SessionRow): Promise<StoredSessionRow> {
  const { key, source, updatedAt, refused, ...secrets } = row;
  return { key, source, updatedAt, ...(refused !== undefined ? { refused } : {}), sealed: await getCodec().encode(secrets satisfies SessionSecrets) };
}

export async function getSession(): Promise<SessionRow | null> {
  return openSession(await getDb().session.get('current'));
}

/**
 * Read, change, write the session: encryption runs outside the transaction, so the write checks
 * that no other tab changed the session in between (same `updatedAt`), and tries again if one did.
 */
async function updateSession(change: (previous: SessionRow | null) => SessionRow | null): Promise<SessionRow | null> {
  const db = getDb();
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await db.session.get('current');
    const next = change(await openSession(before));
    if (!next) return null;
    const stored = await sealSession(next);
    const done = await guardWrite(() =>
      db.transaction('rw', db.session, async () => {
        if ((await db.session.get('current'))?.updatedAt !== before?.updatedAt) return false;
        await db.session.put(stored);
        return true;
      }),
    );
    if (done) return next;
  }
  throw new WriteConflictError();
}

/**
 * A local team's id: random, not made from its name, so the team name typed on this device is
 * never stored in the clear (record rows keep the team id unencrypted).
 */
export function newLocalTeamId(): string {
  return `local-team:${uuidv7()}`;
}

/** Never later than the last write, so `updatedAt` always changes (the optimistic check). */
function nowAfter(previous: string | undefined): string {
  const now = new Date().toISOString();
  return previous && now <= previous ? new Date(Date.parse(previous) + 1).toISOString() : now;
}

export interface LocalIdentity {
  displayName: string;
  teamName: string;
  role: Role;
}

export async function saveLocalIdentity(identity: LocalIdentity): Promise<SessionRow> {
  const saved = await updateSession((previous) => {
    const local = previous?.source === 'local' ? previous : null;
    const teamName = identity.teamName.trim();
    return {
      key: 'current',
      // The same person renaming themselves keeps their author id; the same team keeps its id.
      userId: local ? local.userId : `${LOCAL_AUTHOR_PREFIX}${uuidv7()}`,
      displayName: identity.displayName.trim(),
      role: identity.role,
      teamId: local && local.teamName.toLowerCase() === teamName.toLowerCase() ? local.teamId : newLocalTeamId(),
      teamName,
      source: 'local',
      email: null,
      token: null,
      expiresAt: null,
      updatedAt: nowAfter(previous?.updatedAt),
    };
  });
  return saved!;
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
  const stored = await sealSession(row);
  await guardWrite(() => getDb().session.put(stored));
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
export async function finishLogin(answer: LoginResponse, teamId: string): Promise<{ session: SessionRow; reauthored: number }> {
  // Checked again where it is written. Loaded here, not with the session module: the answer
  // schemas bring the record schemas, which the first screen does not need.
  const { loginResponse } = await import('../../shared/sync/protocol');
  const login = checkedAnswer(loginResponse, answer, 'login');
  const previous = await getSession();
  if (previous?.source === 'server' && previous.userId !== login.user.id) await guardWrite(() => getDb().serverRecords.clear());
  const session = await saveServerSession(login, teamId);
  await setMeta(META.serverLoginAt, session.updatedAt);
  // Loaded here too, for the same reason.
  const { reauthorLocalRecords } = await import('./reauthor');
  const reauthored = await reauthorLocalRecords({ authorId: session.userId, teamId: session.teamId });
  return { session, reauthored };
}

/** The team new records get, among the user's teams. Records already made keep theirs. */
export async function chooseTeam(teamId: string): Promise<void> {
  await updateSession((session) => {
    const team = session?.teams?.find((t) => t.id === teamId);
    if (!session || !team) return null;
    return { ...session, teamId: team.id, teamName: team.name, updatedAt: nowAfter(session.updatedAt) };
  });
}

/** The server refused the token: remembered, so every tab stops syncing and says why. */
export async function markSessionRefused(reason: AuthFailureReason): Promise<void> {
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.session, async () => {
      const session = await db.session.get('current');
      // updatedAt moves, so a concurrent read-change-write (updateSession) starts again and keeps this
      if (session?.source === 'server' && session.refused !== reason) await db.session.put({ ...session, refused: reason, updatedAt: nowAfter(session.updatedAt) });
    }),
  );
}
