import { useEffect } from 'react';
import { useLocation } from '../app/router';
import { useTranslation } from '../app/i18n';
import { armInstallOffer, declineInstall, promptInstall, useInstallOffer } from './install';

/**
 * "Install the app": shown once a record has been saved (the records screen is told so), with the
 * words for this device: a button for the browser's dialog, or Safari's Share → Add to Home Screen.
 */
export function InstallOffer() {
  const { t } = useTranslation();
  const location = useLocation();
  const saved = Boolean((location.state as { saved?: string } | null)?.saved);
  useEffect(() => {
    if (saved) armInstallOffer();
  }, [saved]);
  const way = useInstallOffer();
  if (!way) return null;
  return (
    <aside className="install-offer" aria-labelledby="install-title" data-testid="install-offer">
      <h2 id="install-title">{t('install.title')}</h2>
      <p>{t('install.why')}</p>
      {way === 'ios' && <p data-testid="install-ios">{t('install.ios')}</p>}
      <div className="buttons">
        {way === 'prompt' && (
          <button type="button" className="primary" onClick={() => void promptInstall()}>
            {t('install.install')}
          </button>
        )}
        <button type="button" className="secondary" onClick={declineInstall}>
          {t('install.notNow')}
        </button>
      </div>
    </aside>
  );
}
