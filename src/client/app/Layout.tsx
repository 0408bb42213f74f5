import { Suspense } from 'react';
import { useTranslation } from './i18n';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useLockState } from '../data/vault/lockState';
import { lockNow } from '../features/lock/lockNow';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { Loading } from '../ui/Loading';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { lazyScreen } from './lazyScreen';
import { AdminNavItem, ReviewNavItem, SessionGate, SyncStatus } from './unlockedScreens';

const NAV = [
  { to: '/', key: 'nav.today', end: true },
  { to: '/consultations', key: 'nav.consultations' },
  { to: '/events', key: 'nav.events' },
  { to: '/indicators', key: 'nav.indicators' },
  { to: '/records', key: 'nav.records' },
  { to: '/plan', key: 'nav.plan' },
  { to: '/reports', key: 'nav.reports' },
  { to: '/sync', key: 'nav.sync' },
  { to: '/setup', key: 'nav.setup' },
] as const;

// The device database (Dexie) loads beside the shell, not before it: the header paints at once.
const LockGate = lazyScreen(() => import('../features/lock/LockGate'));
// Every start shows the lock (or the PIN setup) first, and its chunk is modulepreloaded: ask for
// it now, so that the first render has it instead of suspending for it.
void LockGate.preload().catch(() => undefined);

export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const lock = useLockState();
  // Locked (or not yet known, or encrypting an older release's rows): no screen, no data, no sync status.
  const open = lock.status === 'unlocked' && !lock.encrypting;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="header-top">
          <NavLink to="/" className="brand" aria-label={t('app.home')}>
            {t('app.short')}
          </NavLink>
          <div className="header-actions">
            {open && (
              <button type="button" className="lock-button" onClick={() => void lockNow()}>
                {t('lock.lockNow')}
              </button>
            )}
            <LanguageSwitch />
          </div>
        </div>
        {open && (
          <Suspense fallback={<div className="sync-status" aria-hidden="true" />}>
            <SyncStatus />
          </Suspense>
        )}
        {open && (
          <nav aria-label={t('nav.label')}>
            <ul className="nav">
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={'end' in item ? item.end : false}>
                    {t(item.key)}
                  </NavLink>
                </li>
              ))}
              <Suspense fallback={null}>
                <ReviewNavItem />
              </Suspense>
              <Suspense fallback={null}>
                <AdminNavItem />
              </Suspense>
            </ul>
          </nav>
        )}
      </header>
      <UpdatePrompt />
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
      <footer className="app-footer">
        <span>{t('app.footer')}</span> <span data-testid="build-id">{t('app.build', { id: __BUILD_ID__ })}</span>
      </footer>
    </>
  );
}
