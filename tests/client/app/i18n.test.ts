import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageKey } from '../../../src/client/app/translate';
import { interpolate, textIn } from '../../../src/client/app/translate';

/**
 * How often each English table was taken from its module: they must load only when English is
 * chosen. Counted on read, since the mocked modules themselves are kept across resetModules.
 */
const imported = vi.hoisted(() => ({ en: 0, reportsEn: 0 }));

vi.mock('../../../src/client/locales/en', async (original) => {
  const { en } = await original<typeof import('../../../src/client/locales/en')>();
  return {
    get en() {
      imported.en++;
      return en;
    },
  };
});
vi.mock('../../../src/client/locales/reports/en', async (original) => {
  const { en } = await original<typeof import('../../../src/client/locales/reports/en')>();
  return {
    get en() {
      imported.reportsEn++;
      return en;
    },
  };
});

type I18n = typeof import('../../../src/client/app/i18n');

/** The store is module state: each test starts from a fresh copy, in Ukrainian, nothing loaded. */
async function fresh(): Promise<I18n> {
  vi.resetModules();
  imported.en = 0;
  imported.reportsEn = 0;
  return import('../../../src/client/app/i18n');
}

let i18n: I18n;
beforeEach(async () => {
  i18n = await fresh();
  await i18n.initI18n('uk');
});

describe('t', () => {
  it('resolves a dotted key and puts the values in as they are', () => {
    expect(i18n.t('failure.server', { status: 503 })).toBe('Помилка сервера (503)');
    expect(i18n.t('app.langs.en.name')).toBe('English');
    // No escaping (React escapes what it renders), and a value is never read as a placeholder.
    expect(interpolate('{{a}} {{b}}', { a: '<b> & {{b}}', b: 1 })).toBe('<b> & {{b}} 1');
  });

  it('leaves a placeholder without a value visible, as i18next did', () => {
    expect(interpolate('Сервер ({{status}})', {})).toBe('Сервер ({{status}})');
  });

  it('falls back to Ukrainian for a text English lacks, then to the key itself', async () => {
    await i18n.registerMessages({ onlyUk: { text: 'Лише українською' } }, async () => ({ onlyUk: {} }));
    await i18n.setLanguage('en');
    expect(i18n.t('form.saveReady')).toBe('Save and send');
    expect(i18n.t('onlyUk.text' as MessageKey)).toBe('Лише українською');
    expect(i18n.t('no.such.key' as MessageKey)).toBe('no.such.key');
  });

  it('types its keys: a typo does not compile, a key built from a union does', () => {
    const lang = 'en' as 'uk' | 'en';
    expect(i18n.t(`app.langs.${lang}.short`)).toBe('ENG');
    // @ts-expect-error -- there is no such key; `npm run typecheck` fails if this line ever compiles
    expect(i18n.t('form.noSuchKey')).toBe('form.noSuchKey');
    // A text given only in plural forms is asked for by its base key…
    expect(i18n.t('lock.wrongWarning', { count: 3 })).toContain('ще 3 неправильні спроби');
    // @ts-expect-error -- …and a suffix no form has does not exist
    i18n.t('lock.wrongWarning_ones', { count: 3 });
  });
});

