import { describe, expect, it } from 'vitest';
import { canonicalJson, portableSha256Hex } from '../../../src/shared/records/hash';
import { nativeSha256Hex } from '../../../src/server/native-hash';
import { createRecord } from '../../../src/shared/records/build';
import { eventContent } from '../helpers/records';

describe("the server's native SHA-256", () => {
  it('gives the same digests as the portable one the devices use, Ukrainian text and emoji included', () => {
    const record = createRecord(eventContent({ title: 'Тренінг «Безпечний простір» — ґудзик, їжак, 🌻' }), { authorId: 'a', deviceId: 'd', teamId: 't' });
    for (const text of ['', 'abc', canonicalJson(record), 'ї'.repeat(10_000)]) expect(nativeSha256Hex(text)).toBe(portableSha256Hex(text));
    expect(nativeSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
