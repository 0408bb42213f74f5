import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../../shared/messages/lang';
import type { LocalizedText } from '../../shared/plan/catalogue-schema';
import { en } from '../locales/en';
import { uk } from '../locales/uk';

const STORAGE_KEY = 'kyiv1325.lang';

function savedLanguage(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'uk';
  } catch {
    return 'uk';
  }
}

export function initI18n(lang: Lang = savedLanguage()): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources: { uk: { translation: uk }, en: { translation: en } },
    lng: lang,
    fallbackLng: 'uk',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18n;
}

/** Switches the language and remembers the choice on this device. */
export function setLanguage(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this visit.
  }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'uk';
}

/** The current language's half of a catalogue or message text. */
export function useText(): (text: LocalizedText | null | undefined) => string {
  const lang = useLang();
  return (text) => (text ? text[lang] : '');
}
