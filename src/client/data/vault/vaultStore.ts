import { uuidv7 } from '../../../shared/records/uuid';
import { getDb } from '../db';
import { guardWrite } from '../errors';
import type { VaultRow } from '../rows';
import { newDataKey, newKdfParams, PIN_ITERATIONS, rewrapDataKey, unwrapDataKey, wrappingKey } from './keys';
import type { SecretKind } from './secretRules';

/**
 * The vault row: the wrapped data key and the wrong-PIN count. Setting the PIN makes it; each
 * unlock counts the try first (so closing the app mid-check does not give a free try), then
 * checks the PIN; that many wrong PINs in a row erase the device (the caller wipes).
 */

export const DEFAULT_MAX_FAILURES = 10;
export const MAX_FAILURE_CHOICES = [5, 10, 20] as const;
const KEY = 'vault';

export class VaultExistsError extends Error {
  constructor() {
    super('A PIN is already set on this device');
    this.name = 'VaultExistsError';
  }
}

export async function readVault(): Promise<VaultRow | null> {
  return (await getDb().vault.get(KEY)) ?? null;
}

export interface NewVaultOptions {
  iterations?: number;
  maxFailures?: number;
}

/** Sets the first PIN: a new data key, wrapped. Refused if another tab set one meanwhile. */
export async function createVault(secret: string, kind: SecretKind, options: NewVaultOptions = {}): Promise<{ key: CryptoKey; vault: VaultRow }> {
  const id = uuidv7();
  const kdf = newKdfParams(options.iterations ?? PIN_ITERATIONS);
  const { key, wrapped } = await newDataKey(await wrappingKey(secret, kdf), id);
  const vault: VaultRow = {
    key: KEY,
    id,
    kdf,
    wrapped,
    secretKind: kind,
    failures: 0,
    maxFailures: options.maxFailures ?? DEFAULT_MAX_FAILURES,
    createdAt: new Date().toISOString(),
  };
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.vault, async () => {
      if (await db.vault.get(KEY)) throw new VaultExistsError();
      await db.vault.add(vault);
    }),
  );
  return { key, vault };
}

export type UnlockOutcome =
  | { ok: true; key: CryptoKey; vault: VaultRow }
  | { ok: false; erase: false; triesLeft: number; maxFailures: number }
  /** that was the last try: the caller erases the device now */
  | { ok: false; erase: true; maxFailures: number };

/** Counts one try, atomically; the vault as it is after counting. */
async function countTry(): Promise<VaultRow> {
  const db = getDb();
  return guardWrite(() =>
    db.transaction('rw', db.vault, async () => {
      const vault = await db.vault.get(KEY);
      if (!vault) throw new Error('No PIN is set on this device');
      const counted = { ...vault, failures: vault.failures + 1 };
      await db.vault.put(counted);
      return counted;
    }),
  );
}

export async function tryUnlock(secret: string): Promise<UnlockOutcome> {
  const counted = await countTry();
  const key = await unwrapDataKey(counted.wrapped, await wrappingKey(secret, counted.kdf), counted.id);
  if (!key) {
    if (counted.failures >= counted.maxFailures) return { ok: false, erase: true, maxFailures: counted.maxFailures };
    return { ok: false, erase: false, triesLeft: counted.maxFailures - counted.failures, maxFailures: counted.maxFailures };
  }
  const db = getDb();
  const vault = await guardWrite(() =>
    db.transaction('rw', db.vault, async () => {
      const current = (await db.vault.get(KEY)) ?? counted;
      const reset = { ...current, failures: 0 };
      await db.vault.put(reset);
      return reset;
    }),
  );
  return { ok: true, key, vault };
}

/** How many wrong PINs in a row erase the device (asked while unlocked). */
export async function setMaxFailures(maxFailures: number): Promise<void> {
  if (!Number.isInteger(maxFailures) || maxFailures < 3 || maxFailures > 100) throw new RangeError('maxFailures must be 3–100');
  const db = getDb();
  await guardWrite(() =>
    db.transaction('rw', db.vault, async () => {
      const vault = await db.vault.get(KEY);
      if (vault) await db.vault.put({ ...vault, maxFailures });
    }),
  );
}

/**
 * A new PIN for the same data key: nothing else is re-encrypted. The current PIN is checked like an
 * unlock: a wrong one counts as a try and comes back as that outcome (`erase`: it was the last).
 */
export async function changeSecret(current: string, next: string, kind: SecretKind): Promise<UnlockOutcome> {
  const checked = await tryUnlock(current);
  if (!checked.ok) return checked;
  const vault = checked.vault;
  const kdf = newKdfParams(vault.kdf.iterations);
  const wrapped = await rewrapDataKey(vault.wrapped, await wrappingKey(current, vault.kdf), await wrappingKey(next, kdf), vault.id);
  if (!wrapped) throw new Error('The data key could not be unwrapped');
  const db = getDb();
  const updated = { ...vault, kdf, wrapped, secretKind: kind, failures: 0 };
  await guardWrite(() => db.vault.put(updated));
  return { ok: true, key: checked.key, vault: updated };
}
