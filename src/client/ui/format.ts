import type { TFunction } from '../app/i18n';
import { localeTag, type Lang } from '../../shared/messages/lang';
import { formatRelative } from './relativeTime';

const UNITS: [Parameters<typeof formatRelative>[1], number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago" / "3 години тому". */
export function timeAgo(iso: string, lang: Lang, now: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return formatRelative(Math.round(seconds / size), unit, lang);
  return formatRelative(0, 'minute', lang);
}

export function formatBytes(bytes: number, lang: Lang, t: TFunction): string {
  const units = [t('units.bytes'), t('units.kilobytes'), t('units.megabytes'), t('units.gigabytes')];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${decimal(value, lang)} ${units[unit]}`;
}

/**
 * One decimal under 10, whole above, as toLocaleString would write it, without it: the first
 * number format a page builds loads ICU's number data (35 ms at 4× CPU throttle) before Today.
 */
function decimal(value: number, lang: Lang): string {
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1000) return rounded.toLocaleString(lang); // grouping: thousands of gigabytes, rare
  return lang === 'uk' ? String(rounded).replace('.', ',') : String(rounded);
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(localeTag[lang], { dateStyle: 'medium', timeStyle: 'short' });
}
