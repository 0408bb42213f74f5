import { useEffect, useState } from 'react';
import { useLang, useTranslation } from '../../app/i18n';
import { requestPersistence, useStorageState } from '../../data';
import { formatBytes } from '../../ui/format';

/** Whether the browser promised to keep our data, and how much room is used. */
export function StorageStatus() {
  const { t } = useTranslation();
  const lang = useLang();
  const [asked, setAsked] = useState(0);
  const state = useStorageState(asked);
  useEffect(() => {
    void requestPersistence().then(() => setAsked((n) => n + 1));
  }, []);
  if (!state) return null;
  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title">{t('storage.title')}</h2>
      <p data-testid="persisted">
        {state.persisted === null ? t('storage.unknown') : state.persisted ? t('storage.persisted') : t('storage.notPersisted')}
      </p>
      {state.usage !== null && state.quota !== null && (
        <p>{t('storage.estimate', { used: formatBytes(state.usage, lang, t), quota: formatBytes(state.quota, lang, t) })}</p>
      )}
      {state.persisted === false && (
        <button type="button" className="secondary" onClick={() => void requestPersistence().then(() => setAsked((n) => n + 1))}>
          {t('storage.askAgain')}
        </button>
      )}
    </section>
  );
}
