import { describe, expect, it } from 'vitest';
import { formatRelative, type TimeUnit } from '../../../src/client/ui/relativeTime';

const UNITS: TimeUnit[] = ['minute', 'hour', 'day', 'week', 'month', 'year'];

describe('formatRelative', () => {
  for (const lang of ['uk', 'en'] as const) {
    it(`says what Intl.RelativeTimeFormat says in ${lang}, every unit, -400 … 400`, () => {
      const intl = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
      for (const unit of UNITS)
        for (let value = -400; value <= 400; value++) expect(formatRelative(value, unit, lang), `${unit} ${value}`).toBe(intl.format(value, unit));
    });
  }
});

describe('formatBytes', () => {
  it('writes the number as toLocaleString does, in both languages', async () => {
    const { formatBytes } = await import('../../../src/client/ui/format');
    const t = ((key: string) => key.split('.')[1]) as never;
    for (const lang of ['uk', 'en'] as const)
      for (const bytes of [0, 1, 999, 1023, 1024, 1536, 10 * 1024 - 1, 10 * 1024, 5_000_000, 123_456_789, 7.5 * 2 ** 30]) {
        let value = bytes;
        let unit = 0;
        while (value >= 1024 && unit < 3) {
          value /= 1024;
          unit++;
        }
        const expected = value.toLocaleString(lang, { maximumFractionDigits: value < 10 ? 1 : 0 });
        expect(formatBytes(bytes, lang, t), `${bytes} ${lang}`).toBe(`${expected} ${['bytes', 'kilobytes', 'megabytes', 'gigabytes'][unit]}`);
      }
  });
});
