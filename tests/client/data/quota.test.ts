import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { author, event, freshDb, refuseWrites, serviceLog } from '../support';
import type { FieldDb } from '../../../src/client/data/db';
import { loadDraft, saveDraft } from '../../../src/client/data/drafts';
import { errorText, isQuotaError, StorageFullError } from '../../../src/client/data/errors';
import { listRecords } from '../../../src/client/data/recordRead';
import { deleteRecord, saveRecord } from '../../../src/client/data/recordStore';
import { freezeUploads } from '../../../src/client/data/outbox';

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** How a full disk reaches the app, depending on the browser and on where Dexie catches it. */
const fullDiskErrors: [string, () => unknown][] = [
  ['a DOMException QuotaExceededError', quotaDom],
  ['Dexie.QuotaExceededError', () => new Dexie.QuotaExceededError('quota', quotaDom())],
  ['Dexie.AbortError with the quota error inside', () => new Dexie.AbortError('Transaction aborted', quotaDom())],
  ['an Error whose cause is the quota error', () => new Error('write failed', { cause: quotaDom() })],
];

/** A database whose writes fail while `full.on` is set: a fake disk that fills up. */
function dbWithFakeDisk(makeError: () => unknown): { db: FieldDb; full: { on: boolean } } {
  const full = { on: false };
  const db = freshDb();
  refuseWrites(db, () => (full.on ? makeError() : null));
  return { db, full };
}

describe('isQuotaError', () => {
  it.each(fullDiskErrors)('recognises %s', (_, make) => {
    expect(isQuotaError(make())).toBe(true);
  });

  it('recognises a BulkError whose failures include one', () => {
    expect(isQuotaError(new Dexie.BulkError('bulk', { 3: quotaDom() } as never))).toBe(true);
  });

  it('does not mistake other errors for a full disk', () => {
    expect(isQuotaError(new Dexie.ConstraintError('key exists'))).toBe(false);
    expect(isQuotaError(new Dexie.AbortError('aborted', new Error('other')))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe.each(fullDiskErrors)('a full disk (%s)', (_, makeError) => {
  let fake: ReturnType<typeof dbWithFakeDisk>;
  beforeEach(async () => {
    fake = dbWithFakeDisk(makeError);
    await saveRecord('rec-kept', serviceLog(5), 'ready', author);
    await saveDraft({ key: 'event:new', form: 'event', recordId: 'rec-draft', data: { title: 'before' } });
    fake.full.on = true;
  });

  it('refuses a new record with a clear bilingual message and loses nothing', async () => {
    const error = await saveRecord('rec-new', event(), 'ready', author).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(errorText(error).uk).toMatch(/закінчилося місце/);
    expect(errorText(error).en).toMatch(/out of storage/);
    fake.full.on = false;
    const records = await listRecords();
    expect(records.map((r) => r.row.id)).toEqual(['rec-kept']);
    expect(records[0]!.record.kind === 'serviceLog' && records[0]!.record.served.total).toBe(5);
    expect(await fake.db.outbox.count()).toBe(1);
  });

  it('refuses an edit and keeps the stored version', async () => {
    await expect(saveRecord('rec-kept', serviceLog(9), 'ready', author)).rejects.toBeInstanceOf(StorageFullError);
    await expect(deleteRecord('rec-kept', author)).rejects.toBeInstanceOf(StorageFullError);
    // Starting an upload writes too (the entry turns frozen): refused alike, the record stays queued.
    await expect(freezeUploads(author.authorId, 10)).rejects.toBeInstanceOf(StorageFullError);
    fake.full.on = false;
    const [kept] = await listRecords();
    expect(kept!.record.kind === 'serviceLog' && kept!.record.served.total).toBe(5);
    expect(kept!.row.status).toBe('ready');
    expect(await fake.db.outbox.get(['rec-kept', 1])).toMatchObject({ state: 'queued' });
  });

  it('refuses a draft write and keeps the previous draft', async () => {
    await expect(saveDraft({ key: 'event:new', form: 'event', recordId: 'rec-draft', data: { title: 'after' } })).rejects.toBeInstanceOf(
      StorageFullError,
    );
    fake.full.on = false;
    expect(await loadDraft('event:new')).toMatchObject({ data: { title: 'before' } });
    // Once space is free again, the next write goes through.
    await saveDraft({ key: 'event:new', form: 'event', recordId: 'rec-draft', data: { title: 'after' } });
    expect(await loadDraft('event:new')).toMatchObject({ data: { title: 'after' } });
  });
});
