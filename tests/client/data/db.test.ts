import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { FieldDb, LATEST_SCHEMA_VERSION, schemaVersions, setDatabase } from '../../../src/client/data/db';
import { getRecord } from '../../../src/client/data/recordRead';
import { saveRecord } from '../../../src/client/data/recordStore';
import { author, serviceLog } from '../support';

describe('device database schema', () => {
  it('lists its versions in order, from version 1', () => {
    expect(schemaVersions.map((v) => v.version)).toEqual(schemaVersions.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(schemaVersions.length);
  });

  it('creates every table on a new device', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['aggregates', 'catalogues', 'drafts', 'meta', 'outbox', 'records', 'serverRecords', 'session', 'vault']);
  });

  it('upgrades a version 1 database with its data intact', async () => {
    const name = `migrate-${Date.now()}`;
    const v1 = new FieldDb(name, { upTo: 1 });
    await v1.open();
    expect(v1.verno).toBe(1);
    // Rows as release 1 wrote them: no sync bookkeeping yet.
    await v1.table('records').bulkPut([
      { id: 'r-sent', kind: 'serviceLog', measureId: '7.3', date: '2023-05-02', authorId: 'a', teamId: 't', createdAt: '2023-05-02T10:00:00.000Z', updatedAt: '2023-05-02T10:00:00.000Z', revision: 2, deleted: false, status: 'sent', payload: { codec: 'plain', data: { id: 'r-sent' } } },
      { id: 'r-ready', kind: 'event', measureId: '1.1', date: '2023-03-01', authorId: 'a', teamId: 't', createdAt: '2023-03-01T10:00:00.000Z', updatedAt: '2023-03-01T10:00:00.000Z', revision: 1, deleted: false, status: 'ready', payload: { codec: 'plain', data: { id: 'r-ready' } } },
    ]);
    await v1.table('outbox').put({ recordId: 'r-ready', revision: 1, state: 'queued', queuedAt: '2023-03-01T10:00:00.000Z' });
    await v1.table('drafts').put({ key: 'event:new', form: 'event', recordId: 'x', updatedAt: '2023-03-01T10:00:00.000Z', payload: { codec: 'plain', data: { title: 'half-typed' } } });
    await v1.table('meta').put({ key: 'deviceId', value: 'device-from-v1' });
    v1.close();

    const current = new FieldDb(name);
    setDatabase(current);
    await current.open();
    expect(current.verno).toBe(LATEST_SCHEMA_VERSION);
    const sent = await current.records.get('r-sent');
    expect(sent).toMatchObject({ status: 'sent', revision: 2, syncedRevision: 2, localVersion: 1, reason: null, payload: { data: { id: 'r-sent' } } });
    expect(await current.records.get('r-ready')).toMatchObject({ status: 'ready', syncedRevision: null, localVersion: 1 });
    expect(await current.outbox.get(['r-ready', 1])).toMatchObject({ state: 'queued', attempts: 0, batchId: null, frozen: null, lastError: null });
    expect(await current.drafts.get('event:new')).toMatchObject({ payload: { data: { title: 'half-typed' } } });
    expect(await current.meta.get('deviceId')).toEqual({ key: 'deviceId', value: 'device-from-v1' });
    // Indexes added in version 2 work on migrated rows.
    expect(await current.records.where('kind').equals('event').primaryKeys()).toEqual(['r-ready']);
    expect(await current.catalogues.count()).toBe(0);
  });

  it('keeps records written by the current version across a reopen', async () => {
    const db = freshDb();
    await saveRecord('0190f5c8-0000-7000-8000-000000000001', serviceLog(4), 'ready', author);
    db.close();
    const reopened = new FieldDb(db.name);
    setDatabase(reopened);
    const stored = await getRecord('0190f5c8-0000-7000-8000-000000000001');
    expect(stored?.record.kind === 'serviceLog' && stored.record.served.total).toBe(4);
  });
});
