import { expect, test } from '@playwright/test';
import { logIn, recordConsultation, waitForServiceWorker } from './support/app';
import { createTeam, createUser, serverRecords } from './support/server';

/**
 * Background Sync in Chromium: the browser fires `sync` in the service worker (here through the
 * DevTools protocol, as the browser would when the network returns); the worker asks the open
 * app to sync, and the waiting record reaches the server.
 */
test('a Background Sync event makes the app sync', async ({ page, context }) => {
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id]);
  await logIn(page, worker);
  await waitForServiceWorker(page);

  // The server cannot be reached (requests fail) while the record is saved: it waits.
  await context.route('**/api/v1/sync/**', (route) => route.abort('internetdisconnected'));
  await recordConsultation(page, 1);
  await expect(page.getByTestId('sync-error')).toHaveText('Немає звʼязку з сервером.', { timeout: 15_000 });
  await context.unroute('**/api/v1/sync/**');
  // Listen before the event fires; addEventListener alone leaves the message queue closed.
  const heard = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        navigator.serviceWorker.addEventListener('message', (e) => resolve((e.data as { type: string }).type));
        navigator.serviceWorker.startMessages();
      }),
  );

  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => !r.isDeleted && r.scopeURL.startsWith(new URL(page.url()).origin));
      if (found) resolve(found.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  const registrationId = await registration;
  // A busy machine can drop the first dispatch while the worker starts: fire it again until heard.
  let type: string | null = null;
  for (let attempt = 0; attempt < 4 && type === null; attempt++) {
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: new URL(page.url()).origin, registrationId, tag: 'kyiv1325-sync', lastChance: false });
    type = await Promise.race([heard, new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000))]);
  }
  expect(type).toBe('kyiv1325-sync');
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 15_000 });
  expect((await serverRecords(worker)).map((r) => r.authorId)).toEqual([worker.id]);
});
