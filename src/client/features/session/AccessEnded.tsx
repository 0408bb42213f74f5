// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from '../../app/router';
import type { AuthFailureReason } from '../../../shared/sync/protocol';
import { useText, useTranslation } from '../../app/i18n';
import { errorText, getSession } from '../../data';
import { forgetDevice } from './api';
import { countForHandoff } from '../../data/handoff';
import { wipeDevice } from '../../data/wipe';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { ConfirmErase } from '../../ui/ConfirmErase';
import { loadExportHandoff } from '../handoff';

const ExportHandoff = lazy(loadExportHandoff);

/**
 * The server cut this device (or this login) off. Sync has stopped. The person may first save the
 * records the server does not have to an encrypted hand-off file, then the device's data is
 * erased; erasing without a file needs a second, explicit yes.
 */
export default function AccessEnded({ reason }: { reason: Extract<AuthFailureReason, 'device_revoked' | 'token_revoked'> }) {
  const { t } = useTranslation();
  const text = useText();
  const [count, setCount] = useState<number | null>(null);
  const [exported, setExported] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [wiping, setWiping] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    void countForHandoff().then(setCount);
  }, []);

  async function wipe() {
    setWiping(true);
    try {
      const token = (await getSession())?.token ?? null;
      await wipeDevice();
      // The revoked token still lets the server have the browser delete the site's files (see forgetDevice).
      if (token) await forgetDevice(token);
      // A fresh start: no data in memory either.
      window.location.assign('/setup');
    } catch (error) {
      setFailure(text(errorText(error)));
      setWiping(false);
    }
  }

  const unexported = !exported && (count ?? 0) > 0;
  return (
    <section aria-labelledby="access-title" data-testid="access-ended">
      <h1 id="access-title">{t('access.title')}</h1>
      <Notice tone="error">{t(`access.why.${reason}`)}</Notice>
      <p>{t('access.stopped')}</p>
      {reason === 'token_revoked' && (
        <p>
          <Link className="button secondary" to="/setup">
            {t('access.loginAgain')}
          </Link>
        </p>
      )}
      <section className="card" aria-labelledby="access-export">
        <h2 id="access-export">{t('access.exportTitle')}</h2>
        <p data-testid="access-count">{count === null ? '…' : count === 0 ? t('access.nothingUnsent') : t('access.unsent', { count })}</p>
        {(count ?? 0) > 0 && (
          <Suspense fallback={<Loading />}>
            <ExportHandoff onExported={() => setExported(true)} />
          </Suspense>
        )}
      </section>
      <section className="card" aria-labelledby="access-wipe">
        <h2 id="access-wipe">{t('access.wipeTitle')}</h2>
        <p>{t('access.wipeLead')}</p>
        {failure && <Notice tone="error">{failure}</Notice>}
        {confirming ? (
          <ConfirmErase
            question={unexported ? t('access.confirmUnexported', { count: count ?? 0 }) : t('access.confirm')}
            yes={t('access.wipeYes')}
            busy={wiping}
            onYes={() => void wipe()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('access.wipe')}
          </button>
        )}
      </section>
    </section>
  );
}
