import { describe, expect, it } from 'vitest';
import { bilingual } from '../../src/client/locales/bilingual';
import { en } from '../../src/client/locales/en';
import { en as handedEn } from '../../src/client/locales/handed/en';
import { uk as handedUk } from '../../src/client/locales/handed/uk';
import { en as reportsEn } from '../../src/client/locales/reports/en';
import { uk as reportsUk } from '../../src/client/locales/reports/uk';
import { uk } from '../../src/client/locales/uk';

/** Every text of a locale file by its dotted key. */
function texts(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object') for (const [k, v] of texts(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe.each([
  ['the first screen', uk, en],
  ['the review and report screens', reportsUk, reportsEn],
  ['the texts handed on in both languages', handedUk, handedEn],
])('locale files of %s', (_name, ukFile, enFile) => {
  const ukTexts = texts(ukFile);
  const enTexts = texts(enFile);

  it('have exactly the same keys in Ukrainian and English', () => {
    expect([...enTexts.keys()].filter((k) => !ukTexts.has(k))).toEqual([]);
    expect([...ukTexts.keys()].filter((k) => !enTexts.has(k))).toEqual([]);
  });

  it('have no empty text and nothing but text', () => {
    for (const [key, value] of [...ukTexts, ...enTexts]) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('name the same {{placeholders}} in both languages', () => {
    for (const [key, value] of ukTexts) expect(placeholders(String(enTexts.get(key) ?? '')), key).toEqual(placeholders(String(value)));
  });
});

describe('the translations', () => {
  it('keep the lazily loaded report texts apart from the first screen’s (one would overwrite the other)', () => {
    const first = new Set(texts(uk).keys());
    expect([...texts(reportsUk).keys()].filter((k) => first.has(k))).toEqual([]);
  });

  it('take the texts handed on in both languages from one place, so the data layer needs no other English', () => {
    for (const section of Object.keys(handedUk) as (keyof typeof handedUk)[]) {
      expect(uk[section], section).toBe(handedUk[section]);
      expect(en[section], section).toBe(handedEn[section]);
    }
  });

});

describe('bilingual', () => {
  it('gives a text in both languages, with its values', () => {
    expect(bilingual('failure.server', { status: 503 })).toEqual({ uk: 'Помилка сервера (503)', en: 'Server error (503)' });
  });

  it('puts a value that is itself in both languages in in each text’s own language', () => {
    const detail = bilingual('answer.detail', { answer: bilingual('answer.pull'), where: 'records.3.teamId' });
    expect(detail).toEqual({ uk: '(отримання змін: records.3.teamId)', en: '(pull: records.3.teamId)' });
  });

  it('puts a value in as it is: a supervisor’s comment is neither escaped nor read as a key or placeholder', () => {
    const comment = 'Перевірте <дату> & $t(app.short) {{comment}}';
    expect(bilingual('reason.review_returned', { comment }).uk).toBe(`Керівник повернув запис на виправлення: ${comment}`);
  });
});
