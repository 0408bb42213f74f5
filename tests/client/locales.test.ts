import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/shared/messages/lang';
import { bilingual } from '../../src/client/locales/bilingual';
import { en } from '../../src/client/locales/en';
import { en as handedEn } from '../../src/client/locales/handed/en';
import { uk as handedUk } from '../../src/client/locales/handed/uk';
import { en as adminEn } from '../../src/client/locales/admin/en';
import { uk as adminUk } from '../../src/client/locales/admin/uk';
import { en as reportsEn } from '../../src/client/locales/reports/en';
import { uk as reportsUk } from '../../src/client/locales/reports/uk';
import { uk } from '../../src/client/locales/uk';
import { uk as screensUk } from '../../src/client/locales/uk-screens';
import { uk as sessionUk } from '../../src/client/locales/uk-session';

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

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A text's key as screens ask for it: plural forms (`x_one`, `x_few`, …) under their base key. */
const baseKey = (key: string) => key.replace(PLURAL, '');

/** Each base key with the plural forms the file gives it (none for a plain text). */
function forms(keys: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const form = PLURAL.exec(key)?.[1];
    const list = out.get(baseKey(key)) ?? [];
    if (form) list.push(form);
    out.set(baseKey(key), list.sort());
  }
  return out;
}

const categories = (lang: Lang) => [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();

describe.each([
  // en.ts has the three Ukrainian files' texts: the first screen's (uk.ts) and those of the screens after it
  ['the first screen and the screens after it', { ...uk, ...screensUk, ...sessionUk }, en],
  ['the review and report screens', reportsUk, reportsEn],
  ['the administration screen', adminUk, adminEn],
  ['the texts handed on in both languages', handedUk, handedEn],
])('locale files of %s', (_name, ukFile, enFile) => {
  const ukTexts = texts(ukFile);
  const enTexts = texts(enFile);

  it('have exactly the same texts in Ukrainian and English', () => {
    const ukKeys = [...forms(ukTexts.keys()).keys()];
    const enKeys = [...forms(enTexts.keys()).keys()];
    expect(enKeys.filter((k) => !ukKeys.includes(k))).toEqual([]);
    expect(ukKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('give a counted text every plural form of its language, and only those (uk: one, few, many, other; en: one, other)', () => {
    for (const [lang, file] of [['uk', ukTexts], ['en', enTexts]] as const) {
      for (const [key, given] of forms(file.keys())) if (given.length > 0) expect(given, `${lang} ${key}`).toEqual(categories(lang));
    }
  });

  it('have no empty text and nothing but text', () => {
    for (const [key, value] of [...ukTexts, ...enTexts]) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('name the same {{placeholders}} in both languages', () => {
    const byBase = (file: Map<string, unknown>) => new Map([...file].map(([k, v]) => [baseKey(k), placeholders(String(v))]));
    const enByBase = byBase(enTexts);
    for (const [key, value] of ukTexts) expect(enByBase.get(baseKey(key)), key).toEqual(placeholders(String(value)));
  });
});

describe('the translations', () => {
  it('keep the lazily loaded report texts apart from the first screen’s (one would overwrite the other)', () => {
    const first = new Set(texts(uk).keys());
    expect([...texts(reportsUk).keys()].filter((k) => first.has(k))).toEqual([]);
    const reports = new Set(texts(reportsUk).keys());
    expect([...texts(adminUk).keys()].filter((k) => first.has(k) || reports.has(k))).toEqual([]);
  });

  it('take the texts handed on in both languages from one place, so the data layer needs no English chunk', () => {
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

describe('the three Ukrainian files of the main texts', () => {
  it('share no section (a key in two would hide one of its texts)', () => {
    const files = [uk, screensUk, sessionUk];
    const shared = files.flatMap((a, i) => files.slice(i + 1).flatMap((b) => Object.keys(a).filter((k) => Object.hasOwn(b, k))));
    expect(shared).toEqual([]);
  });
});
