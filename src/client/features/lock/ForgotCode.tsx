import { useState } from 'react';
import { useTranslation } from '../../app/i18n';
import { wipeDevice } from '../../data/wipe';
import { ConfirmErase } from '../../ui/ConfirmErase';

/** A forgotten code cannot be recovered: the only way on is to erase and start afresh. */
export function ForgotCode() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [erasing, setErasing] = useState(false);

  async function erase() {
    setErasing(true);
    await wipeDevice();
    window.location.assign('/');
  }

  return (
    <section className="card" aria-labelledby="forgot-title">
      <h2 id="forgot-title">{t('lock.forgot')}</h2>
      <p>{t('lock.forgotLead')}</p>
      {confirming ? (
        <ConfirmErase
          question={t('lock.forgotConfirm')}
          yes={erasing ? t('lock.erasing') : t('lock.forgotYes')}
          busy={erasing}
          onYes={() => void erase()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('lock.forgotErase')}
        </button>
      )}
    </section>
  );
}
