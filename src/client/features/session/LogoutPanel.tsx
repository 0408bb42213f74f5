// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { lazy, Suspense, useState } from 'react';
import { useText, useTranslation } from '../../app/i18n';
import { useOnline } from '../../app/useOnline';
import { errorText, useUnsynced, type SessionRow } from '../../data';
import { wipeDevice } from '../../data/wipe';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { loadExportHandoff } from '../handoff';
import { loadSync } from '../sync';
import { forgetDevice } from './api';
import { ConfirmErase } from '../../ui/ConfirmErase';

const ExportHandoff = lazy(loadExportHandoff);

/**
 * Logout erases the device: the session with its token, the records, drafts and everything else
 * (what the server has stays there). Records the server does not have yet are offered first:
 * sync them now, or save them to a hand-off file; leaving without either asks a second time,
 * naming how many are lost.
 */
export function LogoutPanel({ session }: { session: SessionRow }) {
  const { t } = useTranslation();
  const text = useText();
  const online = useOnline();
  const unsynced = useUnsynced();
  const [confirming, setConfirming] = useState(false);
  const [exported, setExported] = useState(false);
  const [losing, setLosing] = useState(false);
  const [busy, setBusy] = useState<'sync' | 'leave' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const waiting = unsynced?.count ?? 0;

  async function leave() {
    setBusy('leave');
    try {
      const token = session.token;
      await wipeDevice();
      // Then the server ends the session and has the browser delete the site's files (see forgetDevice).
      if (token) await forgetDevice(token);
      window.location.assign('/');
    } catch (error) {
      setFailure(text(errorText(error)));
      setBusy(null);
    }
  }

  async function syncFirst() {
    setBusy('sync');
    try {
      await (await loadSync()).syncNow();
    } finally {
      setBusy(null);
    }
  }

  const canSync = online && session.source === 'server' && !session.refused;
  return (
    <section className="card" aria-labelledby="logout-title">
      <h2 id="logout-title">{t('account.logoutTitle')}</h2>
      {failure && <Notice tone="error">{failure}</Notice>}
      {!confirming ? (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('account.logout')}
        </button>
      ) : waiting === 0 || exported ? (
        <ConfirmErase
          question={t('account.logoutConfirm')}
          yes={busy === 'leave' ? t('account.loggingOut') : t('account.logoutYes')}
          busy={busy !== null}
          onYes={() => void leave()}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <>
          <p role="alert" data-testid="logout-unsynced">
            {t('account.logoutUnsynced', { count: waiting })}
          </p>
          {canSync && (
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void syncFirst()}>
              {t('account.logoutSync')}
            </button>
          )}
          <h3>{t('account.logoutExportTitle')}</h3>
          <Suspense fallback={<Loading />}>
            <ExportHandoff onExported={() => setExported(true)} />
          </Suspense>
          {losing ? (
            <ConfirmErase
              question={t('account.logoutLoses', { count: waiting })}
              yes={busy === 'leave' ? t('account.loggingOut') : t('account.logoutYes')}
              busy={busy !== null}
              onYes={() => void leave()}
              onCancel={() => setLosing(false)}
            />
          ) : (
            <div className="buttons">
              <button type="button" className="danger" disabled={busy !== null} onClick={() => setLosing(true)}>
                {t('account.logoutAnyway')}
              </button>
              <button type="button" className="secondary" disabled={busy !== null} onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
