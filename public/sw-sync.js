/*
 * Background Sync, loaded into the generated service worker (workbox importScripts). When the
 * browser fires a `sync` event (the network came back, perhaps with the app in the background),
 * the open app windows are asked to sync: the sync engine and the device database live there.
 * Browsers without Background Sync never fire it; the app's own triggers cover them.
 */
self.addEventListener('sync', (event) => {
  if (event.tag !== 'kyiv1325-sync') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'kyiv1325-sync' });
    }),
  );
});
