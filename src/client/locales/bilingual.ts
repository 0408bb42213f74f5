import type { Lang } from '../../shared/messages/lang';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { interpolate, textIn, type KeysOf } from '../app/translate';
import { en } from './handed/en';
import { uk } from './handed/uk';

/** A dotted key of a text handed on in both languages, e.g. "failure.offline". */
export type TextKey = KeysOf<typeof uk>;

/**
 * A text in both languages, for what is stored or handed on before any screen shows it (a
 * record's reason, a failure): the screen then picks the language it is in. Only these texts'
 * English is always loaded (handed/), so the data layer needs neither the app nor its English chunk.
 */
export function bilingual(key: TextKey, values: Record<string, string | number | LocalizedText> = {}): LocalizedText {
  return { uk: inLanguage(key, values, 'uk'), en: inLanguage(key, values, 'en') };
}

/** A value that is itself a text in both languages goes in in the text's language. */
function inLanguage(key: TextKey, values: Record<string, string | number | LocalizedText>, lang: Lang): string {
  const own = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
  const text = textIn(lang === 'en' ? [en] : [uk], lang, key, own) ?? textIn([uk], 'uk', key, own) ?? key;
  return interpolate(text, own);
}
