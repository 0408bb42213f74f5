import { Suspense } from 'react';
import { useText, useTranslation } from './i18n';
import { NavLink, Outlet, useLocation } from './router';
import { useLockState } from '../data/vault/lockState';
import { lockNow } from '../features/lock/lockNow';
import { InstallOffer } from '../pwa/InstallOffer';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { Loading } from '../ui/Loading';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { usePlanTitle } from './planTitle';
import { lazyScreen } from './lazyScreen';
import { AppNav, SessionGate, SyncStatus } from './unlockedScreens';

// The device database (Dexie) loads beside the shell, not before it: the header paints at once.
const LockGate = lazyScreen(() => import('../features/lock/LockGate'));
// Every start shows the lock (or the PIN setup) first, and its chunk is modulepreloaded: ask for
// it now, so that the first render has it instead of suspending for it.
void LockGate.preload().catch(() => undefined);

export function Layout() {
  const { t } = useTranslation();
  const text = useText();
  const planTitle = usePlanTitle();
  const location = useLocation();
  const lock = useLockState();
  // Locked (or not yet known, or encrypting an older release's rows): no screen, no data, no sync status.
  const open = lock.status === 'unlocked' && !lock.encrypting;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      {/* One line: home, the sync badge (its panel opens below it), lock; the sections are at the bottom. */}
      <header className={open ? 'app-header' : 'app-header locked'}>
        <div className="header-line">
          <NavLink to="/" className="brand" aria-label={t('app.home')}>
            {t('app.short')}
          </NavLink>
          {open && (
            <Suspense fallback={<div className="sync-root" aria-hidden="true" />}>
              <SyncStatus />
            </Suspense>
          )}
          {open ? (
            <button type="button" className="lock-button" aria-label={t('lock.lockNow')} title={t('lock.lockNow')} onClick={() => void lockNow()}>
              <svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24">
                <path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 5a3 3 0 1 1 6 0v3H9V7Zm3 6a2 2 0 0 1 1 3.73V19h-2v-2.27A2 2 0 0 1 12 13Z" />
              </svg>
            </button>
          ) : (
            <LanguageSwitch />
          )}
        </div>
      </header>
      <UpdatePrompt />
      {open && <InstallOffer />}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading />}>
            {open ? (
              <SessionGate>
                <Outlet />
              </SessionGate>
            ) : (
              <LockGate />
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
      {open && (
        <Suspense fallback={null}>
          <AppNav />
        </Suspense>
      )}
      <footer className={open ? 'app-footer with-bar' : 'app-footer'}>
        <span data-testid="plan-title">{planTitle ? text(planTitle) : t('app.footer')}</span> <span data-testid="build-id">{t('app.build', { id: __BUILD_ID__ })}</span>
      </footer>
    </>
  );
}
