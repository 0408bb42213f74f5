import { useTranslation } from '../app/i18n';
import { acceptUpdate, dismissUpdate, usePwaState } from './pwa';

/** "A new version is available": updates only when the user says so; drafts come back after. */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const state = usePwaState();
  if (state.reloadNeeded) {
    return (
      <div className="update-banner" role="alert">
        <p>{t('update.elsewhere')}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t('update.reload')}
        </button>
      </div>
    );
  }
  if (!state.updateWaiting) return null;
  return (
    <div className="update-banner" role="alert" aria-labelledby="update-text">
      <p id="update-text">
        {t('update.available')} {t('update.draftsKept')}
      </p>
      {state.failed && <p className="error">{t('update.failed')}</p>}
      <div className="buttons">
        <button type="button" className="primary" disabled={state.updating} onClick={() => void acceptUpdate()}>
          {t('update.update')}
        </button>
        <button type="button" className="secondary" disabled={state.updating} onClick={dismissUpdate}>
          {t('update.later')}
        </button>
      </div>
    </div>
  );
}
