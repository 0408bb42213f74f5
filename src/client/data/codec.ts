import type { Encoded } from './rows';

/**
 * How bodies are written to the device. While the app is unlocked the active codec encrypts
 * (vault/aesCodec.ts, AES-GCM under the data key); while it is locked, or before a PIN is set,
 * the locked codec refuses to read or write anything, so nothing is ever stored in the clear by
 * accident. Codecs are async and run outside database transactions (WebCrypto would let an
 * IndexedDB transaction commit under it).
 */
export interface Codec {
  id: string;
  encode(value: unknown): Promise<Encoded>;
  decode(stored: Encoded): Promise<unknown>;
}

/** The app is locked: the data key is not in memory. */
export class LockedError extends Error {
  constructor() {
    super('The app is locked');
    this.name = 'LockedError';
  }
}

/**
 * What releases before encryption at rest wrote. Only read now (rows an update has not encrypted
 * yet, see vault/encryptInPlace.ts); tests may still write with it.
 */
export const plainCodec: Codec = {
  id: 'plain',
  encode: async (value) => ({ codec: 'plain', data: structuredClone(value) }),
  decode: async (stored) => {
    if (stored.codec !== 'plain') throw new Error(`No codec "${stored.codec}" on this device`);
    return stored.data;
  },
};

export const lockedCodec: Codec = {
  id: 'locked',
  encode: () => Promise.reject(new LockedError()),
  decode: () => Promise.reject(new LockedError()),
};

let active: Codec = lockedCodec;

export function getCodec(): Codec {
  return active;
}

export function setCodec(codec: Codec): void {
  active = codec;
}
