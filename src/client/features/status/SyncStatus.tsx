import type { LocalizedText } from '../../../shared/plan/catalogue-schema';
import { localeTag, type Lang } from '../../../shared/messages/lang';
import { useEffect, useState } from 'react';
import { Link } from '../../app/router';
import { usePopover } from '../../ui/usePopover';
import { type TFunction, useLang, useText, useTranslation } from '../../app/i18n';
import { useOnline } from '../../app/useOnline';
import { useSyncInfo, useUnsynced, type SessionRow } from '../../data';
import { timeAgo } from '../../ui/format';
import type { SyncHeadline, SyncSummary } from '../../ui/syncState';
import { loadSync, syncErrorKey, useLiveSync, type SyncModule } from '../sync';
import { useSyncSummary } from './summary';
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

type Tone = 'ok' | 'warn' | 'bad' | 'busy';

function toneOf(h: SyncHeadline): Tone {
  switch (h.kind) {
    case 'synced':
      return 'ok';
    case 'unreachable':
    case 'refused':
      return 'bad';
    case 'sending':
    case 'pulling':
    case 'loading':
      return 'busy';
    default:
      return 'warn';
  }
}

/** The badge's few words: the state, and how many records wait where it matters. */
function badgeText(h: SyncHeadline, s: SyncSummary, t: TFunction): { state: string; waiting: string | null } {
  const waiting = s.waiting > 0 ? t('status.badge.waitingChip', { count: s.waiting }) : null;
  switch (h.kind) {
    case 'loading':
      return { state: t('status.badge.loading'), waiting: null };
    case 'local':
      return { state: t('status.badge.local'), waiting };
    case 'refused':
      return { state: t('status.badge.refused'), waiting };
    case 'offline':
      return { state: t('status.badge.offline'), waiting };
    case 'unreachable':
      return { state: h.code === 'offline' ? t('status.badge.noServer') : t('status.badge.serverError'), waiting };
    case 'sending':
      return { state: h.total > 0 ? t('status.badge.sending', { done: h.done, total: h.total }) : t('status.badge.syncing'), waiting: null };
    case 'pulling':
      return { state: t('status.badge.pulling'), waiting: null };
    case 'waiting':
      return { state: t('status.badge.waiting', { count: s.waiting }), waiting: null };
    case 'synced':
      return { state: t('status.badge.synced'), waiting: null };
  }
}

