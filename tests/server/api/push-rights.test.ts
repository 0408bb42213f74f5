import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, pullPath, type FieldRecord, type PullResponse, type PushResponse, type PushResult } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { eventContent, RECORDED_AT, serviceLogContent, someRecords } from '../helpers/records';
import { batch, ids, statuses } from '../helpers/sync';

type Rejected = Extract<PushResult, { status: 'rejected' }>;

/**
 * Issue 8: a malicious team member. Rights are judged record by record: a record the pusher may
 * not write is rejected on its own, naming the field, and never reaches anyone's device.
 */
describe.each(backends)('push rights, per record, on $name', (backend) => {
  let h: Harness;
  let teamA: string;
  let teamB: string;
  let worker: TestUser;
  let supervisor: TestUser;
  let victim: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    h = await startHarness(backend);
    teamA = await h.team();
    teamB = await h.team();
    worker = await h.user('field_worker', [teamA]);
    supervisor = await h.user('supervisor', [teamA]);
    victim = await h.user('field_worker', [teamB]);
    admin = await h.user('admin', [teamA]);
  });
  afterAll(() => h?.close());

  const push = async (user: TestUser, records: unknown[]) => {
    const res = await h.call('POST', '/api/v1/sync/push', { token: user.token, body: batch(user.deviceKey, records) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PushResponse;
  };
  const issueOf = (r: PushResult | undefined) => (r as Rejected).issues.map((i) => `${i.field}:${i.code}`);

  async function storedIds(records: FieldRecord[]): Promise<string[]> {
    const rows = await h.ctx.db.selectFrom('record_revisions').select('record_id').where('record_id', 'in', records.map((r) => r.id)).execute();
    return rows.map((r) => r.record_id).sort();
  }

  async function pulled(user: TestUser): Promise<FieldRecord[]> {
    const res = await h.call('GET', `/api/v1${pullPath(null)}`, { token: user.token });
    expect(res.statusCode).toBe(200);
    return (res.json() as PullResponse).records;
  }

  it("rejects a field worker's record of another team or author alone, with the field named; the rest land", async () => {
    const colleague = await h.user('field_worker', [teamA]);
    const [mine1, mine2] = someRecords(worker.author(teamA), 2) as [FieldRecord, FieldRecord];
    const otherTeam = createRecord(serviceLogContent(), worker.author(teamB), RECORDED_AT);
    const otherAuthor = createRecord(serviceLogContent(), colleague.author(teamA), RECORDED_AT);
    const res = await push(worker, [mine1, otherTeam, otherAuthor, mine2]);
    expect(statuses(res)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
    expect(issueOf(res.results[1])).toEqual(['teamId:team_forbidden']);
    expect(issueOf(res.results[2])).toEqual(['authorId:author_forbidden']);
    expect(res.results[1]).toMatchObject({ id: otherTeam.id, revision: 1, index: 1 });
    const message = (res.results[1] as Rejected).issues[0]!.message;
    expect(message.uk).toMatch(/[А-Яа-яІіЇїЄє]/);
    expect(message.en).toBe('You may not send records of this team');
    expect(await storedIds([mine1, otherTeam, otherAuthor, mine2])).toEqual(ids([mine1, mine2]));
  });

  it('lets a supervisor import a hand-off file of their team, marked imported, idempotently', async () => {
    const handOff = someRecords(worker.author(teamA), 3);
    expect(statuses(await push(supervisor, handOff))).toEqual(['accepted', 'accepted', 'accepted']);
    expect(statuses(await push(supervisor, handOff))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    // the author's own device later sends the same records: nothing changes
    expect(statuses(await push(worker, handOff))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const revisions = await h.ctx.db
      .selectFrom('record_revisions')
      .select(['pushed_by_user', 'imported', 'device_id'])
      .where('record_id', 'in', handOff.map((r) => r.id))
      .execute();
    expect(revisions).toEqual(handOff.map(() => ({ pushed_by_user: supervisor.id, imported: 1, device_id: worker.deviceKey })));
    // the author's own pushes are not imports; and both the author and the supervisor pull the records
    const own = someRecords(worker.author(teamA), 1);
    await push(worker, own);
    const ownRow = await h.ctx.db.selectFrom('record_revisions').select('imported').where('record_id', '=', own[0]!.id).executeTakeFirstOrThrow();
    expect(ownRow.imported).toBe(0);
    expect(ids(await pulled(worker))).toEqual(expect.arrayContaining(ids(handOff)));
    expect(ids(await pulled(supervisor))).toEqual(expect.arrayContaining(ids(handOff)));
  });

  it("refuses a supervisor's record authored by a user of another team or by the admin: it never reaches them", async () => {
    const victimsTeam = createRecord(eventContent(), victim.author(teamB), RECORDED_AT);
    const intoOwnTeam = createRecord(eventContent(), victim.author(teamA), RECORDED_AT);
    const adminsOwn = createRecord(serviceLogContent(), admin.author(teamA), RECORDED_AT);
    const legit = createRecord(serviceLogContent(), worker.author(teamA), RECORDED_AT);
    const res = await push(supervisor, [victimsTeam, intoOwnTeam, adminsOwn, legit]);
    expect(statuses(res)).toEqual(['rejected', 'rejected', 'rejected', 'accepted']);
    expect(issueOf(res.results[0])).toEqual(['teamId:team_forbidden']);
    expect(issueOf(res.results[1])).toEqual(['authorId:author_not_in_team']);
    expect(issueOf(res.results[2])).toEqual(['authorId:author_is_admin']);
    expect(await storedIds([victimsTeam, intoOwnTeam, adminsOwn])).toEqual([]);
    const forged = [victimsTeam.id, intoOwnTeam.id, adminsOwn.id];
    for (const user of [victim, admin, supervisor]) expect(ids(await pulled(user)).filter((id) => forged.includes(id))).toEqual([]);
  });

  it("refuses a supervisor's record of their own team by an author who left it, or by nobody known", async () => {
    const twoTeams = await h.user('supervisor', [teamA, teamB]);
    // a member of both of the supervisor's teams is fine in either; a record naming the other team of a one-team author is not
    expect(statuses(await push(twoTeams, [createRecord(serviceLogContent(), victim.author(teamB), RECORDED_AT)]))).toEqual(['accepted']);
    const wrongTeam = await push(twoTeams, [createRecord(serviceLogContent(), victim.author(teamA), RECORDED_AT)]);
    expect(issueOf(wrongTeam.results[0])).toEqual(['authorId:author_not_in_team']);
    const nobody = { authorId: 'no-such-user', deviceId: 'tablet-x', teamId: teamA };
    const unknown = await push(supervisor, [createRecord(serviceLogContent(), nobody, RECORDED_AT)]);
    expect(issueOf(unknown.results[0])).toEqual(['authorId:author_unknown']);
  });

  it("lets an admin import records of non-admin members of the record's team, never another admin's", async () => {
    const otherAdmin = await h.user('admin', [teamB]);
    const fromB = createRecord(serviceLogContent(), victim.author(teamB), RECORDED_AT);
    const adminsOwn = createRecord(serviceLogContent(), admin.author(teamA), RECORDED_AT);
    const ownOutsideTeams = createRecord(serviceLogContent(), admin.author(teamB), RECORDED_AT);
    const otherAdmins = createRecord(serviceLogContent(), otherAdmin.author(teamB), RECORDED_AT);
    const noTeam = createRecord(serviceLogContent(), victim.author('no-such-team'), RECORDED_AT);
    const res = await push(admin, [fromB, adminsOwn, ownOutsideTeams, otherAdmins, noTeam]);
    expect(statuses(res)).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'rejected']);
    expect(issueOf(res.results[2])).toEqual(['authorId:author_not_in_team']);
    expect(issueOf(res.results[3])).toEqual(['authorId:author_is_admin']);
    expect(issueOf(res.results[4])).toEqual(['teamId:team_unknown']);
    // the victim's device receives the record an admin imported for them (a hand-off); nothing else
    expect(ids(await pulled(victim))).toContain(fromB.id);
    expect(ids(await pulled(otherAdmin))).not.toContain(otherAdmins.id);
  });

  it('logs each push and each hand-off import (batch, device, counts), never the records themselves', async () => {
    const handOff = someRecords(worker.author(teamA), 2);
    const forged = createRecord(eventContent({ title: 'Секретний заголовок 7781' }), victim.author(teamB), RECORDED_AT);
    const body = batch(supervisor.deviceKey, [...handOff, forged]);
    expect((await h.call('POST', '/api/v1/sync/push', { token: supervisor.token, body })).statusCode).toBe(200);
    const entries = await h.ctx.db.selectFrom('audit_log').selectAll().where('details', 'like', `%${body.batchId}%`).orderBy('id').execute();
    expect(entries.map((e) => e.type)).toEqual(['push_received', 'handoff_imported']);
    const device = await h.ctx.db.selectFrom('devices').select('id').where('user_id', '=', supervisor.id).executeTakeFirstOrThrow();
    for (const e of entries) expect(e).toMatchObject({ actor_id: supervisor.id, device_id: device.id });
    const counts = { accepted: 2, duplicate: 0, conflict: 0, rejected: 1 };
    expect(JSON.parse(entries[0]!.details)).toEqual({ batchId: body.batchId, records: 3, counts, refusedOnRights: 1 });
    expect(JSON.parse(entries[1]!.details)).toEqual({
      batchId: body.batchId, records: 3, counts, refusedOnRights: 1, fromDevices: [worker.deviceKey, victim.deviceKey],
    });
    // a record refused for its content is not an access-control failure
    const invalid = { ...createRecord(serviceLogContent(), supervisor.author(teamA), RECORDED_AT), contentHash: 'forged' };
    const second = batch(supervisor.deviceKey, [invalid]);
    await h.call('POST', '/api/v1/sync/push', { token: supervisor.token, body: second });
    const entry = await h.ctx.db.selectFrom('audit_log').select('details').where('details', 'like', `%${second.batchId}%`).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details)).toMatchObject({ counts: { rejected: 1 }, refusedOnRights: 0 });
    const all = JSON.stringify(await h.ctx.db.selectFrom('audit_log').selectAll().execute());
    expect(all).not.toContain('Секретний');
    expect(all).not.toContain(handOff[0]!.id);
  });
});
