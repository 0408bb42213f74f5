// Its texts come with its chunk (app/screenTexts.ts).
import '../../app/screenTexts';
import { lazy, Suspense, useState } from 'react';
import { Link } from '../../app/router';
import { type TFunction, useLang, useText, useTranslation } from '../../app/i18n';
import { useCurrentSession } from '../../app/sessionContext';
import { useOnline } from '../../app/useOnline';
import { useServerRecordsPage, useSetAside, useSyncInfo, useUnsynced, type StoredRecord } from '../../data';
import { formatDateTime, timeAgo } from '../../ui/format';
import { syncSummary } from '../../ui/syncState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { loadExportHandoff } from '../handoff';
import { recordTotal, routeFor } from '../records';
import { useLiveSync, useNextRetry } from './liveState';
import { syncErrorKey } from './words';
import '../../ui/facts.css';
import { recordName } from '../../ui/recordName';

const ExportHandoff = lazy(loadExportHandoff);

/** Sync in detail: where things stand, records set aside with their reasons, hand-off files. */
export default function SyncScreen() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const reviewer = session?.source === 'server' && (session.role === 'supervisor' || session.role === 'admin');
  return (
    <section aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.title')}</h1>
      <StatusCard />
      <SetAsideList />
      <section className="card" aria-labelledby="handoff-title">
        <h2 id="handoff-title">{t('handoff.title')}</h2>
        <p>{t('handoff.lead')}</p>
        <Suspense fallback={<Loading />}>
          <ExportHandoff />
        </Suspense>
        {reviewer && (
          <p>
            <Link className="button secondary" to="/handoff/import">
              {t('handoff.importLink')}
            </Link>
          </p>
        )}
      </section>
      <ServerRecords />
    </section>
  );
}

function StatusCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const text = useText();
  const online = useOnline();
  const session = useCurrentSession();
  const info = useSyncInfo();
  const unsynced = useUnsynced();
  const live = useLiveSync();
  const nextRetryAt = useNextRetry();
  const summary = syncSummary({ online, unsynced, info, session, live, nextRetryAt });
  const h = summary.headline;
  const [busy, setBusy] = useState(false);
  const loggedIn = session?.source === 'server' && !session.refused;

  async function syncNow() {
    setBusy(true);
    try {
      await (await import('./start')).syncNow();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="sync-state">
      <h2 id="sync-state">{t('sync.state')}</h2>
      <dl className="facts sync-facts">
        <dt>{t('sync.connection')}</dt>
        <dd data-testid="sync-connection">
          {!summary.online ? t('status.offline') : h.kind === 'unreachable' ? (h.code === 'offline' ? t('status.networkNoServer') : t('status.networkServerError')) : t('status.networkUp')}
        </dd>
        <dt>{t('sync.lastGood')}</dt>
        <dd data-testid="sync-last-good">{info?.lastSyncAt ? `${formatDateTime(info.lastSyncAt, lang)} (${timeAgo(info.lastSyncAt, lang)})` : t('status.neverSynced')}</dd>
        <dt>{t('sync.waiting')}</dt>
        <dd>
          {unsynced === undefined
            ? '…'
            : summary.waiting > 0
              ? t('status.waiting', { count: summary.waiting, ago: summary.oldestAt ? timeAgo(summary.oldestAt, lang) : '' })
              : live.running
                ? t('sync.running')
                : summary.returned + summary.setAside > 0
                  ? t('status.allButFix')
                  : t('status.allSynced')}
          {summary.returned > 0 && (
            <>
              <br />
              {t('status.returnedCount', { count: summary.returned })}
            </>
          )}
        </dd>
        {info?.lastSyncError && (
          <>
            <dt>{t('sync.lastError')}</dt>
            <dd data-testid="sync-last-error">
              {t(`sync.error.${syncErrorKey(info.lastSyncError.code)}`)}
              {info.lastSyncError.text ? ` ${text(info.lastSyncError.text)}` : ''} ({timeAgo(info.lastSyncError.at, lang)})
            </dd>
          </>
        )}
        {info?.serverCatalogueVersion && (
          <>
            <dt>{t('sync.catalogue')}</dt>
            <dd>{info.serverCatalogueVersion}</dd>
          </>
        )}
      </dl>
      {live.running && (
        <p role="status">
          {live.phase === 'pull' ? t('sync.pulling') : t('sync.progress', { done: live.done, total: live.total })}
        </p>
      )}
      {loggedIn ? (
        <button type="button" className="primary" onClick={() => void syncNow()} disabled={busy || live.running || !online}>
          {t('sync.now')}
        </button>
      ) : (
        <Notice tone="info">
          <Link to="/setup">{session?.refused ? t(`sync.error.${syncErrorKey(session.refused)}`) : t('sync.loginToSync')}</Link>
        </Notice>
      )}
    </section>
  );
}

function recordTitle(stored: StoredRecord, t: TFunction): string {
  return `${recordName(stored.record, t)} · ${stored.record.measureId} · ${stored.row.date}`;
}

function SetAsideList() {
  const { t } = useTranslation();
  const text = useText();
  const records = useSetAside();
  return (
    <section className="card" aria-labelledby="set-aside-title">
      <h2 id="set-aside-title">{t('sync.setAside')}</h2>
      {records === undefined ? (
        <Loading />
      ) : records.length === 0 ? (
        <p data-testid="set-aside-none">{t('sync.setAsideNone')}</p>
      ) : (
        <>
          <p>{t('sync.setAsideLead')}</p>
          <ul className="record-list" data-testid="set-aside">
            {records.map((stored) => (
              <li key={stored.row.id} className="record" data-record-id={stored.row.id}>
                <h3 className="record-title" id={`aside-${stored.row.id}`}>
                  {recordTitle(stored, t)}
                </h3>
                <p className="record-meta">
                  <span className={`badge badge-${stored.row.status}`}>{t(`status.${stored.row.status}`)}</span>
                  {recordTotal(stored.record) !== null && <span>{t('records.total', { count: recordTotal(stored.record) ?? 0 })}</span>}
                </p>
                {stored.row.reason && (
                  <div className="reason">
                    <p>{text(stored.row.reason.message)}</p>
                    {(stored.row.reason.issues?.length ?? 0) > 1 && (
                      <ul>
                        {stored.row.reason.issues!.map((issue, i) => (
                          <li key={i}>
                            {issue.field}: {text(issue.message)}
                          </li>
                        ))}
                      </ul>
                    )}
                    {stored.row.reason.issues?.length === 1 && stored.row.reason.field && <p>{t('sync.field', { field: stored.row.reason.field })}</p>}
                  </div>
                )}
                <Link className="button secondary" to={`${routeFor[stored.record.kind]}/${stored.row.id}`} aria-describedby={`aside-${stored.row.id}`}>
                  {t('sync.fix')}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The latest changed server copies shown: a supervisor's device may hold tens of thousands. */
const SERVER_RECORDS_SHOWN = 50;

function ServerRecords() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const page = useServerRecordsPage(SERVER_RECORDS_SHOWN);
  if (session?.source !== 'server' || !page || page.count === 0) return null;
  return (
    <section className="card" aria-labelledby="server-records-title">
      <h2 id="server-records-title">{t('sync.serverRecords')}</h2>
      <p>{t('sync.serverRecordsLead', { count: page.count })}</p>
      <ul className="plain-list">
        {page.records.map((stored) => (
          <li key={stored.row.id}>
            {recordTitle(stored, t)}
            {stored.row.review && <span className={`badge badge-${stored.row.review.status === 'approved' ? 'sent' : 'returned'}`}> {t(`sync.verdict.${stored.row.review.status}`)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
