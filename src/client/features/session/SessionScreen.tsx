// Its texts come with its chunk (app/sessionTexts.ts).
import '../../app/sessionTexts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from '../../app/i18n';
import { useCurrentSession } from '../../app/sessionContext';
import { hasLoggedInBefore } from '../../data';
import { Loading } from '../../ui/Loading';
import { LockSettings } from '../lock';
import { LocalIdentityForm } from './LocalIdentityForm';
import { LoginForm } from './LoginForm';

const AccessEnded = lazy(() => import('./AccessEnded'));
// Only a logged-in user sees it (with logout, wipe and hand-off): not on a fresh device's first load.
const AccountPanel = lazy(() => import('./AccountPanel').then((m) => ({ default: m.AccountPanel })));

/**
 * Who works on this device. Logged in: the account, the team for new records, logout. Not
 * logged in: the login form; and, on a device that never reached the server, "who am I"
 * without an account, so recording can start before the first network.
 */
export default function SessionScreen() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [everLoggedIn, setEverLoggedIn] = useState<boolean | null>(null);
  const [revoked, setRevoked] = useState(false);
  useEffect(() => {
    void hasLoggedInBefore().then(setEverLoggedIn);
  }, [session?.source]);
  if (session === undefined || everLoggedIn === null) return <Loading />;
  if (revoked)
    return (
      <Suspense fallback={<Loading />}>
        <AccessEnded reason="device_revoked" />
      </Suspense>
    );
  if (session?.source === 'server') {
    return (
      <section aria-labelledby="session-title">
        <h1 id="session-title">{t('session.title')}</h1>
        <Suspense fallback={<Loading />}>
          <AccountPanel session={session} />
        </Suspense>
        <LockSettings />
      </section>
    );
  }
  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">{t('session.title')}</h1>
      <p className="lead">{t('login.lead')}</p>
      <div className="card">
        <LoginForm onDeviceRevoked={() => setRevoked(true)} />
      </div>
      {!everLoggedIn && (
        <section className="card" aria-labelledby="local-title">
          <h2 id="local-title">{t('session.localTitle')}</h2>
          <p>{t('session.lead')}</p>
          <LocalIdentityForm
            initial={session ? { displayName: session.displayName, teamName: session.teamName, role: session.role } : null}
            storedAt={session?.updatedAt ?? null}
          />
        </section>
      )}
      <LockSettings />
    </section>
  );
}
