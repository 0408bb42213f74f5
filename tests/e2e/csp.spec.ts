import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { logIn, openScreen, recordConsultation, recordEvent, unlock, waitForServiceWorker } from './support/app';
import { createTeam, createUser } from './support/server';

/**
 * The app under the server's real Content-Security-Policy, in Chromium: every screen a supervisor
 * uses, a save and a sync, the service worker, the public page. Any violation the browser reports
 * (a `securitypolicyviolation` event in any document, a console message about CSP or the
 * Permissions-Policy) fails the test. At the end a deliberate inline script shows the watch works.
 */

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  url: string;
}

async function watchViolations(context: BrowserContext, page: Page): Promise<{ events: Violation[]; console: string[] }> {
  const seen = { events: [] as Violation[], console: [] as string[] };
  await context.exposeBinding('__reportCspViolation', (_source, v: Violation) => void seen.events.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: unknown) => void }).__reportCspViolation;
      void report({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, url: location.href });
    });
  });
  const policyMessage = /Content Security Policy|Refused to (load|execute|apply|connect|evaluate|frame)|Permissions[- ]Policy|unsafe-eval|unsafe-inline/i;
  context.on('console', (message) => {
    if (policyMessage.test(message.text())) seen.console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.console.push(`pageerror: ${error.message}`));
  return seen;
}

test('the app works under its Content-Security-Policy, with no violation on any screen', async ({ context, page }) => {
  test.setTimeout(180_000);
  const team = await createTeam();
  const supervisor = await createUser('supervisor', [team.id], 'Ірина Керівна');
  const seen = await watchViolations(context, page);

  // The shell carries the strict policy, and the build has nothing inline for it to refuse.
  const shell = await page.goto('/');
  const csp = shell!.headers()['content-security-policy'] ?? '';
  for (const part of ["script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'self'"]) expect(csp).toContain(part);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  const html = await shell!.text();
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  expect(html).not.toMatch(/<style|\sstyle=/);

  await logIn(page, supervisor);
  await waitForServiceWorker(page);
  const sw = await page.request.get('/sw.js');
  expect(sw.headers()['content-security-policy']).toContain("script-src 'self'");

  await recordConsultation(page, 3);
  await recordEvent(page);
  await openScreen(page, 'Синхронізація', 'Синхронізація');
  await page.getByRole('button', { name: 'Синхронізувати' }).first().click();
  await expect(page.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано', { timeout: 20_000 });

  for (const [link, heading] of [
    ['Інші індикатори', 'Інші індикатори'],
    ['Мої записи', 'Мої записи'],
    ['План', /План заходів/],
    ['Перевірка', 'Перевірка записів'],
    ['Звіти', 'Звіти'],
    ['Хто я', 'Хто я'],
    ['Сьогодні', 'Сьогодні'],
  ] as const)
    await openScreen(page, link, heading);
  await openScreen(page, 'Перевірка', 'Перевірка записів');
  await expect(page.getByText('Дані з сервера.')).toBeVisible();
  await openScreen(page, 'Звіти', 'Звіти');
  await page.getByRole('link', { name: 'Річний звіт для друку та завантаження' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Річний звіт про виконання плану' })).toBeVisible();

  // A reload is served by the service worker, under the same policy (and, a cold start, locked).
  await page.reload();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Річний звіт про виконання плану' })).toBeVisible();

  // The public page's inline style is allowed by its hash: it really applies (nothing is
  // published here, so this is the "not yet published" page, from the same renderer and style).
  await page.goto('/public/progress/2023');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.locator('body').evaluate((b) => getComputedStyle(b).lineHeight)).not.toBe('normal');

  expect(seen.events).toEqual([]);
  expect(seen.console).toEqual([]);

  // The watch itself works: an inline script is refused and reported.
  await page.goto('/');
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => seen.events.map((v) => v.directive)).toContain('script-src-elem');
});
