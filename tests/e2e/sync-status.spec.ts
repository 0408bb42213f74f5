import { expect, test } from '@playwright/test';
import { deviceState, logIn, openSyncPanel, recordConsultation, syncBadge } from './support/app';
import { seriousViolations } from './support/axe';
import { createTeam, createUser } from './support/server';

/**
 * Issue 12, point 5: one truthful sync status. A network that does not reach the server is not
 * "online and all synced": the badge says the server is out of reach, the panel gives the last
 * error, the last try and the next; a push whose request fails leaves no record "sending".
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'tablet', width: 800, height: 1280 },
] as const;

for (const size of SIZES) {
  test.describe(`at ${size.width}×${size.height} (${size.name})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('server unreachable on a working network: said so with the next try, records waiting, never "all synced"; back to synced once it answers', async ({ page, context }) => {
      const team = await createTeam();
      const worker = await createUser('field_worker', [team.id], 'Олена Польова');
      await logIn(page, worker);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

      // The network is up, but every sync request dies on the way (a captive portal, a dead server).
      // The first push is held a moment first, so the badge can be seen sending.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let first = true;
      await page.route('**/sync/**', async (route) => {
        if (first && route.request().url().endsWith('/sync/push')) {
          first = false;
          await held;
        }
        await route.abort('connectionrefused');
      });
      await recordConsultation(page, 2);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'sending', { timeout: 15_000 });
      await expect(syncBadge(page)).toContainText('Надсилання');
      // On its way: frozen in the outbox; the record itself waits until the server answers.
      const sending = await deviceState(page);
      expect(sending!.records.map((r) => r.status)).toEqual(['ready']);
      expect(sending!.frozen).toBe(1);
      release();

      await expect(syncBadge(page)).toHaveAttribute('data-state', 'unreachable', { timeout: 15_000 });
      await expect(syncBadge(page)).toContainText('Немає сервера');
      await expect(syncBadge(page)).toContainText('1 не надіслано');
      expect(await syncBadge(page).locator('.sync-word').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      // The failed request left nothing "sending": the record waits again.
      const after = await deviceState(page);
      expect(after!.records.map((r) => r.status)).toEqual(['ready']);
      expect(after!.outbox).toBe(1);
      // frozen as sent: the next sync resends exactly that body first
      expect(after!.frozen).toBe(1);

      const panel = await openSyncPanel(page);
      await expect(panel.getByTestId('connection')).toHaveText('Мережа є, але сервер недоступний');
      await expect(panel.getByTestId('unsynced')).toContainText('Чекає надсилання 1 запис');
      await expect(panel.getByTestId('sync-error')).toHaveText('Немає звʼязку з сервером.');
      await expect(panel.getByTestId('next-retry')).toHaveText(/^Остання спроба .+\. Наступна спроба: \d\d:\d\d:\d\d\.$/);
      await expect(panel).not.toContainText('Усі записи синхронізовано');
      await expect(panel).not.toContainText('В мережі');
      await page.screenshot({ path: `test-results/sync-status-${size.name}-unreachable.png` });
      expect(await seriousViolations(page)).toEqual([]);

      // Truly offline: said as such, still waiting.
      await context.setOffline(true);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'offline');
      await expect(syncBadge(page)).toContainText('Офлайн');
      await expect(panel.getByTestId('connection')).toHaveText('Офлайн');
      await expect(panel.getByRole('button', { name: 'Синхронізувати' })).toBeDisabled();
      await page.screenshot({ path: `test-results/sync-status-${size.name}-offline.png` });

      // The server answers again: the record goes, and only now is everything synced.
      await page.unroute('**/sync/**');
      await context.setOffline(false);
      await expect(syncBadge(page)).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
      await expect(panel.getByTestId('unsynced')).toHaveText('Усі записи синхронізовано');
      await expect(panel.getByTestId('connection')).toHaveText('В мережі');
      await expect(panel.getByTestId('sync-error')).toHaveCount(0);
      expect((await deviceState(page))!.records.map((r) => r.status)).toEqual(['sent']);
    });
  });
}
