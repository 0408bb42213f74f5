import { describe, expect, it } from 'vitest';
import { defaultPushAdmission, retryAfterSeconds } from '../../../src/server/features/sync/admission';

describe('the Retry-After of a push refused while the server is busy', () => {
  it('is a whole number of seconds anywhere in [min, max], ends included', () => {
    const range = { min: 1, max: 4 };
    expect(retryAfterSeconds(range, () => 0)).toBe(1);
    expect(retryAfterSeconds(range, () => 0.9999999)).toBe(4);
    const seen = new Set(Array.from({ length: 400 }, (_, i) => retryAfterSeconds(range, () => i / 400)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
    expect(retryAfterSeconds({ min: 3, max: 3 }, Math.random)).toBe(3);
  });

  it('defaults to fewer pushes in flight on SQLite, whose writes run one after another, than on PostgreSQL', () => {
    expect(defaultPushAdmission('sqlite').maxInFlight).toBe(2);
    expect(defaultPushAdmission('postgresql').maxInFlight).toBe(4);
  });
});
