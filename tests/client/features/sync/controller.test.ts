import { describe, expect, it } from 'vitest';
import { freshDb, serviceLog } from '../../support';
import { runSync } from '../../../../src/client/features/sync/controller';
import { getLiveSync } from '../../../../src/client/features/sync/liveState';
import { currentAuthor, finishLogin, getSession, saveLocalIdentity } from '../../../../src/client/data/session';
import { listRecords } from '../../../../src/client/data/recordRead';
import { saveRecord } from '../../../../src/client/data/recordStore';
import { syncInfo } from '../../../../src/client/data/status';
import { dropKey, hideData } from '../../../../src/client/data/vault/lockState';
import type { SyncTransport, TransportFailure } from '../../../../src/shared/sync/engine';
import { createRecord } from '../../../../src/shared/records/build';
import { BadAnswerError } from '../../../../src/client/data/answers';
import { en } from '../../../../src/client/locales/en';
import { uk } from '../../../../src/client/locales/uk';
import type { LoginResponse } from '../../../../src/shared/sync/protocol';

const login: LoginResponse = {
  token: 'token-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'user-1', email: 'o@example.com', displayName: 'Олена', role: 'field_worker', teams: [{ id: 'team-1', name: 'Бригада' }] },
};

function failing(failure: TransportFailure): () => SyncTransport {
  return () => ({ push: async () => ({ ok: false, failure }), pull: async () => ({ ok: false, failure }) });
}

const working = (seen: string[]) => (token: string): SyncTransport => ({
  async push(request) {
    seen.push(token);
    return { ok: true, value: { protocolVersion: 1, batchId: request.batchId, results: request.records.map((r) => ({ status: 'accepted', id: r.id, revision: r.revision })) } };
  },
  async pull() {
    return { ok: true, value: { protocolVersion: 2, catalogueVersion: 'v', cursor: 'c', reset: false, hasMore: false, records: [], verdicts: [] } };
  },
});

describe('one sync of the device', () => {
  it('does nothing without a server login', async () => {
    freshDb();
    expect(await runSync({ transport: failing({ kind: 'offline' }) })).toBe('skipped');
    await saveLocalIdentity({ displayName: 'Олена', teamName: 'Бригада', role: 'field_worker' });
    expect(await runSync({ transport: failing({ kind: 'offline' }) })).toBe('skipped');
  });

  it('while the app is locked, skips without reading or sending anything', async () => {
    const db = freshDb();
    await finishLogin(login, 'team-1');
    await saveRecord('r', serviceLog(2), 'ready', await currentAuthor());
    hideData();
    dropKey();
    const seen: string[] = [];
    expect(await runSync({ wait: true, transport: working(seen) })).toBe('skipped');
    expect(seen).toEqual([]);
    expect(await db.outbox.get(['r', 1])).toMatchObject({ state: 'queued' });
    expect(await db.meta.get('lastSyncAt')).toBeUndefined();
  });

  it('uploads with the session token, moves the last sync time and clears the error', async () => {
    freshDb();
    await finishLogin(login, 'team-1');
    await saveRecord('r', serviceLog(2), 'ready', await currentAuthor());
    expect(await runSync({ transport: failing({ kind: 'offline' }) })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'offline' });
    const seen: string[] = [];
    expect(await runSync({ wait: true, transport: working(seen) })).toBe('ok');
    expect(seen).toEqual(['token-1']);
    const info = await syncInfo();
    expect(info.lastSyncAt).not.toBeNull();
    expect(info.lastSyncError).toBeNull();
    expect((await listRecords())[0]!.row.status).toBe('sent');
    expect(getLiveSync().running).toBe(false);
  });

  it('an expired token stops syncing and keeps everything; the user is asked to log in again', async () => {
    freshDb();
    await finishLogin(login, 'team-1');
    await saveRecord('r', serviceLog(2), 'ready', await currentAuthor());
    expect(await runSync({ transport: failing({ kind: 'unauthorized', reason: 'token_expired' }) })).toBe('stopped');
    expect(await getSession()).toMatchObject({ userId: 'user-1', refused: 'token_expired' });
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'token_expired' });
    expect(await listRecords()).toHaveLength(1);
    // No further attempts until a new login.
    const seen: string[] = [];
    expect(await runSync({ transport: working(seen) })).toBe('stopped');
    expect(seen).toEqual([]);
    await finishLogin({ ...login, token: 'token-2' }, 'team-1');
    expect(await runSync({ transport: working(seen) })).toBe('ok');
    expect(seen).toEqual(['token-2']);
  });

  it('says which side must update when the protocol versions do not meet', async () => {
    freshDb();
    await finishLogin(login, 'team-1');
    const text = { uk: 'Сервер ще не знає цієї версії', en: 'The server does not know this version yet' };
    expect(await runSync({ transport: failing({ kind: 'server', status: 422, message: 'x', reason: 'server_too_old', text }) })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'server_too_old' });
    expect(await runSync({ transport: failing({ kind: 'server', status: 426, message: 'x', reason: 'client_too_old' }) })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'client_too_old' });
    // a server of an earlier release answers 426 naming no reason: still this app that is too old
    expect(await runSync({ transport: failing({ kind: 'server', status: 426, message: 'x' }) })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'client_too_old' });
    for (const lang of [uk, en]) for (const key of ['client_too_old', 'server_too_old', 'bad_answer'] as const) expect(lang.sync.error[key].length).toBeGreaterThan(20);
    expect(uk.sync.error.server_too_old).not.toBe(en.sync.error.server_too_old);
  });

  it('keeps the server’s words when it fails', async () => {
    freshDb();
    await finishLogin(login, 'team-1');
    await saveRecord('r', serviceLog(2), 'ready', await currentAuthor());
    const text = { uk: 'Сервер перевантажено', en: 'Server overloaded' };
    expect(await runSync({ transport: failing({ kind: 'server', status: 503, message: 'x', text }) })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'server', text });
  });
});

