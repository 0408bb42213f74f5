import Dexie from 'dexie';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { getCodec } from './codec';
import { getDb } from './db';
import { guardWrite } from './errors';
import { getMeta, META } from './meta';
import { throttledLiveQuery } from './throttledQuery';
import { localStatuses, type Encoded, type LocalStatus, type StoredRecordRow } from './rows';

export interface UnsyncedSummary {
  count: number;
  /** when the oldest record the server does not yet have was last changed */
  oldestAt: string | null;
  /** when the latest of them was changed: a save moves it even when the count stays the same */
  newestAt: string | null;
  /** how many of them are in each status: waiting (ready), sending, returned by a supervisor, … */
  byStatus: Readonly<Record<UnsentStatus, number>>;
}

export type UnsentStatus = Exclude<LocalStatus, 'sent'>;

const unsentStatuses = localStatuses.filter((s): s is UnsentStatus => s !== 'sent');

/** The first (or last) change time of records in one status, from the index keys only. */
async function edgeOf(status: LocalStatus, last: boolean): Promise<string | null> {
  let range = getDb().records.where('[status+updatedAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]);
  if (last) range = range.reverse();
  const [key] = (await range.limit(1).keys()) as unknown as [LocalStatus, string][];
  return key ? key[1] : null;
}

const earliest = (xs: (string | null)[]) => xs.reduce<string | null>((a, x) => (x !== null && (a === null || x < a) ? x : a), null);
const latest = (xs: (string | null)[]) => xs.reduce<string | null>((a, x) => (x !== null && (a === null || x > a) ? x : a), null);

/**
 * Records whose latest revision the server does not hold yet (drafts included). Read from
 * indexes, never the rows: a device with thousands unsent counts them without loading them.
 */
export function unsyncedSummary(): Promise<UnsyncedSummary> {
  // One read transaction for the 3 × statuses requests: one each cost a transaction apiece.
  const db = getDb();
  return db.transaction('r', db.records, readUnsynced);
}

async function readUnsynced(): Promise<UnsyncedSummary> {
  const [counts, firsts, lasts] = await Promise.all([
    // One native count per status: `notEqual('sent')` is two ranges, which Dexie counts by walking
    // every key through a cursor (and, in a live query, noting each one): 14 s at 4× throttle for
    // 10,000 unsent records before this.
    Promise.all(unsentStatuses.map((s) => getDb().records.where('status').equals(s).count())),
    Promise.all(unsentStatuses.map((s) => edgeOf(s, false))),
    Promise.all(unsentStatuses.map((s) => edgeOf(s, true))),
  ]);
  const byStatus = Object.fromEntries(unsentStatuses.map((s, i) => [s, counts[i] ?? 0])) as Record<UnsentStatus, number>;
  return { count: counts.reduce((a, n) => a + n, 0), oldestAt: earliest(firsts), newestAt: latest(lasts), byStatus };
}

/** The unsynced summary may be read again at most this often while records keep changing (a sync writes a batch every ~0.1 s). */
export const UNSYNCED_GAP_MS = 400;

/** The summary as every screen follows it: read again after writes to records, throttled. */
export const followUnsynced = (query: () => Promise<UnsyncedSummary> = unsyncedSummary) => throttledLiveQuery(query, ['records'], UNSYNCED_GAP_MS);

/** Why the last sync failed: a code the UI words, the server's own text if it sent one, and when. */
export interface SyncErrorNote {
  code: string;
  text?: LocalizedText;
  at: string;
}

export interface SyncInfo {
  lastSyncAt: string | null;
  lastSyncError: SyncErrorNote | null;
  /** the plan catalogue version the server reported on the last pull */
  serverCatalogueVersion: string | null;
}

/**
 * The error as stored: the server's text may quote a record, so it is encrypted (`sealedText`).
 * Release 3 kept `text` in the clear, or only a code string; encryptInPlace seals those.
 */
export type StoredSyncError = Omit<SyncErrorNote, 'text'> & { text?: LocalizedText; sealedText?: Encoded };

/** The sync facts as stored, read in one go (a live query may only read the database). */
export interface StoredSyncInfo {
  lastSyncAt: string | undefined;
  lastSyncError: StoredSyncError | string | undefined;
  serverCatalogueVersion: string | undefined;
}

export async function storedSyncInfo(): Promise<StoredSyncInfo> {
  const [lastSyncAt, lastSyncError, serverCatalogueVersion] = await Promise.all([
    getMeta<string>(META.lastSyncAt),
    getMeta<StoredSyncError | string>(META.lastSyncError),
    getMeta<string>(META.serverCatalogueVersion),
  ]);
  return { lastSyncAt, lastSyncError, serverCatalogueVersion };
}

export async function openSyncInfo(stored: StoredSyncInfo): Promise<SyncInfo> {
  const { lastSyncAt, lastSyncError, serverCatalogueVersion } = stored;
  let error: SyncErrorNote | null = null;
  if (typeof lastSyncError === 'string') error = { code: lastSyncError, at: lastSyncAt ?? '' };
  else if (lastSyncError) {
    const { sealedText, text: clearText, ...rest } = lastSyncError;
    const text = sealedText ? ((await getCodec().decode(sealedText)) as LocalizedText) : clearText;
    error = { ...rest, ...(text ? { text } : {}) };
  }
  return { lastSyncAt: lastSyncAt ?? null, lastSyncError: error, serverCatalogueVersion: serverCatalogueVersion ?? null };
}

export async function syncInfo(): Promise<SyncInfo> {
  return openSyncInfo(await storedSyncInfo());
}

/** After a sync attempt: success clears the error and moves the time; a failure keeps its reason. */
export async function noteSyncOutcome(outcome: { ok: true } | { ok: false; error: Omit<SyncErrorNote, 'at'> }): Promise<void> {
  const db = getDb();
  const now = new Date().toISOString();
  let failure: StoredSyncError | null = null;
  if (!outcome.ok) {
    const { text, ...rest } = outcome.error;
    failure = { ...rest, at: now, ...(text ? { sealedText: await getCodec().encode(text) } : {}) };
  }
  await guardWrite(() =>
    db.transaction('rw', db.meta, async () => {
      if (!failure) {
        await db.meta.put({ key: META.lastSyncAt, value: now });
        await db.meta.delete(META.lastSyncError);
      } else {
        await db.meta.put({ key: META.lastSyncError, value: failure });
      }
    }),
  );
}

/** Records the server or a supervisor set aside, for the author to fix: newest change first. */
export async function setAsideRows(): Promise<StoredRecordRow[]> {
  const rows = await getDb().records.where('status').anyOf('rejected', 'conflict', 'returned').toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
