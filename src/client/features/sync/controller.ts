import { syncOnce, type SyncTransport, type TransportFailure } from '../../../shared/sync/engine';
import { httpTransport } from '../../../shared/sync/http-transport';
import { BadAnswerError, errorText, getDeviceId, getSession, markSessionRefused, noteSyncOutcome, tryLock, unsyncedSummary, withLock } from '../../data';
import { LockedError } from '../../data/codec';
import { isUnlocked } from '../../data/vault/lockState';
import { reauthorLocalRecords } from '../../data/reauthor';
import { deviceSyncStore } from '../../data/syncStore';
import { releaseUnanswered } from '../../data/outbox';
import { setLiveSync } from './liveState';
import { failureKey } from './words';

/**
 * One sync of this device: upload what waits, bring down what changed. One tab at a time (Web
 * Locks); the outcome goes to the device database, so every tab shows it.
 *
 * - ok: done, the last sync time moves
 * - failed: network or server trouble; retry later (the scheduler backs off)
 * - stopped: the server refused the login (expired, revoked): no retry until the user acts
 * - skipped: nothing to do here (the app is locked, no server login, or another tab is syncing)
 * - { failed, retryAfterMs }: failed, and the server said when to come back (503 busy + Retry-After)
 */
export type RunResult = 'ok' | 'failed' | 'stopped' | 'skipped' | ServerSaidWait;

export interface ServerSaidWait {
  failed: true;
  retryAfterMs: number;
}

export interface RunOptions {
  /** wait for another tab's sync to end, then sync (the "Sync now" button); else skip when busy */
  wait?: boolean;
  /** tests: a transport other than HTTP to this origin */
  transport?: (token: string) => SyncTransport;
}

const SYNC_LOCK = 'kyiv1325-sync';

export function runSync(options: RunOptions = {}): Promise<RunResult> {
  const body = () => syncBody(options);
  return options.wait ? withLock(SYNC_LOCK, body) : tryLock(SYNC_LOCK, body, 'skipped' as const);
}

async function syncBody(options: RunOptions): Promise<RunResult> {
  // Locked: the token and the records cannot be read; the unlock asks for a sync (start.ts).
  if (!isUnlocked()) return 'skipped';
  const session = await getSession();
  if (!session || session.source !== 'server' || !session.token) return 'skipped';
  if (session.refused) return 'stopped';
  const token = session.token;
  setLiveSync({ running: true, phase: 'push', done: 0, total: 0 });
  try {
    // Records made before the login (or left over from an interrupted login) become this user's first.
    await reauthorLocalRecords({ authorId: session.userId, teamId: session.teamId });
    const transport = options.transport?.(token) ?? httpTransport({ baseUrl: '', token: () => token });
    const outcome = await syncOnce(deviceSyncStore(session.userId), transport, {
      deviceId: await getDeviceId(),
      onProgress: (p) => setLiveSync({ phase: p.phase, done: p.done, total: p.total }),
    });
    // The server heard from us (a push or pull answered, even with a refusal): say what is still here.
    if (outcome.ok || (outcome.failure.kind !== 'offline' && outcome.failure.kind !== 'unauthorized')) await reportStatus(transport);
    if (outcome.ok) {
      // best effort: without the new plan the device goes on with the one it has
      // (its own chunk: the plan checker is not needed to start the app)
      await import('../../catalogue/follow').then((m) => m.followServerPlans(transport)).catch(() => false);
      await noteSyncOutcome({ ok: true });
      return 'ok';
    }
    await releaseUnanswered();
    return await noteFailure(outcome.failure);
  } catch (error) {
    // Locked in the middle: what was not settled is sent again (frozen) after the unlock.
    if (error instanceof LockedError || !isUnlocked()) return 'skipped';
    // What was on the wire is over: those records wait again (their frozen copies stay).
    await releaseUnanswered().catch(() => undefined);
    // The server answered outside its schema: nothing of that answer was stored; try again later.
    if (error instanceof BadAnswerError) {
      await noteSyncOutcome({ ok: false, error: { code: 'bad_answer', text: error.detail } }).catch(() => undefined);
      return 'failed';
    }
    // The device itself failed (e.g. storage full): say so; nothing stored is lost.
    await noteSyncOutcome({ ok: false, error: { code: 'device', text: errorText(error) } }).catch(() => undefined);
    return 'failed';
  } finally {
    setLiveSync(null);
  }
}

/**
 * Tells the server this app's version and the records it still holds unsynced (what the status
 * bar shows), for the admin's device list. Best effort: a failure here changes nothing of the sync.
 */
async function reportStatus(transport: SyncTransport): Promise<void> {
  if (!transport.reportStatus) return;
  try {
    const unsynced = await unsyncedSummary();
    await transport.reportStatus({ appVersion: __BUILD_ID__, unsyncedCount: unsynced.count, oldestUnsyncedAt: unsynced.oldestAt });
  } catch {
    // offline in between, or the device database closed: the next sync reports again
  }
}

async function noteFailure(failure: TransportFailure): Promise<RunResult> {
  if (failure.kind === 'unauthorized') {
    await markSessionRefused(failure.reason);
    await noteSyncOutcome({ ok: false, error: { code: failure.reason } });
    return 'stopped';
  }
  const text = failure.kind === 'offline' ? undefined : failure.text;
  await noteSyncOutcome({ ok: false, error: { code: failureKey(failure), ...(text ? { text } : {}) } });
  return failure.kind === 'server' && failure.retryAfterMs !== undefined ? { failed: true, retryAfterMs: failure.retryAfterMs } : 'failed';
}
