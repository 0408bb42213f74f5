import { expect, type Locator, type Page } from '@playwright/test';

/** A file for the upload form: a path, or `{ name, mimeType, buffer }`. */
export type PlanFile = Parameters<Locator['setInputFiles']>[0];

/**
 * Administration → Plans, the upload form (the tab already open): picks `file`, sends it, and
 * waits for the server's answer and for the form to have shown it (its button no longer busy).
 * `accepted`: the plan was stored, or that same revision was already there; `problems`: the list
 * a refused plan shows.
 */
export async function uploadPlanFile(page: Page, file: PlanFile): Promise<{ accepted: boolean; problems: Locator }> {
  const form = page.getByRole('main').getByRole('form', { name: 'Завантажити план або нову редакцію' });
  await form.getByLabel('Файл плану (XLSX або JSON)').setInputFiles(file);
  const send = form.getByRole('button', { name: 'Перевірити й завантажити' });
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/plans'));
  await send.click();
  const response = await answer;
  await expect(send).toBeEnabled();
  return { accepted: response.ok(), problems: form.getByTestId('plan-problems') };
}
