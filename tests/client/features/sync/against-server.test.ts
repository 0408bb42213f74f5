import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../support';
import { runSync } from '../../../../src/client/features/sync/controller';
import { currentAuthor, finishLogin, getSession } from '../../../../src/client/data/session';
import { listRecords } from '../../../../src/client/data/recordRead';
import { saveRecord } from '../../../../src/client/data/recordStore';
import { uuidv7 } from '../../../../src/shared/records/uuid';
import type { SyncTransport } from '../../../../src/shared/sync/engine';
import { getDeviceId } from '../../../../src/client/data/meta';
import { getPullCursor } from '../../../../src/client/data/pull';
import { syncInfo } from '../../../../src/client/data/status';
import { httpTransport } from '../../../../src/shared/sync/http-transport';
import type { FieldRecord } from '../../../../src/shared/records/schemas';
import type { LoginResponse } from '../../../../src/shared/sync/protocol';
import type { DeviceDto } from '../../../../src/shared/accounts/protocol';
import { backends } from '../../../server/helpers/backends';
import { startHarness, type Harness, type TestUser } from '../../../server/helpers/harness';
import { serviceLogContent, someRecords } from '../../../server/helpers/records';
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

  it('a record this login may no longer write is rejected on its own: the rest of its batch lands, nothing is sent twice', async () => {
    const db = freshDb();
    const worker = await h.user('field_worker', [teamA]);
    await logInOnDevice(worker.email);
    const inA = [uuidv7(), uuidv7()];
    for (const id of inA) await saveRecord(id, serviceLogContent(), 'ready', await currentAuthor());
    // taken out of team A before those records went up: a new login, new records in team B
    await setTeams(worker.id, [teamB]);
    await logInOnDevice(worker.email);
    const inB = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of inB) await saveRecord(id, serviceLogContent(), 'ready', await currentAuthor());

    const pushes: number[] = [];
    const counting = (token: string): SyncTransport => {
      const inner = transport(token);
      return { pull: inner.pull, push: (request) => (pushes.push(request.records.length), inner.push(request)) };
    };
    expect(await runSync({ wait: true, transport: counting })).toBe('ok');
    expect(pushes).toEqual([5]);
    const rows = new Map((await listRecords()).map((r) => [r.row.id, r.row]));
    for (const id of inB) expect(rows.get(id)).toMatchObject({ status: 'sent', syncedRevision: 1 });
    for (const id of inA) expect(rows.get(id)).toMatchObject({ status: 'rejected', reason: { field: 'teamId', code: 'team_forbidden' } });
    const stored = await h.ctx.db.selectFrom('records').select('id').where('id', 'in', [...inA, ...inB]).execute();
    expect(ids(stored)).toEqual(ids(inB.map((id) => ({ id }))));

    // set aside, not retried: the next sync sends nothing
    expect(await runSync({ wait: true, transport: counting })).toBe('ok');
    expect(pushes).toEqual([5]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('after a sync the device tells the server its app version and what is still unsynced; the admin sees it', async () => {
    freshDb();
    const worker = await h.user('field_worker', [teamA]);
    await logInOnDevice(worker.email);
    for (let i = 0; i < 2; i++) await saveRecord(uuidv7(), serviceLogContent(), 'ready', await currentAuthor());
    const draft = await saveRecord(uuidv7(), serviceLogContent(), 'draft', await currentAuthor());
    expect(await runSync({ wait: true, transport })).toBe('ok');

    const res = await h.call('GET', `/api/v1/admin/users/${worker.id}/devices`, { token: admin.token });
    const deviceKey = await getDeviceId();
    const device = (res.json() as { devices: DeviceDto[] }).devices.find((d) => d.deviceKey === deviceKey);
    // the two ready records went up; the draft stays on the device, and the server knows it
    expect(device).toMatchObject({ appVersion: __BUILD_ID__, unsyncedCount: 1, oldestUnsyncedAt: draft.updatedAt, statusReportedAt: h.clock.now().toISOString() });
  });
});
