/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/precompress.ts';
import { roleScreens, withoutRoleScreens } from './scripts/role-screens.ts';
import { startPreload } from './scripts/start-preload.ts';
import { startChunk, startChunkGroup } from './scripts/start-chunk.ts';

/** Tells builds apart in the footer; a new id makes a new precache manifest, i.e. a new app version. */
const buildId = process.env.BUILD_ID ?? new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '');

export default defineConfig({
  define: { __BUILD_ID__: JSON.stringify(buildId) },
  plugins: [
    react(),
    roleScreens(),
    startPreload(),
    startChunk(),
    VitePWA({
      // The app asks before it updates: it must never reload under a form holding unsaved input.
      registerType: 'prompt',
      injectRegister: false,
      // The glob below already takes the icons; the plugin's own copy listed each twice.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Київ 1325 — польові записи / Kyiv 1325 field records',
        short_name: 'Київ 1325',
        description:
          'Облік консультацій, заходів та індикаторів плану «Жінки, мир, безпека» м. Києва, також без мережі. ' +
          "Record consultations, events and indicators of Kyiv's Women, Peace and Security plan, offline too.",
        lang: 'uk',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#5b2a86',
        background_color: '#f7f5fa',
        categories: ['productivity', 'government'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Manifest localisation (proposed member; browsers without it use the bilingual name above).
        translations: {
          en: {
            name: 'Kyiv 1325 field records',
            short_name: 'Kyiv 1325',
            description: "Record consultations, events and indicators of Kyiv's Women, Peace and Security plan, offline too.",
          },
        },
      } as never,
      workbox: {
        // The field shell (icons included by the glob; the plugin adds the web manifest itself);
        // other roles' screens are cached at their login.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json}'],
        manifestTransforms: [withoutRoleScreens],
        // Those screens' files, once cached (src/client/pwa/roleScreens.ts), open from that cache;
        // content-hashed, so a cached copy is always right.
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'kyiv1325-screens' },
          },
        ],
        // The plan catalogue chunk is large; it must still be precached to open offline.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        navigateFallback: '/index.html',
        // Pages the server makes itself (the public progress page) must reach the server, not the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/public\//],
        cleanupOutdatedCaches: true,
        // The first install controls the page at once, so the first visit already works offline.
        // Updates still wait for the user's word (no skipWaiting).
        clientsClaim: true,
        // Background Sync: the worker relays the browser's `sync` event to the open app (public/sw-sync.js).
        importScripts: ['sw-sync.js'],
      },
    }),
    // Last: compresses what every plugin above wrote, the service worker included.
    precompress(),
  ],
  // No preload helper around dynamic imports: it walked every <link> and added one per dependency
  // (140 ms at 4× CPU throttle on the way to Today); chunks come from the service worker's cache,
  // where the browser's own module loader fetching imports level by level costs a few ms.
  build: {
    target: 'es2022',
    sourcemap: true,
    modulePreload: false,
    // The lazy modules between the entry and Today in one chunk (scripts/start-chunk.ts).
    rolldownOptions: { output: { codeSplitting: { groups: [startChunkGroup] } } },
  },
  preview: { port: 14173, strictPort: true },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Server suites share one PostgreSQL database: run files one at a time.
    fileParallelism: false,
  },
});
