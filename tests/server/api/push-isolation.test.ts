import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, type FieldRecord, type PushResponse, type PushResult } from '../../../src/shared';
import { backends } from '../helpers/backends';
import { startHarness, type Harness, type TestUser } from '../helpers/harness';
import { eventContent, RECORDED_AT, someRecords } from '../helpers/records';
import { batch, httpPush, statuses } from '../helpers/sync';

/**
 * A record the database refuses, for a reason validation does not know about, is answered
 * `rejected` alone: the valid records sent with it land, exactly once, and the batch never
 * fails on every retry. The database is made to refuse by triggers the test installs, so the
 * refusal comes from the database itself, as a NUL did on PostgreSQL before validation caught it.
 */
describe.each(backends)('a record the database refuses, on $name', (backend) => {
  let h: Harness;
  let team: string;
  let worker: TestUser;

  /** A BEFORE INSERT trigger on `table` that refuses rows whose body contains `marker`. */
  async function refuseRowsMarked(table: 'record_revisions' | 'records', marker: string, sqlstate?: string): Promise<void> {
    const name = `refuse_${table}_${marker.replace(/\W/g, '_')}`;
    if (backend.name === 'sqlite') {
      await sql
        .raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN NEW.body LIKE '%${marker}%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
        .execute(h.ctx.db);
      return;
    }
    const using = sqlstate ? ` USING ERRCODE = '${sqlstate}'` : '';
    await sql
      .raw(
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
          `IF NEW.body LIKE '%${marker}%' THEN RAISE EXCEPTION 'refused by the test'${using}; END IF; RETURN NEW; END $$`,
      )
      .execute(h.ctx.db);
    await sql.raw(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`).execute(h.ctx.db);
  }

  beforeAll(async () => {
    h = await startHarness(backend);
    team = await h.team();
    worker = await h.user('field_worker', [team]);
    await refuseRowsMarked('record_revisions', 'refuse-revision');
    await refuseRowsMarked('records', 'refuse-latest');
  });
  afterAll(() => h?.close());
  afterEach(() => {
    delete h.hooks.afterTriage;
  });

  const marked = (marker: string): FieldRecord => createRecord(eventContent({ title: `Тренінг ${marker}` }), worker.author(team), RECORDED_AT);
  const push = (body: unknown) => h.call('POST', '/api/v1/sync/push', { token: worker.token, body });

  async function storedRevisions(records: FieldRecord[]): Promise<string[]> {
    const rows = await h.ctx.db.selectFrom('record_revisions').select('record_id').where('record_id', 'in', records.map((r) => r.id)).execute();
    return rows.map((r) => r.record_id).sort();
  }
  async function storedLatest(records: FieldRecord[]): Promise<string[]> {
    const rows = await h.ctx.db.selectFrom('records').select('id').where('id', 'in', records.map((r) => r.id)).execute();
    return rows.map((r) => r.id).sort();
  }
  const idsOf = (records: FieldRecord[]) => records.map((r) => r.id).sort();

  function expectRefused(result: PushResult | undefined, record: FieldRecord, index: number): void {
    expect(result).toEqual({
      status: 'rejected',
      id: record.id,
      revision: 1,
      index,
      issues: [{ field: '', code: 'database_refused', message: { uk: expect.stringMatching(/База даних/), en: expect.stringMatching(/database refused/) } }],
    });
  }

  it('answers the refused record rejected; the valid ones sent with it land, and a replay writes nothing more', async () => {
    const valid = someRecords(worker.author(team), 3);
    const poisoned = marked('refuse-revision');
    const invalid = { ...valid[0]!, id: 'not-a-uuid' };
    const body = batch(worker.deviceKey, [valid[0]!, poisoned, valid[1]!, invalid, valid[2]!]);

    const first = await push(body);
    expect(first.statusCode, first.body).toBe(200);
    const results = (first.json() as PushResponse).results;
    expect(statuses(first.json())).toEqual(['accepted', 'rejected', 'accepted', 'rejected', 'accepted']);
    expectRefused(results[1], poisoned, 1);
    expect(results[3]).toMatchObject({ status: 'rejected', index: 3, issues: expect.arrayContaining([expect.objectContaining({ field: 'id', code: 'uuid' })]) });
    expect(await storedRevisions([...valid, poisoned])).toEqual(idsOf(valid));
    expect(await storedLatest([...valid, poisoned])).toEqual(idsOf(valid));

    const seqBefore = await h.ctx.db.selectFrom('counters').select('value').where('name', '=', 'change').executeTakeFirstOrThrow();
    const replay = await push(body);
    expect(statuses(replay.json())).toEqual(['duplicate', 'rejected', 'duplicate', 'rejected', 'duplicate']);
    expectRefused((replay.json() as PushResponse).results[1], poisoned, 1);
    expect(await storedRevisions([...valid, poisoned])).toEqual(idsOf(valid));
    const seqAfter = await h.ctx.db.selectFrom('counters').select('value').where('name', '=', 'change').executeTakeFirstOrThrow();
    expect(Number(seqAfter.value)).toBe(Number(seqBefore.value));

    const batches = await h.ctx.db.selectFrom('batches').select(['response', 'record_count']).where('id', '=', body.batchId).execute();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.record_count).toBe(5);
    expect((JSON.parse(batches[0]!.response) as PushResult[]).map((r) => r.status)).toEqual(statuses(first.json()));
  });

  it('leaves nothing of a record refused at a later step of its transaction (the latest-revision row)', async () => {
    const valid = someRecords(worker.author(team), 2);
    const poisoned = marked('refuse-latest');
    const res = await push(batch(worker.deviceKey, [poisoned, ...valid]));
    expect(statuses(res.json())).toEqual(['rejected', 'accepted', 'accepted']);
    expectRefused((res.json() as PushResponse).results[0], poisoned, 0);
    // Its revision row was inserted before the refusal, and rolled back with it.
    expect(await storedRevisions([poisoned])).toEqual([]);
    const facts = await h.ctx.db.selectFrom('facts').select('record_id').where('record_id', '=', poisoned.id).execute();
    expect(facts).toEqual([]);
  });

  it('keeps exactly-once when copies of a batch with a refused record race', async () => {
    const baseUrl = await h.listen();
    const valid = someRecords(worker.author(team), 6);
    const body = batch(worker.deviceKey, [...valid.slice(0, 3), marked('refuse-revision'), ...valid.slice(3)]);
    const answers = await Promise.all(Array.from({ length: 6 }, () => httpPush(baseUrl, worker.token, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (let i = 0; i < 7; i++) {
      const seen = answers.map((a) => a.json.results[i]!.status);
      if (i === 3) expect(seen).toEqual(Array(6).fill('rejected'));
      else {
        expect(seen.filter((s) => s === 'accepted'), `record ${i}: ${seen.join(',')}`).toHaveLength(1);
        expect(seen.filter((s) => s === 'duplicate')).toHaveLength(5);
      }
    }
    const rows = await h.ctx.db.selectFrom('record_revisions').select('record_id').where('record_id', 'in', valid.map((r) => r.id)).execute();
    expect(rows).toHaveLength(valid.length);
  });

  it('answers a failure that is not the record’s (a lost connection, a bug) with a 500 and rejects nothing', async () => {
    const records = someRecords(worker.author(team), 3);
    const body = batch(worker.deviceKey, [...records, marked('refuse-revision')]);
    h.hooks.afterTriage = async () => {
      throw new Error('connection lost (simulated)');
    };
    const failed = await push(body);
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toMatchObject({ error: { code: 'internal' } });
    expect(await storedRevisions(records)).toEqual([]);
    delete h.hooks.afterTriage;

    const retried = await push(body);
    expect(statuses(retried.json())).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
  });

  it.runIf(backend.name === 'postgresql')('treats a database error of another class (disk full) as the server’s, not the record’s', async () => {
    await refuseRowsMarked('record_revisions', 'disk-full', '53100');
    const records = someRecords(worker.author(team), 2);
    const body = batch(worker.deviceKey, [...records, marked('disk-full')]);
    const res = await push(body);
    expect(res.statusCode).toBe(500);
    expect(await storedRevisions(records)).toEqual([]);
  });
});
