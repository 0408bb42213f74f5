import { describe, expect, it } from 'vitest';
import { newDataKey, newKdfParams, PIN_ITERATIONS, rewrapDataKey, unwrapDataKey, wrappingKey } from '../../../../src/client/data/vault/keys';
import { aesGcmCodec } from '../../../../src/client/data/vault/aesCodec';
import { secretProblem } from '../../../../src/client/data/vault/secretRules';

describe('the data key, wrapped under the PIN', () => {
  it('is derived with PBKDF2-SHA-256 at 600 000 iterations and a random salt', () => {
    const a = newKdfParams();
    const b = newKdfParams();
    expect(a).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(a.salt).toHaveLength(16);
    expect(Buffer.from(a.salt).equals(Buffer.from(b.salt))).toBe(false);
  });

  it('opens with the right PIN only, and stays non-extractable in memory', async () => {
    const kdf = newKdfParams();
    const { key, wrapped } = await newDataKey(await wrappingKey('472915', kdf), 'vault-1');
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    expect(wrapped.data.byteLength).toBe(32 + 16);

    const again = await unwrapDataKey(wrapped, await wrappingKey('472915', kdf), 'vault-1');
    expect(again?.extractable).toBe(false);
    const stored = await aesGcmCodec(key).encode({ n: 1 });
    expect(await aesGcmCodec(again!).decode(stored)).toEqual({ n: 1 });

    expect(await unwrapDataKey(wrapped, await wrappingKey('472916', kdf), 'vault-1')).toBeNull();
    // Bound to its vault: the same bytes under another vault id do not open.
    expect(await unwrapDataKey(wrapped, await wrappingKey('472915', kdf), 'vault-2')).toBeNull();
  });

  it('a new PIN re-wraps the same key: what was written before still opens', async () => {
    const oldKdf = newKdfParams(1000);
    const newKdf = newKdfParams(1000);
    const { key, wrapped } = await newDataKey(await wrappingKey('old-pass', oldKdf), 'v');
    const stored = await aesGcmCodec(key).encode('kept');
    const rewrapped = await rewrapDataKey(wrapped, await wrappingKey('old-pass', oldKdf), await wrappingKey('new-pass', newKdf), 'v');
    const opened = await unwrapDataKey(rewrapped!, await wrappingKey('new-pass', newKdf), 'v');
    expect(await aesGcmCodec(opened!).decode(stored)).toBe('kept');
    expect(await unwrapDataKey(rewrapped!, await wrappingKey('old-pass', newKdf), 'v')).toBeNull();
    expect(await rewrapDataKey(wrapped, await wrappingKey('wrong', oldKdf), await wrappingKey('x', newKdf), 'v')).toBeNull();
  });
});

describe('what a PIN or passcode must be', () => {
  it('at least 6 characters, digits only for a PIN, not an obvious one, typed twice alike', () => {
    expect(secretProblem('47291', '47291', 'pin')).toBe('too_short');
    expect(secretProblem('47291a', '47291a', 'pin')).toBe('digits_only');
    for (const weak of ['123456', '654321', '111111', '121212', 'abcdefg']) expect(secretProblem(weak, weak, weak.match(/^\d+$/) ? 'pin' : 'passcode')).toBe('too_simple');
    expect(secretProblem('472915', '472916', 'pin')).toBe('mismatch');
    expect(secretProblem('472915', '472915', 'pin')).toBeNull();
    expect(secretProblem('тиха вода', 'тиха вода', 'passcode')).toBeNull();
    expect(secretProblem('x'.repeat(129), 'x'.repeat(129), 'passcode')).toBe('too_long');
  });
});
