import type { IndicatorSource } from './catalogue-schema';

/**
 * The sources a service log feeds: its persons and its contacts. A service log may be recorded
 * against an indicator of either; it counts for both. (A module of its own, without zod: screens
 * on the first paint's path ask it.)
 */
export function isServiceSource(source: IndicatorSource): boolean {
  return source === 'servicePersons' || source === 'serviceContacts';
}
