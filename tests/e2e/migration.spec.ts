import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { canaries, RELEASE_3_STORES, release3Rows, type Who } from '../client/data/vault/release3';
import { openScreen, setPin, syncNow } from './support/app';
import { findInProfile } from './support/profileScan';
import { launchProfile } from './support/profile';
import { apiLogin, createTeam, createUser, serverRecords } from './support/server';

/**
 * The update that brought encryption at rest, on a device that ran release 3: its database
 * (schema version 3, written by Dexie exactly as that release did, with records, drafts, an upload
 * in flight with its frozen body, a supervisor's returned record, a pulled team record, the session
 * with a real token and an error text) is encrypted in place when the user sets the PIN, and
 * nothing is lost: the records show, the draft reopens, the token still syncs, the frozen body
 * arrives unchanged.
 */

/** Release 3's database, made in the page with Dexie itself before the new app ever loads. */
async function writeRelease3(page: Page, rows: ReturnType<typeof release3Rows>) {
  await page.goto('/healthz');
  await page.evaluate(readFileSync('node_modules/dexie/dist/dexie.js', 'utf8'));
  await page.evaluate(
    async ({ stores, rows }) => {
      const DexieClass = (window as unknown as { Dexie: new (name: string) => { version(n: number): { stores(s: unknown): void }; open(): Promise<unknown>; table(n: string): { bulkPut(r: unknown[]): Promise<unknown> }; close(): void } }).Dexie;
      const db = new DexieClass('kyiv-1325-field');
      for (const v of stores) db.version(v.version).stores(v.stores);
      await db.open();
      for (const table of ['records', 'outbox', 'drafts', 'serverRecords', 'session', 'meta'] as const) await db.table(table).bulkPut(rows[table]);
      db.close();
    },
    { stores: RELEASE_3_STORES, rows },
  );
}

/** Every stored value of the app's database, searched for the needles as a reader of the raw rows would. */
async function clearTextIn(page: Page, needles: string[]): Promise<string[]> {
  return page.evaluate(async (needles) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('kyiv-1325-field');
      req.onsuccess = () => resolve(req.result);
    });
    const found: string[] = [];
    const utf8 = new TextDecoder('utf-8');
    const utf16 = new TextDecoder('utf-16le');
    const visit = (value: unknown, path: string) => {
      let texts: string[] = [];
      if (typeof value === 'string') texts = [value];
      else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) texts = [utf8.decode(value as ArrayBuffer), utf16.decode(value as ArrayBuffer)];
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
      for (const needle of needles) if (texts.some((t) => t.includes(needle))) found.push(`${path}: ${needle}`);
    };
    for (const name of [...db.objectStoreNames]) {
      const rows = await new Promise<unknown[]>((resolve) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
      });
      rows.forEach((row, i) => visit(row, `${name}[${i}]`));
    }
    db.close();
    return found;
  }, needles);
}

test('a release-3 device is encrypted in place at the first unlock after the update, losing nothing', async () => {
  test.setTimeout(180_000);
  const team = await createTeam();
  const worker = await createUser('field_worker', [team.id], 'Олена Оновлена');
  const deviceId = randomUUID();
  const login = await apiLogin(worker.email, worker.password, deviceId);
  const who: Who = { userId: worker.id, teamId: team.id, teamName: team.name, deviceId, email: worker.email, displayName: worker.displayName, token: login.token };
  const c = canaries();
  const rows = release3Rows(c, who);
  const secrets = [...Object.values(c), login.token];

  const { context, page, dir } = await launchProfile();
  await writeRelease3(page, rows);
  expect((await clearTextIn(page, secrets)).length).toBeGreaterThanOrEqual(secrets.length);

  // The new release opens: it asks for a PIN, says why, and encrypts what is there.
  await page.goto('/');
  await expect(page.getByTestId('pin-setup')).toContainText('На цьому пристрої вже є записи з попередньої версії');
  await setPin(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Сьогодні' })).toBeVisible();
  await expect(page.getByText(`Олена Оновлена, ${team.name}`)).toBeVisible();
  expect(await clearTextIn(page, [...secrets, worker.email, 'Олена Оновлена', team.name])).toEqual([]);

  // Nothing lost: every record, the supervisor's comment, the draft.
  await openScreen(page, 'Мої записи', 'Мої записи');
  const items = page.getByRole('main').getByRole('listitem');
  await expect(items).toHaveCount(4);
  await expect(items.filter({ hasText: c.title })).toHaveCount(1);
  await expect(page.getByText(c.comment).first()).toBeVisible();
  await openScreen(page, 'Заходи', 'Захід / тренінг');
  await expect(page.getByLabel('Назва заходу')).toHaveValue(c.draftTitle);

  // The migrated token still works; the upload that was in flight goes with its frozen body, unchanged.
  await syncNow(page);
  await expect.poll(async () => (await serverRecords(worker)).length, { timeout: 20_000 }).toBe(3);
  const held = await serverRecords(worker);
  expect(held.find((r) => r.id === rows.ids.sending)).toEqual(rows.bodies.sending);
  expect(held.map((r) => r.id).sort()).toEqual([rows.ids.sending, rows.ids.queuedOnline, rows.ids.report].sort());

  await page.getByRole('button', { name: 'Заблокувати' }).click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await context.close();
  // Not asserted, reported: LevelDB keeps the overwritten release-3 rows in its files until it
  // compacts them, which the app cannot force (docs/client-sync.md, "What stays on disk").
  const left = [...new Set(findInProfile(dir, secrets).map((h) => h.file))];
  test.info().annotations.push({ type: 'files still holding release-3 plaintext after the migration', description: left.join(', ') || 'none' });
});
