import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/i18n';
import { useOnline } from '../../app/useOnline';
import { useSyncInfo, useUnsynced } from '../../data';
import { timeAgo } from '../../ui/format';

/** Always in the header: connection, what waits for upload and since when, and the last sync. */
export default function SyncStatus() {
  const { t } = useTranslation();
  const lang = useLang();
  const online = useOnline();
  const unsynced = useUnsynced();
  const info = useSyncInfo();
  return (
    <div className="sync-status" role="status" aria-live="polite" aria-label={t('status.label')}>
      <span className={online ? 'pill pill-online' : 'pill pill-offline'} data-testid="connection">
        {online ? t('status.online') : t('status.offline')}
      </span>
      <span data-testid="unsynced">
        {unsynced === undefined
          ? '…'
          : unsynced.count === 0
            ? t('status.allSynced')
            : t('status.unsynced', { count: unsynced.count, ago: unsynced.oldestAt ? timeAgo(unsynced.oldestAt, lang) : '' })}
      </span>
      <span data-testid="last-sync">
        {info?.lastSyncAt ? t('status.lastSync', { ago: timeAgo(info.lastSyncAt, lang) }) : t('status.neverSynced')}
      </span>
    </div>
  );
}
