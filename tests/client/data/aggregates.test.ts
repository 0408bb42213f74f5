import { describe, expect, it } from 'vitest';
import { event, freshDb, serviceLog, testKey } from '../support';
import { FieldDb, LATEST_SCHEMA_VERSION, setDatabase } from '../../../src/client/data/db';
import { deviceBuckets, deviceFacts, forgetOpenedAggregates, rebuildAggregates } from '../../../src/client/data/aggregates';
import { isFigures, type Figures } from '../../../src/client/data/bucketFigures';
import { readDeviceRecords } from '../../../src/client/data/deviceRecords';
import { deleteRecord, rowFor, saveRecord } from '../../../src/client/data/recordStore';
import { deviceSyncStore } from '../../../src/client/data/syncStore';
import { getCodec, setCodec } from '../../../src/client/data/codec';
import { holdKey } from '../../../src/client/data/vault/lockState';
import { bucketsReport, deviceReport, deviceReportRecords, factsReport } from '../../../src/client/features/reports/reportModel';
import { defaultCatalogue } from '../../../src/shared/plan';
import { beforeContacts } from '../../shared/reports/fixtures';
import { createRecord, reviseRecord } from '../../../src/shared/records/build';
import type { FieldRecord, ServiceLogContent } from '../../../src/shared/records/schemas';
import type { PullResponse, PushResult, ReviewVerdict } from '../../../src/shared/sync/protocol';
import type { ReportFilter } from '../../../src/shared/reports/query';
import type { StatusedFact } from '../../../src/shared/reports/query';

/**
 * The device report's aggregates: kept incrementally on every write path, they give exactly the
 * figures a report made from every record gives (the way the device computed it before), and
 * exactly what a rebuild from the records gives; an upgraded device starts with every bucket stale.
 */

const me = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };
const accepted = (r: FieldRecord): PushResult => ({ status: 'accepted', id: r.id, revision: r.revision });
const pull = (over: Partial<PullResponse> = {}): PullResponse => ({
  protocolVersion: 1, catalogueVersion: 'kyiv-2021-2023@3', cursor: 'c1', reset: false, hasMore: false, records: [], verdicts: [], ...over,
});
const verdict = (recordId: string, revision: number, status: ReviewVerdict['status']): ReviewVerdict => ({
  recordId, revision, status, comment: status === 'approved' ? null : 'check', reviewerId: 'boss', reviewedAt: '2023-06-01T10:00:00.000Z',
});

function served(date: string, women: number, men = 0, district = 'not_stated'): ServiceLogContent {
  const cells = [
    ...(women ? [{ sex: 'female', ageBand: '18-34', group: 'idp', count: women }] : []),
    ...(men ? [{ sex: 'male', ageBand: '35-59', group: 'veterans', count: men }] : []),
  ];
  return { ...serviceLog(0), date, district, served: { cells, total: women + men } } as ServiceLogContent;
}

const filters: ReportFilter[] = [
  { year: 2023, period: { kind: 'year' }, includePending: true },
  { year: 2023, period: { kind: 'year' }, includePending: false },
  { year: 2023, period: { kind: 'quarter', quarter: 2 }, includePending: true },
  { year: 2023, period: { kind: 'month', month: 5 }, includePending: true, teamId: 'team-1' },
  { year: 2023, period: { kind: 'year' }, includePending: true, district: 'not_stated' },
];

/** Every report the screen makes, from the aggregates and from every record decoded: equal. */
async function expectSameReports(): Promise<void> {
  const records = deviceReportRecords(await readDeviceRecords());
  const facts = await deviceFacts();
  for (const filter of filters) {
    const fromRecords = await deviceReport(defaultCatalogue, records, filter, '2023-12-31');
    expect(await factsReport(defaultCatalogue, facts, filter, '2023-12-31')).toEqual(fromRecords);
    // twice: the second one from what each bucket's rows were worked out to the first time
    expect(await bucketsReport(defaultCatalogue, await deviceBuckets(), filter, '2023-12-31')).toEqual(fromRecords);
    expect(await bucketsReport(defaultCatalogue, await deviceBuckets(), filter, '2023-12-31')).toEqual(fromRecords);
  }
}

/** The people the facts count (a service log's contacts are facts of their own). */
const persons = (facts: readonly { source: string; value: number }[]) => facts.filter((f) => f.source === 'servicePersons').reduce((s, f) => s + f.value, 0);

