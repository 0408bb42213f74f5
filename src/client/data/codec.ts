import type { Encoded } from './rows';

/**
 * How bodies are written to the device. Today they are stored as they are; a codec that
 * encrypts (e.g. AES-GCM with a key from the user's passphrase) replaces this one without
 * touching any caller. Codecs are async and run outside database transactions.
 */
export interface Codec {
  id: string;
  encode(value: unknown): Promise<Encoded>;
  decode(stored: Encoded): Promise<unknown>;
}

export const plainCodec: Codec = {
  id: 'plain',
  encode: async (value) => ({ codec: 'plain', data: structuredClone(value) }),
  decode: async (stored) => {
    if (stored.codec !== 'plain') throw new Error(`No codec "${stored.codec}" on this device`);
    return stored.data;
  },
};

let active: Codec = plainCodec;

export function getCodec(): Codec {
  return active;
}

export function setCodec(codec: Codec): void {
  active = codec;
}
