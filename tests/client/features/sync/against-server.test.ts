import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../support';
import { runSync } from '../../../../src/client/features/sync/controller';
import { finishLogin, getSession } from '../../../../src/client/data/session';
import { getDeviceId } from '../../../../src/client/data/meta';
import { getPullCursor } from '../../../../src/client/data/pull';
import { syncInfo } from '../../../../src/client/data/status';
import { httpTransport } from '../../../../src/shared/sync/http-transport';
import type { FieldRecord } from '../../../../src/shared/records/schemas';
import type { LoginResponse } from '../../../../src/shared/sync/protocol';
import { backends } from '../../../server/helpers/backends';
import { startHarness, type Harness, type TestUser } from '../../../server/helpers/harness';
import { someRecords } from '../../../server/helpers/records';
import { batch } from '../../../server/helpers/sync';

/**
 * The device's own sync (the controller over its IndexedDB, here fake-indexeddb) against the
 * real server over real HTTP, on each database: what the device holds follows what the server
 * lets this user see.
 */
describe.each(backends)('the device syncing with the server on $name', (backend) => {
  let h: Harness;
  let baseUrl: string;
  let admin: TestUser;
  let teamA: string;
  let teamB: string;
  const made = new Map<string, FieldRecord[]>();

  beforeAll(async () => {
    h = await startHarness(backend);
    baseUrl = await h.listen();
    admin = await h.user('admin', []);
    teamA = await h.team();
    teamB = await h.team();
    // Team B's records first: they are older than any cursor team A's pull ends at, so joining B
    // after that pull gets them only if the server starts over.
    for (const team of [teamB, teamA]) {
      const worker = await h.user('field_worker', [team]);
      const records = someRecords(worker.author(team), 3);
      const res = await h.call('POST', '/api/v1/sync/push', { token: worker.token, body: batch(worker.deviceKey, records) });
      expect(res.statusCode, res.body).toBe(200);
      made.set(team, records);
    }
  });
  afterAll(() => h?.close());

  const transport = (token: string) => httpTransport({ baseUrl, token: () => token });
  const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

  /** Logs this device in as it would from the login form: the device's own id, the answer kept. */
  async function logInOnDevice(email: string): Promise<void> {
    const res = await h.login(email, await getDeviceId());
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as LoginResponse;
    await finishLogin(answer, answer.user.teams[0]?.id ?? '');
  }

  async function setTeams(userId: string, teamIds: string[]): Promise<void> {
    const res = await h.call('PATCH', `/api/v1/admin/users/${userId}`, { token: admin.token, body: { teamIds } });
    expect(res.statusCode, res.body).toBe(200);
  }

  it("a supervisor added to a team, then taken out of another: the next pull resets and the device holds exactly the new scope's records", async () => {
    const db = freshDb();
    const supervisor = await h.user('supervisor', [teamA]);
    await logInOnDevice(supervisor.email);
    expect(await runSync({ wait: true, transport })).toBe('ok');
    expect(ids(await db.serverRecords.toArray())).toEqual(ids(made.get(teamA)!));
    const before = await getPullCursor(supervisor.id);

    // Joining a team ends no session: the same token pulls, the old cursor no longer fits.
    await setTeams(supervisor.id, [teamA, teamB]);
    expect(await runSync({ wait: true, transport })).toBe('ok');
    expect(ids(await db.serverRecords.toArray())).toEqual(ids([...made.get(teamA)!, ...made.get(teamB)!]));
    expect(await getPullCursor(supervisor.id)).not.toBe(before);

    // Leaving one ends the sessions; after the next login the device keeps only the other team's.
    await setTeams(supervisor.id, [teamB]);
    expect(await runSync({ wait: true, transport })).toBe('stopped');
    expect((await getSession())?.refused).toBe('token_revoked');
    await logInOnDevice(supervisor.email);
    expect(await runSync({ wait: true, transport })).toBe('ok');
    expect(ids(await db.serverRecords.toArray())).toEqual(ids(made.get(teamB)!));
    expect((await syncInfo()).lastSyncError).toBeNull();
  });
});
