import { createRecord } from '../../../../src/shared/records/build';
import type { FieldRecord, RecordContent } from '../../../../src/shared/records/schemas';

/**
 * A device database as release 3 (schema version 3, before encryption at rest) left it, built
 * as that release's code wrote its rows: bodies `{ codec: 'plain' }`, reasons, verdicts, the
 * session with its token and the last sync error in the clear; an upload in flight with its frozen
 * body, queued uploads, a draft, a returned record with the supervisor's comment, a team record
 * pulled from the server. Pure data, so the unit tests (fake IndexedDB) and the browser test
 * (real Chromium) write the very same rows. Every free text carries its own canary.
 */

export const RELEASE_3_STORES: { version: number; stores: Record<string, string | null> }[] = [
  { version: 1, stores: { records: 'id, status, measureId, date, updatedAt', drafts: 'key, updatedAt', outbox: '[recordId+revision], recordId, state, queuedAt', session: 'key', meta: 'key' } },
  { version: 2, stores: { records: 'id, status, measureId, date, updatedAt, kind, authorId', outbox: '[recordId+revision], recordId, state, queuedAt, batchId', catalogues: 'id' } },
  { version: 3, stores: { serverRecords: 'id, teamId, authorId, measureId, date, updatedAt' } },
];

export interface Who {
  userId: string;
  teamId: string;
  teamName: string;
  deviceId: string;
  email: string;
  displayName: string;
  token: string;
}

/** One canary per free text, each with a random part that has no repeated pair of characters. */
export function canaries(seed = Math.random().toString(36).slice(2)) {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const part = (label: string) => {
    let s = '';
    const pairs = new Set<string>();
    let i = 0;
    while (s.length < 14) {
      const c = alphabet[(seed.charCodeAt(i % seed.length) * 31 + label.charCodeAt(i % label.length) * 17 + i * 7 + Math.floor(Math.random() * alphabet.length)) % alphabet.length]!;
      const pair = (s.at(-1) ?? '') + c;
      i++;
      if (pair.length === 2 && pairs.has(pair)) continue;
      pairs.add(pair);
      s += c;
    }
    return `${label}${s}`;
  };
  return {
    title: part('kTitle'),
    place: part('kPlace'),
    organiser: part('kOrg'),
    platform: part('kPlat'),
    documentRef: part('kDoc'),
    draftTitle: part('kDraft'),
    comment: part('kComment'),
    serverTitle: part('kServer'),
    serverComment: part('kSrvCom'),
    syncError: part('kSyncErr'),
    lastError: part('kLastErr'),
  };
}
export type Canaries = ReturnType<typeof canaries>;

const T0 = new Date('2023-06-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export function eventContent(title: string, venue: { place: string } | { platform: string }, organiser: string): RecordContent {
  return {
    kind: 'event',
    measureId: '1.1',
    title,
    format: 'training',
    startDate: '2023-03-01',
    endDate: '2023-03-01',
    venue: 'place' in venue ? { mode: 'in_person', place: venue.place, district: 'holosiivskyi' } : { mode: 'online', platform: venue.platform },
    organiser,
    attendance: { cells: [{ sex: 'female', ageBand: '18-34', group: 'not_stated', count: 3 }], total: 3 },
    materials: { produced: 1, distributed: 10 },
  };
}

const plain = (data: unknown) => ({ codec: 'plain', data });

/** Release 3's record row for a record (recordStore.rowFor as it was, plus the v2 upgrade's fields). */
function row(record: FieldRecord, status: string, extra: Record<string, unknown> = {}) {
  const date = record.kind === 'serviceLog' ? record.date : record.kind === 'event' ? record.startDate : record.periodStart;
  return {
    id: record.id, kind: record.kind, measureId: record.measureId, date, authorId: record.authorId, teamId: record.teamId,
    createdAt: record.createdAt, updatedAt: record.updatedAt, revision: record.revision, deleted: record.deleted,
    status, reason: null, syncedRevision: null, localVersion: 1, payload: plain(record), ...extra,
  };
}

