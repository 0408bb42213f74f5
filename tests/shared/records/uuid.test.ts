import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { UUID_V7, uuidv7, uuidv7Generator, uuidv7Time } from '../../../src/shared/records/uuid';

describe('uuidv7', () => {
  it('makes valid v7 ids that carry their time', () => {
    const id = uuidv7(1_700_000_000_123);
    expect(validate(id) && version(id)).toBe(7);
    expect(id).toMatch(UUID_V7);
    expect(uuidv7Time(id)).toBe(1_700_000_000_123);
  });

  it('keeps ids in creation order within one millisecond and when the clock steps back', () => {
    const next = uuidv7Generator();
    const ids = [
      ...Array.from({ length: 5000 }, () => next(1_700_000_000_000)),
      ...Array.from({ length: 100 }, () => next(1_699_999_999_000)), // clock moved back
      next(1_700_000_000_001),
    ];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('moves the timestamp on by one when the counter wraps, so order still holds', () => {
    const state = { msecs: 1_700_000_000_000, seq: -2 }; // two steps before the 32-bit counter wraps
    const next = uuidv7Generator(state);
    const ids = [next(1_700_000_000_000), next(1_700_000_000_000), next(1_700_000_000_000)];
    expect(state).toEqual({ msecs: 1_700_000_000_001, seq: 1 });
    expect(ids.map(uuidv7Time)).toEqual([1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_001]);
    expect(ids[1]! > ids[0]! && ids[2]! > ids[1]!).toBe(true);
  });
});
