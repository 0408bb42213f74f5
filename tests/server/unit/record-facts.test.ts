import { describe, expect, it } from 'vitest';
import { latestDateOnEarth, monthsBetween } from '../../../src/server/features/sync/record-facts';
import { cacheControlFor } from '../../../src/server/features/static/routes';

describe('record facts', () => {
  it('lists the months a period covers, across a year end', () => {
    expect(monthsBetween('2023-05-10', '2023-05-10')).toEqual(['2023-05']);
    expect(monthsBetween('2022-11-30', '2023-02-01')).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
    expect(monthsBetween('2023-03-01', '2023-02-01')).toEqual([]);
  });

  it("takes today's date at UTC+14, so no device's local date is in the future", () => {
    expect(latestDateOnEarth(new Date('2023-12-31T09:59:59Z'))).toBe('2023-12-31');
    expect(latestDateOnEarth(new Date('2023-12-31T10:00:00Z'))).toBe('2024-01-01');
  });
});

describe('cache policy of the app files', () => {
  it('keeps hashed assets forever and revalidates everything else', () => {
    expect(cacheControlFor('/srv/dist/assets/index-B4x9Kd2a.js')).toContain('immutable');
    expect(cacheControlFor('/srv/dist/sw.js')).toBe('no-cache');
    expect(cacheControlFor('/srv/dist/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/dist/manifest.webmanifest')).toBe('no-cache');
  });
});