/** The facts as sums by every key but the record, order-free. */
function sums(facts: readonly StatusedFact[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of facts) {
    const key = [f.measureId, f.source, f.indicatorId, f.date.slice(0, 7), f.teamId, f.district, f.sex, f.ageBand, f.group, f.sphere, f.documentRef, f.status].join('|');
    out[key] = (out[key] ?? 0) + f.value;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
}

async function expectIncrementalIsRebuilt(): Promise<void> {
  const incremental = sums(await deviceFacts());
  await rebuildAggregates();
  expect(sums(await deviceFacts())).toEqual(incremental);
}

describe('report aggregates on the device', () => {
  it('follow every write path exactly: saves, edits, drafts, deletes, uploads, verdicts, pulls, a reset', async () => {
    const db = freshDb();
    const store = deviceSyncStore(me.authorId);
    await saveRecord('a', served('2023-05-02', 3), 'ready', me);
    await saveRecord('b', served('2023-05-20', 2, 1), 'ready', me);
    await saveRecord('c', event(), 'ready', me);
    await saveRecord('d', served('2023-07-01', 5), 'draft', me); // a draft never counts
    await expectSameReports();
    expect(await db.aggregates.count()).toBeGreaterThan(0);

    // An edit in place that moves the record to another month, and a draft made ready.
    await saveRecord('a', served('2023-06-11', 4, 2), 'ready', me);
    await saveRecord('d', served('2023-07-01', 5), 'ready', me);
    await expectSameReports();

    // Uploaded and answered; then an edit after the upload is the next revision.
    const batch = await store.pendingUploads(100);
    await store.applyPushResults(batch, batch.map(accepted));
    await saveRecord('b', served('2023-05-20', 9), 'ready', me);
    await expectSameReports();

    // A supervisor's verdicts: approved counts without includePending, returned does not.
    await store.applyPull(pull({ verdicts: [verdict('a', 1, 'approved'), verdict('c', 1, 'returned'), verdict('d', 1, 'approved')] }));
    await expectSameReports();

    // The team's records from the server, one of them later revised and one deleted.
    const team = { authorId: 'user-2', deviceId: 'device-2', teamId: 'team-2' };
    const t1 = createRecord(served('2023-05-03', 7), team, new Date('2023-05-03T10:00:00Z'));
    const t2 = createRecord(served('2023-08-09', 1, 1), team, new Date('2023-08-09T10:00:00Z'));
    await store.applyPull(pull({ cursor: 'c2', records: [t1, t2], verdicts: [verdict(t1.id, 1, 'approved')] }));
    await expectSameReports();
    const t1b = reviseRecord(t1, { content: served('2023-09-03', 2) }, new Date('2023-09-04T10:00:00Z'));
    const t2gone = reviseRecord(t2, { deleted: true }, new Date('2023-09-05T10:00:00Z'));
    await store.applyPull(pull({ cursor: 'c3', records: [t1b, t2gone] }));
    await expectSameReports();

    // Deletes: one never sent goes at once; one sent becomes a tombstone, then goes once synced.
    await saveRecord('e', served('2023-05-02', 1), 'ready', me);
    expect(await deleteRecord('e', me)).toBe('removed');
    expect(await deleteRecord('a', me)).toBe('tombstone');
    await expectSameReports();
    const tombstones = await store.pendingUploads(100);
    await store.applyPushResults(tombstones, tombstones.map(accepted));
    await expectSameReports();

    // The scope changed: the server starts over and the device drops every server copy.
    await store.applyPull(pull({ cursor: 'c4', reset: true, records: [t1b] }));
    await expectSameReports();
    await expectIncrementalIsRebuilt();
  });

  it('never stores figures another write made stale meanwhile, and seals them like a body', async () => {
    const db = freshDb();
    await saveRecord('a', served('2023-05-02', 3), 'ready', me);
    const [bucket] = await db.aggregates.toArray();
    expect(bucket).toMatchObject({ key: '2023-05|7.3', stale: true, sealed: null });
    await deviceFacts();
    const fresh = (await db.aggregates.get('2023-05|7.3'))!;
    expect(fresh.stale).toBe(false);
    expect(fresh.sealed?.codec).toBe('aes-gcm-1');
    // No count in the clear: the row shows only what the records' rows show; the figures are ciphertext.
    expect(Object.keys(fresh).sort()).toEqual(['key', 'mark', 'measureId', 'month', 'sealed', 'stale']);
    const bytes = new TextDecoder().decode((fresh.sealed!.data as { ct: ArrayBuffer }).ct);
    expect(bytes).not.toMatch(/female|idp|servicePersons/);

    // A write lands while the bucket's figures are being sealed (between reading its rows and
    // storing): the figures read are not stored, the bucket stays stale, the next read counts it.
    await saveRecord('b', served('2023-05-09', 2), 'ready', me);
    expect((await db.aggregates.get('2023-05|7.3'))!.stale).toBe(true);
    const real = getCodec();
    let interfere = true;
    setCodec({
      id: real.id,
      decode: (v) => real.decode(v),
      encode: async (value) => {
        if (interfere && isFigures(value)) {
          interfere = false;
          await saveRecord('c', served('2023-05-12', 4), 'ready', me);
        }
        return real.encode(value);
      },
    });
    try {
      const facts = await deviceFacts();
      expect(persons(facts)).toBe(5);
      expect((await db.aggregates.get('2023-05|7.3'))!.stale).toBe(true);
    } finally {
      setCodec(real);
    }
    expect(persons(await deviceFacts())).toBe(9);
    await expectSameReports();
  });

  it('recompute a bucket an earlier release sealed in its own form (bare cells), and store it in the current one', async () => {
    const db = freshDb();
    await saveRecord('a', served('2023-05-02', 3), 'ready', me);
    await saveRecord('d', served('2023-05-07', 5), 'draft', me);
    await deviceFacts();
    // As release 6 sealed it: the report's cells alone, without the plan's authors or the review counts.
    const old = [['servicePersons', null, '2023-05', 'team-1', 'not_stated', 'female', '18-34', 'idp', 'not_stated', null, 'pending', 3]];
    await db.aggregates.update('2023-05|7.3', { sealed: await getCodec().encode(old) });
    forgetOpenedAggregates();
    const [bucket] = await deviceBuckets();
    expect(persons(bucket!.ownFacts)).toBe(8);
    expect(bucket!.tallies).toEqual([{ teamId: 'team-1', status: 'pending', endMonth: '2023-05', count: 1 }]);
    expect(isFigures(await getCodec().decode((await db.aggregates.get('2023-05|7.3'))!.sealed!))).toBe(true);
    await expectSameReports();
  });

  it("recompute a bucket sealed before events had an audience (format 2), so 16.3's breakdown includes its events", async () => {
    const db = freshDb();
    const audienceEvent = { ...event(), measureId: '16.3', attendance: { cells: [{ sex: 'female', ageBand: '36-59', group: 'parent', count: 4 }], total: 4 } };
    await saveRecord('e', audienceEvent, 'ready', me);
    await deviceFacts();
    const key = '2023-03|16.3';
    const sealed = (await getCodec().decode((await db.aggregates.get(key))!.sealed!)) as Figures;
    expect(sealed.cells.some((c) => c[0] === 'eventAudience')).toBe(true);
    // As the release before sealed it: format 2, no audience facts.
    const before = { ...sealed, format: 2, cells: sealed.cells.filter((c) => c[0] !== 'eventAudience') };
    await db.aggregates.update(key, { sealed: await getCodec().encode(before) });
    forgetOpenedAggregates();
    const [bucket] = await deviceBuckets();
    expect(bucket!.ownFacts.filter((f) => f.source === 'eventAudience').map((f) => `${f.sex}/${f.group}`).sort()).toEqual(['*/*', '*/parent', 'female/*', 'female/parent']);
    await expectSameReports();
  });

  it('start stale on a device upgraded from schema 5, and give the figures its records give', async () => {
    const name = `aggregates-upgrade-${Date.now()}`;
    const v5 = new FieldDb(name, { upTo: 5 });
    setDatabase(v5);
    holdKey(testKey, 'test-vault');
    await v5.open();
    const rows = [];
    for (const [i, content] of [served('2023-05-02', 3), served('2023-05-30', 1, 4), served('2023-11-02', 2), event()].entries()) {
      const record = createRecord(content, me, new Date(`2023-0${i + 1}-01T10:00:00Z`));
      rows.push(rowFor(record, i === 3 ? 'draft' : 'sent', null, await getCodec().encode(record)));
    }
    await v5.records.bulkPut(rows);
    v5.close();

    const current = new FieldDb(name);
    setDatabase(current);
    await current.open();
    const buckets = await current.aggregates.orderBy('key').toArray();
    expect(buckets.map((b) => [b.key, b.stale])).toEqual([['2023-03|1.1', true], ['2023-05|7.3', true], ['2023-11|7.3', true]]);
    await expectSameReports();
    expect((await current.aggregates.toArray()).every((b) => !b.stale)).toBe(true);
    // The draft's bucket holds no figure: drafts never count.
    expect((await deviceFacts()).filter((f) => f.measureId === '1.1')).toEqual([]);
  });

  it('recount every bucket on a device upgraded from schema 6: old figures as they were, and the contacts of 16.2 and 17.3 appear', async () => {
    const name = `aggregates-contacts-${Date.now()}`;
    const v6 = new FieldDb(name, { upTo: 6 });
    setDatabase(v6);
    holdKey(testKey, 'test-vault');
    await v6.open();
    // Records as the release before saved them: no contacts; 16.2 one against each indicator.
    const log = (measureId: string, indicatorId: string, date: string, women: number, men: number) =>
      ({ ...served(date, women, men, 'podilskyi'), measureId, indicatorId }) as ServiceLogContent;
    await saveRecord('a', log('16.2', '16.2.i1', '2023-05-02', 3, 1), 'ready', me);
    await saveRecord('b', log('16.2', '16.2.i2', '2023-06-10', 2, 0), 'ready', me);
    await saveRecord('c', log('17.3', '17.3.i1', '2023-06-11', 1, 2), 'ready', me);
    await saveRecord('d', served('2023-05-20', 4), 'ready', me);
    await deviceFacts();
    // Sealed as that release sealed them: persons only, no contacts facts.
    for (const row of await v6.aggregates.toArray()) {
      const figures = (await getCodec().decode(row.sealed!)) as Figures;
      const old: Figures = { ...figures, cells: figures.cells.filter((c) => c[0] !== 'serviceContacts') };
      await v6.aggregates.put({ ...row, sealed: await getCodec().encode(old) });
    }
    forgetOpenedAggregates();
    const filter: ReportFilter = { year: 2023, period: { kind: 'year' }, includePending: true };
    // What that release's report said: its plan had every contacts indicator read the persons.
    const before = await bucketsReport(beforeContacts(defaultCatalogue), await deviceBuckets(), filter, '2023-12-31');
    expect((await deviceFacts()).some((f) => f.source === 'serviceContacts')).toBe(false);
    v6.close();
    forgetOpenedAggregates();

    const current = new FieldDb(name);
    setDatabase(current);
    await current.open();
    expect(current.verno).toBe(LATEST_SCHEMA_VERSION);
    const buckets = await current.aggregates.orderBy('key').toArray();
    expect(buckets.map((b) => [b.key, b.stale, b.sealed])).toEqual([
      ['2023-05|16.2', true, null], ['2023-05|7.3', true, null], ['2023-06|16.2', true, null], ['2023-06|17.3', true, null],
    ]);
    const after = await bucketsReport(defaultCatalogue, await deviceBuckets(), filter, '2023-12-31');
    // Every figure the report had is the same; the contacts indicators now read contacts, as many as the persons.
    expect(after.measures.map((m) => m.indicators)).toEqual(before.measures.map((m) => m.indicators));
    const value = (id: string) => after.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id)!.value;
    expect([value('16.2.i1'), value('16.2.i2'), value('17.3.i1'), value('17.3.i2'), value('7.3.i1')]).toEqual([6, 6, 3, 3, 4]);
    // every service log has contacts now (7.3's 4 too), though no indicator of 7.3 reads them
    expect((await deviceFacts()).filter((f) => f.source === 'serviceContacts').reduce((s, f) => s + f.value, 0)).toBe(13);
    expect((await current.aggregates.toArray()).every((b) => !b.stale)).toBe(true);
    await expectSameReports();

    // A repeat contact recorded after the upgrade: the two figures part.
    await saveRecord('e', { ...log('16.2', '16.2.i2', '2023-07-01', 0, 0), served: { cells: [{ sex: 'female', ageBand: '35-59', group: 'gbv_survivor', count: 1, contacts: 4 }], total: 1 } }, 'ready', me);
    const later = await bucketsReport(defaultCatalogue, await deviceBuckets(), filter, '2023-12-31');
    const laterValue = (id: string) => later.measures.flatMap((m) => m.indicators).find((i) => i.indicatorId === id)!.value;
    expect([laterValue('16.2.i1'), laterValue('16.2.i2')]).toEqual([10, 7]);
    await expectSameReports();
  });
});
