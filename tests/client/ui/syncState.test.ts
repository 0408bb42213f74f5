import { describe, expect, it } from 'vitest';
import { interpolate, textIn, type MessageTree } from '../../../src/client/app/translate';
import type { SessionRow, SyncInfo, UnsyncedSummary } from '../../../src/client/data';
import { en } from '../../../src/client/locales/en';
import { uk } from '../../../src/client/locales/uk';
import { syncSummary, type SyncFacts } from '../../../src/client/ui/syncState';

const session = { source: 'server', refused: null, userId: 'u', role: 'field_worker' } as unknown as SessionRow;
const idle = { running: false, phase: null, done: 0, total: 0 } as const;
const none = { draft: 0, ready: 0, sending: 0, returned: 0, rejected: 0, conflict: 0 };
const unsynced = (by: Partial<typeof none>): UnsyncedSummary => {
  const byStatus = { ...none, ...by };
  return { count: Object.values(byStatus).reduce((a, n) => a + n, 0), oldestAt: '2026-12-01T08:00:00.000Z', newestAt: '2026-12-01T09:00:00.000Z', byStatus };
};
const good: SyncInfo = { lastSyncAt: '2026-12-01T09:00:00.000Z', lastSyncError: null, serverCatalogueVersion: null };
const failed: SyncInfo = { ...good, lastSyncError: { code: 'offline', at: '2026-12-01T09:05:00.000Z' } };

const facts = (over: Partial<SyncFacts>): SyncFacts => ({ online: true, unsynced: unsynced({}), info: good, session, live: idle, nextRetryAt: null, ...over });

describe('the one sync status', () => {
  it('says "all synced" only when nothing waits and nothing is being sent', () => {
    expect(syncSummary(facts({})).headline).toEqual({ kind: 'synced' });
    expect(syncSummary(facts({ unsynced: unsynced({ ready: 1 }) })).headline).toEqual({ kind: 'waiting' });
    // left "sending" (another tab, a reload mid-request): still not on the server
    expect(syncSummary(facts({ unsynced: unsynced({ sending: 2 }) }))).toMatchObject({ headline: { kind: 'waiting' }, waiting: 2 });
    expect(syncSummary(facts({ live: { running: true, phase: 'push', done: 1, total: 3 } })).headline).toEqual({ kind: 'sending', done: 1, total: 3 });
  });

  it('tells no network from a network that does not reach the server, with the last try and the next', () => {
    expect(syncSummary(facts({ online: false, info: failed, unsynced: unsynced({ ready: 2 }) }))).toMatchObject({ headline: { kind: 'offline' }, waiting: 2 });
    expect(syncSummary(facts({ info: failed, unsynced: unsynced({ ready: 2 }), nextRetryAt: 1234 })).headline).toEqual({
      kind: 'unreachable',
      code: 'offline',
      at: failed.lastSyncError!.at,
      nextRetryAt: 1234,
    });
    // even with nothing waiting, a failing server is not "all synced"
    expect(syncSummary(facts({ info: failed })).headline.kind).toBe('unreachable');
  });

  it('counts a returned record as returned, not as waiting; drafts and set-aside records apart', () => {
    const s = syncSummary(facts({ unsynced: unsynced({ returned: 1, rejected: 1, conflict: 1, draft: 2 }) }));
    expect(s).toMatchObject({ headline: { kind: 'synced' }, waiting: 0, returned: 1, setAside: 2, drafts: 2 });
  });

  it('without a server login, or with a refused one, says so rather than offline or synced', () => {
    expect(syncSummary(facts({ session: null })).headline).toEqual({ kind: 'local' });
    // the network is still told as it is
    expect(syncSummary(facts({ session: null, online: false }))).toMatchObject({ headline: { kind: 'local' }, online: false });
    expect(syncSummary(facts({ session: { ...session, refused: 'token_expired' } as SessionRow, online: false })).headline).toEqual({ kind: 'refused', code: 'token_expired' });
    expect(syncSummary(facts({ unsynced: undefined })).headline).toEqual({ kind: 'loading' });
  });
});

describe('counted sync texts', () => {
  const say = (lang: 'uk' | 'en', key: string, count: number) =>
    interpolate(textIn([(lang === 'uk' ? uk : en) as unknown as MessageTree], lang, key, { count }) ?? key, { count, ago: 'щойно' });
  it('take Ukrainian plural forms (1 запис, 2 записи, 5 записів, 21 запис) and English ones', () => {
    expect([1, 2, 5, 11, 21, 22].map((n) => say('uk', 'status.returnedCount', n))).toEqual([
      '1 запис повернуто на виправлення',
      '2 записи повернуто на виправлення',
      '5 записів повернуто на виправлення',
      '11 записів повернуто на виправлення',
      '21 запис повернуто на виправлення',
      '22 записи повернуто на виправлення',
    ]);
    expect(say('uk', 'status.waiting', 5)).toBe('Чекають надсилання 5 записів (найстаріший змінено щойно)');
    expect(say('uk', 'today.reviewWaiting', 3)).toBe('3 записи чекають на перевірку.');
    expect([1, 2].map((n) => say('en', 'status.returnedCount', n))).toEqual(['1 record returned for correction', '2 records returned for correction']);
  });
});
