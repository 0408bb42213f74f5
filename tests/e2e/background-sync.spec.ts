import { expect, test } from '@playwright/test';
import { fireBackgroundSync, logIn, recordConsultation, waitForServiceWorker } from './support/app';
import { createTeam, createUser, serverRecords } from './support/server';

/** What the app was told by its service worker: each Background Sync relay message, in order. */
declare global {
  interface Window {
    relayed?: string[];
  }
}

/**
 * Background Sync in Chromium: the browser fires `sync` in the service worker (here through the
 * DevTools protocol, as the browser would when the network returns); the worker asks the open
 * app to sync (public/sw-sync.js), the app's sync start listens (features/sync/start.ts), and the
 * waiting record reaches the server.
 *
 * The page's clock is paused before the event until the record is on the server, so no timer (the
 * backoff retry, the debounced "a record changed", the focus gap) can sync in its place: only the
 * relay can. The event is fired once, and the app must have been told exactly once.
 */
test('a Background Sync event makes the app sync, and only it', async ({ page, context }) => {
  await page.addInitScript(() => {
    window.relayed = [];
    navigator.serviceWorker?.addEventListener('message', (e: MessageEvent<{ type?: string }>) => window.relayed!.push(String(e.data?.type)));
  });
  // Fake timers that run at the normal pace until paused below.
  await page.clock.install();
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id]);
  await logIn(page, worker);
  await waitForServiceWorker(page);

  // The server cannot be reached (requests fail, the browser still says online) while the record
  // is saved: the sync fails and waits for the backoff.
  await context.route('**/api/v1/sync/**', (route) => route.abort('internetdisconnected'));
  await recordConsultation(page, 1);
  await expect(page.getByTestId('sync-error')).toHaveText('Немає звʼязку з сервером.', { timeout: 15_000 });
  // From here no page timer fires. A retry due before the pause runs now and fails like the first:
  // taking the sync lock waits for it to end.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  await page.evaluate(() => navigator.locks.request('kyiv1325-sync', () => null));
  await context.unroute('**/api/v1/sync/**');
  let pushes = 0;
  await context.route('**/api/v1/sync/push', (route) => {
    pushes++;
    return route.continue();
  });
  // A failure with the network up asks the browser for no Background Sync: it would fire at once,
  // again after each failure, past the backoff.
  expect(await page.evaluate(() => window.relayed)).toEqual([]);

  await fireBackgroundSync(page, context);

  await expect.poll(async () => (await serverRecords(worker)).map((r) => r.authorId), { timeout: 15_000 }).toEqual([worker.id]);
  // The record reached the server while no page timer could fire: only the relay sent it. The
  // clock runs again before the screen is read, because Dexie delivers a live query's new result
  // through setTimeout(0) whenever other database work is still echoing through its zone (more
  // live queries on Today make that the usual case), and a paused clock would hold it for good.
  await page.clock.resume();
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 15_000 });
  expect(await page.evaluate(() => window.relayed)).toEqual(['kyiv1325-sync']);
  expect(pushes).toBe(1);
});
