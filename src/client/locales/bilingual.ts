import { createInstance } from 'i18next';
import type { Lang } from '../../shared/messages/lang';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { en } from './handed/en';
import type { HandedMessages } from './types';
import { uk } from './handed/uk';

/** A dotted key of a text handed on in both languages, e.g. "failure.offline". */
export type TextKey<T = HandedMessages, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : TextKey<T[K], `${P}${K}.`>;
}[keyof T & string];

// Its own instance, so the data layer needs no initialised app; the same files, the same interpolation.
const texts = createInstance();
void texts.init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  lng: 'uk',
  initAsync: false,
  interpolation: { escapeValue: false },
});
const inUk = texts.getFixedT('uk');
const inEn = texts.getFixedT('en');

/**
 * A text in both languages, for what is stored or handed on before any screen shows it (a
 * record's reason, a failure): the screen then picks the language it is in. Only these texts
 * (handed/), not the whole English locale, are needed for it.
 */
export function bilingual(key: TextKey, values: Record<string, string | number | LocalizedText> = {}): LocalizedText {
  return { uk: inUk(key, inLanguage(values, 'uk')), en: inEn(key, inLanguage(values, 'en')) };
}

/** A value that is itself a text in both languages goes in in the text's language. */
function inLanguage(values: Record<string, string | number | LocalizedText>, lang: Lang): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
}
