import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

/**
 * A browser with its own profile folder on disk (the usual test contexts keep theirs in memory
 * or in Playwright's temp space): what a lost device's storage would hold can then be read back
 * after the browser closes. Same Chromium and flags as playwright.config.ts.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchProfile(): Promise<{ context: BrowserContext; page: Page; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kyiv1325-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    baseURL: process.env.E2E_BASE_URL_INTERNAL,
    serviceWorkers: 'allow',
    viewport: { width: 360, height: 780 },
    hasTouch: true,
    locale: 'uk-UA',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, dir };
}
