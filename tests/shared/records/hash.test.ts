import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../../src/shared/plan';
import { createRecord, reviseRecord } from '../../../src/shared/records/build';
import { canonicalJson, contentHashOf, sealRecord, sha256Hex } from '../../../src/shared/records/hash';
import type { RecordContent } from '../../../src/shared/records/schemas';
import { validateRecord } from '../../../src/shared/records/validate';

describe('sha256Hex', () => {
  it('matches node:crypto on texts of many lengths, including Cyrillic', () => {
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const text = 'Київ-1325-'.repeat(len).slice(0, len);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('orders keys by UTF-16 code units, integer-like keys too (not in the order objects list them), with no comma for a dropped first key', () => {
    expect(canonicalJson({ a: undefined, '10': 1, '9': 2, É: 1, Z: [null, 'x"'], b: null })).toBe('{"10":1,"9":2,"Z":[null,"x\\""],"b":null,"É":1}');
  });
});

describe('sealRecord', () => {
  const content: RecordContent = {
    kind: 'indicatorReport',
    measureId: '5.1',
    indicatorId: '5.1.i1',
    periodStart: '2023-01-01',
    periodEnd: '2023-06-30',
    value: { type: 'deliverable', done: true, documentRef: 'Наказ № 1' },
  };
  const author = { authorId: 'user-1', deviceId: 'device-1', teamId: 'team-1' };

  it('replaces a stale hash with the hash of every other field', () => {
    const record = createRecord(content, author, new Date('2023-06-01T10:00:00Z'));
    const moved = sealRecord({ ...record, teamId: 'team-2' });
    expect(moved.teamId).toBe('team-2');
    expect(moved.contentHash).not.toBe(record.contentHash);
    expect(moved.contentHash).toBe(contentHashOf({ ...record, teamId: 'team-2' }));
    expect(validateRecord(moved, { catalogue: defaultCatalogue, today: '2023-12-31' }).ok).toBe(true);
  });

  it('is what new records and revisions carry', () => {
    const first = createRecord(content, author, new Date('2023-06-01T10:00:00Z'));
    const second = reviseRecord(first, { deleted: true }, new Date('2023-06-02T10:00:00Z'));
    for (const r of [first, second]) expect(r.contentHash).toBe(contentHashOf(r));
  });
});