function clock(at: number, lang: Lang): string {
  return new Date(at).toLocaleTimeString(localeTag[lang], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The sync state in the header as one badge (a button): its colour and few words say where the
 * records stand; it opens the panel with the whole story (network, server, what waits and since
 * when, what was returned, the last good sync, the last error and the next try) and "Sync now".
 * Mounting it starts syncing.
 */
export default function SyncStatus() {
  const { t } = useTranslation();
  const { summary, session } = useSyncSummary();
  const { open, setOpen, root, trigger: badge } = usePopover<HTMLDivElement, HTMLButtonElement>();
  const engine = useSyncEngine();
  const unsynced = useUnsynced();
  useEffect(() => {
    if (engine && unsynced) engine.noteUnsynced(unsynced);
  }, [engine, unsynced]);

  const h = summary.headline;
  const words = badgeText(h, summary, t);
  const spoken = [
    words.state,
    words.waiting,
    summary.returned > 0 ? t('status.badge.returnedChip', { count: summary.returned }) : null,
    summary.setAside > 0 ? t('status.badge.setAsideChip', { count: summary.setAside }) : null,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <div className="sync-root" ref={root}>
      <button
        ref={badge}
        type="button"
        className={`sync-badge tone-${toneOf(h)}`}
        aria-expanded={open}
        aria-controls="sync-panel"
        data-testid="sync-badge"
        data-state={h.kind}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">{t('status.label')}: </span>
        <span className="sync-dot" aria-hidden="true" />
        <span className="sync-word">{words.state}</span>
        {/* Counts as short marks (↑ not sent, ↩ returned), said in words to screen readers. */}
        {words.waiting && (
          <span className="sync-chip">
            <span aria-hidden="true">↑{summary.waiting}</span>
            <span className="visually-hidden"> {words.waiting}</span>
          </span>
        )}
        {summary.returned > 0 && (
          <span className="sync-chip chip-returned">
            <span aria-hidden="true">↩{summary.returned}</span>
            <span className="visually-hidden"> {t('status.badge.returnedChip', { count: summary.returned })}</span>
          </span>
        )}
        {summary.setAside > 0 && (
          <span className="sync-chip chip-returned">
            <span aria-hidden="true">!{summary.setAside}</span>
            <span className="visually-hidden"> {t('status.badge.setAsideChip', { count: summary.setAside })}</span>
          </span>
        )}
      </button>
      {/* Said aloud when it changes; the badge itself is a button, which screen readers do not re-read. */}
      <span className="visually-hidden" role="status" aria-live="polite">
        {h.kind === 'loading' ? '' : spoken}
      </span>
      <div className="sync-panel" id="sync-panel" hidden={!open} role="region" aria-label={t('status.label')}>
        <SyncDetails summary={summary} session={session} />
        <div className="buttons">
          <SyncNowButton session={session} />
          <Link to="/sync" className="button secondary">
            {t('status.details')}
          </Link>
          <button type="button" className="link-button" onClick={() => setOpen(false)}>
            {t('status.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

function SyncNowButton({ session }: { session: SessionRow | null | undefined }) {
  const { t } = useTranslation();
  const live = useLiveSync();
  const online = useOnline();
  const [pressed, setPressed] = useState(false);
  if (session?.source !== 'server' || session.refused) return null;
  async function syncNow() {
    setPressed(true);
    try {
      await (await loadSync()).syncNow();
    } finally {
      setPressed(false);
    }
  }
  return (
    <button type="button" className="primary sync-now" onClick={() => void syncNow()} disabled={pressed || live.running || !online}>
      {t('sync.now')}
    </button>
  );
}

/** The panel's lines: one truthful state, then what waits, what came back, and what went wrong. */
export function SyncDetails({ summary, session }: { summary: SyncSummary; session: SessionRow | null | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const info = useSyncInfo();
  const h = summary.headline;
  const connection =
    !summary.online
      ? t('status.offline')
      : h.kind === 'unreachable'
        ? h.code === 'offline'
          ? t('status.networkNoServer')
          : t('status.networkServerError')
        : t('status.networkUp');
  const ago = summary.oldestAt ? timeAgo(summary.oldestAt, lang) : '';
  const waitingLine =
    summary.waiting > 0
      ? t('status.waiting', { count: summary.waiting, ago })
      : h.kind === 'sending' || h.kind === 'pulling'
        ? t('sync.running')
        : summary.returned + summary.setAside > 0
          ? t('status.allButFix')
          : t('status.allSynced');
  return (
    <div className="sync-details">
      <p className={`sync-line tone-${toneOf(h)}`} data-testid="connection">
        {connection}
      </p>
      {h.kind === 'sending' && (
        <p data-testid="sync-progress">{h.total > 0 ? t('sync.progress', { done: h.done, total: h.total }) : t('sync.running')}</p>
      )}
      {h.kind === 'pulling' && <p data-testid="sync-progress">{t('sync.pulling')}</p>}
      <p data-testid="unsynced">{h.kind === 'loading' ? '…' : waitingLine}</p>
      {summary.returned > 0 && (
        <p data-testid="returned-count">
          {t('status.returnedCount', { count: summary.returned })} · <Link to="/sync">{t('status.fixReturned')}</Link>
        </p>
      )}
      {summary.setAside > 0 && (
        <p data-testid="set-aside-count">
          {t('status.setAside', { count: summary.setAside })} · <Link to="/sync">{t('status.fixReturned')}</Link>
        </p>
      )}
      {summary.drafts > 0 && <p data-testid="drafts-count">{t('status.drafts', { count: summary.drafts })}</p>}
      <p data-testid="last-sync">
        {info?.lastSyncAt ? t('status.lastSync', { ago: timeAgo(info.lastSyncAt, lang) }) : t('status.neverSynced')}
      </p>
      <SyncProblem session={session} code={info?.lastSyncError?.code ?? null} text={info?.lastSyncError?.text ?? null} />
      {h.kind === 'unreachable' && (
        <p data-testid="next-retry">
          {h.at ? t('status.failedAt', { ago: timeAgo(h.at, lang) }) : ''}
          {h.nextRetryAt !== null ? ` ${t('status.nextRetry', { time: clock(h.nextRetryAt, lang) })}` : ''}
        </p>
      )}
    </div>
  );
}

/** The one thing to say about why records are not syncing, with the place to fix it. */
function SyncProblem({ session, code, text: serverText }: { session: SessionRow | null | undefined; code: string | null; text: LocalizedText | null }) {
  const { t } = useTranslation();
  const text = useText();
  if (!session) return null;
  if (session.source !== 'server')
    return (
      <p>
        <Link to="/setup" className="sync-hint" data-testid="sync-error">
          {t('sync.loginToSync')}
        </Link>
      </p>
    );
  if (session.refused)
    return (
      <p>
        <Link to="/setup" className="sync-problem" data-testid="sync-error">
          {t(`sync.error.${syncErrorKey(session.refused)}`)}
        </Link>
      </p>
    );
  if (!code) return null;
  return (
    <p>
      <Link to="/sync" className="sync-problem" data-testid="sync-error">
        {t(`sync.error.${syncErrorKey(code)}`)}
        {serverText ? ` ${text(serverText)}` : ''}
      </Link>
    </p>
  );
}
