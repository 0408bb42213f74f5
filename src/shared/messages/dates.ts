import { localeTag, type Lang } from './lang';

/**
 * A day (YYYY-MM-DD) written out in a language: "1 грудня 2026 р.", "1 December 2026". The date is
 * taken at noon UTC and formatted in UTC, so it is the same day on every machine.
 */
export function formatDay(day: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(localeTag[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Sentences joined into one text, each ending with one full stop: a sentence that already ends
 * with one (a Ukrainian date's "р.") gets no second.
 */
export function sentences(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (/[.!?…]$/.test(p) ? p : `${p}.`))
    .join(' ');
}
