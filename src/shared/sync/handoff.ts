import { z } from 'zod';
import type { FieldRecord } from '../records/schemas';

/**
 * The hand-off file: a device's unsynced records, encrypted with a passphrase, carried to a
 * supervisor when there is no network (or before a revoked device wipes itself). The supervisor's
 * app decrypts it and pushes the records through the ordinary, idempotent sync path, so importing
 * the same file twice changes nothing. WebCrypto only: the same code runs in browsers and Node.
 */

export const HANDOFF_FORMAT = 'kyiv1325-handoff';
export const HANDOFF_VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-SHA256: a lost file must resist guessing for a long time. */
export const HANDOFF_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;

const header = z.strictObject({
  format: z.literal(HANDOFF_FORMAT),
  version: z.literal(HANDOFF_VERSION),
  kdf: z.strictObject({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int().min(100_000).max(10_000_000), salt: z.string() }),
  cipher: z.strictObject({ name: z.literal('AES-GCM'), iv: z.string() }),
});
type Header = z.infer<typeof header>;

const handoffFile = header.extend({ payload: z.string() });

export interface HandoffContents {
  deviceId: string;
  exportedAt: string;
  records: FieldRecord[];
}

export class HandoffError extends Error {
  constructor(readonly code: 'not_a_handoff_file' | 'wrong_passphrase_or_damaged' | 'passphrase_too_short') {
    super(code);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** The header is bound to the ciphertext as associated data: changing a field breaks decryption. */
function associatedData(h: Header): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify([h.format, h.version, h.kdf, h.cipher]));
}

export async function sealHandoff(contents: HandoffContents, passphrase: string, iterations = HANDOFF_ITERATIONS): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new HandoffError('passphrase_too_short');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const h: Header = {
    format: HANDOFF_FORMAT,
    version: HANDOFF_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
  };
  const key = await deriveKey(passphrase, salt, iterations);
  const plain = new TextEncoder().encode(JSON.stringify(contents));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(h) }, key, plain);
  return JSON.stringify({ ...h, payload: toBase64(new Uint8Array(sealed)) });
}

export async function openHandoff(file: string, passphrase: string): Promise<HandoffContents> {
  let parsed: z.infer<typeof handoffFile>;
  try {
    parsed = handoffFile.parse(JSON.parse(file));
  } catch {
    throw new HandoffError('not_a_handoff_file');
  }
  try {
    const key = await deriveKey(passphrase, fromBase64(parsed.kdf.salt), parsed.kdf.iterations);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(parsed.cipher.iv), additionalData: associatedData(parsed) },
      key,
      fromBase64(parsed.payload),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as HandoffContents;
  } catch {
    throw new HandoffError('wrong_passphrase_or_damaged');
  }
}
