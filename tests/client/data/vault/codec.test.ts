import { describe, expect, it } from 'vitest';
import { LockedError, lockedCodec, plainCodec } from '../../../../src/client/data/codec';
import { AES_CODEC_ID, aesGcmCodec, type AesData } from '../../../../src/client/data/vault/aesCodec';
import { fromBytes, toBytes } from '../../../../src/client/data/vault/serialize';
import { event } from '../../support';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
const bytesOf = (data: AesData) => Buffer.from(data.ct);

describe('the encrypting codec (AES-GCM under the data key)', () => {
  it('gives back exactly what it was given, including what JSON alone would change', async () => {
    const codec = aesGcmCodec(await newKey());
    const value = {
      record: event('Тренінг «Безпечний простір» 🕊'),
      gap: undefined,
      list: [1, undefined, NaN, Infinity, -Infinity, null, 'ї'],
      at: new Date('2023-05-02T10:00:00.000Z'),
      nested: { deeper: { n: 0.1 + 0.2 } },
    };
    const back = await codec.decode(await codec.encode(value));
    expect(back).toEqual(value);
    expect(Object.keys(back as object)).toContain('gap');
    expect(fromBytes(toBytes(undefined))).toBeUndefined();
  });

  it('writes no byte of the plaintext, and a new random IV every time', async () => {
    const codec = aesGcmCodec(await newKey());
    const title = 'kanarka-Qz7vB3xW9pLm';
    const first = await codec.encode(event(title));
    const second = await codec.encode(event(title));
    expect(first.codec).toBe(AES_CODEC_ID);
    for (const enc of [first, second]) {
      const bytes = bytesOf(enc.data as AesData);
      expect(bytes.includes(Buffer.from(title, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(title, 'utf16le'))).toBe(false);
      expect(bytes.includes(Buffer.from('Центр', 'utf8'))).toBe(false);
    }
    expect(Buffer.from((first.data as AesData).iv).equals(Buffer.from((second.data as AesData).iv))).toBe(false);
    expect(bytesOf(first.data as AesData).equals(bytesOf(second.data as AesData))).toBe(false);
  });

  it('refuses a changed ciphertext and another key', async () => {
    const key = await newKey();
    const stored = await aesGcmCodec(key).encode({ secret: 'x' });
    const data = stored.data as AesData;
    const flipped = new Uint8Array(data.ct.slice(0));
    flipped[0]! ^= 1;
    await expect(aesGcmCodec(key).decode({ ...stored, data: { iv: data.iv, ct: flipped.buffer } })).rejects.toThrow();
    await expect(aesGcmCodec(await newKey()).decode(stored)).rejects.toThrow();
    await expect(aesGcmCodec(key).decode({ codec: 'rot13', data: 'x' })).rejects.toThrow(/No codec "rot13"/);
  });

  it('still reads what releases before encryption wrote (until encryptInPlace rewrites it)', async () => {
    const legacy = await plainCodec.encode({ title: 'old' });
    expect(await aesGcmCodec(await newKey()).decode(legacy)).toEqual({ title: 'old' });
  });

  it('while locked, nothing can be read or written', async () => {
    await expect(lockedCodec.encode({ a: 1 })).rejects.toBeInstanceOf(LockedError);
    await expect(lockedCodec.decode({ codec: AES_CODEC_ID, data: null })).rejects.toBeInstanceOf(LockedError);
  });
});
