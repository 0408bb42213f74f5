import { Link } from '../../app/router';
import { useLang, useTranslation } from '../../app/i18n';
import { localToday } from '../../catalogue/measures';
import { deviceReviewCount, useDeviceBuckets, useRecentRecords, useSyncInfo } from '../../data';
import { timeAgo } from '../../ui/format';
import { recordTotal, routeFor } from '../records';
import { StorageStatus, useSyncSummary } from '../status';
import { useCurrentSession } from '../../app/sessionContext';
import { recordName } from '../../ui/recordName';

/** Today's own records shown at most: the rest are on the records screen. */
const TODAY_LIST_LIMIT = 50;

function startOfToday(): string {
  return new Date(`${localToday()}T00:00:00`).toISOString();
}

export default function TodayScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useCurrentSession();
  const { summary } = useSyncSummary();
  const info = useSyncInfo();
  const reviewer = session?.source === 'server' && (session.role === 'supervisor' || session.role === 'admin');
  // Counted from an index and only the latest read: a year's records do not slow the first screen.
  const recent = useRecentRecords(session ? session.userId : null, startOfToday(), TODAY_LIST_LIMIT);
  const mine = recent?.records ?? [];

  return (
    <section aria-labelledby="today-title">
      <h1 id="today-title">{t('today.title')}</h1>
      {session && <p className="lead">{t('today.hello', { name: session.displayName, team: session.teamName })}</p>}
      {reviewer && <ReviewWaiting />}
      {summary.returned > 0 && (
        <p className="notice notice-error" data-testid="today-returned">
          {t('status.returnedCount', { count: summary.returned })}. <Link to="/sync">{t('today.fixReturned')}</Link>
        </p>
      )}
      <nav className="quick-actions" aria-label={t('today.quick')}>
        <Link className="button primary" to="/consultations">
          {t('today.newConsultation')}
        </Link>
        <Link className="button primary" to="/events">
          {t('today.newEvent')}
        </Link>
        <Link className="button secondary" to="/indicators">
          {t('today.newIndicator')}
        </Link>
      </nav>
      <section className="card" aria-labelledby="today-sync">
        <h2 id="today-sync">{t('today.syncTitle')}</h2>
        <p data-testid="today-unsynced">
          {summary.headline.kind === 'loading'
            ? '…'
            : summary.waiting > 0
              ? t('status.waiting', { count: summary.waiting, ago: summary.oldestAt ? timeAgo(summary.oldestAt, lang) : '' })
              : summary.headline.kind === 'sending'
                ? t('sync.running')
                : summary.returned + summary.setAside > 0
                  ? t('status.allButFix')
                  : t('status.allSynced')}
        </p>
        <p>{info?.lastSyncAt ? t('status.lastSync', { ago: timeAgo(info.lastSyncAt, lang) }) : t('status.neverSynced')}</p>
      </section>
      <section className="card" aria-labelledby="today-records" data-testid="today-records" aria-busy={recent === undefined}>
        <h2 id="today-records">{t('today.recorded')}</h2>
        {mine.length === 0 ? (
          <p>{t('today.nothingYet')}</p>
        ) : (
          <ul className="plain-list">
            {mine.map(({ row, record }) => (
              <li key={row.id}>
                <Link to={`${routeFor[record.kind]}/${row.id}`}>
                  {recordName(record, t)} · {t('records.measure', { id: record.measureId })}
                  {recordTotal(record) !== null ? ` · ${t('records.total', { count: recordTotal(record) ?? 0 })}` : ''}
                </Link>{' '}
                <span className={`badge badge-${row.deleted ? 'deleted' : row.status}`}>{row.deleted ? t('status.deleted') : t(`status.${row.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
        {recent && recent.count > mine.length && (
          <p>
            {t('today.more', { shown: mine.length, count: recent.count })} <Link to="/records">{t('today.allRecords')}</Link>
          </p>
        )}
      </section>
      <StorageStatus />
    </section>
  );
}

/** A supervisor's first question: how many of the team's records wait for a verdict, and the way there. */
function ReviewWaiting() {
  const { t } = useTranslation();
  const buckets = useDeviceBuckets(true);
  if (buckets === undefined) return null;
  const count = deviceReviewCount(buckets, { teamId: '', status: 'pending', measureId: '', month: '' });
  return (
    <p className="notice notice-info" data-testid="today-review">
      {count === 0 ? t('today.reviewNone') : t('today.reviewWaiting', { count })} <Link to="/review">{t('today.reviewOpen')}</Link>
    </p>
  );
}