describe('answers outside their schema', () => {
  const accepting = (request: Parameters<SyncTransport['push']>[0]) => ({
    ok: true as const,
    value: { protocolVersion: 1, batchId: request.batchId, results: request.records.map((r) => ({ status: 'accepted' as const, id: r.id, revision: r.revision })) },
  });

  it('a pull answer with a broken record is a sync error; nothing of it is stored, the cursor stays', async () => {
    const db = freshDb();
    await finishLogin(login, 'team-1');
    await db.meta.put({ key: 'pullCursor', value: { userId: 'user-1', cursor: 'before' } });
    const broken = { ...createRecord(serviceLog(2), { authorId: 'user-2', deviceId: 'd', teamId: 'team-1' }), teamId: '' };
    const transport = (): SyncTransport => ({
      push: async (request) => accepting(request),
      pull: async () => ({ ok: true, value: { protocolVersion: 2, catalogueVersion: 'v9', cursor: 'after', reset: false, hasMore: false, records: [broken], verdicts: [] } as never }),
    });
    expect(await runSync({ transport })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'bad_answer', text: { en: '(pull: records.0.teamId)' } });
    expect(await db.serverRecords.count()).toBe(0);
    expect(await db.meta.get('pullCursor')).toMatchObject({ value: { cursor: 'before' } });
    expect(await db.meta.get('serverCatalogueVersion')).toBeUndefined();
  });

  it('a push answer outside its schema leaves the batch frozen, to be sent again', async () => {
    const db = freshDb();
    await finishLogin(login, 'team-1');
    await saveRecord('r', serviceLog(2), 'ready', await currentAuthor());
    const transport = (): SyncTransport => ({
      push: async (request) => ({ ok: true, value: { protocolVersion: 1, batchId: request.batchId, results: [{ status: 'stored', id: 'r', revision: 1 }] } as never }),
      pull: async () => ({ ok: false, failure: { kind: 'offline' } }),
    });
    expect(await runSync({ transport })).toBe('failed');
    expect((await syncInfo()).lastSyncError).toMatchObject({ code: 'bad_answer', text: { en: '(push: 0.status)' } });
    // The record waits again; the revision stays frozen, to be resent as it was.
    expect((await listRecords())[0]!.row.status).toBe('ready');
    expect(await db.outbox.get(['r', 1])).toMatchObject({ state: 'sending' });
    expect(await runSync({ transport: working([]) })).toBe('ok');
    expect((await listRecords())[0]!.row.status).toBe('sent');
  });

  it('a push that never got an answer leaves no record "sending": they wait again, frozen as sent, and go at the next sync', async () => {
    const db = freshDb();
    await finishLogin(login, 'team-1');
    const author = await currentAuthor();
    await saveRecord('a', serviceLog(2), 'ready', author);
    await saveRecord('b', serviceLog(3), 'ready', author);
    const sent: string[][] = [];
    // The request goes out and the connection drops before the answer (the server unreachable).
    const dropping = (): SyncTransport => ({
      push: async (request) => {
        sent.push(request.records.map((r) => `${r.id}:${String(r.revision)}`));
        return { ok: false, failure: { kind: 'offline' } };
      },
      pull: async () => ({ ok: false, failure: { kind: 'offline' } }),
    });
    expect(await runSync({ transport: dropping })).toBe('failed');
    expect(sent).toEqual([['a:1', 'b:1']]);
    expect((await listRecords()).map((r) => r.row.status).sort()).toEqual(['ready', 'ready']);
    expect(await db.records.where('status').equals('sending').count()).toBe(0);
    expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(['sending', 'sending']);
    // An edit meanwhile is the next revision: the frozen one may be on the server already.
    expect((await saveRecord('a', serviceLog(5), 'ready', author)).revision).toBe(2);
    // A device failure (not the network) releases them too.
    const broken = (): SyncTransport => ({ push: async () => Promise.reject(new Error('disk')), pull: async () => ({ ok: false, failure: { kind: 'offline' } }) });
    expect(await runSync({ transport: broken })).toBe('failed');
    expect(await db.records.where('status').equals('sending').count()).toBe(0);
    const seen: string[] = [];
    expect(await runSync({ wait: true, transport: working(seen) })).toBe('ok');
    expect((await listRecords()).map((r) => r.row.status)).toEqual(['sent', 'sent']);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a login answer outside its schema stores no session', async () => {
    const db = freshDb();
    const { user: _user, ...withoutUser } = login;
    await expect(finishLogin({ ...withoutUser, user: { ...login.user, role: 'owner' } } as never, 'team-1')).rejects.toBeInstanceOf(BadAnswerError);
    expect(await db.session.count()).toBe(0);
  });
});
