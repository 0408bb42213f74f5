import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_ADMISSION, retryAfterSeconds } from '../../../src/server/features/sync/admission';

describe('the Retry-After of a push refused while the server is busy', () => {
  it('is a whole number of seconds anywhere in [min, max], ends included', () => {
    const range = { min: 1, max: 4 };
    expect(retryAfterSeconds(range, () => 0)).toBe(1);
    expect(retryAfterSeconds(range, () => 0.9999999)).toBe(4);
    const seen = new Set(Array.from({ length: 400 }, (_, i) => retryAfterSeconds(range, () => i / 400)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
    expect(retryAfterSeconds({ min: 3, max: 3 }, Math.random)).toBe(3);
  });

  it('by default lets two pushes in flight, and asks for 1 to 4 seconds', () => {
    expect(DEFAULT_PUSH_ADMISSION).toEqual({ maxInFlight: 2, retryAfterSeconds: { min: 1, max: 4 } });
  });
});
