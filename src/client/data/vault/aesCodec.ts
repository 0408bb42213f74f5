import { plainCodec, type Codec } from '../codec';
import type { Encoded } from '../rows';
import { fromBytes, toBytes } from './serialize';

/**
 * Encryption at rest: every body is AES-GCM (256-bit key, a fresh random 96-bit IV each time)
 * under the device's data key, which exists only in memory while the app is unlocked.
 */
export const AES_CODEC_ID = 'aes-gcm-1';

export interface AesData {
  iv: Uint8Array<ArrayBuffer>;
  ct: ArrayBuffer;
}

export function isEncrypted(stored: Encoded | null | undefined): boolean {
  return stored?.codec === AES_CODEC_ID;
}

export function aesGcmCodec(key: CryptoKey): Codec {
  return {
    id: AES_CODEC_ID,
    async encode(value) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, toBytes(value));
      return { codec: AES_CODEC_ID, data: { iv, ct } satisfies AesData };
    },
    async decode(stored) {
      // Rows written before the update are read until encryptInPlace has rewritten them.
      if (stored.codec === plainCodec.id) return plainCodec.decode(stored);
      if (stored.codec !== AES_CODEC_ID) throw new Error(`No codec "${stored.codec}" on this device`);
      const { iv, ct } = stored.data as AesData;
      return fromBytes(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ct));
    },
  };
}
