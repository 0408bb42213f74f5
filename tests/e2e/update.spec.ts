import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { goTo, setPin, unlock, waitForServiceWorker } from './support/app';
import { startStaticServer, type SwitchableServer } from './support/static-server';

/**
 * A deployment of a new version while the app is open: two builds of the same source with
 * different build ids, served in turn at one origin.
 */
const buildsDir = join(process.cwd(), `node_modules/.cache/kyiv1325-e2e-${process.env.E2E_PORT ?? 14210}`);
const versions = { old: join(buildsDir, 'v1'), next: join(buildsDir, 'v2') };

function build(outDir: string, buildId: string): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, BUILD_ID: buildId },
    stdio: 'inherit',
  });
}

let server: SwitchableServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  build(versions.old, 'e2e-v1');
  build(versions.next, 'e2e-v2');
  server = await startStaticServer(Number(process.env.E2E_PORT ?? 14210) + 1, versions.old);
});

test.afterAll(async () => {
  await server?.close();
});

test('a new version waits for the user, and an unsaved draft survives the update', async ({ page }) => {
  await page.goto(`${server.url}/`);
  await setPin(page);
  await page.getByLabel("Ваше ім'я").fill('Ірина');
  await page.getByLabel('Команда (бригада, служба, центр)').fill('Навчальний центр');
  await page.getByRole('button', { name: 'Зберегти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await waitForServiceWorker(page);
  await expect(page.getByTestId('build-id')).toHaveText('версія e2e-v1');

  // Deploy version 2. The open app finds it on its next check (here: a reload) and asks.
  server.serve(versions.next);
  await page.reload();
  await unlock(page);
  const prompt = page.getByRole('alert').filter({ hasText: 'Доступна нова версія застосунку.' });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  // Nothing reloads by itself: still the old version.
  await expect(page.getByTestId('build-id')).toHaveText('версія e2e-v1');

  // Start a form and leave it unsaved.
  await goTo(page, 'Заходи');
  await page.getByLabel('Назва заходу').fill('Незбережений тренінг');
  await page.getByLabel('Організатор').fill('Центр соціальних служб');
  await page.getByRole('spinbutton', { name: /^Жінки, 36–59 років, Не зазначено, Не зазначено$/ }).fill('4');

  await prompt.getByRole('button', { name: 'Оновити' }).click();
  await expect(page.getByTestId('build-id')).toHaveText('версія e2e-v2', { timeout: 30_000 });
  // The new version starts locked; the PIN brings the draft back.
  await unlock(page);
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByLabel('Назва заходу')).toHaveValue('Незбережений тренінг');
  await expect(page.getByLabel('Організатор')).toHaveValue('Центр соціальних служб');
  await expect(page.getByRole('spinbutton', { name: /^Жінки, 36–59 років, Не зазначено, Не зазначено$/ })).toHaveValue('4');
  await expect(page.getByRole('alert').filter({ hasText: 'Доступна нова версія' })).toHaveCount(0);
});