describe('plural forms', () => {
  // i18next's suffixes, CLDR's categories: Ukrainian has four forms, English two.
  const tries = {
    uk: { test: { tries_one: '{{count}} спроба', tries_few: '{{count}} спроби', tries_many: '{{count}} спроб', tries_other: '{{count}} спроби' } },
    en: { test: { tries_one: '{{count}} try', tries_other: '{{count}} tries' } },
  };
  const key = 'test.tries' as MessageKey;
  beforeEach(() => i18n.registerMessages(tries.uk, async () => tries.en));

  it('agree with the number in Ukrainian: 1 спроба, 2 спроби, 5 спроб, 11 спроб, 21 спроба, 22 спроби', () => {
    expect([1, 2, 5, 11, 21, 22].map((count) => i18n.t(key, { count }))).toEqual(['1 спроба', '2 спроби', '5 спроб', '11 спроб', '21 спроба', '22 спроби']);
  });

  it('agree with the number in English: 1 try, 2 tries', async () => {
    await i18n.setLanguage('en');
    expect([1, 2, 21].map((count) => i18n.t(key, { count }))).toEqual(['1 try', '2 tries', '21 tries']);
  });

  it('make the app’s counted texts agree: records, tries, indicators', async () => {
    expect(i18n.t('records.shown', { shown: 1, count: 1 })).toBe('Показано 1 з 1 запису, спершу змінені останніми.');
    expect(i18n.t('records.shown', { shown: 50, count: 52 })).toBe('Показано 50 з 52 записів, спершу змінені останніми.');
    expect(i18n.t('lock.wrongWarning', { count: 21 })).toContain('ще 21 неправильна спроба —');
    // the account screen's texts come with its chunk
    await import('../../../src/client/app/sessionTexts');
    expect(i18n.t('account.logoutLoses', { count: 1 })).toMatch(/^1 запис буде втрачено/);
    expect(i18n.t('account.logoutLoses', { count: 3 })).toMatch(/^3 записи буде втрачено/);
    await import('../../../src/client/features/reports/registerMessages');
    expect(i18n.t('review.lockRefused', { count: 1 })).toContain(': 1 запис ще очікує перевірки або повернутий');
    expect(i18n.t('reports.chartProgressSummary', { count: 5 })).toContain('для 5 індикаторів.');
    await i18n.setLanguage('en');
    expect(i18n.t('lock.wrongWarning', { count: 1 })).toBe('Warning: 1 more wrong try and all the app’s data on this device is erased.');
    expect(i18n.t('review.bulkConfirm', { count: 1 })).toBe('Approve 1 record waiting for review? Its author will receive the verdict.');
    expect(i18n.t('review.bulkConfirm', { count: 2 })).toBe('Approve 2 records waiting for review? Their authors will receive the verdict.');
  });

  it('fall back to _other, then to the plain key; a text without forms takes count as any value', () => {
    const table = { a_one: 'one {{count}}', a_other: 'other {{count}}', b: 'total {{count}}' };
    expect(textIn([table], 'uk', 'a', { count: 5 })).toBe('other {{count}}');
    expect(textIn([table], 'uk', 'a', { count: 21 })).toBe('one {{count}}');
    expect(textIn([table], 'uk', 'b', { count: 5 })).toBe('total {{count}}');
    expect(i18n.t('records.total', { count: 1 })).toBe('разом 1');
  });
});

describe('the language', () => {
  it('loads English only when it is chosen, then tells every subscriber', async () => {
    const heard = vi.fn();
    const stop = i18n.onLanguageChange(heard);
    expect(i18n.t('nav.today')).toBe('Сьогодні');
    expect(imported.en).toBe(0);

    expect(await i18n.setLanguage('en')).toBe(true);
    expect(imported.en).toBe(1);
    expect(i18n.currentLanguage()).toBe('en');
    expect(i18n.t('nav.today')).toBe('Today');
    expect(heard).toHaveBeenCalledTimes(1);

    // Back and forth again: English is loaded once.
    await i18n.setLanguage('uk');
    await i18n.setLanguage('en');
    expect(imported.en).toBe(1);
    expect(heard).toHaveBeenCalledTimes(3);
    stop();
    await i18n.setLanguage('uk');
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it('starts in English with its texts already in, when English was chosen before', async () => {
    i18n = await fresh();
    await i18n.initI18n('en');
    expect(imported.en).toBe(1);
    expect(i18n.t('nav.today')).toBe('Today');
  });

  it('lets the latest choice win when English arrives after the user chose Ukrainian again', async () => {
    const toEnglish = i18n.setLanguage('en');
    await i18n.setLanguage('uk');
    expect(await toEnglish).toBe(false);
    expect(i18n.currentLanguage()).toBe('uk');
    expect(i18n.t('nav.today')).toBe('Сьогодні');
  });

  it('loads a lazy screen’s English with it in English, and not at all in Ukrainian', async () => {
    await import('../../../src/client/features/reports/registerMessages');
    expect(i18n.t('reports.title')).toBe('Звіти');
    expect(imported.reportsEn).toBe(0);
    await i18n.setLanguage('en');
    expect(imported.reportsEn).toBe(1);
    expect(i18n.t('reports.title')).toBe('Reports');
  });

  it('has a lazy screen’s English in once the screen is `ready` (what lazyScreen awaits), on an English device', async () => {
    i18n = await fresh();
    await i18n.initI18n('en');
    const screen = await import('../../../src/client/features/reports/registerMessages');
    await screen.messagesReady;
    expect(imported.reportsEn).toBe(1);
    expect(i18n.t('reports.title')).toBe('Reports');
  });
});

describe('the texts of the screens after Today', () => {
  it('are not there before a screen that shows them loads, and are in both languages after', async () => {
    expect(i18n.t('form.date')).toBe('form.date');
    await import('../../../src/client/app/screenTexts');
    expect(i18n.t('form.date')).toBe('Дата');
    await i18n.setLanguage('en');
    expect(i18n.t('form.date')).toBe('Date');
  });
});
