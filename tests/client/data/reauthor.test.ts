import { describe, expect, it } from 'vitest';
// fake IndexedDB first: Dexie looks for indexedDB when it loads
import { freshDb, serviceLog, event } from '../support';
import Dexie from 'dexie';
import { DB_NAME, FieldDb, getDb, setDatabase } from '../../../src/client/data/db';
import { getRecord, listRecords } from '../../../src/client/data/recordRead';
import { saveRecord } from '../../../src/client/data/recordStore';
import { reauthorLocalRecords } from '../../../src/client/data/reauthor';
import { chooseTeam, countLocalRecords, currentAuthor, finishLogin, getSession, hasLoggedInBefore, markSessionRefused, saveLocalIdentity } from '../../../src/client/data/session';
import { deviceSyncStore } from '../../../src/client/data/syncStore';
import { wipeDevice } from '../../../src/client/data/wipe';
import { contentHashOf } from '../../../src/shared/records/validate';
import type { LoginResponse } from '../../../src/shared/sync/protocol';

const login = (userId = 'user-1'): LoginResponse => ({
  token: 'token-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: {
    id: userId,
    email: `${userId}@example.com`,
    displayName: 'Олена',
    role: 'field_worker',
    teams: [
      { id: 'team-a', name: 'Бригада А' },
      { id: 'team-b', name: 'Бригада Б' },
    ],
  },
});

describe('records made before the first login', () => {
  it('become the logged-in user’s, in the chosen team: same ids and revisions, valid hashes, nothing lost or doubled', async () => {
    const db = freshDb();
    await saveLocalIdentity({ displayName: 'Олена', teamName: 'Бригада 3', role: 'field_worker' });
    const local = await currentAuthor();
    await saveRecord('ready-1', serviceLog(2), 'ready', local);
    await saveRecord('draft-1', event(), 'draft', local);
    expect(await countLocalRecords()).toBe(2);
    expect(await hasLoggedInBefore()).toBe(false);
    // Before login nothing of theirs can be uploaded: the server would refuse a local author.
    expect(await deviceSyncStore('user-1').pendingUploads(100)).toEqual([]);

    const { session, reauthored } = await finishLogin(login(), 'team-b');
    expect(reauthored).toBe(2);
    expect(session).toMatchObject({ source: 'server', userId: 'user-1', teamId: 'team-b', teamName: 'Бригада Б', token: 'token-1', refused: null });
    expect(await hasLoggedInBefore()).toBe(true);
    const records = await listRecords();
    expect(records.map((r) => [r.row.id, r.row.revision, r.row.status]).sort()).toEqual([
      ['draft-1', 1, 'draft'],
      ['ready-1', 1, 'ready'],
    ]);
    for (const { row, record } of records) {
      expect(row).toMatchObject({ authorId: 'user-1', teamId: 'team-b' });
      expect(record).toMatchObject({ authorId: 'user-1', teamId: 'team-b', deviceId: local.deviceId, revision: 1 });
      expect(record.contentHash).toBe(contentHashOf(record));
    }
    expect(await db.outbox.count()).toBe(1);
    expect(await countLocalRecords()).toBe(0);
    // Now they go up, once.
    expect((await deviceSyncStore('user-1').pendingUploads(100)).map((r) => r.id)).toEqual(['ready-1']);
    // Running it again finds nothing to do.
    expect(await reauthorLocalRecords({ authorId: 'user-1', teamId: 'team-b' })).toBe(0);
  });

  it('new records get the chosen team; choosing another team leaves earlier records where they are', async () => {
    freshDb();
    await finishLogin(login(), 'team-a');
    const first = await saveRecord('r1', serviceLog(1), 'ready', await currentAuthor());
    await chooseTeam('team-b');
    await chooseTeam('not-my-team');
    const second = await saveRecord('r2', serviceLog(1), 'ready', await currentAuthor());
    expect([first.teamId, second.teamId]).toEqual(['team-a', 'team-b']);
    expect((await getRecord('r1'))?.row.teamId).toBe('team-a');
  });

  it('keeps the identity when the server refuses the token, and another user’s server copies go at their login', async () => {
    const db = freshDb();
    await finishLogin(login('user-1'), 'team-a');
    await markSessionRefused('token_expired');
    expect(await getSession()).toMatchObject({ userId: 'user-1', refused: 'token_expired' });
    await saveRecord('still-works', serviceLog(1), 'ready', await currentAuthor());
    await db.serverRecords.put({ ...(await db.records.get('still-works'))!, id: 'copy', status: 'sent' });
    await finishLogin(login('user-2'), 'team-a');
    expect(await db.serverRecords.count()).toBe(0);
    expect(await db.records.count()).toBe(1);
  });
});

describe('wiping the device', () => {
  it('deletes the whole database', async () => {
    setDatabase(new FieldDb(DB_NAME));
    await finishLogin(login(), 'team-a');
    await saveRecord('r', serviceLog(1), 'ready', await currentAuthor());
    expect(await Dexie.exists(DB_NAME)).toBe(true);
    await wipeDevice();
    expect(await Dexie.exists(DB_NAME)).toBe(false);
    // The next use starts from nothing.
    expect(await getSession()).toBeNull();
    expect(await getDb().records.count()).toBe(0);
    setDatabase(null);
  });
});
