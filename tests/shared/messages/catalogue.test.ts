import { describe, expect, it } from 'vitest';
import * as messages from '../../../src/shared/messages';
import { langs } from '../../../src/shared/messages/lang';
import type { LocalizedText } from '../../../src/shared/plan/catalogue-schema';

/** Every text of the server's and the shared domain's catalogue; a text with values is asked with sample ones. */
function catalogue(): [string, LocalizedText][] {
  const tables = {
    validation: messages.validationMessages,
    rights: messages.rightsMessages,
    server: messages.serverMessages,
    report: messages.reportWords,
    status: messages.statusWords,
    shortfall: messages.shortfallWords,
    publicPage: messages.publicPageWords,
  };
  return Object.entries(tables).flatMap(([table, entries]) =>
    Object.entries(entries).map(([key, entry]): [string, LocalizedText] => [
      `${table}.${key}`,
      typeof entry === 'function' ? (entry as (...args: unknown[]) => LocalizedText)(3, 5) : entry,
    ]),
  );
}

describe('the shared message catalogue', () => {
  it('has every text in Ukrainian and English, none empty', () => {
    for (const [key, text] of catalogue())
      for (const lang of langs) {
        expect(typeof text[lang], `${key}.${lang}`).toBe('string');
        expect(text[lang].trim(), `${key}.${lang}`).not.toBe('');
      }
  });

  it('writes no text twice: a reason shared by two tables is the same entry', () => {
    const seen = new Map<string, { key: string; entry: LocalizedText }>();
    const twice: string[] = [];
    for (const [key, entry] of catalogue()) {
      const first = seen.get(entry.uk);
      if (first && first.entry !== entry) twice.push(`${first.key} = ${key}`);
      else seen.set(entry.uk, { key, entry });
    }
    expect(twice).toEqual([]);
  });
});
