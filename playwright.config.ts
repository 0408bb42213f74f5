import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built app in Debian's Chromium (never a downloaded browser).
 * `npm run test:e2e` builds first; the web server below serves dist/ on a fixed port.
 */
const port = Number(process.env.E2E_PORT ?? 14173);

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Service workers, IndexedDB and builds on a 2-core machine: one test at a time is the reliable pace.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    serviceWorkers: 'allow',
    viewport: { width: 360, height: 780 },
    hasTouch: true,
    locale: 'uk-UA',
    trace: 'retain-on-failure',
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: `node node_modules/vite/bin/vite.js preview --port ${port} --strictPort`,
        url: `http://localhost:${port}`,
        reuseExistingServer: !process.env.CI,
        timeout: 60_000,
      },
});
