import { useSyncExternalStore } from 'react';
import { lockedCodec, setCodec } from '../codec';
import { aesGcmCodec } from './aesCodec';

/**
 * Whether this tab holds the data key. Memory only: a reload, a new tab with no other tab open,
 * or a restart of the browser starts locked. No database here, so the app shell can ask cheaply.
 *
 * checking: not known yet · setup: no PIN on this device yet · locked: a PIN is set, the key is
 * not in memory · unlocked: the key is in memory and the codec encrypts with it.
 */
export type LockStatus = 'checking' | 'setup' | 'locked' | 'unlocked';

export interface LockState {
  status: LockStatus;
  /** the vault the PIN opens (null before one exists) */
  vaultId: string | null;
  /** unlocked, and rows written before the update are being encrypted: the app waits */
  encrypting: { done: number; total: number } | null;
}

let state: LockState = { status: 'checking', vaultId: null, encrypting: null };
let key: CryptoKey | null = null;
const listeners = new Set<() => void>();

function set(patch: Partial<LockState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function getLockState(): LockState {
  return state;
}

export function subscribeLock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLockState(): LockState {
  return useSyncExternalStore(subscribeLock, getLockState);
}

export function isUnlocked(): boolean {
  return state.status === 'unlocked';
}

/** What the vault check found: no PIN yet, or a PIN (this tab does not hold the key). */
export function noteChecked(status: 'setup' | 'locked', vaultId: string | null): void {
  if (state.status === 'unlocked' && vaultId === state.vaultId) return;
  set({ status, vaultId });
}

/**
 * Still checking, but this device has a PIN (its vault is stored): what the PIN opens can load
 * now, before another tab's key or the lock screen's answer (see whenVaultKnown.ts).
 */
export function noteVaultFound(vaultId: string): void {
  if (state.status === 'checking' && state.vaultId !== vaultId) set({ vaultId });
}

/** The key is in memory: every body from now on is encrypted and decrypted with it. */
export function holdKey(dataKey: CryptoKey, vaultId: string): void {
  key = dataKey;
  setCodec(aesGcmCodec(dataKey));
  set({ status: 'unlocked', vaultId });
}

/** The key for another tab of this app (see lockChannel.ts); none while locking. */
export function sharedKey(): { key: CryptoKey; vaultId: string } | null {
  return state.status === 'unlocked' && key && state.vaultId ? { key, vaultId: state.vaultId } : null;
}

/**
 * Locking, first step: no screen shows data from now on. The key stays a moment longer so that
 * forms can still write their drafts (then `dropKey`).
 */
export function hideData(): void {
  if (state.status === 'unlocked') set({ status: 'locked', encrypting: null });
}

/** The key leaves memory; reading or writing any body fails until the next unlock. */
export function dropKey(): void {
  key = null;
  setCodec(lockedCodec);
  if (state.status === 'unlocked' || state.status === 'locked') set({ status: state.vaultId ? 'locked' : 'setup', encrypting: null });
}

/** The device was erased: no vault any more. */
export function forgetVault(): void {
  key = null;
  setCodec(lockedCodec);
  set({ status: 'setup', vaultId: null, encrypting: null });
}

export function noteEncrypting(progress: { done: number; total: number } | null): void {
  set({ encrypting: progress });
}
