import { getDb } from '../db';
import { wipeDevice } from '../wipe';
import { encryptInPlace } from './encryptInPlace';
import { announceKey, askForKey } from './lockChannel';
import { getLockState, holdKey, noteChecked, noteEncrypting, noteVaultFound } from './lockState';
import type { SecretKind } from './secretRules';
import { createVault, readVault, tryUnlock, VaultExistsError } from './vaultStore';

/**
 * The lock's moves, for the lock screens: find out whether a PIN is set, set the first one,
 * unlock with it. Each unlock (not a key handed over by another tab) first encrypts whatever an
 * older release left in the clear, and the app waits for that.
 */

/** How long a starting tab waits for an unlocked tab to hand over the key. */
const ASK_OTHER_TABS_MS = 400;

export async function checkLock(): Promise<void> {
  const vault = await readVault();
  if (getLockState().status === 'unlocked') return;
  if (vault) noteVaultFound(vault.id);
  if (vault && (await askForKey(ASK_OTHER_TABS_MS))) return;
  noteChecked(vault ? 'locked' : 'setup', vault?.id ?? null);
}

/** Anything on the device already (from a release before encryption at rest)? */
export async function hasStoredData(): Promise<boolean> {
  const db = getDb();
  const counts = await Promise.all([db.records.count(), db.drafts.count(), db.outbox.count(), db.serverRecords.count(), db.session.count()]);
  return counts.some((n) => n > 0);
}

async function opened(key: CryptoKey, vaultId: string): Promise<void> {
  noteEncrypting({ done: 0, total: 0 });
  holdKey(key, vaultId);
  announceKey();
  try {
    await encryptInPlace((p) => noteEncrypting(p));
  } finally {
    noteEncrypting(null);
  }
}

/** The first PIN. If another tab set one meanwhile, this tab takes the key that tab hands over. */
export async function setUpPin(secret: string, kind: SecretKind): Promise<'done' | 'set-elsewhere'> {
  try {
    const { key, vault } = await createVault(secret, kind);
    await opened(key, vault.id);
    return 'done';
  } catch (error) {
    if (!(error instanceof VaultExistsError)) throw error;
    await checkLock();
    return 'set-elsewhere';
  }
}

export type UnlockResult = { ok: true } | { ok: false; triesLeft: number; maxFailures: number } | { ok: false; erased: true; maxFailures: number };

/** A wrong PIN counts; the last allowed wrong PIN erases the device here and now. */
export async function unlockWithPin(secret: string): Promise<UnlockResult> {
  const outcome = await tryUnlock(secret);
  if (outcome.ok) {
    await opened(outcome.key, outcome.vault.id);
    return { ok: true };
  }
  if (outcome.erase) {
    await wipeDevice();
    return { ok: false, erased: true, maxFailures: outcome.maxFailures };
  }
  return { ok: false, triesLeft: outcome.triesLeft, maxFailures: outcome.maxFailures };
}
