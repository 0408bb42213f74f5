import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from './tests/e2e/support/chromium';

/**
 * End-to-end tests drive the built app in Debian's Chromium (never a downloaded browser), served
 * by the real server (`npm run serve`: API + dist/) on a fresh SQLite database in a temp dir.
 * `npm run test:e2e` builds first. Test accounts are made through the admin API
 * (tests/e2e/support/server.ts) with the first admin below.
 */
// E2E_PORT moves the server (and the update test's own server, on the next port) for parallel runs.
const port = Number(process.env.E2E_PORT ?? 14210);

// Set once, in the runner; the workers it starts inherit these.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'kyiv1325-e2e-'));
process.env.E2E_ADMIN_EMAIL ??= 'admin@example.com';
process.env.E2E_ADMIN_PASSWORD ??= 'e2e-admin-password-1325';
process.env.E2E_BASE_URL_INTERNAL ??= process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // Service workers, IndexedDB and builds on a 2-core machine: one test at a time is the reliable pace.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL_INTERNAL,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: chromiumArgs },
    serviceWorkers: 'allow',
    viewport: { width: 360, height: 780 },
    hasTouch: true,
    locale: 'uk-UA',
    trace: 'retain-on-failure',
    acceptDownloads: true,
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node --import tsx src/server/main.ts',
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: process.env.E2E_DATA_DIR,
          ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
          ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
          STATIC_DIR: process.env.E2E_STATIC_DIR ?? 'dist',
          LOG_LEVEL: 'warn',
        },
        url: `http://127.0.0.1:${port}/healthz`,
        // Always a fresh server on a fresh database: tests count what the server holds.
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
