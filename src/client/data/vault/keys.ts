/**
 * The data key and the key that wraps it. The data key (AES-GCM 256, random) encrypts every body
 * on the device; it is stored only wrapped (AES-GCM) under a key derived from the user's PIN or
 * passcode with PBKDF2-SHA-256. Unwrapped, it is a non-extractable CryptoKey held in memory.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. About half a second on a cheap tablet. */
export const PIN_ITERATIONS = 600_000;

export interface KdfParams {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
}

export interface WrappedKey {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export function newKdfParams(iterations = PIN_ITERATIONS): KdfParams {
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: crypto.getRandomValues(new Uint8Array(16)) };
}

/** The wrapping key from the PIN (NFC-normalised, so the same PIN typed on another keyboard matches). */
export async function wrappingKey(secret: string, kdf: KdfParams): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, salt: kdf.salt, iterations: kdf.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

const DATA_KEY = { name: 'AES-GCM', length: 256 } as const;

/** The wrapped key is bound to its vault: a wrapped key copied from another vault does not open. */
function wrapParams(iv: Uint8Array<ArrayBuffer>, vaultId: string): AesGcmParams {
  return { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(`kyiv1325-vault:${vaultId}`) };
}

/**
 * A new data key, wrapped under `kek`, and the same key unwrapped as non-extractable: the
 * extractable one exists only for the wrapping and is dropped here.
 */
export async function newDataKey(kek: CryptoKey, vaultId: string): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const extractable = await crypto.subtle.generateKey(DATA_KEY, true, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.wrapKey('raw', extractable, kek, wrapParams(iv, vaultId));
  const wrapped = { iv, data };
  const key = await unwrapDataKey(wrapped, kek, vaultId);
  if (!key) throw new Error('A freshly wrapped data key did not unwrap');
  return { key, wrapped };
}

/** Null when the PIN is wrong (the AES-GCM tag does not verify) or the wrapped key was altered. */
export async function unwrapDataKey(wrapped: WrappedKey, kek: CryptoKey, vaultId: string, extractable = false): Promise<CryptoKey | null> {
  try {
    return await crypto.subtle.unwrapKey('raw', wrapped.data, kek, wrapParams(wrapped.iv, vaultId), DATA_KEY, extractable, ['encrypt', 'decrypt']);
  } catch {
    return null;
  }
}

/** The same data key under a new PIN (changing the PIN re-encrypts nothing else). */
export async function rewrapDataKey(wrapped: WrappedKey, oldKek: CryptoKey, newKek: CryptoKey, vaultId: string): Promise<WrappedKey | null> {
  const extractable = await unwrapDataKey(wrapped, oldKek, vaultId, true);
  if (!extractable) return null;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.wrapKey('raw', extractable, newKek, wrapParams(iv, vaultId)) };
}