export function release3Rows(c: Canaries, who: Who) {
  const author = { authorId: who.userId, teamId: who.teamId, deviceId: who.deviceId };
  const sending = createRecord(eventContent(c.title, { place: c.place }, c.organiser), author, at(1));
  const queuedOnline = createRecord(eventContent('Вебінар 1325', { platform: c.platform }, 'Центр соціальних служб'), author, at(2));
  const report = createRecord(
    { kind: 'indicatorReport', measureId: '3.1', indicatorId: '3.1.i1', periodStart: '2021-01-01', periodEnd: '2021-12-31', value: { type: 'deliverable', done: true, documentRef: c.documentRef } },
    author,
    at(3),
  );
  const returned = createRecord(
    { kind: 'serviceLog', measureId: '7.3', indicatorId: '7.3.i1', date: '2023-05-02', district: 'holosiivskyi', serviceType: 'psychosocial_consultation', served: { cells: [{ sex: 'female', ageBand: '18-34', group: 'idp', count: 4 }], total: 4 } },
    author,
    at(4),
  );
  const review = { status: 'returned', revision: 1, comment: c.comment, reviewedAt: at(30).toISOString(), reviewerId: 'boss' };
  const teamRecord = createRecord(eventContent(c.serverTitle, { platform: 'Zoom' }, 'Інша бригада'), { authorId: 'someone-else', teamId: who.teamId, deviceId: 'another-device' }, at(5));
  const batchId = '0190f5c8-0000-7000-8000-00000000b001';

  const records = [
    row(sending, 'sending'),
    row(queuedOnline, 'ready'),
    row(report, 'ready'),
    row(returned, 'returned', {
      syncedRevision: 1,
      localVersion: 3,
      review,
      reason: { code: 'review_returned', message: { uk: `Керівник повернув запис на виправлення: ${c.comment}`, en: `The supervisor returned this record for correction: ${c.comment}` } },
    }),
  ];
  const outbox = [
    { recordId: sending.id, revision: 1, state: 'sending', queuedAt: sending.updatedAt, batchId, frozen: plain(sending), attempts: 1, lastError: `timeout while sending ${c.lastError}` },
    { recordId: queuedOnline.id, revision: 1, state: 'queued', queuedAt: queuedOnline.updatedAt, batchId: null, frozen: null, attempts: 0, lastError: null },
    { recordId: report.id, revision: 1, state: 'queued', queuedAt: report.updatedAt, batchId: null, frozen: null, attempts: 0, lastError: null },
  ];
  const drafts = [
    {
      key: 'event:new', form: 'event', recordId: '0190f5c8-0000-7000-8000-00000000d001', updatedAt: at(6).toISOString(),
      // what the event form's autosave wrote (EventDraft): typed, not saved yet
      payload: plain({
        values: {
          kind: 'event', measureId: '1.1', title: c.draftTitle, format: 'training', startDate: '2023-03-01', endDate: '2023-03-01',
          venue: { mode: 'in_person', place: '', district: '', platform: '' }, organiser: '', attendance: { cells: [], total: 0 }, materials: { produced: 0, distributed: 0 },
        },
        tally: { counts: {}, history: [] },
        mode: 'type',
      }),
    },
  ];
  const serverRecords = [{ ...row(teamRecord, 'sent', { syncedRevision: 1 }), review: { status: 'approved', revision: 1, comment: c.serverComment, reviewedAt: at(31).toISOString(), reviewerId: 'boss' } }];
  const session = [
    {
      key: 'current', userId: who.userId, displayName: who.displayName, role: 'field_worker', teamId: who.teamId, teamName: who.teamName,
      source: 'server', email: who.email, token: who.token, expiresAt: '2099-01-01T00:00:00.000Z', updatedAt: at(0).toISOString(),
      teams: [{ id: who.teamId, name: who.teamName }], refused: null,
    },
  ];
  const meta = [
    { key: 'deviceId', value: who.deviceId },
    { key: 'serverLoginAt', value: at(0).toISOString() },
    { key: 'lastSyncAt', value: at(10).toISOString() },
    { key: 'lastSyncError', value: { code: 'server', text: { uk: `Помилка: ${c.syncError}`, en: `Error: ${c.syncError}` }, at: at(20).toISOString() } },
  ];
  return { records, outbox, drafts, serverRecords, session, meta, ids: { sending: sending.id, queuedOnline: queuedOnline.id, report: report.id, returned: returned.id, teamRecord: teamRecord.id }, bodies: { sending, queuedOnline, report, returned, teamRecord } };
}
export type Release3Rows = ReturnType<typeof release3Rows>;
