import { describe, expect, it } from 'vitest';
import { freshDb } from '../support';
import { FieldDb, setDatabase } from '../../../src/client/data/db';
import { deleteDraft, flushDrafts, listDraftKeys, loadDraft, saveDraft } from '../../../src/client/data/drafts';

describe('drafts', () => {
  it('saves on every change and restores the last state after a reload', async () => {
    const db = freshDb();
    for (let i = 1; i <= 25; i++) void saveDraft({ key: 'event:new', form: 'event', recordId: 'rec-1', data: { title: 'T'.repeat(i) } });
    await flushDrafts();
    db.close();
    // A reload: a new connection to the same database.
    setDatabase(new FieldDb(db.name));
    const draft = await loadDraft<{ title: string }>('event:new');
    expect(draft).toMatchObject({ form: 'event', recordId: 'rec-1', data: { title: 'T'.repeat(25) } });
  });

  it('keeps one draft per form and removes it when asked', async () => {
    freshDb();
    await saveDraft({ key: 'serviceLog:new', form: 'serviceLog', recordId: 'a', data: { n: 1 } });
    await saveDraft({ key: 'edit:b', form: 'event', recordId: 'b', data: { n: 2 } });
    expect((await listDraftKeys()).map((d) => d.key).sort()).toEqual(['edit:b', 'serviceLog:new']);
    await deleteDraft('serviceLog:new');
    expect(await loadDraft('serviceLog:new')).toBeNull();
    expect(await loadDraft('edit:b')).toMatchObject({ data: { n: 2 } });
  });

  it('does not let an older snapshot land after a newer one', async () => {
    freshDb();
    const writes = [1, 2, 3, 4, 5].map((n) => saveDraft({ key: 'k', form: 'f', recordId: 'r', data: { n } }));
    await Promise.all(writes);
    expect(await loadDraft('k')).toMatchObject({ data: { n: 5 } });
  });
});
