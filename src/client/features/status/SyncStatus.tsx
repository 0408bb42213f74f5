import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { type TFunction, useLang, useText, useTranslation } from '../../app/i18n';
import { useOnline } from '../../app/useOnline';
import { useSession, useSyncInfo, useUnsynced, type SessionRow } from '../../data';
import { timeAgo, unsyncedText } from '../../ui/format';
import { loadSync, syncErrorKey, useLiveSync, type LiveSync, type SyncModule } from '../sync';
import './sync-status.css';

// The engine loads in its own chunk (loadSync) once the first screen is up and the browser is idle.

const START_DELAY_MS = 2_000;

/** After the first screen had its time, when the browser is idle. */
function soonAfterFirstScreen(fn: () => void): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fn, { timeout: 3_000 });
    else fn();
  }, START_DELAY_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}

/** Starts syncing after the first screen; the module once loaded. */
function useSyncEngine(): SyncModule | null {
  const [engine, setEngine] = useState<SyncModule | null>(null);
  useEffect(
    () =>
      soonAfterFirstScreen(() => {
        void loadSync().then((m) => {
          m.startSync();
          setEngine(m);
        });
      }),
    [],
  );
  return engine;
}

/**
 * Always in the header: connection, what waits for upload and since when, the last good sync,
 * progress while syncing, the last error in words, and "Sync now". Mounting it starts syncing.
 */
export default function SyncStatus() {
  const { t } = useTranslation();
  const lang = useLang();
  const online = useOnline();
  const unsynced = useUnsynced();
  const info = useSyncInfo();
  const session = useSession();
  const live = useLiveSync();
  const [pressed, setPressed] = useState(false);
  const engine = useSyncEngine();
  useEffect(() => {
    if (engine && unsynced) engine.noteUnsynced(unsynced);
  }, [engine, unsynced]);

  const canSync = session?.source === 'server' && !session.refused;
  async function syncNow() {
    setPressed(true);
    try {
      await (await loadSync()).syncNow();
    } finally {
      setPressed(false);
    }
  }

  return (
    <div className="sync-bar">
      <div className="sync-status" role="status" aria-live="polite" aria-label={t('status.label')}>
        <span className={online ? 'pill pill-online' : 'pill pill-offline'} data-testid="connection">
          {online ? t('status.online') : t('status.offline')}
        </span>
        {live.running && <span data-testid="sync-progress">{progressText(live, t)}</span>}
        <span data-testid="unsynced">
          {unsyncedText(unsynced, lang, t)}
        </span>
        <span data-testid="last-sync">
          {info?.lastSyncAt ? t('status.lastSync', { ago: timeAgo(info.lastSyncAt, lang) }) : t('status.neverSynced')}
        </span>
        <SyncProblem session={session} code={info?.lastSyncError?.code ?? null} text={info?.lastSyncError?.text ?? null} />
      </div>
      {canSync && (
        <button type="button" className="sync-now" onClick={() => void syncNow()} disabled={pressed || live.running || !online}>
          {t('sync.now')}
        </button>
      )}
    </div>
  );
}

function progressText(live: LiveSync, t: TFunction): string {
  if (live.phase === 'pull') return t('sync.pulling');
  return live.total > 0 ? t('sync.progress', { done: live.done, total: live.total }) : t('sync.running');
}

/** The one thing to say about why records are not syncing, with the place to fix it. */
function SyncProblem({ session, code, text: serverText }: { session: SessionRow | null | undefined; code: string | null; text: LocalizedText | null }) {
  const { t } = useTranslation();
  const text = useText();
  if (!session) return null;
  if (session.source !== 'server')
    return (
      <Link to="/setup" className="sync-hint" data-testid="sync-error">
        {t('sync.loginToSync')}
      </Link>
    );
  if (session.refused)
    return (
      <Link to="/setup" className="sync-problem" data-testid="sync-error">
        {t(`sync.error.${syncErrorKey(session.refused)}`)}
      </Link>
    );
  if (!code) return null;
  return (
    <Link to="/sync" className="sync-problem" data-testid="sync-error">
      {t(`sync.error.${syncErrorKey(code)}`)}
      {serverText ? ` ${text(serverText)}` : ''}
    </Link>
  );
}
