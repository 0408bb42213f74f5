import type { Lang } from '../../shared/messages/lang';

/**
 * "3 години тому" / "3 hours ago" without Intl.RelativeTimeFormat: the first one a page builds
 * loads ICU's relative-time data, about 35 ms on a cheap tablet (140 ms at 4× CPU throttle), on
 * the way to the first screen. The words are the ones Intl gives with `numeric: 'auto'` (a test
 * holds them equal); the plural category comes from Intl.PluralRules, which costs nothing.
 */
export type TimeUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
type Forms = { one: string; few: string; many: string };
type Words = { units: Record<TimeUnit, Forms>; ago: (n: string) => string; in: (n: string) => string; named: Partial<Record<TimeUnit, Record<number, string>>> };

const UK: Words = {
  units: {
    minute: { one: 'хвилину', few: 'хвилини', many: 'хвилин' },
    hour: { one: 'годину', few: 'години', many: 'годин' },
    day: { one: 'день', few: 'дні', many: 'днів' },
    week: { one: 'тиждень', few: 'тижні', many: 'тижнів' },
    month: { one: 'місяць', few: 'місяці', many: 'місяців' },
    year: { one: 'рік', few: 'роки', many: 'років' },
  },
  ago: (n) => `${n} тому`,
  in: (n) => `через ${n}`,
  named: {
    minute: { 0: 'цієї хвилини' },
    hour: { 0: 'цієї години' },
    day: { [-2]: 'позавчора', [-1]: 'учора', 0: 'сьогодні', 1: 'завтра', 2: 'післязавтра' },
    week: { [-1]: 'минулого тижня', 0: 'цього тижня', 1: 'наступного тижня' },
    month: { [-1]: 'минулого місяця', 0: 'цього місяця', 1: 'наступного місяця' },
    year: { [-1]: 'минулого року', 0: 'цього року', 1: 'наступного року' },
  },
};

const EN: Words = {
  units: Object.fromEntries(
    (['minute', 'hour', 'day', 'week', 'month', 'year'] as const).map((u) => [u, { one: u, few: `${u}s`, many: `${u}s` }]),
  ) as Record<TimeUnit, Forms>,
  ago: (n) => `${n} ago`,
  in: (n) => `in ${n}`,
  named: {
    minute: { 0: 'this minute' },
    hour: { 0: 'this hour' },
    day: { [-1]: 'yesterday', 0: 'today', 1: 'tomorrow' },
    week: { [-1]: 'last week', 0: 'this week', 1: 'next week' },
    month: { [-1]: 'last month', 0: 'this month', 1: 'next month' },
    year: { [-1]: 'last year', 0: 'this year', 1: 'next year' },
  },
};

const plurals: Partial<Record<Lang, Intl.PluralRules>> = {};

function form(forms: Forms, n: number, lang: Lang): string {
  const category = (plurals[lang] ??= new Intl.PluralRules(lang)).select(n);
  return category === 'one' ? forms.one : category === 'few' ? forms.few : forms.many;
}

/** `value` units from now: negative is the past. Whole numbers only, as the callers round. */
export function formatRelative(value: number, unit: TimeUnit, lang: Lang): string {
  const words = lang === 'en' ? EN : UK;
  const named = words.named[unit]?.[value];
  if (named) return named;
  const n = Math.abs(value);
  const phrase = `${n} ${form(words.units[unit], n, lang)}`;
  return value < 0 ? words.ago(phrase) : words.in(phrase);
}
