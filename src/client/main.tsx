// First: before any schema is built (see strictCsp.ts).
import './app/strictCsp';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import './app/styles.css';
import { requestPersistence } from './data/storage';
import { startPwa } from './pwa/pwa';
import { preloadUnlockedScreens } from './app/unlockedScreens';
import { whenVaultKnown } from './app/whenVaultKnown';

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
// What the PIN opens (the session gate, Today, the sync status): on a device with a PIN it loads
// as soon as the lock check has found one, beside the lock screen or the key another tab hands
// over, so that the unlocked screen does not wait for a chain of chunks (gate, then Today). On a
// fresh device it waits until the first screen is up: it is never on that screen's critical path.
whenVaultKnown(preloadUnlockedScreens);
