// First: before any schema is built (see strictCsp.ts).
import './app/strictCsp';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import './app/styles.css';
import { requestPersistence } from './data/storage';
import { startPwa } from './pwa/pwa';

const root = createRoot(document.getElementById('root')!);
// A device set to English renders once its texts are in (a chunk, precached): never Ukrainian
// first. In Ukrainian this waits for nothing.
void initI18n().then(() =>
  // As a transition, React renders the first tree in slices that yield to the browser (index.html
  // already shows the header), instead of one long task that blocks input while it runs.
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);
void startPwa();
// The lock (PIN, inactivity, other tabs) loads beside the shell: it needs the device database.
void import('./features/lock/keeper').then((m) => m.startLockKeeper());
// Ask once at start that the browser never evicts the records; the answer shows on Today.
void requestPersistence();
// What the PIN opens (the session gate, Today, the sync status) loads while the lock screen waits,
// once the first screen is up: it is never on the first screen's critical path.
const whenIdle = (run: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 200));
window.addEventListener('load', () =>
  whenIdle(() => {
    void import('./app/SessionGate');
    void import('./features/today/TodayScreen');
    void import('./features/status/SyncStatus');
  }),
);
